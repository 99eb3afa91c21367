"""Per-file scan state lives in a ScanContext, not in the repo-wide RepoFS: a file's findings go to its unit."""

from __future__ import annotations

import inspect
from pathlib import Path

from support import write_tree

from skilldex.scan import open_repo
from skilldex.scan.unit import providers, scan_unit


def test_a_files_findings_go_to_its_unit_and_never_into_the_walks(tmp_path: Path):
    root = write_tree(
        tmp_path / "repo",
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".claude/skills/deploy/SKILL.md": "---\nname: [deploy\n---\nbody\n",
            ".mcp.json": "{",
            "docs/latin1.md": b"# Caf\xe9\n",
        },
    )
    fs = open_repo(root)
    walk = list(fs.findings)
    by_rel = {f.rel: f for f in fs.files}
    found = {rel: [f.code for f in scan_unit(fs, by_rel[rel]).findings] for rel in sorted(by_rel)}
    assert found[".claude/skills/deploy/SKILL.md"] == ["SKD012"]
    assert found[".mcp.json"] == ["SKD030"]
    assert found["docs/latin1.md"] == ["SKD002"]
    assert fs.findings == walk and fs.unit is None and fs.deps is None


def test_outside_a_unit_a_read_finding_is_the_walks(tmp_path: Path):
    root = write_tree(tmp_path / "repo", {".git/HEAD": "x\n", "notes.md": b"\xff\xfe\n"})
    fs = open_repo(root)
    assert fs.read_text(next(f for f in fs.files if f.rel == "notes.md")) is not None
    assert [f.code for f in fs.findings] == ["SKD002"]


def test_no_provider_but_the_task_runners_writes_into_the_repos_findings():
    # scan/tasks.py is the `tasks` branch's: it still appends to fs.findings, which scan_unit takes over
    writers = [p.__name__ for p in providers() if "fs.findings" in inspect.getsource(p)]
    assert writers == ["skilldex.scan.tasks"]
