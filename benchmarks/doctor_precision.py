"""Precision of `skilldex doctor` on real public repos, against findings labelled by reading the files.

    python benchmarks/doctor_precision.py [--repos DIR] [--sets heldout-10,tuned] [--write]

Labels (`benchmarks/doctor/labels.tsv`: repo, commit, path, line, code, severity, verdict, reason) and the
repo list (`benchmarks/doctor/repos.tsv`: repo, commit, tuned | heldout) are committed; the repos are not.
Each repo is a full clone (git history is read) at `DIR/<owner>+<name>` checked out at the labelled commit
(default DIR: benchmarks/doctor/checkouts/). Doctor runs on each; a labelled finding counts when doctor still
reports its (path, line, code). Precision is real / (real + false) over the labelled findings reported, per
severity as reported now and per code; unclear labels are counted apart. `--sets` measures only the repos of
those sets (a quicker loop; the whole-set table is then over them alone). Recall: how many of the labelled
real findings are still reported (at any severity but info), how many real ones labelled as errors are
warnings now, and how many are info now. Each set is reported apart, then the whole labelled set.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "doctor" / "labels.tsv"
REPOS = HERE / "doctor" / "repos.tsv"
RESULT = HERE / "results" / "doctor_precision.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=Path, default=HERE / "doctor" / "checkouts")
    parser.add_argument("--sets", default="", help="comma-separated sets of repos.tsv to measure (default: all)")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULT.relative_to(HERE.parent)}")
    args = parser.parse_args()
    chosen_sets = {name.strip() for name in args.sets.split(",") if name.strip()}
    if args.write and chosen_sets:
        parser.error("--write records the whole labelled set: run it without --sets")
    from skilldex.doctor import doctor_repos
    from skilldex.workspace import RepoRef

    repos = [r for r in csv.DictReader(REPOS.open(), delimiter="\t") if not chosen_sets or r["set"] in chosen_sets]
    if not repos:
        parser.error(f"no repos in sets {', '.join(sorted(chosen_sets))}")
    labels = list(csv.DictReader(LABELS.open(), delimiter="\t"))
    missing = [r for r in repos if not _ready(args.repos, r)]
    if missing:
        print("Missing locally (clone each at the labelled commit, then run again):", file=sys.stderr)
        for r in missing:
            folder = args.repos / r["repo"].replace("/", "+")
            print(
                f"  git clone https://github.com/{r['repo']} {folder} && git -C {folder} checkout -q {r['commit']}",
                file=sys.stderr,
            )
        print(f"{len(missing)} of {len(repos)} repos missing; their labels are left out.", file=sys.stderr)
    reported: dict[tuple[str, str, int, str], str] = {}
    started = time.perf_counter()
    for r in repos:
        if r in missing:
            continue
        folder = (args.repos / r["repo"].replace("/", "+")).resolve()
        report = doctor_repos([RepoRef(r["repo"], folder)], cwd=str(folder), home=Path(os.devnull))
        for f in report.findings:
            reported[r["repo"], f.path, f.line or 0, f.code] = f.severity.value
    elapsed = time.perf_counter() - started
    sets = {r["repo"]: r["set"] for r in repos if r not in missing}
    lines = [_header(len(sets), sum(lab["repo"] in sets for lab in labels), elapsed)]
    for name in sorted(set(sets.values()), key=lambda s: (s != "tuned", s)):
        chosen = [lab for lab in labels if sets.get(lab["repo"]) == name]
        lines += _table(name, chosen, reported)
    lines += _table("whole labelled set", [lab for lab in labels if lab["repo"] in sets], reported)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        RESULT.write_text(text)
    return 0


def _ready(root: Path, repo: dict) -> bool:
    folder = root / repo["repo"].replace("/", "+")
    if not (folder / ".git").exists():
        return False
    head = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True)
    return head.stdout.strip() == repo["commit"]


def _header(repos: int, labels: int, elapsed: float) -> str:
    return (
        f"doctor precision on {repos} real repos, {labels} labelled findings; doctor ran in {elapsed:.1f} s\n"
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}\n"
        "precision = real / (real + false) over labelled findings still reported; unclear counted apart"
    )


def _table(name: str, labels: list[dict], reported: dict) -> list[str]:
    by_severity: dict[str, Counter] = defaultdict(Counter)
    by_code: dict[str, Counter] = defaultdict(Counter)
    real_kept = real_total = demoted = to_info = 0
    for lab in labels:
        key = (lab["repo"], lab["path"], int(lab["line"]), lab["code"])
        severity = reported.get(key)
        if lab["verdict"] == "real":
            real_total += 1
            real_kept += severity in ("error", "warning")
            demoted += lab["severity"] == "error" and severity == "warning"
            to_info += lab["severity"] != "info" and severity == "info"
        if severity is None:
            continue
        by_severity[severity][lab["verdict"]] += 1
        by_code[f"{lab['code']} {severity}"][lab["verdict"]] += 1
    out = [f"\n== {name}: {len(labels)} labels from {len({lab['repo'] for lab in labels})} repos"]
    for title, table in (("severity", by_severity), ("code", by_code)):
        for key in sorted(table):
            c = table[key]
            judged = c["real"] + c["false"]
            precision = f"{c['real'] / judged:.2f}" if judged else "  - "
            out.append(
                f"  {title:8} {key:16} precision {precision}  real {c['real']:3}  false {c['false']:3}  "
                f"unclear {c['unclear']:2}"
            )
    share = f"{real_kept / real_total:.2f}" if real_total else "-"
    out.append(f"  labelled real findings still reported as error or warning: {real_kept}/{real_total} ({share})")
    out.append(f"  labelled real findings reported as errors when labelled, warnings now: {demoted}")
    out.append(f"  labelled real findings reported as errors or warnings when labelled, info now: {to_info}")
    return out


if __name__ == "__main__":
    sys.exit(main())
