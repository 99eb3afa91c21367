"""How far do two careful labellers agree on capability tags? A second labeller's tags against the gold ones.

Usage: python benchmarks/brief_agreement.py [--repos DIR] [--no-skilldex]

Reads benchmarks/brief/agreement.yaml (a second labeller's own tags for items of the fresh-2 repos, written without
the gold tags) and the gold labels beside it. Precision and recall are counted as brief_quality.py counts them for
skilldex: the second labeller's tags are the prediction, the gold tags the truth. With the checkouts present
(DIR/<owner>+<name>, default $SKILLDEX_BRIEF_REPOS or /work/repos) it also scores skilldex's tags on the same items
against each labeller, so its gap can be read against the gap between two people.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from brief_quality import LABELS, matches  # noqa: E402


def gold_tags(repo: str) -> dict[tuple[str, str | None], set[str]]:
    """(path, name) -> gold tags, for every labelled item of a repo that has tags."""
    labels = yaml.safe_load((LABELS / f"{repo}.yaml").read_text())
    return {
        (e["path"], e.get("name") if isinstance(e.get("name"), str) else None): set(e["tags"])
        for e in labels.get("items", [])
        if "tags" in e
    }


def score(pairs: list[tuple[set[str], set[str]]]) -> str:
    """Precision / recall of the first set of each pair against the second, and how many sets are equal."""
    tp = sum(len(p & g) for p, g in pairs)
    pred = sum(len(p) for p, _ in pairs)
    gold = sum(len(g) for _, g in pairs)
    same = sum(p == g for p, g in pairs)

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f} ({a}/{b})" if b else "-"

    return f"precision {ratio(tp, pred)}, recall {ratio(tp, gold)}, identical tag sets {same}/{len(pairs)}"


def _skilldex_tags(repos: Path, items: list[dict]) -> dict[tuple[str, str, str | None], set[str]] | None:
    """skilldex's capabilities for each agreement item (None without the checkouts)."""
    os.environ.setdefault("SKILLDEX_CACHE_DIR", tempfile.mkdtemp(prefix="skilldex-agree-"))
    from skilldex.index.refresh import repo_index  # lazy: only when skilldex is scored

    found: dict[tuple[str, str, str | None], set[str]] = {}
    for repo in sorted({e["repo"] for e in items}):
        root = repos / repo
        if not root.is_dir():
            return None
        index = repo_index(root, repo.split("+")[1])
        try:
            for entry in (e for e in items if e["repo"] == repo):
                rows = [r for r in index.rows if matches(r, entry)]
                if rows:
                    found[(repo, entry["path"], entry.get("name"))] = set(rows[0].capabilities)
        finally:
            index.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", default=os.environ.get("SKILLDEX_BRIEF_REPOS", "/work/repos"))
    parser.add_argument("--no-skilldex", action="store_true", help="compare the two labellers only")
    args = parser.parse_args(argv)
    items = yaml.safe_load((LABELS / "agreement.yaml").read_text())["items"]
    gold = {repo: gold_tags(repo) for repo in {e["repo"] for e in items}}
    rows = []
    for entry in items:
        truth = gold[entry["repo"]].get((entry["path"], entry.get("name")))
        if truth is None:
            print(f"Error: no gold tags for {entry['repo']} {entry['path']} {entry.get('name', '')}", file=sys.stderr)
            return 2
        rows.append((entry, set(entry["tags"]), truth))
    out = [f"# tag agreement on {len(rows)} items of the fresh-2 repos (benchmarks/brief/agreement.yaml)", ""]
    out.append("second labeller vs gold, all:           " + score([(m, g) for _, m, g in rows]))
    sampled = [(m, g) for e, m, g in rows if e.get("from") != "candidates"]
    candidates = [(m, g) for e, m, g in rows if e.get("from") == "candidates"]
    out.append("second labeller vs gold, sampled:       " + score(sampled))
    out.append("second labeller vs gold, candidates:    " + score(candidates))
    theirs = None if args.no_skilldex else _skilldex_tags(Path(args.repos), items)
    if theirs is not None:
        both = [
            (theirs[(e["repo"], e["path"], e.get("name"))], m, g)
            for e, m, g in rows
            if (e["repo"], e["path"], e.get("name")) in theirs
        ]
        out.append(f"skilldex vs gold, same items ({len(both)}):    " + score([(s, g) for s, _, g in both]))
        out.append(f"skilldex vs second labeller ({len(both)}):     " + score([(s, m) for s, m, _ in both]))
    missed, extra = Counter(), Counter()
    for _, mine, truth in rows:
        missed.update(truth - mine)
        extra.update(mine - truth)
    out += ["", "gold tags the second labeller left out: " + ", ".join(f"{c} {n}" for c, n in missed.most_common())]
    out.append("tags the second labeller added:         " + ", ".join(f"{c} {n}" for c, n in extra.most_common()))
    out += ["", "## disagreements (second labeller / gold)"]
    for entry, mine, truth in rows:
        if mine != truth:
            what = f"{entry['repo']}: {entry['path']} {entry.get('name', '')}".rstrip()
            out.append(f"{what}: {sorted(mine)} / {sorted(truth)}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
