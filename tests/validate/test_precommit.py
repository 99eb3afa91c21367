"""`.pre-commit-hooks.yaml` run by real pre-commit on a sample repo: a bad skill blocks the commit until it is fixed.

The hook repo is a git snapshot of this working tree (tracked and untracked, not ignored, files), so the
hooks file and the code under test are the ones on disk. pre-commit builds the hook's environment the way
it does for users (`language: python`: a virtualenv and `pip install .` of the snapshot) once per test
session, in a PRE_COMMIT_HOME under pytest's tmp folder; the user's ~/.cache/pre-commit and git config
are never touched.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import PROJECT, write_tree

from skilldex.errors import UsageError
from skilldex.validate.run import validate_paths

HOOKS_FILE = PROJECT / ".pre-commit-hooks.yaml"
TIMEOUT = 600  # the first run builds the hook's virtualenv and pip-installs skilldex

GOOD = "---\nname: deploy\ndescription: Deploys the API. Use when shipping a release.\n---\n# Deploy\n"
BAD = (
    "---\nname: release\ndescription: Tags and publishes a release. Use when cutting a version.\n"
    "user-invocable: false\ndisable-model-invocation: true\n---\n# Release\n"
)
FIXED = BAD.replace("user-invocable: false\n", "")
COMMAND = "---\ndescription: Review the staged diff.\n---\nReview the staged changes.\n"
# Each README would fail (SKD011, or exit 2 for the top-level one) if the hook passed it to skilldex.
BROKEN_README = "---\nThese are our commands; the rule above is never closed.\n"
READMES = {
    "README.md": BROKEN_README,
    ".claude/commands/README.md": BROKEN_README,
    ".claude/agents/README.md": BROKEN_README,
}
BAD_PATH = ".claude/skills/release/SKILL.md"
BAD_LINE = f"{BAD_PATH}:5:1: SKD302 [error]"


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        said = f"{exc.stdout or ''}{exc.stderr or ''}"
        pytest.fail(f"{' '.join(cmd)} did not finish in {TIMEOUT}s\n{said}", pytrace=False)


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean environment: own PRE_COMMIT_HOME, empty git config, no inherited GIT_*/SKIP variables."""
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail("pre-commit is not installed; it is a test dependency: pip install -e '.[test]'", pytrace=False)
    if shutil.which("git") is None:
        pytest.fail("git is not on PATH; the pre-commit test needs it", pytrace=False)
    home = tmp_path_factory.mktemp("pre-commit-env")
    (home / "gitconfig").write_text("", encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "SKIP"}
    clean.update(
        PRE_COMMIT_HOME=str(home / "cache"),  # one hook environment for the whole session
        VIRTUALENV_OVERRIDE_APP_DATA=str(home / "virtualenv"),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        PRE_COMMIT_COLOR="never",
    )
    return clean


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    result = _run(["git", *args], repo, env)
    if result.returncode != 0:
        pytest.fail(f"git {' '.join(args)} failed in {repo}:\n{result.stdout}{result.stderr}", pytrace=False)
    return result.stdout


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """(path, commit) of a git snapshot of this working tree, uncommitted and untracked changes included."""
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], PROJECT, env)
    if listed.returncode != 0:
        pytest.fail(
            f"{PROJECT} is not a git work tree; the hook repo is a snapshot of it:\n{listed.stderr}", pytrace=False
        )
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for rel in filter(None, listed.stdout.split("\0")):
        source = PROJECT / rel
        if not os.path.lexists(source):  # deleted but still in the index
            continue
        (snapshot / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, snapshot / rel, follow_symlinks=False)
    _git(snapshot, env, "init", "-q", "-b", "main")
    _git(snapshot, env, "add", "-A")
    _git(snapshot, env, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree")
    return snapshot, _git(snapshot, env, "rev-parse", "HEAD").strip()


def _config(hook_repo: tuple[Path, str], *hooks: str, args: tuple[str, ...] = ()) -> str:
    path, rev = hook_repo
    lines = ["repos:", f"- repo: {json.dumps(str(path))}", f"  rev: {rev}", "  hooks:"]
    for hook in hooks:
        lines.append(f"  - id: {hook}")
        if args:
            lines.append(f"    args: {json.dumps(list(args))}")
    return "\n".join(lines) + "\n"


def _sample_repo(root: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    write_tree(root, files)
    _git(root, env, "init", "-q", "-b", "main")
    _git(root, env, "add", "-A")
    _git(root, env, "commit", "-q", "--no-verify", "-m", "initial")
    return root


def _pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", *args], repo, env)


def _expect(result: subprocess.CompletedProcess[str], code: int, env: dict[str, str]) -> str:
    """stdout + stderr, after checking the exit code; on a mismatch, fail with everything pre-commit said."""
    out = result.stdout + result.stderr
    if result.returncode != code:
        log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
        extra = f"\n--- {log} ---\n{log.read_text(encoding='utf-8')}" if log.exists() else ""
        pytest.fail(
            f"{' '.join(map(str, result.args))}: exit {result.returncode}, expected {code}\n{out}{extra}", pytrace=False
        )
    return out


def _json_report(out: str) -> dict:
    """The JSON document skilldex printed inside pre-commit's --verbose output."""
    start = out.find("\n{")
    assert start >= 0, f"no JSON report in:\n{out}"
    report, _ = json.JSONDecoder().raw_decode(out[start + 1 :])
    return report


def test_all_files_fails_on_the_bad_skill_and_never_passes_readmes(tmp_path, env, hook_repo):
    repo = _sample_repo(
        tmp_path / "sample",
        env,
        {
            ".claude/skills/deploy/SKILL.md": GOOD,
            BAD_PATH: BAD,
            ".claude/commands/review.md": COMMAND,
            "docs/notes.md": "# Notes\n",
            **READMES,
        },
    )
    config = tmp_path / "json.yaml"
    config.write_text(_config(hook_repo, "skilldex-validate", args=("--format", "json")), encoding="utf-8")

    out = _expect(_pre_commit(repo, env, "run", "--all-files", "--verbose", "-c", str(config)), 1, env)

    assert re.search(r"^skilldex validate\.+Failed$", out, re.M), out
    report = _json_report(out)
    assert [f["path"] for f in report["files"]] == [
        ".claude/commands/review.md",
        ".claude/skills/deploy/SKILL.md",
        BAD_PATH,
    ]
    errors = [(f["path"], f["line"], f["column"], f["code"]) for f in report["findings"] if f["severity"] == "error"]
    assert errors == [(BAD_PATH, 5, 1, "SKD302")]


def test_commit_is_blocked_until_the_skill_is_fixed(tmp_path, env, hook_repo):
    repo = _sample_repo(
        tmp_path / "sample",
        env,
        {
            ".pre-commit-config.yaml": _config(hook_repo, "skilldex-validate"),
            ".claude/skills/deploy/SKILL.md": GOOD,
            **READMES,
        },
    )
    _expect(_pre_commit(repo, env, "install"), 0, env)
    write_tree(repo, {BAD_PATH: BAD})
    _git(repo, env, "add", BAD_PATH)

    blocked = _expect(_run(["git", "commit", "-m", "add release skill"], repo, env), 1, env)

    assert re.search(r"^skilldex validate\.+Failed$", blocked, re.M), blocked
    assert "- exit code: 1" in blocked
    assert f"{BAD_LINE} 'user-invocable: false' and 'disable-model-invocation: true'" in blocked
    assert "  fix: Remove `disable-model-invocation: true` or `user-invocable: false`." in blocked
    assert _git(repo, env, "rev-list", "--count", "HEAD").strip() == "1"

    # The fix goes in with edits to the broken READMEs, which the hook must not be handed.
    write_tree(repo, {BAD_PATH: FIXED, **{rel: text + "More.\n" for rel, text in READMES.items()}})
    _git(repo, env, "add", "-A")

    passed = _expect(_run(["git", "commit", "-m", "add release skill"], repo, env), 0, env)

    assert re.search(r"^skilldex validate\.+Passed$", passed, re.M), passed
    assert _git(repo, env, "rev-list", "--count", "HEAD").strip() == "2"
    assert _git(repo, env, "status", "--porcelain") == ""


def test_upload_hook_applies_the_claude_upload_profile(tmp_path, env, hook_repo):
    repo = _sample_repo(
        tmp_path / "sample",
        env,
        {
            ".claude/skills/claude-helper/SKILL.md": GOOD.replace("name: deploy", "name: claude-helper"),
            ".claude/commands/review.md": COMMAND,
        },
    )
    config = tmp_path / "both.yaml"
    config.write_text(_config(hook_repo, "skilldex-validate", "skilldex-validate-upload"), encoding="utf-8")

    out = _expect(_pre_commit(repo, env, "run", "--all-files", "-c", str(config)), 1, env)

    assert re.search(r"^skilldex validate\.+Passed$", out, re.M), out
    assert re.search(r"^skilldex validate \(claude\.ai upload\)\.+Failed$", out, re.M), out
    assert ".claude/skills/claude-helper/SKILL.md:2:7: SKD401 [error] name 'claude-helper' contains" in out


def _hooks() -> dict[str, dict]:
    from pre_commit.clientlib import load_manifest

    return {hook["id"]: hook for hook in load_manifest(str(HOOKS_FILE))}


# (path, passed to skilldex-validate, passed to skilldex-validate-upload)
PATHS = [
    ("SKILL.md", True, True),
    (".claude/skills/deploy/SKILL.md", True, True),
    (".claude/skills/deploy/skill.md", True, True),  # SKD020 reports the case
    ("plugins/p/skills/deploy/Skill.MD", True, True),
    ("docs/skill.md", False, False),  # outside a skills folder a lowercase skill.md is just a doc
    (".claude/commands/review.md", True, False),
    (".claude/commands/frontend/lint.md", True, False),
    (".claude/agents/reviewer.md", True, False),
    ("plugins/p/commands/review.md", True, False),
    ("plugins/p/agents/reviewer.md", True, False),
    (".claude/commands/README.md", False, False),
    (".claude/commands/frontend/readme.md", False, False),
    (".claude/commands/index.md", False, False),
    (".claude/agents/README.md", False, False),
    ("README.md", False, False),
    ("docs/notes.md", False, False),
    (".claude/commands/notes.txt", False, False),
    ("mycommands/review.md", False, False),
    ("docs/SKILL.md.orig", False, False),
]


@pytest.mark.parametrize(("rel", "main", "upload"), PATHS)
def test_files_pattern_passes_only_what_skilldex_can_classify(tmp_path, rel, main, upload):
    from identify.identify import tags_from_path

    hooks = _hooks()
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", rel: GOOD})
    for hook_id, expected in (("skilldex-validate", main), ("skilldex-validate-upload", upload)):
        hook = hooks[hook_id]
        chosen = (
            bool(re.search(hook["files"], rel))
            and not re.search(hook["exclude"], rel)
            and set(hook["types"]) <= tags_from_path(str(tmp_path / rel))
        )
        assert chosen is expected, hook_id
    if main:  # whatever the hook passes, skilldex must classify rather than exit 2
        try:
            validate_paths([str(tmp_path / rel)], cwd=str(tmp_path))
        except UsageError as exc:
            pytest.fail(f"the hook passes {rel} but skilldex refuses it: {exc}")


def test_the_repos_rule_configuration_is_honoured(tmp_path, env, hook_repo):
    repo = _sample_repo(
        tmp_path / "sample",
        env,
        {
            ".pre-commit-config.yaml": _config(hook_repo, "skilldex-validate"),
            ".claude/skills/deploy/SKILL.md": GOOD,
            "pyproject.toml": '[tool.skilldex]\nper-file-ignores = { ".claude/skills/release/" = ["SKD302"] }\n',
        },
    )
    _expect(_pre_commit(repo, env, "install"), 0, env)
    write_tree(repo, {BAD_PATH: BAD})
    _git(repo, env, "add", BAD_PATH)

    passed = _expect(_run(["git", "commit", "-m", "add release skill"], repo, env), 0, env)

    assert re.search(r"^skilldex validate\.+Passed$", passed, re.M), passed
    assert _git(repo, env, "rev-list", "--count", "HEAD").strip() == "2"

    # A code the configuration names but no rule has: the commit is refused with one `Error:` line, exit 2.
    write_tree(repo, {"pyproject.toml": '[tool.skilldex]\nignore = ["SKD302", "SKD999"]\n', BAD_PATH: FIXED})
    _git(repo, env, "add", "-A")

    refused = _expect(_run(["git", "commit", "-m", "tidy"], repo, env), 1, env)

    assert "- exit code: 2" in refused
    assert re.search(
        r"^Error: .*pyproject\.toml \[tool\.skilldex\] ignore SKD999: no rule code starts with it", refused, re.M
    ), refused
    assert _git(repo, env, "rev-list", "--count", "HEAD").strip() == "2"
