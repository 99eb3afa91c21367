"""Validating on several processes gives exactly the report of validating in one."""

from __future__ import annotations

import gc
import os

import pytest
from support import FIXTURES, PROJECT, write_tree

from skilldex.validate import parallel
from skilldex.validate.profiles import PROFILES
from skilldex.validate.run import validate_paths


def _report(root, profile: str) -> tuple:
    report = validate_paths([str(root)], profile=profile, cwd=str(root))
    return [f.model_dump() for f in report.findings], [vars(f) for f in report.files], report.skipped


def _forked(monkeypatch) -> None:
    monkeypatch.delenv("SKILLDEX_WORKERS", raising=False)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_MANIFESTS", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("root", [FIXTURES / "allkinds", PROJECT / "examples" / "karematch"])
def test_forked_workers_give_the_same_report(monkeypatch, root, profile):
    monkeypatch.setenv("SKILLDEX_WORKERS", "1")
    serial = _report(root, profile)
    _forked(monkeypatch)
    parallel.last_workers.clear()
    assert _report(root, profile) == serial
    assert parallel.last_workers and os.getpid() not in parallel.last_workers  # the checks ran in workers
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the collector is as it was before the pool


def test_read_findings_and_name_collisions_cross_the_workers(monkeypatch, tmp_path):
    """A manifest's read findings (not UTF-8) come back from the worker that read it; names collide across
    manifests checked by different workers."""
    files: dict[str, str | bytes] = {
        f".claude/skills/s{i}/SKILL.md": f"---\nname: s{i}\ndescription: Skill {i}.\n---\nBody.\n" for i in range(12)
    }
    files[".claude/skills/bad/SKILL.md"] = b"---\nname: bad\ndescription: Caf\xe9.\n---\nBody.\n"
    files[".claude/commands/s3.md"] = "Run s3.\n"  # answers to /s3 like the skill
    files[".claude/agents/a.md"] = "---\nname: s11\ndescription: Agent.\n---\nBody.\n"
    root = write_tree(tmp_path, files)
    monkeypatch.setenv("SKILLDEX_WORKERS", "1")
    serial = _report(root, "claude-code")
    codes = {f["code"] for f in serial[0]}
    assert {"SKD503", "SKD002"} <= codes  # the collision and the not-UTF-8 read are both there
    _forked(monkeypatch)
    assert _report(root, "claude-code") == serial


def test_small_jobs_stay_in_process(monkeypatch, tmp_path):
    write_tree(tmp_path, {".claude/skills/a/SKILL.md": "---\nname: a\ndescription: A skill.\n---\nBody.\n"})
    monkeypatch.delenv("SKILLDEX_WORKERS", raising=False)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 8)
    parallel.last_workers.clear()
    parallel.last_workers.add(-1)
    assert [f.path for f in validate_paths([str(tmp_path)], cwd=str(tmp_path)).files] == [".claude/skills/a/SKILL.md"]
    assert parallel.last_workers == {-1}  # untouched: no pool was started
