"""Hostile repos a new user may point skilldex at, found by walking the README's path (session 6).

Each test builds the repo from real files in tmp_path and runs the real CLI: a skilldex.yaml in a cloned repo
that names / or the home folder, file names with terminal escapes in the GitHub Actions format, a package.json
of tens of thousands of scripts. Defects in areas other engineers own are strict xfails with the repro.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support import skilldex_cli, write_tree

GOOD = "---\nname: good\ndescription: Deploy the backend to production with sam deploy.\n---\nBody.\n"
OUTSIDE = "OUTSIDE-" + "5eed"


def _cli(args: list[str], cwd: Path, stdin: str = "", home: Path | None = None, timeout: float = 60):
    return skilldex_cli(args, cwd, stdin, home, timeout)


def _repo(root: Path, files: dict[str, str | bytes]) -> Path:
    write_tree(root, {".git/HEAD": "ref: refs/heads/main\n", ".claude/skills/good/SKILL.md": GOOD, **files})
    return root


# -- a skilldex.yaml that names / or the home folder ----------------------------------------------


@pytest.mark.parametrize("declared", ["/", "../..", "~", "HOME_PARENT"])
def test_a_workspace_naming_slash_or_home_is_refused_not_walked(tmp_path: Path, declared: str):
    home = write_tree(tmp_path / "home" / "me", {"notes/todo.md": f"{OUTSIDE}\n"})
    declared = str(home.parent) if declared == "HOME_PARENT" else declared
    # a cloned repo whose skilldex.yaml names / (or ~): before, startup walked the whole disk for minutes
    repo = _repo(home / "src" / "cloned", {"skilldex.yaml": f"repos:\n  mine: .\n  evil: '{declared}'\n"})
    if declared == "../..":
        assert (repo / declared).resolve() == home
    result = _cli(["startup"], cwd=repo, home=home)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert (
        "skilldex.yaml:" in result.stderr
        and "repo 'evil' is " in result.stderr
        and "too big to index whole" in result.stderr
    )
    payload = json.dumps({"session_id": "s", "cwd": str(repo), "hook_event_name": "SessionStart", "source": "startup"})
    hook = _cli(["startup", "--format", "claude-hook"], cwd=repo, stdin=payload, home=home)
    assert hook.returncode == 0 and OUTSIDE not in hook.stdout + hook.stderr
    assert "too big to index whole" in hook.stderr


def test_a_workspace_naming_a_folder_inside_home_still_works(tmp_path: Path):
    home = tmp_path / "home" / "me"
    repo = _repo(home / "src" / "api", {"skilldex.yaml": "repos:\n  api: .\n"})
    result = _cli(["list", "api", "--json"], cwd=repo, home=home)
    assert result.returncode == 0, result.stderr
    assert [item["name"] for item in json.loads(result.stdout)["items"]] == ["good"]


@pytest.mark.parametrize(
    ("yaml", "args", "message"),
    [
        (
            'repos:\n  "a\\e[31mred\\nX": 5\n',
            ["startup"],
            "repo 'a?[31mred X' needs a path, e.g. 'a?[31mred X: ../a?[31mred X'",
        ),
        (
            'repos:\n  "a\\e[31mred": .\n',
            ["list", "a"],
            "unknown repo 'a': not a workspace name (a?[31mred) nor a folder.",
        ),
    ],
)
def test_workspace_errors_pass_no_terminal_escape_from_repo_names(tmp_path: Path, yaml: str, args, message: str):
    repo = _repo(tmp_path / "repo", {"skilldex.yaml": yaml})
    result = _cli(args, cwd=repo)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.rstrip("\n").endswith(message), repr(result.stderr)


@pytest.mark.parametrize("value", ["&r [*r]", "d\nx: &r {a: *r}"])
def test_a_self_referencing_alias_is_a_plain_finding(tmp_path: Path, value: str):
    # PyYAML builds a list that holds itself; the message was Python's "maximum recursion depth exceeded ..."
    repo = _repo(tmp_path / "repo", {".claude/skills/r/SKILL.md": f"---\nname: r\ndescription: {value}\n---\n"})
    result = _cli(["validate", ".claude/skills/r", "--format", "json"], cwd=repo)
    assert result.returncode == 1, result.stderr
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["code"], finding["line"]) == ("SKD012", 2)
    assert finding["message"] == "invalid YAML: a value holds itself through an alias, or nests too deep"


# -- terminal escapes in file names, in the GitHub Actions format -------------------------------


def test_github_format_passes_no_terminal_escape_from_a_file_name(tmp_path: Path):
    # GitHub's log viewer renders ANSI escapes: a skill folder named with one could recolour or hide lines
    bad = "bell\x07\x1b]0;PWNED\x07\x1b[31mred"
    repo = _repo(tmp_path / "repo", {f".claude/skills/{bad}/SKILL.md": "---\nname: x y\ndescription: d\n---\n"})
    result = _cli(["validate", ".", "--format", "github"], cwd=repo)
    assert result.returncode == 0, result.stderr  # warnings only
    lines = result.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::notice"]
    assert not any(ch in result.stdout for ch in "\x07\x1b\r"), repr(result.stdout)
    assert "file=.claude/skills/bell??]0;PWNED??[31mred/SKILL.md" in result.stdout


@pytest.mark.parametrize("asked", ["ev\x1b[31", "two\x1bX"])
def test_show_suggestions_pass_no_terminal_escape_from_item_names(tmp_path: Path, asked: str):
    tool = "#!/bin/sh\n# Deploy the thing.\n"
    files = {"tools/ev\x1b[31mil\x1b]0;T\x07": tool, "tools/two\x1bX": tool, "scripts/two\x1bX": tool}
    result = _cli(["show", ".", asked], cwd=_repo(tmp_path / "repo", files))
    assert result.returncode == 2 and result.stdout == ""
    assert not any(ch in result.stderr for ch in "\x07\x1b\r"), repr(result.stderr)
    if asked.startswith("two"):  # two tools answer to it: the choice lists them, one line each
        assert result.stderr.splitlines() == [
            "Error: 'two?X' matches 2 items in repo; give the path:",
            "  tool       two?X                          scripts/two?X",
            "  tool       two?X                          tools/two?X",
        ]
    else:
        assert result.stderr == "Error: no item named 'ev?[31' in repo. Did you mean: ev?[31mil?]0;T??\n"


# -- a package.json of tens of thousands of scripts ----------------------------------------------


def test_a_package_json_at_the_size_cap_is_catalogued_in_bounded_time(tmp_path: Path):
    # just under the 1 MB read limit: 30,000 scripts. The package manager was looked up by a regex over the
    # whole file for every script (quadratic): this took 40 s on 2 loaded cores, 36,000 scripts over a minute.
    # 30 s is the brief's bound for a hang, not a benchmark (about 9 s here now, under the same load).
    scripts = {f"s{i}": f"npm run s{i + 1}" for i in range(30_000)}
    repo = _repo(tmp_path / "repo", {"package.json": json.dumps({"scripts": scripts, "packageManager": "pnpm@9"})})
    result = _cli(["list", ".", "--json"], cwd=repo, timeout=30)
    assert result.returncode == 0, result.stderr
    tasks = [item for item in json.loads(result.stdout)["items"] if item["path"] == "package.json"]
    assert len(tasks) == 30_000
    assert {t["run"] for t in tasks if t["name"] == "s0"} == {"pnpm run s0"}


# -- defects in areas other engineers own right now: strict xfails with the repro ---------------


@pytest.mark.xfail(
    strict=True,
    reason="validate/run.py _unfollowed_manifests reports every out-of-repo SKILL.md link the walk met, also "
    "outside the paths given: `skilldex validate README.md` names another folder's skill",
)
def test_validate_of_one_file_reports_only_that_file(tmp_path: Path):
    outside = write_tree(tmp_path / "outside", {"SKILL.md": "---\nname: o\ndescription: o\n---\n"})
    repo = _repo(tmp_path / "repo", {"README.md": "# readme\n"})
    (repo / ".claude/skills/linked").mkdir(parents=True)
    (repo / ".claude/skills/linked/SKILL.md").symlink_to(outside / "SKILL.md")
    result = _cli(["validate", "README.md", "--format", "json"], cwd=repo)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["not_checked"] == ["README.md"]
    assert report["findings"] == []


@pytest.mark.xfail(
    strict=True,
    reason="doctor/references.py _located() scans every mention of a doc for each mention (quadratic): a "
    "SKILL.md of 8,000 lines each naming a reference, a script and a /skill takes minutes (4,000 lines: 34 s)",
)
def test_doctor_on_a_skill_at_the_size_cap_finishes(tmp_path: Path):
    body = "".join(f"See [r{i}](references/r{i}.md) and `scripts/s{i}.sh` and /skill{i}\n" for i in range(8_000))
    repo = _repo(tmp_path / "repo", {".claude/skills/links/SKILL.md": f"---\nname: links\ndescription: l\n---\n{body}"})
    try:
        result = _cli(["doctor", ".", "--json"], cwd=repo, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("doctor did not finish in 20 s")
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["findings"]
