"""The stored proof of freshness: one stat per folder and per watched file, and every edit, addition, removal
and rename is still seen, in a plain folder and in a git repo."""

from __future__ import annotations

import os
import sqlite3
import subprocess

import pytest

from skilldex.index import store
from skilldex.index.refresh import _open_existing, _unchanged, repo_index

SKILL = ".claude/skills/deploy/SKILL.md"
TOOL = "tools/backup.sh"


def skill_md(description: str) -> str:
    return f"---\nname: deploy\ndescription: {description}\n---\nBody.\n"


FILES = {SKILL: skill_md("Deploy the app to staging."), TOOL: "#!/bin/sh\n# Back up the database.\necho backup\n"}


def age_folders(project) -> None:
    for folder, names, _ in os.walk(project.root):
        names[:] = [n for n in names if n != ".git"]
        os.utime(folder, ns=(project.OLD_NS, project.OLD_NS))


def fresh(project) -> bool:
    """What the fast path decides from the proof alone (no rescan)."""
    db = _open_existing(os.path.realpath(project.root))
    assert db is not None
    try:
        return _unchanged(db, os.path.realpath(project.root))
    finally:
        db.close()


def rows(project) -> list[tuple[str, str, str]]:
    index = repo_index(project.root)
    try:
        return [(r.kind, r.path, r.description) for r in index.rows]
    finally:
        index.close()


@pytest.fixture(params=["plain", "git"])
def indexed(request, project):
    project.write(FILES)
    if request.param == "git":
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        commit = ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "x"]
        for argv in (["init", "-q"], ["add", "-A"], commit):
            subprocess.run(["git", "-C", str(project.root), *argv], check=True, env=env)
    age_folders(project)
    project.catalogue()
    assert fresh(project)
    assert project.rescanned() == 0
    return project


def test_the_proof_lists_every_folder_and_watched_file_once(indexed):
    db = _open_existing(os.path.realpath(indexed.root))
    assert db is not None
    try:
        parts = store.stored_proof(db)
        assert parts == store.proof(db, os.path.realpath(indexed.root))
    finally:
        db.close()
    assert parts is not None
    folders, files = int(parts[0]), int(parts[1])
    root = os.path.realpath(indexed.root)
    assert parts[2 : 2 + folders + files] == [
        root,
        *(os.path.join(root, rel) for rel in (".claude", ".claude/skills", ".claude/skills/deploy", "tools")),
        *(os.path.join(root, rel) for rel in (SKILL, TOOL)),
    ]
    st = os.stat(indexed.root / TOOL)
    assert parts[-1] == f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def test_an_in_place_edit_keeping_size_and_mtime_is_seen(indexed):
    path = indexed.root / SKILL
    before = os.stat(path)
    with open(path, "r+") as f:  # in place: the folder's mtime does not change, the file's ctime does
        f.write(skill_md("Deploy the app to QA-envs."))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert not fresh(indexed)
    assert ("skill", SKILL, "Deploy the app to QA-envs.") in rows(indexed)
    assert fresh(indexed)


def test_an_added_file_is_seen(indexed):
    indexed.write({"tools/restore.sh": "#!/bin/sh\n# Restore the database.\necho restore\n"})
    os.utime(indexed.root / "tools", ns=(indexed.OLD_NS, indexed.OLD_NS + 1))  # the add, with an old folder mtime
    assert not fresh(indexed)
    assert ("tool", "tools/restore.sh", "Restore the database.") in rows(indexed)
    assert fresh(indexed)


def test_a_removed_file_is_seen(indexed):
    (indexed.root / TOOL).unlink()
    assert not fresh(indexed)
    assert [path for _, path, _ in rows(indexed)] == [SKILL]


def test_a_renamed_file_is_seen(indexed):
    os.rename(indexed.root / TOOL, indexed.root / "tools/backup-db.sh")
    assert not fresh(indexed)
    assert [path for _, path, _ in rows(indexed)] == [SKILL, "tools/backup-db.sh"]


def test_a_proof_lost_between_the_two_writes_is_written_again(indexed):
    """A run stopped after the files were written and before the proof: the fast path is off, not wrong,
    until the next full check writes the proof again."""
    db = sqlite3.connect(indexed.db, isolation_level=None)
    db.execute("DELETE FROM snapshot WHERE key = ?", (store.PROOF_KEY,))
    db.close()
    assert not fresh(indexed)
    assert rows(indexed) == [
        ("skill", SKILL, "Deploy the app to staging."),
        ("tool", TOOL, "Back up the database."),
    ]
    assert fresh(indexed)


@pytest.mark.parametrize("damaged", ["x\0y", "", "1", "5\x002\0/nowhere"])
def test_a_damaged_proof_is_not_fresh_and_the_index_answers(indexed, damaged):
    db = sqlite3.connect(indexed.db, isolation_level=None)
    db.execute("UPDATE snapshot SET value = ? WHERE key = ?", (damaged, store.PROOF_KEY))
    db.close()
    assert not fresh(indexed)
    assert [path for _, path, _ in rows(indexed)] == [SKILL, TOOL]
    assert fresh(indexed)  # written again by the full check
