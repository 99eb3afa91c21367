"""Cold scan time of a synthetic monorepo against `cat` of the same files (the I/O floor), same run.

Usage: python benchmarks/scan_scaling.py [SCALE]   (SCALE 1 = 400 packages, 3,000 docs, 2,000 scripts)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from skilldex.scan import scan_repo


def build(root: Path, scale: int) -> int:
    count = 0
    for p in range(400 * scale):
        pkg = root / "packages" / f"pkg{p}"
        pkg.mkdir(parents=True)
        (pkg / "package.json").write_text(json.dumps({"scripts": {"build": "tsc", "test": "vitest"}}))
        (pkg / "index.ts").write_text("export const x = 1\n" * 20)
        count += 2
    for d in range(3000 * scale):
        folder = root / "docs" / f"area{d % 50}"
        folder.mkdir(parents=True, exist_ok=True)
        topic = ("deploy", "database", "product", "design")[d % 4]
        text = f"# {topic.title()} note {d}\n\nSome text.\n\n```bash\nmake {topic}\n```\n"
        (folder / f"{topic}-{d}.md").write_text(text)
        count += 1
    for s in range(2000 * scale):
        folder = root / "scripts" / f"group{s % 40}"
        folder.mkdir(parents=True, exist_ok=True)
        text = f"#!/bin/sh\n# Run task {s} against the database.\n# Usage: task{s}.sh [--apply]\necho {s}\n"
        (folder / f"task{s}.sh").write_text(text)
        count += 1
    return count


def main() -> int:
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = build(root, scale)
        start = time.perf_counter()
        subprocess.run(f"find {root} -type f -exec cat {{}} + > /dev/null", shell=True, check=True)
        cat_seconds = time.perf_counter() - start
        start = time.perf_counter()
        catalogue = scan_repo(root)
        scan_seconds = time.perf_counter() - start
    kinds: dict[str, int] = {}
    for item in catalogue.items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    print(f"files: {files:,}  items: {kinds}")
    print(f"cat of all files (I/O floor): {cat_seconds:.2f} s")
    print(f"skilldex cold scan:           {scan_seconds:.2f} s  ({scan_seconds / cat_seconds:.1f} x cat)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
