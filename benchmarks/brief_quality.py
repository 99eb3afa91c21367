"""Does the startup brief name what matters? skilldex's brief against "skills only", on real public repos.

Usage: python benchmarks/brief_quality.py [--write] [--repos DIR] [--show REPO]

Labels: benchmarks/brief/*.yaml (see its README). Checkouts: DIR/<owner>+<name> at the labelled commit
(default $SKILLDEX_BRIEF_REPOS or /work/repos). Each repo is indexed in a fresh cache and briefed on its own
(`skilldex.startup.render`, 8,000 characters), and as one three-repo workspace.

Per system, for tuned, held-out and fresh repos separately (fresh: `fresh: true`, held-out repos labelled in a
later round, before skilldex ran on them, never tuned on; fresh-2: `fresh: 2`, a second such set labelled in round 4;
fresh-3: `fresh: 3`, a third, labelled in round 5; fresh-4: `fresh: 4`, a fourth, labelled in session 6; reported
apart so the earlier groups keep their figures):
- key in brief: labelled key entry points listed in the brief;
- key as headline: ... among the first HEAD items of their capability's section;
- headlines right / plausible / wrong / unjudged: the first item of every capability section, judged by the
  labels (right: a key entry point for it; plausible: labelled real with that tag; wrong: labelled noise, an
  internal helper or proposal (`entry: false`), or without that tag; unjudged: not labelled);
- tag precision / recall over the labelled items (skills only: Claude Code shows no capabilities), then per group
  and per capability, with every labelled tag not given and every tag given but not labelled (item, tag);
- item precision: labelled items the system presents as the repo's tooling that are real tooling or useful docs.
Items labelled `headline_only: true` (judged because a brief headlined them) count for the headline verdicts only.
"Skills only" is what Claude Code lists by itself: the repo's .claude skills, commands and agents, each under
every capability skilldex tags it with, in path order.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LABELS = HERE / "brief"
REPO_FILES = "*+*.yaml"  # one per repo, <owner>+<name>.yaml (agreement.yaml there is not a repo)
RESULTS = HERE / "results" / "brief_quality.txt"
HEAD = 3  # a key entry point "is a headline" when it is among the first HEAD items of its capability
_LINE = re.compile(r"^- (.+?) \(([a-z-]+)\): ")
WORKSPACE = ("wshobson+agents", "langfuse+langfuse", "alphagov+govuk-docker")  # 1,000+ items together
NO_HEADLINE = " (none a headline)"
_NAMED = re.compile(r"`[^`]+`|\((?:skill|tool|command|task|mcp-server|agent|knowledge|doc)\)")


@dataclass
class Tally:
    """Counts for one system over a set of repos."""

    key: int = 0
    in_brief: int = 0
    headline: int = 0
    judged: dict[str, int] = field(default_factory=lambda: {"right": 0, "plausible": 0, "wrong": 0, "unjudged": 0})
    tags_tp: int = 0
    tags_pred: int = 0
    tags_gold: int = 0
    items: int = 0
    items_real: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    unjudged: list[str] = field(default_factory=list)
    per_tag: dict[str, list[int]] = field(default_factory=dict)  # capability -> [right, predicted, labelled]
    tag_misses: list[str] = field(default_factory=list)  # "repo: item -tag" (labelled, not given)
    tag_extras: list[str] = field(default_factory=list)  # "repo: item +tag" (given, not labelled)

    def add(self, other: Tally) -> None:
        for name in ("key", "in_brief", "headline", "tags_tp", "tags_pred", "tags_gold", "items", "items_real"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for verdict, n in other.judged.items():
            self.judged[verdict] += n
        self.missed += other.missed
        self.wrong += other.wrong
        self.unjudged += other.unjudged
        for capability, counts in other.per_tag.items():
            mine = self.per_tag.setdefault(capability, [0, 0, 0])
            for i, n in enumerate(counts):
                mine[i] += n
        self.tag_misses += other.tag_misses
        self.tag_extras += other.tag_extras


def _names(entry: dict) -> list[str]:
    name = entry.get("name")
    return [] if name is None else [name] if isinstance(name, str) else list(name)


def _norm(name: str) -> str:
    return name.replace(" ", ":").strip(":")


def matches(row, entry: dict) -> bool:
    """Whether an index row is the labelled entry: same defining file, and the same task/skill name if given."""
    paths = [entry["path"], *entry.get("alt_paths", [])]
    if row.path not in paths:
        return False
    names = _names(entry)
    if not names:
        return True
    have = _norm(row.name)
    return any(have == _norm(n) or have.endswith(":" + _norm(n)) or _norm(n).endswith(":" + have) for n in names)


def label(row) -> str:
    """How the brief names a row (see skilldex.startup.line)."""
    from skilldex.oneline import oneline

    return oneline(row.path if row.kind in ("tool", "doc", "knowledge") else row.name)


def sections(brief: str) -> dict[str, list[tuple[str, str]]]:
    """capability -> the (label, kind) lines under its heading, in order (the brief's own words)."""
    found: dict[str, list[tuple[str, str]]] = {}
    current = None
    for text in brief.splitlines():
        if text.startswith("### "):
            current = text[4:].split(":")[0].strip()
            if "none a headline" in text:  # listed, not offered as what to use first: never a headline
                current += NO_HEADLINE
            found.setdefault(current, [])
        elif text.startswith("## "):
            current = None
        elif current is not None:
            hit = _LINE.match(text)
            if hit and not hit.group(1).startswith("and "):
                found[current].append((hit.group(1), hit.group(2)))
    return found


def skills_only(rows) -> dict[str, list[tuple[str, str]]]:
    """What Claude Code lists by itself, under each capability skilldex gives it."""
    listed = sorted(
        (r for r in rows if r.kind in ("skill", "command", "agent") and r.path.startswith(".claude/")),
        key=lambda r: r.path,
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for row in listed:
        for capability in row.capabilities or ["other"]:
            found.setdefault(capability, []).append((label(row), row.kind))
    return found


def judge(
    labels: dict, rows, shown: dict[str, list[tuple[str, str]]], presented: set[tuple[str, str]], with_tags: bool
) -> Tally:
    """One system's tally on one repo: `shown` is its brief by capability, `presented` what it calls tooling."""
    tally = Tally()
    listed = {(lbl, kind) for members in shown.values() for lbl, kind in members}
    keys_by_cap: dict[str, list[tuple[str, str]]] = {}
    for entry in labels.get("key", []):
        tally.key += 1
        found = [r for r in rows if matches(r, entry)]
        ids = {(label(r), r.kind) for r in found}
        keys_by_cap.setdefault(entry["capability"], []).extend(ids)
        what = f"{labels['repo']}: {entry['capability']} <- {entry['path']} {' / '.join(_names(entry))}".rstrip()
        if ids & listed:
            tally.in_brief += 1
        if ids & set(shown.get(entry["capability"], [])[:HEAD]):
            tally.headline += 1
        else:
            tally.missed.append(what + ("" if found else " (not in catalogue)"))
    judged_items = []
    for entry in labels.get("items", []):
        found = [r for r in rows if matches(r, entry)]
        if found:
            judged_items.append((entry, found[0]))
    by_id = {(label(r), r.kind): entry for entry, r in judged_items}
    for capability, members in shown.items():
        if capability in ("other", "knowledge") or capability.endswith(NO_HEADLINE) or not members:
            continue
        first = members[0]
        entry = by_id.get(first)
        if first in keys_by_cap.get(capability, []):
            verdict = "right"
        elif entry is None:
            verdict = "unjudged"
        elif (
            not entry.get("real", True)
            or entry.get("entry") is False
            or capability not in set(entry.get("tags", [])) | set(entry.get("headline_ok", []))
        ):
            verdict = "wrong"
        elif capability in entry.get("headline_ok", []):
            verdict = "right"
        else:
            verdict = "plausible"
        tally.judged[verdict] += 1
        if verdict == "wrong":
            tally.wrong.append(f"{labels['repo']}: {capability} <- {first[0]} ({first[1]})")
        elif verdict == "unjudged":
            tally.unjudged.append(f"{labels['repo']}: {capability} <- {first[0]} ({first[1]})")
    for entry, row in judged_items:
        if entry.get("headline_only"):  # labelled because the brief headlined it: not a sample of the catalogue
            continue
        if with_tags and "tags" in entry:
            gold, pred = set(entry["tags"]), set(row.capabilities)
            tally.tags_tp += len(gold & pred)
            tally.tags_pred += len(pred)
            tally.tags_gold += len(gold)
            for capability in gold | pred:
                counts = tally.per_tag.setdefault(capability, [0, 0, 0])
                counts[0] += capability in gold & pred
                counts[1] += capability in pred
                counts[2] += capability in gold
            what = f"{labels['repo']}: {row.kind} {row.path}" + ("" if row.name in row.path else f" [{row.name}]")
            tally.tag_misses += [f"{what} -{c}" for c in sorted(gold - pred)]
            tally.tag_extras += [f"{what} +{c}" for c in sorted(pred - gold)]
        if (label(row), row.kind) in presented:
            tally.items += 1
            tally.items_real += bool(entry.get("real", True))
    return tally


SPLITS = ("tuned", "held-out", "fresh", "fresh-2", "fresh-3", "fresh-4")


def split(labels: dict) -> str:
    """A repo's group: fresh (labelled later, never tuned on) is held out too, but reported on its own."""
    if labels.get("fresh") in (2, 3, 4):  # fresh-2, -3, -4 (rounds 4, 5, session 6), after `fresh: true`
        return f"fresh-{labels['fresh']}"
    if labels.get("fresh"):
        return "fresh"
    return "held-out" if labels.get("heldout") else "tuned"


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "-"


def report(name: str, ours: Tally, base: Tally) -> list[str]:
    def headlines(t: Tally) -> str:
        j = t.judged
        judged = j["right"] + j["plausible"] + j["wrong"]
        return (
            f"{j['right']}/{j['plausible']}/{j['wrong']}/{j['unjudged']}, wrong "
            f"{_ratio(j['wrong'], judged).split(' ')[0]}"
        )

    rows = [
        ("key entry points in brief", _ratio(ours.in_brief, ours.key), _ratio(base.in_brief, base.key)),
        (
            f"key entry points as headline (top {HEAD})",
            _ratio(ours.headline, ours.key),
            _ratio(base.headline, base.key),
        ),
        ("headlines right/plausible/wrong/unjudged", headlines(ours), headlines(base)),
        ("tag precision", _ratio(ours.tags_tp, ours.tags_pred), "-"),
        ("tag recall", _ratio(ours.tags_tp, ours.tags_gold), "-"),
        ("item precision", _ratio(ours.items_real, ours.items), _ratio(base.items_real, base.items)),
    ]
    out = [f"## {name}", f"{'':44}{'skilldex':30}skills only"]
    out += [f"{a:44}{b:30}{c}" for a, b, c in rows]
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with_info = Path("/proc/cpuinfo")
    if with_info.exists():
        for text in with_info.read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    return f"{platform.platform()} ({cpu}), nproc {os.cpu_count()}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"also save the report to {RESULTS}")
    parser.add_argument("--repos", default=os.environ.get("SKILLDEX_BRIEF_REPOS", "/work/repos"))
    parser.add_argument("--show", help="print this repo's brief (owner+name) and exit")
    args = parser.parse_args(argv)
    os.environ["SKILLDEX_CACHE_DIR"] = tempfile.mkdtemp(prefix="skilldex-brief-")
    try:
        from skilldex.importance import FORBIDDEN_FLOOR
    except ImportError:  # a skilldex from before importance (the "before" figures): nothing is forbidden
        FORBIDDEN_FLOOR = float("-inf")  # noqa: N806
    from skilldex.index.refresh import repo_index
    from skilldex.samples import in_samples
    from skilldex.startup import LIMIT, render

    totals = {split: (Tally(), Tally()) for split in SPLITS}
    lines = [
        f"# brief quality on {len(list(LABELS.glob(REPO_FILES)))} labelled real repos (benchmarks/brief/)",
        f"# machine: {machine()}",
        "",
    ]
    per_repo = []
    for path in sorted(LABELS.glob(REPO_FILES)):
        labels = yaml.safe_load(path.read_text())
        root = Path(args.repos) / path.stem
        if not root.is_dir():
            lines.append(f"skipped {labels['repo']}: no checkout at {root}")
            continue
        index = repo_index(root, labels["repo"].split("/")[1])
        try:
            brief = render([index])
            if args.show == path.stem:
                print(brief)
                return 0
            rows = index.rows
            shown = sections(brief)
            # what the brief offers agents as the repo's tooling: not samples, not what the rules forbid
            presented = {
                (label(r), r.kind)
                for r in rows
                if not in_samples(r.path) and r.kind != "knowledge" and getattr(r, "importance", 0) > FORBIDDEN_FLOOR
            }
            baseline = skills_only(rows)
            ours = judge(labels, rows, shown, presented, with_tags=True)
            base = judge(labels, rows, baseline, {x for m in baseline.values() for x in m}, with_tags=False)
        finally:
            index.close()
        group = split(labels)
        totals[group][0].add(ours)
        totals[group][1].add(base)
        per_repo.append(
            f"{labels['repo']:38}{group:10}items {len(rows):5}  brief "
            f"{len(brief):5} chars  key in brief {ours.in_brief}/{ours.key}, headline {ours.headline}"
            f"/{ours.key} (skills only {base.in_brief}, {base.headline})"
        )
    for group in SPLITS:
        lines += report(f"{group} repos", *totals[group]) + [""]
    lines += ["## per repo", *per_repo, ""]
    lines += _workspace(Path(args.repos), repo_index, render, LIMIT)
    for group in SPLITS:
        ours = totals[group][0]
        lines += ["", f"## {group}: key entry points not a headline", *ours.missed]
        lines += [f"## {group}: wrong headlines", *ours.wrong]
        lines += [f"## {group}: unjudged headlines (label them)", *ours.unjudged]
    for group in SPLITS:
        lines += ["", *_tag_breakdown(group, totals[group][0])]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.write:
        RESULTS.write_text(text)
    return 0


def _tag_breakdown(group: str, tally: Tally) -> list[str]:
    """Per capability: precision and recall over the labelled items, then every missed and extra (item, tag)."""
    out = [f"## {group}: tags per capability (right/given precision, right/labelled recall)"]
    for capability, (right, pred, gold) in sorted(tally.per_tag.items(), key=lambda kv: -(kv[1][1] + kv[1][2])):
        out.append(f"{capability:16}precision {_ratio(right, pred):18}recall {_ratio(right, gold)}")
    out += [f"## {group}: tags labelled, not given", *tally.tag_misses]
    out += [f"## {group}: tags given, not labelled", *tally.tag_extras]
    return out


def _workspace(repos: Path, repo_index, render, limit: int) -> list[str]:
    """The three-repo workspace: does its brief name entry points for every repo, within the limit?"""
    roots = [repos / name for name in WORKSPACE]
    if not all(r.is_dir() for r in roots):
        return [f"workspace: skipped (needs {', '.join(WORKSPACE)} under {repos})"]
    indexes = [repo_index(r, r.name.split("+")[1]) for r in roots]
    try:
        brief = render(indexes, limit)
        items = sum(len(i.rows) for i in indexes)
    finally:
        for index in indexes:
            index.close()
    blocks = re.split(r"^## ", brief, flags=re.M)[1:]
    named = [
        sum(
            len(_NAMED.findall(t.split(" Run: ")[0]))
            for t in block.splitlines()
            if t.startswith("- ") and not t.startswith(("- and ", "- more", "- left out", "- not for agents"))
        )
        for block in blocks
    ]
    return [
        "## three-repo workspace (" + ", ".join(WORKSPACE) + ")",
        f"items {items}, brief {len(brief)} chars (limit {limit}), entry points named per repo {named}",
    ]


if __name__ == "__main__":
    sys.exit(main())
