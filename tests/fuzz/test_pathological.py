"""Issue 22 item 6: every file kind skilldex reads takes bounded time on pathological ~30 KB inputs.

Each input (a run of one character or a short unit after a prefix that takes the kind's parser into its
inner loops) is scanned, and doctor run on the kinds it reads, in a child process that is killed when an
input runs away (Python's `re` cannot be interrupted). The bound is on the child's CPU time, 2 s per
file: generous on a loaded 2-core machine, and far below what a super-linear pattern takes at 30 KB (the
four known cases took 9 s to hours). `benchmarks/pathological.py` runs every unit and reports the slowest.
"""

from __future__ import annotations

from pathlib import Path

from fuzz.pathological import KINDS, measure

BOUND_CPU = 2.0
KILL_AFTER = 20.0  # wall-clock seconds before a child is taken to hang
# The units that made some parser super-linear before (issue 22 and this audit), and plain runs.
UNITS = ["#", "`", "[", "{", "\n", " \n", "# ", "//", "-", "a.", "x,", ":a", "python --a", "eyJ-", "\\\\n"]


def test_every_file_kind_is_bounded_on_pathological_input(tmp_path: Path):
    results = measure(tmp_path, [], KILL_AFTER, UNITS)
    assert {r["kind"] for r in results} == set(KINDS)
    slow = [r for r in results if r["cpu"] is None or r["cpu"] > BOUND_CPU]
    assert not slow, "\n".join(f"{r['kind']}: {r['input']!r}: {r['cpu']} s CPU" for r in slow)
