"""Several real processes refreshing (or reading) one repo's index at once: no errors, no torn index."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import traceback
from pathlib import Path

from skilldex.index import store
from skilldex.index.refresh import catalogue, repo_index
from skilldex.scan import scan_repo

WORKERS = 4
ROUNDS = 6
TOOL = "tools/backup.sh"
FORK = multiprocessing.get_context("fork")  # children inherit the imports and the per-test cache env


def _tool(description: str) -> str:
    return f"#!/bin/sh\n# {description}\necho run\n"


BASE = {
    ".claude/skills/deploy/SKILL.md": "---\nname: deploy\ndescription: Deploy the app.\n---\nSee [g](guide.md).\n",
    ".claude/skills/deploy/guide.md": "# Guide\n",
    "plugins/x/.claude-plugin/plugin.json": '{"name": "old"}',
    "plugins/x/skills/s/SKILL.md": "---\nname: s\ndescription: Plugin skill.\n---\nBody.\n",
    TOOL: _tool("Back up the database."),
    ".claude/skills/broken/SKILL.md": "---\nname: [\n---\nBody\n",
}


def _report(errors: Path, who: str) -> None:
    (errors / f"{who}-{os.getpid()}.txt").write_text(traceback.format_exc())


def _refresher(root: Path, errors: Path, barrier) -> None:
    """Each round: wait for the go, refresh from whatever state the index is in, check against a full scan."""
    try:
        for number in range(ROUNDS):
            barrier.wait()
            got = catalogue(root)
            index = repo_index(root)
            rows = [(r.path, r.description, r.run) for r in index.rows]
            index.close()
            want = scan_repo(root)
            assert got.model_dump() == want.model_dump(), f"round {number}: catalogue differs from the scan"
            assert rows == [(i.path, i.description, i.run) for i in want.items], f"round {number}: rows differ"
            barrier.wait()
    except BaseException:
        _report(errors, "refresher")
        barrier.abort()
        raise


def _mutate(project, number: int) -> None:
    """Between rounds: a different kind of change each time, some racy (mtime now), some not."""
    root = project.root
    if number == 0:
        project.write({TOOL: _tool("Back up every database, nightly.")}, mtime_ns=None)
    elif number == 1:
        project.write({"plugins/x/.claude-plugin/plugin.json": '{"name": "new"}'}, mtime_ns=project.OLD_NS + 10**9)
    elif number == 2:
        (root / ".claude/skills/deploy/guide.md").unlink()
        project.write({"tools/extra.sh": _tool("An extra tool.")})
    elif number == 3:
        os.rename(root / ".claude/skills/deploy", root / ".claude/skills/ship")
    elif number == 4:
        project.write({".claude/skills/broken/SKILL.md": "---\nname: fixed\ndescription: Fixed.\n---\n"}, mtime_ns=None)


def test_concurrent_refreshes_from_cold_while_files_change(project, tmp_path):
    project.write(BASE)
    errors = tmp_path / "errors"
    errors.mkdir()
    barrier = FORK.Barrier(WORKERS + 1, timeout=60)
    workers = [FORK.Process(target=_refresher, args=(project.root, errors, barrier)) for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    try:
        for number in range(ROUNDS):
            barrier.wait()  # go: every worker refreshes at once
            barrier.wait()  # all done; nobody holds the db open
            _mutate(project, number)
            if number % 2 == 0:
                store.remove(project.db)  # the next round starts cold again
    except threading.BrokenBarrierError:
        pass  # a worker failed and broke the barrier: its traceback is in `errors`, asserted below
    except BaseException:
        barrier.abort()
        raise
    finally:
        for worker in workers:
            worker.join(60)
    assert [p.read_text() for p in errors.iterdir()] == []
    assert [w.exitcode for w in workers] == [0] * WORKERS
    final = project.catalogue()
    assert [i.path for i in final.items] == [
        ".claude/skills/broken/SKILL.md",
        ".claude/skills/ship/SKILL.md",
        "plugins/x/skills/s/SKILL.md",
        TOOL,
        "tools/extra.sh",
    ]
    assert [i.run for i in final.items if i.kind == "skill"] == ["/broken", "/ship", "/new:s"]


def _writer(project_root: Path, staging: Path, errors: Path, edits: int) -> None:
    """Rewrite the tool's description (atomically, same size) and refresh, many times."""
    try:
        for number in range(edits):
            temporary = staging / "backup.sh"
            temporary.write_text(_tool(f"Back up run {number:03d}."))
            os.replace(temporary, project_root / TOOL)
            descriptions = [i.description for i in catalogue(project_root).items if i.path == TOOL]
            assert descriptions == [f"Back up run {number:03d}."], descriptions
    except BaseException:
        _report(errors, "writer")
        raise


def test_reader_sees_a_whole_index_while_a_writer_refreshes(project, tmp_path):
    project.write({**BASE, TOOL: _tool("Back up run 999.")})
    expected = [(i.path, i.kind) for i in project.catalogue().items]
    errors = tmp_path / "errors"
    errors.mkdir()
    staging = tmp_path / "staging"
    staging.mkdir()
    writer = FORK.Process(target=_writer, args=(project.root, staging, errors, 40))
    writer.start()
    reads = 0
    try:
        while writer.is_alive() or reads < 5:
            index = repo_index(project.root)
            try:
                assert [(r.path, r.kind) for r in index.rows] == expected
                (description,) = [r.description for r in index.rows if r.path == TOOL]
                assert description.startswith("Back up run ") and len(description) == len("Back up run 000.")
            finally:
                index.close()
            reads += 1
    finally:
        writer.join(60)
    assert [p.read_text() for p in errors.iterdir()] == []
    assert writer.exitcode == 0
    assert [i.description for i in project.catalogue().items if i.path == TOOL] == ["Back up run 039."]
    assert reads >= 5
    shutil.rmtree(staging)
