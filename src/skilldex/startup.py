"""The startup brief: every workspace repo's existing tooling, grouped by capability, as facts.

It is what an agent reads before building anything, so it states what exists and how to run it,
and it always fits the budget (Claude Code cuts hook output at 10,000 characters): with too much to
say it drops to the headline items per capability, then to counts, and says how to ask for the rest.
"""

from __future__ import annotations

import os
from functools import partial  # loaded by `re` already: free on the hook's path

from skilldex import capabilities
from skilldex.evidence import FORBIDDEN_FLOOR, GUIDE, HEADLINE_FLOOR
from skilldex.index.refresh import RepoIndex, Row, repo_index
from skilldex.index.workspaces import repos as workspace_repos
from skilldex.knowledge.surface import placed, quote
from skilldex.oneline import clip, code, oneline
from skilldex.prominence import OTHER, first_sentence
from skilldex.samples import in_samples

TYPE_CHECKING = False  # the typing machinery costs the session-start hook milliseconds
if TYPE_CHECKING:
    from collections.abc import Callable

LIMIT = 8000
MIN_LINE = 13  # no item line is shorter than "- x (doc): y\n"
KIND_ORDER = ("skill", "tool", "command", "task", "mcp-server", "agent", "knowledge", "doc")
# A small prior by kind, below the repo's own evidence (skilldex.importance): a skill or command is written for
# agents, a tool or task runs; a doc is read. A make target named in CLAUDE.md outranks an unnamed skill.
KIND_PRIOR = {"skill": 2, "command": 2, "tool": 1, "task": 1, "mcp-server": 1, "knowledge": 1, "agent": 0, "doc": 0}

HEADER = (
    "# Existing tooling in this workspace (skilldex)\n"
    "Before building any script, tool, Lambda or skill, check what these repos already have below.\n"
    'More: `skilldex find REPO "what you need"`; details: `skilldex show REPO NAME`.\n'
)


def startup_brief(workspace: str | None = None, cwd=None, limit: int = LIMIT, relative_to=None) -> str:
    """The brief for the workspace around `cwd` (or given), at most `limit` characters.

    With `relative_to` (a folder), repos are located by their path from it: the brief goes into a committed file.
    """
    indexes = [repo_index(path, name) for name, path in workspace_repos(workspace, cwd)]
    if relative_to is not None:
        for index in indexes:
            index.root = _relative(index.root, relative_to)
    try:
        return render(indexes, limit)
    finally:
        for index in indexes:
            index.close()


def _relative(root: str, base) -> str:
    try:
        return os.path.relpath(root, base)
    except ValueError:  # another drive (Windows): no relative path, and the machine's own one is not shared
        return os.path.basename(root)


def render(indexes: list[RepoIndex], limit: int = LIMIT) -> str:
    """The most detailed brief of these repos that fits in `limit` characters."""

    learned = {
        name: [o for o in objects if not in_samples(o.get("path", ""))] for name, objects in placed(indexes).items()
    }  # knowledge objects, under the repos they concern

    grouped = [
        (
            index,
            groups(
                [
                    r
                    for r in index.rows
                    if r.kind != "knowledge" and not in_samples(r.path) and r.importance > FORBIDDEN_FLOOR
                ]
            ),
        )
        for index in indexes
    ]
    samples = {index.name: sum(in_samples(r.path) for r in index.rows) for index in indexes}
    barred = {
        index.name: sum(r.importance <= FORBIDDEN_FLOOR and not in_samples(r.path) for r in index.rows)
        for index in indexes
    }
    levels: list[Callable[[RepoIndex, dict[str, list[Row]]], str]] = [partial(_full, width=w) for w in (160, 90)]
    levels.append(partial(_full, width=90, helpers=False))  # every entry point still listed, helpers counted
    # shorter descriptions before fewer items: an entry point named briefly beats one left out
    levels += [partial(_headlines, per_group=n, width=w) for n in (5, 4, 3, 2, 1) for w in (90, 60)]
    levels += [partial(_compact, per_group=n) for n in (3, 2, 1)]  # a big workspace: still names, never counts
    notes = [(8, 320), (8, 200), (8, 200)]
    notes += [note for note in [(5, 160), (4, 160), (3, 140), (2, 120), (1, 120)] for _ in (90, 60)]
    notes += [(1, 100), (0, 0), (0, 0), (0, 0)]
    steps = list(zip((*levels, _counts), notes, strict=True))
    listed = sum(len(members) for _, found in grouped for members in found.values())
    if listed * MIN_LINE > limit:  # every item on a line of its own cannot fit: start at the headlines
        steps = steps[3:]
    for detail, (count, width) in steps:
        text = HEADER + "".join(
            _with(_knowledge(index, learned[index.name], count, width), detail(index, found), index)
            + _samples(index, samples[index.name])
            + _barred(index, barred[index.name])
            for index, found in grouped
        )
        if len(text) <= limit:
            return text
    note = "\n[brief cut to fit; ask `skilldex find` for the rest]\n"
    return text[: limit - len(note)].rsplit("\n", 1)[0] + note


def groups(rows: list[Row]) -> dict[str, list[Row]]:
    """Each item under its main capability (vocabulary order), the rest under 'other'; most used first."""
    order = list(capabilities.VOCABULARY) + [OTHER]
    found: dict[str, list[Row]] = {}
    for row in rows:
        found.setdefault(row.main, []).append(row)
    for members in found.values():
        members.sort(key=rank)
    return {cap: found[cap] for cap in order if cap in found}


def rank(row: Row) -> tuple:
    """Most used first: the repo's evidence plus the kind's prior; ties by the CI check that runs the tests (what
    "CI" means to a reader) before other checks, depth (the root's before a package's), kind, then name."""
    return (
        -(row.importance + KIND_PRIOR.get(row.kind, 0)),
        not (row.main == "ci" and "testing" in row.capabilities),
        row.path.count("/"),
        KIND_ORDER.index(row.kind) if row.kind in KIND_ORDER else 99,
        row.name,
    )


def line(row: Row, width: int = 160) -> str:
    """`tools/rds-query` (tool): what it does. Run: `...`"""
    label = oneline(row.path if row.kind in ("tool", "doc", "knowledge") else row.name)
    what = oneline(first_sentence(row.description, width)) or "no description"
    run = f" Run: {code(row.run)}" if row.run and row.kind != "doc" else ""
    return f"- {label} ({row.kind}): {what}{run}\n"


def _title(index: RepoIndex) -> str:
    return f"\n## {oneline(index.name)} ({oneline(index.root)})\n"


def _with(knowledge: str, block: str, index: RepoIndex) -> str:
    """The repo's block with its knowledge first, right under its title."""
    title = _title(index)
    return title + knowledge + block[len(title) :] if block.startswith(title) else knowledge + block


def _knowledge(index: RepoIndex, objects: list[dict], count: int, width: int) -> str:
    """What was learned about the repo: each object with its first Don't and Do; only a count at the last level."""

    if not objects:
        return ""
    more = f"`skilldex list {index.name} --kind knowledge`"
    if count == 0:
        return f"### knowledge: {len(objects)} object{'s' if len(objects) > 1 else ''}, read before acting: {more}\n"
    lines = ["### knowledge: read before acting\n"]
    for obj in objects[:count]:
        label = oneline(obj["path"] if obj["repo"] == index.name else f"{obj['repo']}:{obj['path']}")
        said = [_cap(obj.get("title") or obj["path"], 100)]
        said += [f"Don't: {_cap(quote(d, width), width)}" for d in (obj.get("dont") or [])[:1]]
        said += [f"Do: {_cap(d, width // 2)}" for d in (obj.get("do") or [])[:1]]  # what to do instead, always
        lines.append(f"- {label} (knowledge): {' '.join(_end(x) for x in said)}\n")
    if len(objects) > count:
        lines.append(f"- and {len(objects) - count} more: {more}\n")
    return "".join(lines)


def _samples(index: RepoIndex, count: int) -> str:
    if not count:
        return ""
    return (
        f"- left out: {count} item{'s' if count > 1 else ''} in test, example and template folders "
        f"(`skilldex list {index.name}`)\n"
    )


def _barred(index: RepoIndex, count: int) -> str:
    if not count:
        return ""
    return (
        f"- not for agents: {count} item{'s' if count > 1 else ''} the repo's rules (CLAUDE.md, AGENTS.md, "
        f"knowledge, hooks) say not to run (`skilldex list {index.name}`)\n"
    )


def _cap(text: str, width: int) -> str:
    text = oneline(text)
    return clip(text, width)


def _end(text: str) -> str:
    return text if text.endswith((".", "…", ":", "!", "?")) else text + "."


def _full(index: RepoIndex, grouped: dict[str, list[Row]], width: int, helpers: bool = True) -> str:
    """Every item on a line; without `helpers`, those never a headline (internal helpers, plans, records) are
    counted under their capability instead: what to use is all still named."""
    if not index.rows:
        return _title(index) + "No skills, tools, tasks or docs found.\n"
    parts = [_title(index)]
    for capability, members in grouped.items():
        fit = headlines(members, len(members))
        if fit:
            parts.append(f"### {capability}\n")
        else:  # only helpers, plans and records: listed, but the agent is told none is what to use first
            parts.append(f"### {capability}: {len(members)} item{'s' if len(members) > 1 else ''}, none a headline\n")
        shown = members if helpers else fit
        parts.extend(line(row, width) for row in shown)
        if shown and len(shown) < len(members):
            rest = len(members) - len(shown)
            parts.append(
                f"- and {rest} helper{'s' if rest > 1 else ''} or record{'s' if rest > 1 else ''}: "
                f'`skilldex find {index.name} "{capability} ..."`\n'
            )
    return "".join(parts)


def headlines(members: list[Row], count: int, named: int = 0) -> list[Row]:
    """The `count` most used items of a capability, of any kind; internal helpers, plans and records never. With
    `named`, up to that many more that the repo's guidance names: what the README or CLAUDE.md tells people to
    run is never cut for a quota."""
    fit, seen = [], set()
    for row in members:
        if row.importance > HEADLINE_FLOOR and (row.kind != "task" or row.name not in seen):
            fit.append(row)  # one `postgres` task per capability: the same service in five compose files reads
            seen.add(row.name)  # as one name five times; the best ranked stands for them ("and N more" counts all)
    return fit[:count] + [r for r in fit[count:] if r.importance >= GUIDE][:named]


def _headlines(index: RepoIndex, grouped: dict[str, list[Row]], per_group: int, width: int = 90) -> str:
    if not index.rows:
        return _title(index) + "No skills, tools, tasks or docs found.\n"
    parts = [_title(index)]
    for capability, members in grouped.items():
        shown = headlines(members, per_group, named=per_group)
        rest = len(members) - len(shown)
        ask = (
            f"skilldex list {index.name}" if capability == OTHER else f'skilldex find {index.name} "{capability} ..."'
        )  # "other" is no word to search for
        if not shown:  # nothing here an agent should reach for first: one pointer line, no empty heading
            parts.append(f"### {capability}: {rest} item{'s' if rest > 1 else ''}, none a headline: `{ask}`\n")
            continue
        parts.append(f"### {capability}\n")
        parts.extend(line(row, width) for row in shown)
        if rest:
            parts.append(f"- and {rest} more: `{ask}`\n")
    return "".join(parts)


def _compact(index: RepoIndex, grouped: dict[str, list[Row]], per_group: int) -> str:
    """One line per capability naming its `per_group` most used items by how to run them."""
    if not index.rows:
        return _title(index) + "No skills, tools, tasks or docs found.\n"
    parts = [_title(index)]
    for capability, members in grouped.items():
        shown = headlines(members, per_group)
        if not shown:
            continue
        named = "; ".join(
            f"`{oneline(r.run)}`" if r.run and r.kind in ("task", "tool") else f"{oneline(label_of(r))} ({r.kind})"
            for r in shown
        )
        rest = len(members) - len(shown)
        parts.append(f"- {capability}: {named}" + (f" (+{rest})" if rest else "") + "\n")
    return "".join(parts) + f'- more: `skilldex find {index.name} "what you need"`\n'


def label_of(row: Row) -> str:
    return row.path if row.kind in ("tool", "doc", "knowledge") else row.name


def _counts(index: RepoIndex, grouped: dict[str, list[Row]]) -> str:
    counted = []
    for capability, members in grouped.items():
        kinds: dict[str, int] = {}
        for row in members:
            kinds[row.kind] = kinds.get(row.kind, 0) + 1
        detail = ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in sorted(kinds.items()))
        counted.append(f"{capability}: {detail}")
    body = "; ".join(counted) if counted else "nothing found"
    return f'{_title(index)}{body}. Ask: `skilldex find {index.name} "what you need"`.\n'
