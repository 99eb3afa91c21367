"""Held-out ranking quality of `skilldex find` vs plain BM25, on repos and intents never used in development.

Usage: python benchmarks/find/heldout/run.py [--write] [--top N]

Same method and metrics as benchmarks/find_quality.py (whose functions it reuses): the held-out repos
(benchmarks/find/heldout/repos, written by benchmarks/find/heldout/generate.py into a temporary folder)
are scanned, and every intent in benchmarks/find/heldout/intents.yaml is ranked by
  (a) skilldex: `skilldex.search.find` hits deduplicated by path, and
  (b) BM25: SQLite FTS5 over the raw item-defining files, intent words OR-ed.
Prints recall@1, recall@3 and MRR (ranks beyond --top count as misses) overall, per repo and per intent
kind, plus the intents skilldex misses at 3. --write also saves the text to
benchmarks/results/find_quality_heldout.txt.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent.parent
REPO_ROOT = BENCHMARKS.parent
INTENTS = HERE / "intents.yaml"
RESULTS = BENCHMARKS / "results" / "find_quality_heldout.txt"

sys.path.insert(0, str(BENCHMARKS))
import find_quality as fq  # noqa: E402


def _load(name: str, path: Path) -> ModuleType:
    """Import a file under a private module name (benchmarks/find/generate.py is already `generate`)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


heldout_generate = _load("skilldex_heldout_generate", HERE / "generate.py").generate


def per_kind_table(results: dict[str, list[fq.Outcome]], kinds: Sequence[str]) -> list[str]:
    """Recall@3 and MRR of every system for each kind of phrasing."""
    header = f"{'kind':16} {'n':>4}" + "".join(f" {s + ' R@3':>14} {s + ' MRR':>14}" for s in results)
    lines = [header]
    for kind in kinds:
        cells = []
        n = 0
        for outcomes in results.values():
            n, _, r3, mrr = fq.metrics([o for o in outcomes if (o.intent.kind or "-") == kind])
            cells.append(f" {r3:>14.3f} {mrr:>14.3f}")
        lines.append(f"{kind:16} {n:>4}" + "".join(cells))
    return lines


def report(intents: list[fq.Intent], catalogues: dict, roots: dict[str, Path], top: int) -> str:
    """Run both systems on the held-out set and format the report."""
    results: dict[str, list[fq.Outcome]] = {}
    ranker = fq.skilldex_ranker(catalogues)
    if ranker is not None:
        results["skilldex"] = fq.evaluate(ranker, intents, top)
    results["bm25"] = fq.evaluate(fq.bm25_ranker(roots, catalogues), intents, top)
    repos = list(dict.fromkeys(i.repo for i in intents))
    kinds = sorted({i.kind or "-" for i in intents})
    items = sum(len(catalogues[r].items) for r in repos)
    files = sum(len(fq.item_paths(catalogues[r])) for r in repos)
    # No bundled examples here: every intent is in the "generated" split, so the empty split is dropped.
    table = [line for line in fq.summary_table(results, examples=set()) if " examples " not in line]
    out = [
        "skilldex find: HELD-OUT ranking quality (benchmarks/find/heldout/run.py)",
        f"{len(intents)} intents over {len(repos)} repos ({items} items in {files} files); "
        f"ranks beyond {top} count as misses",
        "",
    ]
    if ranker is None:
        out += ["NOTE: skilldex.search is not importable; baseline results only.", ""]
    out += table + [""] + fq.per_repo_table(results, repos) + [""] + per_kind_table(results, kinds) + [""]
    missing = fq.unlabelled(intents, catalogues)
    if missing:
        out += ["Expected paths that are not catalogued (no system can find them):"] + missing + [""]
    if "skilldex" in results:
        out += ["skilldex misses at 3:"] + fq.misses(results["skilldex"], results["bm25"], top) + [""]
    else:
        out += ["bm25 misses at 3:"] + fq.misses(results["bm25"], None, top) + [""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Held-out recall@1/@3 and MRR of skilldex find vs plain BM25.")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS.relative_to(REPO_ROOT)}")
    parser.add_argument("--top", type=int, default=10, help="ranks beyond this count as misses (default 10)")
    args = parser.parse_args(argv)
    intents = fq.load_intents(INTENTS)
    with tempfile.TemporaryDirectory(prefix="skilldex-heldout-") as tmp:
        roots = heldout_generate(Path(tmp))
        unknown = sorted({i.repo for i in intents} - roots.keys())
        if unknown:
            parser.error(f"intents name unknown repos: {', '.join(unknown)}")
        catalogues = fq.scan_all(roots)
        text = report(intents, catalogues, roots, args.top)
    fq.publish(text, RESULTS, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
