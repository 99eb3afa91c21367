"""`validate` of a few files in a `.claude/` namespace reads the others that could answer like them from the few
folders they can live in (check_content.homes), so every change to the repo is seen: nothing is trusted from an
index, an mtime or a stamp. Other namespaces still go through the index (tests/validate/test_collision_index.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from support import write_tree

from skilldex.index.partial import trusted_manifests
from skilldex.index.refresh import catalogue
from skilldex.rules import content as content_rules
from skilldex.validate.check_content import homes
from skilldex.validate.elsewhere import named_elsewhere, read_elsewhere, read_homes
from skilldex.validate.run import validate_paths

OLD = 1_600_000_000


def skill(name: str) -> str:
    return f"---\nname: {name}\ndescription: Does {name} things. Use when {name} is asked for.\n---\n# {name}\n"


def agent(name: str) -> str:
    return f"---\nname: {name}\ndescription: Reviews changes.\n---\nReview.\n"


# Every shape a manifest's path takes: at the root and below a folder, skills at every depth and case, commands and
# agents nested and under folders named like the others, plugins, packs, .agents, .github, an agent named like a skill.
VARIED = {
    ".claude/skills/deploy/SKILL.md": skill("deploy"),
    ".claude/skills/release/SKILL.md": skill("deploy"),
    ".claude/skills/lower/skill.md": skill("lower"),
    ".claude/skills/group/deep/SKILL.md": skill("deep"),
    ".claude/skills/SKILL.md": skill("top-of-skills"),
    ".claude/skills/tools/commands/run.md": "Run.\n",  # no manifest: commands/ below no .claude/ or plugin
    ".claude/skills/kit/.claude-plugin/plugin.json": '{"name": "kit"}',
    ".claude/skills/kit/commands/run.md": "Run.\n",  # a plugin inside a skills folder
    ".claude/skills/kit/agents/helper.md": agent("/deploy"),
    ".claude/commands/deploy.md": "---\ndescription: Deploy.\n---\nDeploy it.\n",
    ".claude/commands/ops/deploy.md": "Deploy from ops.\n",
    ".claude/commands/ops/commands/deploy.md": "Deeper.\n",
    ".claude/commands/skills/x/SKILL.md": skill("x"),
    ".claude/agents/reviewer.md": agent("reviewer"),
    ".claude/agents/slash.md": agent("/deploy"),
    ".claude/agents/sub/other.md": agent("reviewer"),
    "services/api/.claude/skills/deploy/SKILL.md": skill("deploy"),
    "services/api/.claude/commands/deploy.md": "Deploy the api.\n",
    "services/api/.claude/agents/deployer.md": agent("/deploy"),
    "plugins/p/.claude-plugin/plugin.json": '{"name": "p"}',
    "plugins/p/skills/a/SKILL.md": skill("x"),
    "plugins/p/commands/deploy.md": "Plugin deploy.\n",
    "plugins/p/agents/a.md": agent("a"),
    "plugins/p/.claude/skills/deploy/SKILL.md": skill("deploy"),
    "packs/skills/c/SKILL.md": skill("shared"),
    ".agents/skills/d/SKILL.md": skill("shared"),
    ".github/skills/e/SKILL.md": skill("shared"),
    "docs/SKILL.md": skill("docs"),
    "SKILL.md": skill("top"),
}


@pytest.fixture()
def varied(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "varied", VARIED).resolve()


def test_every_manifest_in_a_claude_namespace_lives_in_the_homes_of_its_own_key(varied: Path):
    named = read_elsewhere(varied, set())
    assert len(named) == len([rel for rel in VARIED if rel.endswith(".md")]) - 1  # all but run.md
    claude = 0
    for _, rel, key in named:
        if key is None:
            continue
        found = homes({key})
        if not (key[0] or "").startswith(".claude@"):
            assert found is None, rel  # answers in a namespace the whole repo shares
            continue
        claude += 1
        assert found is not None
        assert any(rel == only if only else rel.startswith(folder + "/") for folder, only in found), (rel, key)
    assert claude == 11


@pytest.mark.parametrize("target", [rel for rel in VARIED if rel.endswith(".md")])
def test_read_from_the_homes_the_same_manifests_answer_as_reading_the_whole_repo(varied: Path, target: str):
    key = next((key for _, rel, key in read_elsewhere(varied, set()) if rel == target), None)
    if key is None or homes({key}) is None:
        return
    near = read_homes(varied, {target}, {key})
    assert near is not None
    whole = read_elsewhere(varied, {target})
    assert sorted(n for n in near if n[2] == key) == sorted(n for n in whole if n[2] == key)
    assert len(near) < len(whole)  # the rest of the repo is never read


def test_a_name_no_folder_can_have_gives_no_skill_home():
    for said in ("/", "/.", "/..", "/a/../../etc", "/a\0b", "plain"):
        assert homes({(".claude@", said)}) == [(".claude/agents", None), (".claude/commands", None)]
    assert homes({(".claude@a/b", "/x")}) == [
        ("a/b/.claude/agents", None),
        ("a/b/.claude/commands", None),
        ("a/b/.claude/skills/x", "a/b/.claude/skills/x/SKILL.md"),
    ]
    assert homes({(".claude@", "/x"), ("plugin@plugins/p", "/x")}) is None


@pytest.mark.parametrize("way", ["a link on the way", "an ignored folder", "a virtualenv above"])
def test_a_home_the_repo_walk_would_walk_otherwise_is_left_to_the_whole_repo_read(tmp_path: Path, way: str):
    root = write_tree(tmp_path / "r", {".claude/commands/deploy.md": "Deploy.\n"}).resolve()
    key = (".claude@", "/deploy")
    if way == "a link on the way":
        write_tree(root, {"elsewhere/deploy.md": "Deploy elsewhere.\n"})
        (root / ".claude/agents").symlink_to(root / "elsewhere")
        assert read_homes(root, {".claude/commands/deploy.md"}, {key}) is None
    elif way == "an ignored folder":
        write_tree(root, {"vendor/.claude/commands/deploy.md": "Vendored.\n"})
        assert read_homes(root, set(), {(".claude@vendor", "/deploy")}) is None
    else:
        write_tree(root, {".claude/pyvenv.cfg": "home = /usr\n"})
        assert read_homes(root, set(), {key}) is None
    assert sorted(named_elsewhere(root, set(), {key})) == sorted(read_elsewhere(root, set()))


def _collisions(root: Path, target: str) -> list[str]:
    report = validate_paths([str(root / target)], cwd=str(root))
    return [f.message for f in report.findings if f.code == content_rules.NAME_COLLISION.code]


TARGET = ".claude/commands/zz/deploy.md"
START = {
    TARGET: "Deploy it.\n",
    ".claude/agents/helper.md": agent("reviews"),
    ".claude/skills/lint/SKILL.md": skill("lint"),
    "tools/deploy.sh": "#!/bin/sh\necho deploy\n",
}


@pytest.fixture(params=["git repo", "plain folder"])
def repo(request, tmp_path: Path, monkeypatch) -> Path:
    """A repo older than any racy window, indexed (as a session leaves it) so a stale index would show."""
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SKILLDEX_NO_CACHE", raising=False)
    root = write_tree(tmp_path / "repo", START).resolve()
    if request.param == "git repo":
        git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "start"], check=True)
    for folder, dirs, files in os.walk(root):
        for name in [*files, *dirs]:
            os.utime(os.path.join(folder, name), (OLD, OLD))
    catalogue(root)
    assert trusted_manifests(str(root), {TARGET}) is not None  # the index holds: it is simply not asked
    assert _collisions(root, TARGET) == []
    return root


SKILL_WINS = "command answers to '/deploy', like skill .claude/skills/deploy/SKILL.md (the skill wins)"


def test_an_added_removed_and_renamed_skill_is_seen(repo: Path):
    write_tree(repo, {".claude/skills/deploy/SKILL.md": skill("deploy")})
    assert _collisions(repo, TARGET) == [SKILL_WINS]
    (repo / ".claude/skills/deploy").rename(repo / ".claude/skills/shipit")
    assert _collisions(repo, TARGET) == []
    (repo / ".claude/skills/shipit").rename(repo / ".claude/skills/deploy")
    assert _collisions(repo, TARGET) == [SKILL_WINS]
    (repo / ".claude/skills/deploy/SKILL.md").rename(repo / ".claude/skills/deploy/NOTES.md")
    assert _collisions(repo, TARGET) == []
    (repo / ".claude/skills/deploy/NOTES.md").unlink()
    assert _collisions(repo, TARGET) == []


def test_an_added_command_is_seen(repo: Path):
    write_tree(repo, {".claude/commands/a/deploy.md": "Deploy, the other one.\n"})
    assert _collisions(repo, TARGET) == ["command answers to '/deploy', like command .claude/commands/a/deploy.md"]


def test_an_edit_in_the_same_second_that_keeps_size_and_mtime_is_seen(repo: Path):
    """The agent's name is its text: renamed in place, twice within one second, its size and mtime put back
    each time. Its folder's mtime does not move either; only reading it tells."""
    path = repo / ".claude/agents/helper.md"
    before = path.stat()
    for name, expected in (
        ("/deploy", ["command answers to '/deploy', like agent .claude/agents/helper.md"]),
        ("reviews", []),
    ):
        with open(path, "r+", encoding="utf-8") as handle:  # in place: same inode, as editors that do not rename
            handle.write(agent(name))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = path.stat()
        assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
        assert os.stat(path.parent).st_mtime_ns == OLD * 10**9
        assert _collisions(repo, TARGET) == expected


def test_a_plugin_skill_edited_keeping_size_and_mtime_is_not_trusted_from_the_index(tmp_path: Path, monkeypatch):
    """Plugin skills answer to their frontmatter name in a namespace the plugin shares: the index answers for
    them, and its stamp holds the ctime, which no edit can put back."""
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SKILLDEX_NO_CACHE", raising=False)
    files = {
        "p/.claude-plugin/plugin.json": '{"name": "p"}',
        "p/skills/a/SKILL.md": skill("alpha"),
        "p/skills/b/SKILL.md": skill("bravo"),
    }
    root = write_tree(tmp_path / "plugin", files).resolve()
    (root / ".git").mkdir()
    for folder, dirs, names in os.walk(root):
        for name in [*names, *dirs]:
            os.utime(os.path.join(folder, name), (OLD, OLD))
    catalogue(root)
    target = "p/skills/b/SKILL.md"
    assert trusted_manifests(str(root), {target}) is not None
    path = root / "p/skills/a/SKILL.md"
    before = path.stat()
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(skill("bravo"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert trusted_manifests(str(root), {target}) is None
    assert _collisions(root, target) == ["skill answers to '/bravo', like skill p/skills/a/SKILL.md"]
