"""Do two careful people pick the same key entry points and headlines? A second labeller's keys against the gold ones.

Usage: python benchmarks/brief_key_agreement.py [--write] [--repos DIR] [--no-skilldex]

Reads benchmarks/brief/agreement_keys.yaml (a second labeller's `key` entry points and per-capability headline picks
for four repos, written without the gold keys) and the gold labels beside it (benchmarks/brief/<owner>+<name>.yaml).
Two entries are the same entry point when they share a path (alternatives count) and, for tasks, a name (the
same matching rule as brief_quality.py). It reports, per repo and overall:
- key agreement both ways (of the gold keys, how many the second labeller named; of theirs, how many the gold
  named), and the same with the capability required to agree too;
- the second labeller's first headline pick per capability, judged by the gold labels with brief_quality.py's
  rules (right: a gold key for it or `headline_ok`; plausible: real, an entry point, tagged with it; wrong; unjudged);
- the second labeller as a "brief": how many gold keys are in their list, their top 3 of the capability
  (first pick or accepted) and their first pick: the ceiling a careful person reaches on brief_quality's targets;
- with the checkouts (DIR/<owner>+<name>, default $SKILLDEX_BRIEF_REPOS or /work/repos): skilldex's brief (main's
  code) scored by brief_quality.py's own `judge`, once with the gold keys and once with the second labeller's.
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
from brief_quality import HEAD, LABELS, Tally, _names, _norm, judge, machine, matches, sections  # noqa: E402

AGREEMENT = LABELS / "agreement_keys.yaml"
RESULTS = HERE / "results" / "brief_key_agreement.txt"
VERDICTS = ("right", "plausible", "wrong", "unjudged")


def _paths(entry: dict) -> set[str]:
    return {entry["path"], *entry.get("alt_paths", [])}


def same(a: dict, b: dict) -> bool:
    """Whether two labelled entries name the same entry point: a shared path and, for tasks, a shared name."""
    if not _paths(a) & _paths(b):
        return False
    names_a, names_b = [_norm(n) for n in _names(a)], [_norm(n) for n in _names(b)]
    if not names_a or not names_b:  # a file and a task defined in it (Makefile vs `make test`) are different
        return not names_a and not names_b
    return any(x == y or x.endswith(":" + y) or y.endswith(":" + x) for x in names_a for y in names_b)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "-"


def _what(entry: dict) -> str:
    return f"{entry['path']} {' / '.join(_names(entry))}".rstrip()


def verdict(gold: dict, capability: str, pick: dict) -> str:
    """brief_quality's headline verdict for `pick` first under `capability`, from the gold labels alone."""
    if any(same(pick, k) and k["capability"] == capability for k in gold.get("key", [])):
        return "right"
    entry = next((e for e in gold.get("items", []) if same(pick, e)), None)
    if entry is None:
        return "unjudged"
    allowed = set(entry.get("tags", [])) | set(entry.get("headline_ok", []))
    if not entry.get("real", True) or entry.get("entry") is False or capability not in allowed:
        return "wrong"
    return "right" if capability in entry.get("headline_ok", []) else "plausible"


class Counts(Counter):
    """Named counters summed over repos."""

    def line(self, title: str, pairs: list[tuple[str, str, str]]) -> str:
        return f"{title:48}" + "   ".join(f"{name} {_ratio(self[a], self[b])}" for name, a, b in pairs)


def compare(gold: dict, mine: dict, counts: Counts, out: list[str]) -> None:
    """Key and headline agreement on one repo: adds to `counts`, lists the disagreements in `out`."""
    gold_keys, my_keys, headline = gold.get("key", []), mine["key"], mine["headline"]
    picks = [(cap, h["first"]) for cap, h in headline.items()]
    top = {cap: [h["first"], *h.get("ok", [])] for cap, h in headline.items()}
    anything_mine = my_keys + [e for entries in top.values() for e in entries]
    counts["gold"] += len(gold_keys)
    counts["mine"] += len(my_keys)
    for g in gold_keys:
        counts["gold_named"] += any(same(g, m) for m in my_keys)
        counts["gold_named_cap"] += any(same(g, m) and m["capability"] == g["capability"] for m in my_keys)
        counts["gold_listed"] += any(same(g, m) for m in anything_mine)
        counts["gold_top"] += any(same(g, m) for m in top.get(g["capability"], []))
        counts["gold_top3"] += any(same(g, m) for m in top.get(g["capability"], [])[:HEAD])
        counts["gold_first"] += g["capability"] in headline and same(g, headline[g["capability"]]["first"])
    for m in my_keys:
        counts["mine_named"] += any(same(m, g) for g in gold_keys)
        counts["mine_named_cap"] += any(same(m, g) and m["capability"] == g["capability"] for g in gold_keys)
    gold_caps, my_caps = {g["capability"] for g in gold_keys}, {m["capability"] for m in my_keys}
    counts["caps_gold"] += len(gold_caps)
    counts["caps_mine"] += len(my_caps)
    counts["caps_both"] += len(gold_caps & my_caps)
    # at most HEAD keys of one capability can be among its first HEAD lines: the ceiling of "as headline"
    counts["gold_fit"] += sum(min(HEAD, sum(g["capability"] == c for g in gold_keys)) for c in gold_caps)
    counts["mine_fit"] += sum(min(HEAD, sum(m["capability"] == c for m in my_keys)) for c in my_caps)
    verdicts = {cap: verdict(gold, cap, pick) for cap, pick in picks}
    for v in verdicts.values():
        counts[v] += 1
    counts["picks"] += len(picks)
    counts["picks_key"] += sum(any(same(p, g) for g in gold_keys if g["capability"] == c) for c, p in picks)
    out.append(f"### {gold['repo']}")
    out += [
        f"  gold only:   {g['capability']:15} {_what(g)}" for g in gold_keys if not any(same(g, m) for m in my_keys)
    ]
    out += [
        f"  second only: {m['capability']:15} {_what(m)}" for m in my_keys if not any(same(m, g) for g in gold_keys)
    ]
    for g in gold_keys:
        other = sorted({m["capability"] for m in my_keys if same(g, m)} - {g["capability"]})
        if other and not any(same(g, m) and m["capability"] == g["capability"] for m in my_keys):
            out.append(f"  capability:  {_what(g)}: gold {g['capability']}, second {', '.join(other)}")
    out += [f"  first pick {cap:15} {_what(pick)}: {verdicts[cap]}" for cap, pick in picks]
    out.append(
        f"  gold capabilities the second labeller has no key for: {', '.join(sorted(gold_caps - my_caps)) or '-'}"
    )
    out.append(f"  second's capabilities gold has no key for: {', '.join(sorted(my_caps - gold_caps)) or '-'}")


def agreement_report(counts: Counts, title: str) -> list[str]:
    return [
        f"## {title}",
        counts.line(
            "key entry points named by the other",
            [("gold keys", "gold_named", "gold"), ("second's keys", "mine_named", "mine")],
        ),
        counts.line(
            "... with the same capability",
            [("gold keys", "gold_named_cap", "gold"), ("second's keys", "mine_named_cap", "mine")],
        ),
        counts.line(
            "capabilities with a key",
            [("gold's in second's", "caps_both", "caps_gold"), ("second's in gold's", "caps_both", "caps_mine")],
        ),
        counts.line(
            "second labeller as a brief: gold keys",
            [
                ("in their list", "gold_listed", "gold"),
                (f"first or accepted in top {HEAD}", "gold_top", "gold"),
                (f"first + {HEAD - 1} accepted as written", "gold_top3", "gold"),
                ("first pick", "gold_first", "gold"),
            ],
        ),
        counts.line(
            f"keys that fit in their capability's top {HEAD}",
            [("gold", "gold_fit", "gold"), ("second", "mine_fit", "mine")],
        ),
        counts.line("second's first picks", [("a gold key of that capability", "picks_key", "picks")]),
        f"{'second first picks, gold verdicts':48}" + _verdicts(counts),
    ]


def _verdicts(judged: Counter | dict[str, int]) -> str:
    """right/plausible/wrong/unjudged and the wrong share of the judged, as brief_quality reports them."""
    counted = judged["right"] + judged["plausible"] + judged["wrong"]
    return "/".join(str(judged[v]) for v in VERDICTS) + f" r/p/w/u, wrong {_ratio(judged['wrong'], counted)}"


def skilldex_tallies(root: Path, gold: dict, mine: dict) -> tuple[dict[str, Tally], dict[str, int]]:
    """skilldex's brief on one repo, judged by brief_quality's `judge` with each labeller's keys in turn."""
    from skilldex.index.refresh import repo_index  # lazy: skilldex is imported only when it is scored
    from skilldex.startup import render  # lazy: as above

    agreed = [g for g in gold["key"] if any(same(g, m) and m["capability"] == g["capability"] for m in mine["key"])]
    keys = {"gold": gold["key"], "second": mine["key"], "both": agreed}
    index = repo_index(root, gold["repo"].split("/")[1])
    try:
        rows = index.rows
        shown = sections(render([index]))
        tallies = {who: judge({**gold, "key": k}, rows, shown, set(), with_tags=False) for who, k in keys.items()}
        found = {who: sum(any(matches(r, e) for r in rows) for e in k) for who, k in keys.items()}
    finally:
        index.close()
    return tallies, found


def skilldex_report(title: str, tallies: dict[str, Tally], found: Counter) -> list[str]:
    cols = ("gold", "second", "both")
    rows = [
        ("key entry points in catalogue", [_ratio(found[w], tallies[w].key) for w in cols]),
        ("key entry points in brief", [_ratio(tallies[w].in_brief, tallies[w].key) for w in cols]),
        (f"key entry points as headline (top {HEAD})", [_ratio(tallies[w].headline, tallies[w].key) for w in cols]),
        ("headlines right/plausible/wrong/unjudged", [_verdicts(tallies[w].judged) for w in cols]),
    ]
    out = [f"## {title}", f"{'':44}{'gold keys':40}{'second labeller keys':40}keys both named (same capability)"]
    return out + [f"{name:44}" + "".join(f"{v:40}" for v in values[:2]) + values[2] for name, values in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"also save the report to {RESULTS}")
    parser.add_argument("--repos", default=os.environ.get("SKILLDEX_BRIEF_REPOS", "/work/repos"))
    parser.add_argument("--no-skilldex", action="store_true", help="compare the two labellers only")
    args = parser.parse_args(argv)
    os.environ["SKILLDEX_CACHE_DIR"] = tempfile.mkdtemp(prefix="skilldex-keyagree-")
    second = yaml.safe_load(AGREEMENT.read_text())["repos"]
    out = [f"# key entry point agreement on {len(second)} repos (benchmarks/brief/agreement_keys.yaml vs the gold)"]
    out += [f"# machine: {machine()}", ""]
    total, details, per_repo = Counts(), [], []
    sums = {who: Tally() for who in ("gold", "second", "both")}
    found: Counter = Counter()
    for name, mine in second.items():
        gold = yaml.safe_load((LABELS / f"{name}.yaml").read_text())
        counts = Counts()
        compare(gold, mine, counts, details)
        total.update(counts)
        per_repo += agreement_report(counts, name)
        root = Path(args.repos) / name
        if args.no_skilldex:
            continue
        if not root.is_dir():
            print(f"Error: no checkout at {root} (or pass --no-skilldex)", file=sys.stderr)
            return 2
        tallies, hits = skilldex_tallies(root, gold, mine)
        for who, t in tallies.items():
            sums[who].add(t)
        found.update(hits)
        per_repo += skilldex_report(f"{name}: skilldex's brief against each labeller", tallies, Counter(hits))
        per_repo.append("")
    out += agreement_report(total, "all repos: two labellers") + [""]
    if not args.no_skilldex:
        out += skilldex_report("all repos: skilldex's brief (brief_quality.judge) against each labeller", sums, found)
        out += [""]
    out += ["# per repo", "", *per_repo, "", "# disagreements (gold / second labeller)", *details]
    text = "\n".join(out) + "\n"
    print(text, end="")
    if args.write:
        RESULTS.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
