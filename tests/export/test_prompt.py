"""`skilldex export prompt`: the same bytes as `skills-ref to-prompt` on the same skills, minus invalid skills."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, PROJECT, write_tree

from skilldex.export.prompt import available_skills
from skilldex.scan import scan_repo

try:
    from skills_ref.prompt import to_prompt
except ImportError as exc:  # a declared test dependency: a missing install must fail the run, not skip it
    if sys.version_info < (3, 11):  # the test extra only installs skills-ref on Python >= 3.11
        pytest.skip("skills-ref needs Python 3.11+", allow_module_level=True)
    raise ImportError("skills-ref is a declared test dependency: pip install -e '.[test]'") from exc

CASES = FIXTURES / "spec-cases"
WORKSPACE = PROJECT / "skilldex.yaml"
_STRICTYAML = "skills-ref parses with strictyaml, which rejects valid YAML: "
_SPLIT = "skills-ref finds the frontmatter with content.split('---', 2), not on `---` lines: "
_NULL = "strictyaml has no null: skills-ref prints the text 'null'; skilldex leaves a null value out as missing."

# Cases where the two differ on purpose, each for a reason. Every other case must give the same bytes
# (or both refuse the skill), and every case listed here must really differ (the list cannot go stale).
KNOWN_DIFFERENCES: dict[str, str] = {
    "allowed-tools-flow-list": _STRICTYAML + "a flow sequence `[Read, Grep]`.",
    "parse-json-frontmatter": _STRICTYAML + "flow mappings (JSON).",
    "parse-anchors-aliases": _STRICTYAML + "anchors and aliases.",
    "parse-yaml-tag": _STRICTYAML + "explicit tags such as `!!str`.",
    "parse-duplicate-keys": "strictyaml refuses duplicate keys; skilldex reads the last value (and `validate` "
    "reports SKD015).",
    "parse-nested-duplicate-keys": "strictyaml refuses duplicate keys inside `metadata`, which the block never shows.",
    "parse-dashes-hide-later-keys": _SPLIT + "a `---` inside a value ends the frontmatter, so 'description' "
    "goes missing.",
    "parse-dashes-in-value": _SPLIT + "the description `before --- after` is cut to `before`.",
    "parse-text-after-opening-fence": _SPLIT + "it takes `--- # skill` as the opening fence; skilldex needs a "
    "`---` line and finds no frontmatter.",
    "parse-text-after-closing-fence": _SPLIT + "`--- end of frontmatter` closes it; skilldex reports it unclosed.",
    "parse-tab-after-fences": _SPLIT + "the tab after `---` stays in the YAML, which strictyaml refuses.",
    "parse-bom": "skills-ref checks startswith('---') on the raw text, so a UTF-8 BOM hides the frontmatter.",
    "parse-unicode-line-separator": "skills-ref keeps U+2028 (LINE SEPARATOR); skilldex prints it as a space, as it "
    "does every character that could start a new line in an agent's context.",
    "description-null": _NULL,
    "name-null-literal": _NULL,
}


def skilldex(*args: str) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess: stdout and stderr as bytes."""
    env = {**os.environ, "SKILLDEX_WORKSPACE": str(WORKSPACE)}
    return subprocess.run(
        [sys.executable, "-m", "skilldex", *args], cwd=PROJECT, env=env, capture_output=True, timeout=120
    )


def _theirs(folder: Path) -> str | None:
    """skills-ref's block for one skill folder, or None when it refuses it (any exception)."""
    try:
        return to_prompt([folder])
    except Exception:  # noqa: BLE001 - a crash (bad UTF-8) refuses the skill as much as a SkillError
        return None


@pytest.fixture(scope="module")
def spec_catalogue():
    return scan_repo(CASES, name="spec-cases")


def _cases(catalogue) -> list[tuple[str, object]]:
    return [(item.path.split("/", 1)[0], item) for item in catalogue.of_kind("skill")]


def test_every_spec_case_matches_skills_ref_byte_for_byte(spec_catalogue):
    compared = differ = 0
    mismatches = []
    for case, item in _cases(spec_catalogue):
        ours, skipped = available_skills([spec_catalogue.model_copy(update={"items": [item]})])
        theirs = _theirs(CASES / item.path.rsplit("/", 1)[0])
        same = (theirs is None and skipped) or (theirs is not None and not skipped and ours == theirs)
        if case in KNOWN_DIFFERENCES:
            differ += 1
            assert not same, f"{case} no longer differs from skills-ref; drop it from KNOWN_DIFFERENCES"
            continue
        compared += 1
        if not same:
            mismatches.append(
                f"{case}: ours={'skipped: ' + skipped[0].reason if skipped else ours!r} theirs={theirs!r}"
            )
    assert not mismatches, "\n".join(mismatches)
    assert compared >= 60 and differ == len(KNOWN_DIFFERENCES)


def test_skips_say_why(spec_catalogue):
    reasons = {
        case: available_skills([spec_catalogue.model_copy(update={"items": [item]})])[1]
        for case, item in _cases(spec_catalogue)
    }
    assert [str(s) for s in reasons["name-missing"]] == [
        "spec-cases: name-missing/demo/SKILL.md: frontmatter 'name' is missing; the Agent Skills spec requires a "
        "non-empty string"
    ]
    assert reasons["description-whitespace"][0].reason.startswith("frontmatter 'description' is empty")
    assert reasons["name-list"][0].reason.startswith("frontmatter 'name' is a YAML list, not text")
    assert reasons["parse-invalid-yaml-colon"][0].reason == "SKD012 invalid YAML: mapping values are not allowed here"
    assert reasons["parse-non-utf8"][0].reason == "the file is not valid UTF-8"
    assert reasons["name-number"] == []  # `name: 123` is the text 123, as skills-ref reads it


def test_mis_cased_files_are_skipped_but_lowercase_skill_md_is_kept_as_skills_ref_does(tmp_path: Path):
    root = write_tree(
        tmp_path / "cases",
        {
            f".claude/skills/{name}/{file}": f"---\nname: {name}\ndescription: {name.upper()}.\n---\n"
            for name, file in (("a", "Skill.md"), ("b", "skill.md"), ("c", "SKILL.MD"))
        },
    )
    text, skipped = available_skills([scan_repo(root)])
    assert [(s.path, s.reason) for s in skipped] == [
        (".claude/skills/a/Skill.md", "'Skill.md' is not named SKILL.md"),
        (".claude/skills/c/SKILL.MD", "'SKILL.MD' is not named SKILL.md"),
    ]
    assert text == to_prompt([root / ".claude/skills/b"])


def _skill_dirs(stdout: bytes) -> list[str]:
    lines = stdout.decode("utf-8").splitlines()
    return [str(Path(lines[i + 1]).parent) for i, line in enumerate(lines) if line == "<location>"]


def test_cli_output_equals_skills_ref_cli_on_the_same_skills():
    ours = skilldex("export", "prompt", "credentialmate", str(FIXTURES / "allkinds"), "karematch")
    assert ours.returncode == 0, ours.stderr
    assert ours.stderr == b""
    dirs = _skill_dirs(ours.stdout)
    assert len(dirs) == 7 + 4 + len(scan_repo(PROJECT / "examples/karematch").of_kind("skill"))
    theirs = subprocess.run(
        [sys.executable, "-m", "skills_ref.cli", "to-prompt", *dirs], capture_output=True, timeout=120
    )
    assert theirs.returncode == 0, theirs.stderr
    assert ours.stdout == theirs.stdout
    assert ours.stdout.startswith(b"<available_skills>\n<skill>\n<name>\n")
    assert ours.stdout.endswith(b"</skill>\n</available_skills>\n")


def test_invalid_skills_are_skipped_with_a_warning_not_an_abort(tmp_path: Path):
    root = write_tree(
        tmp_path / "repo",
        {
            ".claude/skills/good/SKILL.md": '---\nname: good\ndescription: Checks <things> & "quotes".\n---\nBody.\n',
            ".claude/skills/broken/SKILL.md": "---\nname: broken\ndescription: Use when: it breaks\n---\nBody.\n",
            ".claude/skills/anonymous/SKILL.md": "---\ndescription: No name here.\n---\nBody.\n",
        },
    )
    ours = skilldex("export", "prompt", str(root))
    assert ours.returncode == 0
    assert ours.stderr.decode().splitlines() == [
        "warning: skipped repo: .claude/skills/anonymous/SKILL.md: frontmatter 'name' is missing; the Agent Skills "
        "spec requires a non-empty string",
        "warning: skipped repo: .claude/skills/broken/SKILL.md: SKD012 invalid YAML: mapping values are not "
        "allowed here",
    ]
    good = root / ".claude/skills/good"
    theirs = subprocess.run([sys.executable, "-m", "skills_ref.cli", "to-prompt", str(good)], capture_output=True)
    assert ours.stdout == theirs.stdout
    assert b"<description>\nChecks &lt;things&gt; &amp; &quot;quotes&quot;.\n</description>" in ours.stdout
    # skills-ref itself gives up on the whole block at the first bad skill
    aborted = subprocess.run(
        [sys.executable, "-m", "skills_ref.cli", "to-prompt", str(good), str(root / ".claude/skills/broken")],
        capture_output=True,
    )
    assert aborted.returncode == 1 and aborted.stdout == b""


def test_no_skills_gives_the_empty_block_and_json_lists_the_skipped(cli, tmp_path: Path):
    empty = write_tree(tmp_path / "empty", {"README.md": "# nothing\n"})
    result = cli("export", "prompt", str(empty))
    assert result.exit_code == 0
    assert result.stdout == to_prompt([]) + "\n"
    bad = write_tree(tmp_path / "bad", {".claude/skills/x/SKILL.md": "---\nname: x\n---\n"})
    data = json.loads(cli("export", "prompt", str(bad), "--json").stdout)
    assert data == {
        "prompt": "<available_skills>\n</available_skills>",
        "skipped": [
            {
                "repo": "bad",
                "path": ".claude/skills/x/SKILL.md",
                "reason": "frontmatter 'description' is missing; the Agent Skills spec requires a non-empty string",
            }
        ],
    }


def test_unknown_repo_is_a_usage_error(cli):
    result = cli("export", "prompt", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown repo 'nope'")
