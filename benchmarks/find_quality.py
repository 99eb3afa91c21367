"""Ranking quality of `skilldex find` against a plain BM25 baseline over the same files, in the same run.

Usage: python benchmarks/find_quality.py [--write] [--top N]

Scans the bundled examples (examples/<name>) and the synthetic repos written by benchmarks/find/generate.py
into a temporary folder, then, for every labelled intent in benchmarks/find/intents.yaml, finds the rank of
the first expected path among
  (a) skilldex: `skilldex.search.find([catalogue], intent)` hits, deduplicated by path (first occurrence kept);
  (b) BM25: SQLite FTS5 `bm25()` over the distinct files that define catalogue items (raw content, first 64 KB,
      default unicode61 tokenizer, no stemming, weights or synonyms), queried with the intent's words OR-ed.
Prints recall@1, recall@3 and MRR (ranks beyond --top count as misses) overall and for examples vs generated
repos, per repo, and the intents skilldex misses at 3. --write also saves the text to
benchmarks/results/find_quality.txt.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from skilldex.models import Catalogue
from skilldex.scan import scan_repo

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
EXAMPLES = REPO_ROOT / "examples"
INTENTS = HERE / "find" / "intents.yaml"
RESULTS = HERE / "results" / "find_quality.txt"
MAX_BYTES = 64 * 1024

sys.path.insert(0, str(HERE / "find"))
from generate import generate  # noqa: E402

Ranker = Callable[[str, str], list[str]]  # (repo name, intent) -> distinct paths, best first


@dataclass(frozen=True)
class Intent:
    """One labelled question: where it is asked, how, and which files answer it."""

    repo: str
    text: str
    expected: tuple[str, ...]
    kind: str | None = None


@dataclass
class Outcome:
    """The rank (1-based, None when absent from the top N) one system gave one intent, and its top paths."""

    intent: Intent
    rank: int | None
    top: list[str]


def load_intents(path: Path = INTENTS) -> list[Intent]:
    """Read the labelled intents file."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Intent(repo=e["repo"], text=str(e["intent"]), expected=tuple(e["expected"]), kind=e.get("kind"))
        for e in entries
    ]


def repo_roots(generated_into: Path) -> dict[str, Path]:
    """Every benchmark repo: the bundled examples plus the synthetic repos generated into a folder."""
    roots = {p.name: p for p in sorted(EXAMPLES.iterdir()) if p.is_dir()}
    roots.update(generate(generated_into))
    return roots


def scan_all(roots: dict[str, Path]) -> dict[str, Catalogue]:
    """Scan each repo once."""
    return {name: scan_repo(root, name=name) for name, root in roots.items()}


def item_paths(catalogue: Catalogue) -> list[str]:
    """Distinct files that define catalogue items, in catalogue order."""
    return list(dict.fromkeys(item.path for item in catalogue.items))


def fts_query(text: str) -> str:
    """The intent's whitespace-separated words, each quoted as an FTS5 string, OR-ed together."""
    words = text.split()
    return " OR ".join('"' + word.replace('"', '""') + '"' for word in words)


class BM25Index:
    """Plain BM25 (SQLite FTS5, unicode61, no stemming) over the raw text of one repo's item-defining files.

    One index per repo, so document frequencies come from that repo's files only.
    """

    def __init__(self, root: Path, paths: Sequence[str]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body)")
        self.db.executemany("INSERT INTO docs (path, body) VALUES (?, ?)", [(p, read_head(root / p)) for p in paths])

    def rank(self, text: str) -> list[str]:
        """Paths matching any word of the intent, best BM25 score first (ties by path)."""
        sql = "SELECT path FROM docs WHERE docs MATCH ? ORDER BY bm25(docs), path"
        return [row[0] for row in self.db.execute(sql, (fts_query(text),))]


def bm25_ranker(roots: dict[str, Path], catalogues: dict[str, Catalogue]) -> Ranker:
    """The baseline as a Ranker: one FTS5 index per repo."""
    indexes = {name: BM25Index(roots[name], item_paths(cat)) for name, cat in catalogues.items()}
    return lambda repo, text: indexes[repo].rank(text)


def read_head(path: Path) -> str:
    """The first 64 KB of a file as text (undecodable bytes replaced)."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def skilldex_ranker(catalogues: dict[str, Catalogue]) -> Ranker | None:
    """`skilldex.search.find` over one repo's catalogue, deduplicated by path; None if it is not importable."""
    try:
        from skilldex.search import find
    except ImportError:
        return None

    def rank(repo: str, text: str) -> list[str]:
        hits = find([catalogues[repo]], text, limit=50)
        return list(dict.fromkeys(hit.path for hit in hits))

    return rank


def evaluate(ranker: Ranker, intents: Sequence[Intent], top: int) -> list[Outcome]:
    """Rank every intent with one system."""
    outcomes = []
    for intent in intents:
        paths = ranker(intent.repo, intent.text)[:top]
        rank = next((i for i, path in enumerate(paths, 1) if path in intent.expected), None)
        outcomes.append(Outcome(intent=intent, rank=rank, top=paths[:3]))
    return outcomes


def metrics(outcomes: Sequence[Outcome]) -> tuple[int, float, float, float]:
    """(n, recall@1, recall@3, MRR) of a set of outcomes."""
    n = len(outcomes)
    if not n:
        return 0, 0.0, 0.0, 0.0
    r1 = sum(o.rank == 1 for o in outcomes) / n
    r3 = sum(o.rank is not None and o.rank <= 3 for o in outcomes) / n
    mrr = sum(1 / o.rank for o in outcomes if o.rank) / n
    return n, r1, r3, mrr


def summary_table(results: dict[str, list[Outcome]], examples: set[str]) -> list[str]:
    """Recall@1, recall@3 and MRR per system, overall and split by examples vs generated repos."""
    lines = [f"{'system':10} {'split':10} {'n':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6}"]
    for system, outcomes in results.items():
        splits = {
            "all": outcomes,
            "examples": [o for o in outcomes if o.intent.repo in examples],
            "generated": [o for o in outcomes if o.intent.repo not in examples],
        }
        for split, subset in splits.items():
            n, r1, r3, mrr = metrics(subset)
            lines.append(f"{system:10} {split:10} {n:>4} {r1:>6.3f} {r3:>6.3f} {mrr:>6.3f}")
    return lines


def per_repo_table(results: dict[str, list[Outcome]], repos: Sequence[str]) -> list[str]:
    """Recall@3 and MRR of every system for each repo."""
    header = f"{'repo':16} {'n':>4}" + "".join(f" {s + ' R@3':>14} {s + ' MRR':>14}" for s in results)
    lines = [header]
    for repo in repos:
        cells = []
        n = 0
        for outcomes in results.values():
            n, _, r3, mrr = metrics([o for o in outcomes if o.intent.repo == repo])
            cells.append(f" {r3:>14.3f} {mrr:>14.3f}")
        lines.append(f"{repo:16} {n:>4}" + "".join(cells))
    return lines


def misses(outcomes: Sequence[Outcome], other: Sequence[Outcome] | None, top: int) -> list[str]:
    """The intents a system misses at 3: rank, the other system's rank, expected paths and the top 3 returned."""
    lines = []
    for i, outcome in enumerate(outcomes):
        if outcome.rank is not None and outcome.rank <= 3:
            continue
        rank = str(outcome.rank) if outcome.rank else f">{top}"
        if other is not None:
            theirs = other[i].rank
            rank += f" (bm25 {theirs if theirs else f'>{top}'})"
        lines.append(f"- [{outcome.intent.repo}] {outcome.intent.text!r}  rank {rank}")
        lines.append(f"    expected: {', '.join(outcome.intent.expected)}")
        lines.append(f"    top 3:    {', '.join(outcome.top) or '(nothing)'}")
    return lines or ["(none)"]


def unlabelled(intents: Sequence[Intent], catalogues: dict[str, Catalogue]) -> list[str]:
    """Expected paths that no catalogue item is defined in: neither system can return them."""
    lines = []
    for intent in intents:
        known = set(item_paths(catalogues[intent.repo]))
        lines += [f"- [{intent.repo}] {path} (for {intent.text!r})" for path in intent.expected if path not in known]
    return lines


def report(intents: list[Intent], catalogues: dict[str, Catalogue], roots: dict[str, Path], top: int) -> str:
    """Run both systems and format the whole report."""
    examples = {p.name for p in EXAMPLES.iterdir() if p.is_dir()}
    results: dict[str, list[Outcome]] = {}
    ranker = skilldex_ranker(catalogues)
    if ranker is not None:
        results["skilldex"] = evaluate(ranker, intents, top)
    results["bm25"] = evaluate(bm25_ranker(roots, catalogues), intents, top)
    repos = list(dict.fromkeys(i.repo for i in intents))
    items = sum(len(catalogues[r].items) for r in repos)
    files = sum(len(item_paths(catalogues[r])) for r in repos)
    out = [
        "skilldex find: ranking quality (benchmarks/find_quality.py)",
        f"{len(intents)} intents over {len(repos)} repos ({items} items in {files} files); "
        f"ranks beyond {top} count as misses",
        "",
    ]
    if ranker is None:
        out += ["NOTE: skilldex.search is not importable yet; baseline results only.", ""]
    out += summary_table(results, examples) + [""] + per_repo_table(results, repos) + [""]
    missing = unlabelled(intents, catalogues)
    if missing:
        out += ["Expected paths that are not catalogued (no system can find them):"] + missing + [""]
    if "skilldex" in results:
        out += ["skilldex misses at 3:"] + misses(results["skilldex"], results["bm25"], top) + [""]
    else:
        out += ["bm25 misses at 3:"] + misses(results["bm25"], None, top) + [""]
    return "\n".join(out)


def publish(text: str, path: Path, write: bool) -> None:
    """Print a report and, with --write, also save it to `path` (shared by the hint and held-out benchmarks)."""
    print(text)
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Recall@1/@3 and MRR of skilldex find vs plain BM25.")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS.relative_to(REPO_ROOT)}")
    parser.add_argument("--top", type=int, default=10, help="ranks beyond this count as misses (default 10)")
    args = parser.parse_args(argv)
    intents = load_intents()
    with tempfile.TemporaryDirectory(prefix="skilldex-find-") as tmp:
        roots = repo_roots(Path(tmp))
        unknown = sorted({i.repo for i in intents} - roots.keys())
        if unknown:
            parser.error(f"intents name unknown repos: {', '.join(unknown)}")
        catalogues = scan_all(roots)
        text = report(intents, catalogues, roots, args.top)
    publish(text, RESULTS, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
