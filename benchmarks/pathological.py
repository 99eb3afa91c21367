"""The slowest pathological ~30 KB input per file kind: every unit of tests/fuzz/pathological.py, timed.

    .venv/bin/python benchmarks/pathological.py        # writes benchmarks/results/pathological.json

Each input is scanned (and doctor run on the kinds it reads) in a child process killed after 20 s, so a
runaway pattern shows as `null` instead of hanging the run. CPU seconds are the figure to compare.
"""

from __future__ import annotations

import json
import platform
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))

from fuzz.pathological import SIZE, UNITS, measure  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        results = measure(Path(out), [], 20.0)
    slowest: dict[str, dict] = {}
    for r in results:
        best = slowest.get(r["kind"])
        if best is None or r["cpu"] is None or (best["cpu"] is not None and r["cpu"] > best["cpu"]):
            slowest[r["kind"]] = r
    report = {
        "inputs": len(results),
        "size": SIZE,
        "units": len(UNITS),
        "python": platform.python_version(),
        "slowest_per_kind": {
            kind: {
                "input": r["input"],
                "cpu_seconds": r["cpu"] and round(r["cpu"], 3),
                "wall_seconds": r["seconds"] and round(r["seconds"], 3),
            }
            for kind, r in sorted(slowest.items(), key=lambda kv: -(kv[1]["cpu"] or 99))
        },
    }
    (HERE / "results" / "pathological.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for kind, row in report["slowest_per_kind"].items():
        print(f"{kind:14} {row['cpu_seconds']!s:>6} s CPU  {row['input']!r}")


if __name__ == "__main__":
    main()
