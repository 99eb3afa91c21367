"""Short queries, the prompt hint and reply sizes of skilldex on real public repos, tuned and held out, in one run.

Usage: python benchmarks/hint_quality.py [--write] [--top N] [--repos DIR] [--splits tuned ...]

The repos are named with their commit in benchmarks/hint/repos.yaml and read from DIR/<owner>+<name>
(default $SKILLDEX_HINT_REPOS or /work/repos; a checkout is `git archive <commit>` of the repo). Labels:
  benchmarks/hint/short.yaml     2-5 word queries with the paths that answer them;
  benchmarks/hint/infra.yaml     infrastructure prompts with their answer (and its kind);
  benchmarks/hint/everyday.yaml  everyday coding prompts that need no tooling;
  benchmarks/hint/calibration.yaml  more of them, asked (with the tuned everyday ones) of every tuned repo:
                                 what the hint's thresholds were calibrated on.
Reports, split into tuned and held-out repos:
  - short-query recall@1/@3 and MRR of `skilldex.search.find` and of plain BM25 over the same files
    (benchmarks/find_quality.py's baseline: FTS5 over the raw item-defining files, words OR-ed);
  - how often `skilldex hook prompt` fires on everyday prompts, and how often it names the answer of an
    infrastructure prompt, per answer kind;
  - how often the write guard denies an everyday new file;
  - the largest MCP tool reply (JSON characters) and hook reply, against their budgets.
--write also saves the text, with the machine it ran on, to benchmarks/results/hint_quality.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
# tuned: what the hint and ranking were tuned on; heldout: labelled before tuning, looked at only at the end of a
# round; fresh, fresh2, ..., fresh5: labelled in later rounds before skilldex ever ran on them, and never tuned on
# (each reported apart, so a round that looked at one still has the others unseen).
SPLITS = ("tuned", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5")
LABELS = HERE / "hint"
RESULTS = HERE / "results" / "hint_quality.txt"
sys.path.insert(0, str(HERE))
import find_quality as fq  # noqa: E402

# New files an engineer writes on an ordinary day: the write guard must let every one through.
EVERYDAY_FILES = (
    ("tests/test_slugify.py", "import pytest\n\n\ndef test_slugify_lowercases():\n    assert True\n"),
    ("src/utils/date_format.ts", "// Format dates for the activity feed.\nexport const fmt = (d: Date) => `${d}`;\n"),
    ("scripts/check_links.py", '#!/usr/bin/env python3\n"""Print the markdown links in a file."""\n'),
    ("docs/notes/caching.md", "# Notes on caching\n\nWhy the feed is cached for a minute.\n"),
    ("src/components/EmptyState.tsx", "// Shown when a list has no rows yet.\nexport const EmptyState = () => null;\n"),
    ("tools/word_count.sh", "#!/bin/sh\n# Count the words in the changelog.\nwc -w CHANGELOG.md\n"),
)


def load(name: str) -> list[dict]:
    return yaml.safe_load((LABELS / name).read_text(encoding="utf-8"))


def checkouts(folder: Path) -> dict[str, tuple[Path, str]]:
    """repo -> (its checkout, its split) for every labelled repo present under `folder`."""
    found = {}
    for entry in load("repos.yaml"):
        root = folder / entry["repo"].replace("/", "+")
        if root.is_dir():
            found[entry["repo"]] = (root, entry["split"])
    return found


def mentions(text: str, path: str) -> bool:
    """Whether a hint names the path as a whole (`Makefile` is not `images/mongodb/Makefile`)."""
    return re.search(rf"(?<![\w/.-]){re.escape(path)}(?![\w/-])", text) is not None


def short_queries(labels, catalogues, roots, top) -> dict[str, dict[str, list[fq.Outcome]]]:
    """split -> system -> outcomes, for the short queries."""
    intents = {split: [] for split in SPLITS}
    for e in labels:
        if e["repo"] in catalogues:
            intents[roots[e["repo"]][1]].append(fq.Intent(e["repo"], e["query"], tuple(e["expected"]), e["kind"]))
    rankers = {
        "skilldex": fq.skilldex_ranker(catalogues),
        "bm25": fq.bm25_ranker({r: roots[r][0] for r in catalogues}, catalogues),
    }
    return {
        split: {name: fq.evaluate(rank, found, top) for name, rank in rankers.items()}
        for split, found in intents.items()
    }


def hints(roots, cache: Path) -> tuple[dict, list[str]]:
    """Per split: everyday fires, infra outcomes (kind, named?), guard denials, and reply sizes."""
    from skilldex import hooks

    out = {split: {"everyday": [], "infra": [], "guard": [], "sizes": {}, "crossed": []} for split in SPLITS}
    tuned_everyday = [e["prompt"] for e in load("everyday.yaml") if roots.get(e["repo"], ("", ""))[1] == "tuned"]
    fired_lines = []
    for repo, (root, split) in roots.items():
        workspace = cache / f"{repo.replace('/', '+')}.yaml"
        workspace.write_text(f"repos:\n  {repo.split('/')[1]}: {root}\n", encoding="utf-8")
        ws = str(workspace)
        sizes = out[split]["sizes"]
        for e in (x for x in load("everyday.yaml") if x["repo"] == repo):
            reply = hooks.prompt({"prompt": e["prompt"], "cwd": str(root)}, ws)
            out[split]["everyday"].append(reply is not None)
            if reply is not None:
                text = reply["hookSpecificOutput"]["additionalContext"]
                fired_lines.append(f"- [{repo}] everyday {e['prompt']!r} -> {text[:300]!r}")
            _size(sizes, "hook prompt", reply)
        if split == "tuned":  # the calibration set: every tuned everyday prompt and calibration prompt, every repo
            for text in tuned_everyday + load("calibration.yaml"):
                out[split]["crossed"].append(hooks.prompt({"prompt": text, "cwd": str(root)}, ws) is not None)
        for e in (x for x in load("infra.yaml") if x["repo"] == repo):
            reply = hooks.prompt({"prompt": e["prompt"], "cwd": str(root)}, ws)
            text = reply["hookSpecificOutput"]["additionalContext"] if reply else ""
            named = any(mentions(text, p) for p in e["expected"])
            out[split]["infra"].append((e["kind"], named))
            if not named:
                fired_lines.append(f"- [{repo}] infra miss {e['prompt']!r} (want {e['expected'][0]}) -> {text[:300]!r}")
            _size(sizes, "hook prompt", reply)
        for i, (rel, content) in enumerate(EVERYDAY_FILES):
            target = root / rel
            payload = {
                "tool_name": "Write",
                "session_id": f"bench-{i}",
                "cwd": str(root),
                "tool_input": {"file_path": str(target), "content": content},
            }
            reply = hooks.pre_write(payload, ws)
            out[split]["guard"].append(reply is not None)
            if reply is not None:
                fired_lines.append(f"- [{repo}] guard denied everyday {rel}")
            _size(sizes, "hook pre-write", reply)
        _size(sizes, "hook session-start", hooks.session_start({"cwd": str(root)}, ws))
        mcp_sizes(repo.split("/")[1], ws, sizes)
    return out, fired_lines


def mcp_sizes(name: str, ws: str, sizes: dict) -> None:
    """The largest reply of each MCP tool on one repo, with default arguments."""
    from skilldex import mcp_server

    _size(sizes, "mcp list_repos", mcp_server.list_repos(ws))
    _size(sizes, "mcp list_tooling", mcp_server.list_tooling(ws, name))
    for e in load("infra.yaml"):
        _size(sizes, "mcp find_tooling", mcp_server.find_tooling(ws, name, e["prompt"]))
    most = getattr(mcp_server, "MAX_LIST_LIMIT", None)
    listed = mcp_server.list_tooling(ws, name, **({"limit": most} if most else {}))
    names = {item["path"] for item in listed["items"]}
    from skilldex.errors import SkilldexError

    for path in sorted(names):
        try:
            _size(sizes, "mcp show_item", mcp_server.show_item(ws, name, path))
        except SkilldexError as exc:  # a path several items share: the tool error lists them
            _size(sizes, "mcp show_item", str(exc))


def _size(sizes: dict, what: str, reply) -> None:
    if reply is None:
        return
    n = len(json.dumps(reply, ensure_ascii=False))
    sizes[what] = max(sizes.get(what, 0), n)


def report(short, hinted, fired, top: int, seconds: float) -> str:
    from skilldex import hooks, mcp_server

    lines = [
        "skilldex on short queries, the prompt hint and reply sizes (benchmarks/hint_quality.py)",
        f"machine: {platform.machine()} {platform.system()} {platform.release()}, Python {platform.python_version()},"
        f" {os.cpu_count()} cpus; {seconds:.0f} s",
        "",
        f"Short queries (2-5 words): ranks beyond {top} count as misses",
        f"{'split':8} {'system':9} {'n':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6}",
    ]
    for split, systems in short.items():
        for system, outcomes in systems.items():
            n, r1, r3, mrr = fq.metrics(outcomes)
            lines.append(f"{split:8} {system:9} {n:>4} {r1:>6.3f} {r3:>6.3f} {mrr:>6.3f}")
    lines += ["", "Prompt hint (skilldex hook prompt)"]
    for split, data in hinted.items():
        everyday, infra, guard = data["everyday"], data["infra"], data["guard"]
        lines.append(
            f"{split}: fires on {sum(everyday)}/{len(everyday)} everyday prompts "
            f"({_pct(sum(everyday), len(everyday))}); names the answer of "
            f"{sum(n for _, n in infra)}/{len(infra)} infrastructure prompts "
            f"({_pct(sum(n for _, n in infra), len(infra))}); write guard denies "
            f"{sum(guard)}/{len(guard)} everyday new files"
        )
        crossed = data["crossed"]
        if crossed:
            lines.append(
                f"  calibration: fires on {sum(crossed)}/{len(crossed)} everyday prompt x repo pairs "
                f"({_pct(sum(crossed), len(crossed))}): every tuned everyday and calibration prompt, every tuned repo"
            )
        for kind in sorted({k for k, _ in infra}):
            got = [n for k, n in infra if k == kind]
            lines.append(f"  {kind:8} {sum(got):>3}/{len(got):<3} {_pct(sum(got), len(got))}")
    budgets = {
        "hook prompt": hooks.HINT_LIMIT,
        "hook pre-write": getattr(hooks, "GUARD_LIMIT", 0),
        "hook session-start": 10_000,
        **{f"mcp {k}": v for k, v in getattr(mcp_server, "BUDGETS", {}).items()},
    }
    lines += ["", "Largest reply (JSON characters) vs its budget; the budget bounds the text the agent reads"]
    for what in sorted({w for data in hinted.values() for w in data["sizes"]}):
        sizes = {split: data["sizes"].get(what, 0) for split, data in hinted.items()}
        lines.append(
            f"  {what:20} "
            + "  ".join(f"{split} {n:>7,}" for split, n in sizes.items())
            + f"  budget {budgets.get(what, 0):>7,}"
        )
    misses = [
        f"- [{o.intent.repo}] {o.intent.text!r} rank {o.rank or '-'}; top: {', '.join(o.top)}"
        for split in short
        for o in short[split]["skilldex"]
        if o.rank != 1
    ]
    lines += ["", "Short queries skilldex misses at 1:"] + (misses or ["(none)"])
    lines += ["", "Hint fires on everyday prompts, misses on infrastructure prompts, guard denials:"]
    lines += fired or ["(none)"]
    return "\n".join(lines)


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Short-query recall, hint precision/recall and reply sizes.")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS.relative_to(HERE.parent)}")
    parser.add_argument("--top", type=int, default=10, help="ranks beyond this count as misses (default 10)")
    parser.add_argument(
        "--repos",
        default=os.environ.get("SKILLDEX_HINT_REPOS", "/work/repos"),
        help="folder of <owner>+<name> checkouts",
    )
    parser.add_argument(
        "--splits",
        nargs="+",
        choices=SPLITS,
        default=list(SPLITS),
        help="only these splits (tuning runs `--splits tuned`, so held-out misses are never shown while tuning)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    roots = {r: found for r, found in checkouts(Path(args.repos)).items() if found[1] in args.splits}
    if not roots:
        parser.error(f"no labelled repo is checked out under {args.repos} (see benchmarks/hint/repos.yaml)")
    with tempfile.TemporaryDirectory(prefix="skilldex-hint-") as tmp:
        os.environ["SKILLDEX_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["SKILLDEX_WORKSPACE"] = ""
        catalogues = fq.scan_all({repo: root for repo, (root, _) in roots.items()})
        short = short_queries(load("short.yaml"), catalogues, roots, args.top)
        hinted, fired = hints(roots, Path(tmp))
    missing = sorted({e["repo"] for e in load("repos.yaml") if e["split"] in args.splits} - roots.keys())
    text = report(short, hinted, fired, args.top, time.monotonic() - started)
    if missing:
        text += "\n\nNot checked out (left out): " + ", ".join(missing)
    fq.publish(text, RESULTS, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
