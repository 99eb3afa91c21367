"""Parse the 380 real SKILL.md frontmatters in ../shared/data (never copied here) with skilldex,
side by side with PyYAML's plain safe_load (what quick_validate and most loaders use), and report
how many each reads, how many skilldex turns into findings, and time per skill.

Usage: python benchmarks/real_frontmatter.py [PATH_TO_JSONL]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from skilldex.scan import scan_repo

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-skill-frontmatter.jsonl"


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    plain_ok = 0
    start = time.perf_counter()
    for record in records:
        try:
            data = yaml.safe_load(record["frontmatter"] or "")
            plain_ok += isinstance(data, dict)
        except yaml.YAMLError:
            pass
    plain_seconds = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for index, record in enumerate(records):
            folder = root / ".claude" / "skills" / f"{index:03d}-{record['dir_name']}"
            folder.mkdir(parents=True)
            body = "\n".join(f"line {n}" for n in range(record.get("body_lines") or 0))
            head = f"---\n{record['frontmatter']}\n---\n" if record["frontmatter"] is not None else ""
            (folder / record["filename"]).write_text(f"{head}{body}\n", encoding="utf-8")
        start = time.perf_counter()
        catalogue = scan_repo(root)
        scan_seconds = time.perf_counter() - start

    skills = [item for item in catalogue.items if item.kind == "skill"]
    codes = Counter(f.code for f in catalogue.findings)
    described = sum(1 for s in skills if s.description_source == "frontmatter")
    print(f"records: {len(records)}")
    per_skill = plain_seconds * 1000 / len(records)
    print(f"PyYAML safe_load -> mapping: {plain_ok}/{len(records)}  ({per_skill:.3f} ms/skill, parse only)")
    print(f"skilldex skills catalogued: {len(skills)}/{len(records)}; description from frontmatter: {described}")
    print(f"skilldex full scan (walk + read + parse + model): {scan_seconds * 1000 / len(records):.3f} ms/skill")
    print("findings by code:", dict(sorted(codes.items())) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
