"""False positives of secret redaction on real public repos: what skilldex hides that is not a secret.

Usage: python benchmarks/secrets_fp.py [--repos DIR] [--write] [--dump] [--label NAME]

Scans each labelled repo (checkouts in DIR, default /work/repos/<owner>+<name>, at the commit in the labels) and
counts, per repo and for the tuning and held-out sets apart:
  - SKD040 findings (a likely secret at path:line), each judged by a committed label (benchmarks/secrets/labels.tsv:
    repo, commit, path, line, verdict, why): `secret` (a credential that looks real), `example` (a literal demo or
    CI credential in a sample: redacting it does no harm) or `not-secret` (a false positive);
  - items whose text holds [redacted] although every finding in their file is `not-secret` (wrongly redacted);
  - names and paths holding [redacted] (must be 0: a name or path is never rewritten).
Findings without a label are listed (--dump prints each with its line, to label by hand; the repos' text is
never committed). Run it with PYTHONPATH pointing at another source tree to measure that tree ("before").
--write saves the table to benchmarks/results/secrets_fp[.<label>].txt.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from skilldex.scan import scan_repo

HERE = Path(__file__).resolve().parent
LABELS = HERE / "secrets" / "labels.tsv"
REPOS = HERE / "secrets" / "repos.tsv"  # repo, commit, set (tuning | heldout)
RESULTS = HERE / "results"
MARK = "[redacted]"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def measure(repo: str, root: Path, labels: dict[tuple[str, str, int], str]) -> dict:
    catalogue = scan_repo(root)
    findings = [(f.path, f.line or 0, f.message) for f in catalogue.findings if f.code == "SKD040"]
    verdicts = Counter(labels.get((repo, path, line), "unlabelled") for path, line, _ in findings)
    # redacting a demo credential (`example`) is not wrong: only a file whose every finding is not a secret is
    secret_paths = {path for path, line, _ in findings if labels.get((repo, path, line)) in ("secret", "example")}
    redacted = [item for item in catalogue.items if MARK in item.model_dump_json()]
    wrong = [item for item in redacted if item.path not in secret_paths]
    names = [
        item
        for item in catalogue.items
        if MARK in item.name or MARK in item.path or MARK in (getattr(item, "dir_name", "") or "")
    ]
    return {
        "repo": repo,
        "items": len(catalogue.items),
        "findings": len(findings),
        "secret": verdicts["secret"],
        "example": verdicts["example"],
        "not_secret": verdicts["not-secret"],
        "unlabelled": verdicts["unlabelled"],
        "redacted_items": len(redacted),
        "wrongly_redacted_items": len(wrong),
        "redacted_names_or_paths": len(names),
        "unlabelled_at": [
            (path, line, message) for path, line, message in findings if (repo, path, line) not in labels
        ],
        "wrong_at": sorted({item.path for item in wrong}),
    }


def table(results: list[dict], sets: dict[str, str]) -> str:
    keys = (
        "items",
        "findings",
        "secret",
        "example",
        "not_secret",
        "unlabelled",
        "redacted_items",
        "wrongly_redacted_items",
        "redacted_names_or_paths",
    )
    lines = ["repo\tset\t" + "\t".join(keys)]
    for result in results:
        lines.append(f"{result['repo']}\t{sets[result['repo']]}\t" + "\t".join(str(result[k]) for k in keys))
    for name in dict.fromkeys(sets.values()):  # tuning, heldout, heldout2: in the order repos.tsv lists them
        chosen = [r for r in results if sets[r["repo"]] == name]
        if chosen:
            lines.append(
                f"TOTAL {name}\t{len(chosen)} repos\t" + "\t".join(str(sum(r[k] for r in chosen)) for k in keys)
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=Path, default=Path("/work/repos"))
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--dump", action="store_true", help="print each unlabelled finding with its line")
    parser.add_argument("--label", default="", help="suffix of the results file (e.g. before)")
    args = parser.parse_args(argv)
    labels = {(row["repo"], row["path"], int(row["line"])): row["verdict"] for row in _rows(LABELS)}
    repos = _rows(REPOS)
    sets = {row["repo"]: row["set"] for row in repos}
    results = []
    for row in repos:
        root = args.repos / row["repo"].replace("/", "+")
        if not root.is_dir():
            print(f"missing checkout: {root}", file=sys.stderr)
            continue
        result = measure(row["repo"], root, labels)
        results.append(result)
        for path, line, message in result["unlabelled_at"] if args.dump else ():
            text = (root / path).read_text(encoding="utf-8", errors="replace").splitlines()
            shown = text[line - 1][:160] if 0 < line <= len(text) else ""
            print(json.dumps([row["repo"], row["commit"], path, line, message, shown]))
    text = table(results, sets)
    print(text, end="")
    if args.write:
        name = f"secrets_fp.{args.label}.txt" if args.label else "secrets_fp.txt"
        wrong = "".join(f"wrongly redacted: {r['repo']} {path}\n" for r in results for path in r["wrong_at"])
        (RESULTS / name).write_text(text + wrong, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
