"""One rule selection, and the repo's rule configuration honoured by validate, doctor and knowledge check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import write_tree

from skilldex.errors import UsageError
from skilldex.ruleconfig import find_config
from skilldex.rules.catalogue import all_rules
from skilldex.rules.doctor import CODES as DOCTOR_CODES
from skilldex.rules.selection import Choice, option_choice, patterns, select
from skilldex.validate.run import validate_paths

UNIVERSE = [r.code for r in all_rules()]
HINT = "---\nname: hint\ndescription: Use when testing hints.\nuser-invokable: true\n---\n# Hint\n"
BROKEN = "---\nname: broken\ndescription: Use when: testing\n---\n# Broken\n"  # SKD012 (error)


def skilldex(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skilldex", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path / "r",
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".claude/skills/hint/SKILL.md": HINT,
            "legacy/skills/old/SKILL.md": HINT.replace("name: hint", "name: old"),
            "legacy/skills/broken/SKILL.md": BROKEN,
            "knowledge/prod-db.md": "---\ntitle: Prod DB\ntags: [database]\napplies-when: [x]\n---\n# Prod DB\n",
        },
    )


def codes_at(report) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in report.findings]


# -- the selection function ------------------------------------------------------------------------


def test_patterns_take_codes_prefixes_commas_and_all():
    assert patterns(["SKD2,skd501", " SKD3 "], "--select", UNIVERSE) == ("SKD2", "SKD501", "SKD3")
    assert patterns(["ALL"], "--select", UNIVERSE) == ("SKD",)
    with pytest.raises(UsageError, match=r"^--ignore SKD999: no rule code starts with it; `skilldex rules` lists"):
        patterns(["SKD999"], "--ignore", UNIVERSE)
    with pytest.raises(UsageError, match=r"^--select SKD2: no doctor rule code .*`skilldex rules SKD6` lists them"):
        patterns(["SKD2"], "--select", DOCTOR_CODES, family="doctor")


def test_layers_apply_in_order_select_replaces_ignore_removes():
    universe = ["SKD201", "SKD202", "SKD301", "SKD302", "SKD501"]
    default = ["SKD201", "SKD301"]
    assert select(universe, default, []).codes == {"SKD201", "SKD301"}
    config = Choice(select=("SKD2", "SKD3"), ignore=("SKD202",))
    assert select(universe, default, [config]).codes == {"SKD201", "SKD301", "SKD302"}
    assert select(universe, default, [config, Choice(ignore=("SKD3",))]).codes == {"SKD201"}
    assert select(universe, default, [config, Choice(select=("SKD5",))]).codes == {"SKD501"}  # the options win
    assert select(universe, default, [None, option_choice(["ALL"], ["SKD30"], universe)]).codes == {
        "SKD201",
        "SKD202",
        "SKD501",
    }


@pytest.mark.parametrize(
    "glob, path, matched",
    [
        ("legacy/", "legacy/skills/old/SKILL.md", True),
        ("legacy/**", "legacy/skills/old/SKILL.md", True),
        ("legacy/*", "legacy/skills/old/SKILL.md", False),  # * stays within one folder
        ("legacy/**/SKILL.md", "legacy/skills/old/SKILL.md", True),
        ("**/old/SKILL.md", "legacy/skills/old/SKILL.md", True),
        ("SKILL.md", "legacy/skills/old/SKILL.md", True),  # no slash: the file name, anywhere
        ("*.md", ".claude/commands/x.md", True),
        ("./.claude/commands/*.md", ".claude/commands/x.md", True),
        ("legacy/", "src/legacy/SKILL.md", False),  # relative to the config's folder
        ("skills/old/SKILL.md", "legacy/skills/old/SKILL.md", False),
    ],
)
def test_per_path_globs(tmp_path, glob, path, matched):
    chosen = select(UNIVERSE, ["SKD303"], [Choice(per_path=((glob, ("SKD3",)),), base=tmp_path)])
    assert chosen.keeps("SKD303", tmp_path / path) is not matched
    assert chosen.keeps("SKD303", tmp_path.parent / "elsewhere" / path)  # outside the config's folder
    assert chosen.keeps("SKD303")  # a finding without a path


# -- the configuration files -----------------------------------------------------------------------


def test_pyproject_section(repo):
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.skilldex]\nselect = ["SKD3", "SKD0"]\nignore = "SKD012"\n'
        'per-file-ignores = { "legacy/" = ["SKD303"], "*.md" = [] }\n',
        encoding="utf-8",
    )
    config = find_config(repo / "legacy")
    assert (config.select, config.ignore, config.base) == (("SKD3", "SKD0"), ("SKD012",), repo)
    assert config.per_path == (("legacy/", ("SKD303",)), ("*.md", ()))


def test_skilldex_yaml_section_comes_first_and_keeps_its_repos(repo):
    (repo / "pyproject.toml").write_text('[tool.skilldex]\nignore = ["SKD2"]\n', encoding="utf-8")
    (repo / "skilldex.yaml").write_text("repos:\n  me: .\nrules:\n  ignore: [SKD3]\n", encoding="utf-8")
    assert find_config(repo).ignore == ("SKD3",)
    flat = repo / "flat"
    write_tree(flat, {".git/HEAD": "x\n", "skilldex.yaml": "me: ..\nrules:\n  ignore: [SKD5]\n"})
    assert find_config(flat).ignore == ("SKD5",)
    listed = skilldex("repos", "--json", cwd=flat)
    assert [r["name"] for r in json.loads(listed.stdout)["repos"]] == ["me"]


def test_the_search_stops_at_the_repo_root(tmp_path, repo):
    (tmp_path / "pyproject.toml").write_text('[tool.skilldex]\nignore = ["SKD3"]\n', encoding="utf-8")
    assert find_config(repo) is None
    (repo / ".git/HEAD").unlink()
    (repo / ".git").rmdir()
    assert find_config(repo).ignore == ("SKD3",)


def test_a_pyproject_without_the_section_or_broken_elsewhere_is_no_configuration(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "skilldex-user"\n', encoding="utf-8")
    assert find_config(repo) is None
    (repo / "pyproject.toml").write_text('[project\nname = "skilldex-user"\n', encoding="utf-8")
    assert find_config(repo) is None  # someone else's broken file: the scan reports it (SKD0xx)


@pytest.mark.parametrize(
    "text, message",
    [
        ('[tool.skilldex]\nignore = ["SKD999"]\n', "pyproject.toml [tool.skilldex] ignore SKD999: no rule code starts"),
        (
            '[tool.skilldex]\nselect = ["ALL"]\nignor = ["SKD3"]\n',
            "pyproject.toml [tool.skilldex]: unknown key 'ignor'; the keys are select, ignore, per-file-ignores",
        ),
        ("[tool.skilldex]\nignore = 3\n", "pyproject.toml [tool.skilldex] ignore: expected a list of rule codes"),
        (
            '[tool.skilldex]\nper-file-ignores = ["legacy/"]\n',
            "pyproject.toml [tool.skilldex] per-file-ignores: expected a table of glob = [codes]",
        ),
        (
            '[tool.skilldex]\nper-file-ignores = { "legacy/" = ["SKD39"] }\n',
            "pyproject.toml [tool.skilldex] per-file-ignores 'legacy/' SKD39: no rule code starts with it",
        ),
        ("[tool.skilldex\nignore = []\n", "pyproject.toml: invalid TOML ("),
    ],
)
def test_bad_configuration_is_one_error_line_for_every_command(repo, text, message):
    (repo / "pyproject.toml").write_text(text, encoding="utf-8")
    for args in (["validate", "."], ["doctor", ".", "--no-git"], ["knowledge", "check", "."]):
        result = skilldex(*args, cwd=repo)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith(f"Error: {repo}/{message}") and result.stderr.count("\n") == 1
        assert result.stdout == ""


# -- honoured by validate, doctor and knowledge check ------------------------------------------------


def test_validate_honours_select_ignore_and_per_path_ignores(repo):
    everything = validate_paths([str(repo)], cwd=str(repo))
    assert codes_at(everything) == [
        (".claude/skills/hint/SKILL.md", "SKD303"),
        ("legacy/skills/broken/SKILL.md", "SKD012"),
        ("legacy/skills/old/SKILL.md", "SKD303"),
    ]
    (repo / "pyproject.toml").write_text(
        '[tool.skilldex]\nper-file-ignores = { "legacy/" = ["SKD303"], "**/broken/SKILL.md" = ["ALL"] }\n',
        encoding="utf-8",
    )
    assert codes_at(validate_paths([str(repo)], cwd=str(repo))) == [(".claude/skills/hint/SKILL.md", "SKD303")]
    assert codes_at(validate_paths([str(repo)], cwd=str(repo), config=False)) == codes_at(everything)
    # the options come after the configuration: --select replaces its set, its per-path ignores still hold
    chosen = validate_paths([str(repo)], cwd=str(repo), select=["SKD214"], profile="agentskills")
    assert codes_at(chosen) == [(".claude/skills/hint/SKILL.md", "SKD214"), ("legacy/skills/old/SKILL.md", "SKD214")]
    (repo / "pyproject.toml").write_text('[tool.skilldex]\nignore = ["SKD3"]\n', encoding="utf-8")
    result = skilldex("validate", ".", "--format", "json", cwd=repo)
    assert result.returncode == 1  # SKD012 is still an error
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["SKD012"]


def test_doctor_honours_the_configuration(tmp_path):
    root = write_tree(
        tmp_path / "d",
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            "docs/ops.md": "# Ops\n\nRun `tools/missing-tool` to rotate keys.\n",
            "docs/old/ops.md": "# Old ops\n\nRun `tools/gone` to deploy.\n",
        },
    )
    before = json.loads(skilldex("doctor", ".", "--no-git", "--json", cwd=root).stdout)
    assert [(f["path"], f["code"]) for f in before["findings"]] == [
        ("docs/old/ops.md", "SKD602"),
        ("docs/ops.md", "SKD602"),
    ]
    (root / "skilldex.yaml").write_text('rules:\n  per-file-ignores:\n    "docs/old/": [SKD60]\n', encoding="utf-8")
    after = skilldex("doctor", ".", "--no-git", "--json", cwd=root)
    assert [(f["path"], f["code"]) for f in json.loads(after.stdout)["findings"]] == [("docs/ops.md", "SKD602")]
    (root / "skilldex.yaml").write_text("rules:\n  ignore: [SKD602]\n", encoding="utf-8")
    quiet = skilldex("doctor", ".", "--no-git", cwd=root)
    assert (quiet.returncode, quiet.stdout.splitlines()[-1]) == (0, "Checked 2 files: all valid, no findings.")


def test_knowledge_check_honours_the_configuration_and_takes_all(tmp_path):
    root = write_tree(
        tmp_path / "k",
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            "knowledge/broken.md": "---\ntitle: Prod DB\ntags: database\napplies-when: [x]\n---\n# Prod DB\n",
        },
    )
    before = json.loads(skilldex("knowledge", "check", ".", "--json", cwd=root).stdout)
    assert "SKD703" in {f["code"] for f in before["findings"]}
    (root / "pyproject.toml").write_text('[tool.skilldex]\nignore = ["SKD703"]\n', encoding="utf-8")
    after = json.loads(skilldex("knowledge", "check", ".", "--json", cwd=root).stdout)
    assert {f["code"] for f in after["findings"]} == {f["code"] for f in before["findings"]} - {"SKD703"}
    everything = skilldex("knowledge", "check", ".", "--select", "ALL", "--ignore", "SKD7", cwd=root)
    assert (everything.returncode, everything.stdout) == (0, "Checked 1 file: all valid, no findings.\n")
