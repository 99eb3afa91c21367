"""Per-file scan state lives in a ScanContext, not in the repo-wide RepoFS: a file's findings go to its unit."""

from __future__ import annotations

import inspect
import re
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


def test_no_provider_writes_into_the_repos_findings():
    # every module of the scan package but the walk itself (fs.py) and the assembly (__init__) files findings
    # with fs.report, so a file's findings are its unit's
    package = Path(inspect.getfile(providers)).parent
    writers = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if path.name not in ("fs.py", "__init__.py") and re.search(r"fs\.findings\.(append|extend)", path.read_text())
    )
    assert writers == []
