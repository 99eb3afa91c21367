"""`validate` of a few files takes the rest of the repo's names from the index when it holds, and gets the
same collisions as reading the whole repo; when anything else changed, it reads the repo again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import write_tree

from skilldex.index.partial import trusted_manifests
from skilldex.index.refresh import catalogue
from skilldex.validate.elsewhere import named_elsewhere, read_elsewhere

OLD = 1_600_000_000


def skill(name: str) -> str:
    return f"---\nname: {name}\ndescription: Does {name} things. Use when {name} is asked for.\n---\n# {name}\n"


FILES = {
    ".claude/skills/deploy/SKILL.md": skill("deploy"),
    ".claude/skills/release/SKILL.md": skill("deploy"),
    ".claude/skills/broken/SKILL.md": "---\nname: [unclosed\n---\nbody\n",
    ".claude/skills/lower/skill.md": skill("lower"),
    ".claude/skills/group/deep/SKILL.md": skill("deep"),
    ".claude/commands/deploy.md": "---\ndescription: Deploy.\n---\nDeploy it.\n",
    ".claude/commands/ops/restart.md": "Restart it.\n",
    ".claude/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews.\n---\nReview.\n",
    ".claude/agents/sub/other.md": "---\nname: reviewer\ndescription: Reviews too.\n---\nReview.\n",
    "services/api/.claude/skills/deploy/SKILL.md": skill("deploy"),
    "plugins/p/.claude-plugin/plugin.json": '{"name": "p"}',
    "plugins/p/skills/a/SKILL.md": skill("x"),
    "plugins/p/skills/b/SKILL.md": skill("x"),
    "packs/skills/c/SKILL.md": skill("shared"),
    ".agents/skills/d/SKILL.md": skill("shared"),
    ".agents/skills/e/SKILL.md": "---\ndescription: No name.\n---\nbody\n",
    "SKILL.md": skill("top"),
    "tools/backup.sh": "#!/bin/sh\n# Back up the database.\necho backup\n",
}
MANIFESTS = [rel for rel in FILES if rel.endswith(".md")]


def age(root: Path) -> None:
    """Everything older than the index's racy window, folders too, so a written index is trusted."""
    for folder, dirs, files in os.walk(root):
        for name in [*files, *dirs]:
            os.utime(os.path.join(folder, name), (OLD, OLD))
    os.utime(root, (OLD, OLD))


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SKILLDEX_NO_CACHE", raising=False)
    root = write_tree(tmp_path / "repo", FILES)
    (root / ".git").mkdir()
    age(root)
    catalogue(root)  # what any session (list, find, the hooks) leaves behind
    return root.resolve()


def both(root: Path, targets: set[str]) -> tuple[list, list]:
    return sorted(named_elsewhere(root, targets), key=str), sorted(read_elsewhere(root, targets), key=str)


@pytest.mark.parametrize("target", MANIFESTS)
def test_the_index_gives_the_names_reading_the_repo_gives(repo: Path, target: str):
    assert trusted_manifests(str(repo), {target}) is not None
    from_index, read = both(repo, {target})
    assert from_index == read
    assert len(read) == len(MANIFESTS) - 1


@pytest.mark.parametrize("target", MANIFESTS)
def test_asked_for_what_the_target_answers_to_the_index_gives_every_manifest_that_does(repo: Path, target: str):
    key = next(key for _, rel, key in read_elsewhere(repo, set()) if rel == target)
    if key is None:  # answers to nothing (a skill two folders down): no other manifest can collide with it
        return
    read = [named for named in read_elsewhere(repo, {target}) if named[2] == key]
    from_index = named_elsewhere(repo, {target}, {key})
    assert sorted(n for n in from_index if n[2] == key) == sorted(read)
    assert len(from_index) < len(MANIFESTS) - 1  # the others are never built


def test_an_edited_or_new_target_still_trusts_the_index(repo: Path):
    edited = ".claude/skills/deploy/SKILL.md"
    (repo / edited).write_text(skill("deploy") + "More words.\n")
    new = ".claude/skills/brand-new/SKILL.md"
    at_the_root = "newpack/skills/z/SKILL.md"  # a new top-level folder: the root lists .git, never walked
    write_tree(repo, {new: skill("brand-new"), at_the_root: skill("deploy")})
    given = {edited, new, at_the_root}
    assert trusted_manifests(str(repo), given) is not None
    assert both(repo, given)[0] == both(repo, given)[1]
    assert trusted_manifests(str(repo), {edited, new}) is None  # the new folder is no target: read the repo


@pytest.mark.parametrize("change", ["added", "removed", "edited", "renamed"])
def test_any_other_change_reads_the_repo(repo: Path, change: str):
    target = ".claude/commands/deploy.md"
    other = ".claude/skills/release/SKILL.md"
    if change == "added":
        write_tree(repo, {".claude/skills/later/SKILL.md": skill("deploy")})
    elif change == "removed":
        (repo / other).unlink()
    elif change == "edited":
        (repo / other).write_text(skill("renamed-by-frontmatter"))
    else:
        (repo / ".claude/skills/release").rename(repo / ".claude/skills/shipit")
    assert trusted_manifests(str(repo), {target}) is None
    from_index, read = both(repo, {target})
    assert from_index == read


def test_an_edited_tool_still_trusts_the_index(repo: Path):
    """No manifest's row depends on a tool: its stamp is not even looked at (a pre-commit run in a big repo
    stats the files that could be manifests, not every tool and doc)."""
    target = ".claude/commands/deploy.md"
    (repo / "tools/backup.sh").write_text("#!/bin/sh\n# Back up the database, twice.\necho backup; echo backup\n")
    assert trusted_manifests(str(repo), {target}) is not None
    from_index, read = both(repo, {target})
    assert from_index == read


def test_a_file_a_manifest_consulted_changed_reads_the_repo(repo: Path):
    """plugin.json decides that plugins/p/skills/* are a plugin's skills: its scan recorded it."""
    (repo / "plugins/p/.claude-plugin/plugin.json").write_text('{"name": "renamed"}')
    assert trusted_manifests(str(repo), {".claude/commands/deploy.md"}) is None
    (repo / "plugins/p/.claude-plugin/plugin.json").unlink()
    assert trusted_manifests(str(repo), {".claude/commands/deploy.md"}) is None
    from_index, read = both(repo, {".claude/commands/deploy.md"})
    assert from_index == read


def test_validate_reports_the_same_collision_with_and_without_the_index(repo: Path):
    def validate(*env: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "skilldex", "validate", ".claude/commands/deploy.md", "--json"],
            cwd=repo,
            capture_output=True,
            text=True,
            env={**os.environ, **dict(e.split("=") for e in env)},
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        assert done.returncode in (0, 1), done.stderr
        return json.loads(done.stdout)

    indexed, read = validate(), validate("SKILLDEX_NO_CACHE=1")
    assert indexed == read
    assert [f["message"] for f in indexed["findings"] if f["rule"] == "name-collision"] == [
        "command answers to '/deploy', like skill .claude/skills/deploy/SKILL.md (the skill wins)"
    ]


def test_a_repo_never_indexed_is_read(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "empty-cache"))
    root = write_tree(tmp_path / "fresh", FILES).resolve()
    assert trusted_manifests(str(root), {"SKILL.md"}) is None
    from_index, read = both(root, {"SKILL.md"})
    assert from_index == read and len(read) == len(MANIFESTS) - 1
