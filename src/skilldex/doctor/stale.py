"""Stale docs (SKD609-SKD611): what git says happened to the paths a doc mentions since it last changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from skilldex.doctor import git
from skilldex.doctor.git import Gone, History
from skilldex.doctor.references import Resolved
from skilldex.doctor.repo import RepoContext
from skilldex.models import Finding
from skilldex.rules import doctor as rules

HEAVY_LINES = 100  # a mentioned file changed in this many lines since the doc ...
HEAVY_COMMITS = 5  # ... over this many commits, or over half its size
BYTES_PER_LINE = 40  # to estimate a file's lines from its size without reading it
OUTDATED_DAYS = 180  # a doc unchanged this long before the newest commit ...
OUTDATED_COMMITS = 10  # ... while what it mentions changed in this many commits
DAY = 86_400


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    explained: set[tuple[str, str]] = field(default_factory=set)  # (doc, path) dangling mentions now SKD609
    notes: dict[tuple[str, str], str] = field(default_factory=dict)  # older deletions, for SKD602/SKD603


def check(ctx: RepoContext, history: History, resolved: list[Resolved]) -> Outcome:
    outcome = Outcome()
    by_doc: dict[str, list[Resolved]] = {}
    for item in resolved:
        by_doc.setdefault(item.doc.rel, []).append(item)
    _count_lines(ctx, history, resolved)
    for doc in ctx.documents:
        since = _doc_time(history, doc.rel)
        if since is None:
            continue  # never committed: being written right now
        moved: dict[str, set[str]] = {}
        for item in by_doc.get(doc.rel, []):
            if item.exists:
                _changed(ctx, history, item, since, outcome, moved)
            else:
                _deleted(history, item, since, outcome)
        _outdated(history, doc.rel, since, moved, outcome)
    return outcome


def _count_lines(ctx: RepoContext, history: History, resolved: list[Resolved]) -> None:
    """Line counts only for mentioned files changed since their doc: one small `git log --numstat`."""
    wanted = set()
    for item in resolved:
        since = _doc_time(history, item.doc.rel)
        touches = history.touched.get(item.path, [])
        if item.exists and since is not None and ctx.fs.file(item.path) and any(t.time > since for t in touches):
            wanted.add(item.path)
    git.count_lines(ctx.fs.root, history, sorted(wanted))


def _doc_time(history: History, rel: str) -> int | None:
    """When the doc last changed; older than the window read counts as just before it."""
    last = history.last_change(rel)
    if last is not None:
        return last
    if history.capped or history.since is not None:
        return min(history.oldest, history.since or history.oldest) - 1
    return None


def _deleted(history: History, item: Resolved, since: int, outcome: Outcome) -> None:
    gone, renamed = _gone(history, item.path)
    if gone is None:
        return
    when = f"in {gone.sha[:8]} on {_day(gone.time)}"
    key = (item.doc.rel, item.path)
    if gone.time <= since:
        outcome.notes[key] = f"{'renamed to ' + repr(renamed) if renamed else 'deleted'} {when}, before this doc"
        return
    m = item.mention
    what = f"renamed to '{renamed}'" if renamed else "deleted"
    message = f"mentions '{m.target}', {what} {when}, after this doc last changed ({_doc_day(history, since)})"
    if item.lines:
        message += f"; also on line{'s' if len(item.lines) > 1 else ''} {', '.join(map(str, item.lines))}"
    if renamed:
        fix = f"Update the doc: replace '{m.target}' with '{renamed}' (renamed in {gone.sha[:8]})."
    else:
        fix = f"Update the doc: remove or replace the mention (what replaced it: `git show --stat {gone.sha[:8]}`)."
    outcome.findings.append(rules.DELETED_SINCE_DOC.finding(item.doc.rel, message, m.line, m.column, fix=fix))
    outcome.explained.add(key)


def _gone(history: History, path: str) -> tuple[Gone | None, str | None]:
    """The latest deletion or rename of `path`, or of the files of the folder `path`; and where it went."""
    gone = history.gone.get(path)
    if gone is not None:
        return gone, gone.renamed_to
    inside = [(history.gone[p], p) for p in history.under(path) if p in history.gone]
    if not inside:
        return None, None
    latest, old = max(inside, key=lambda pair: pair[0].time)
    if latest.renamed_to and latest.renamed_to.endswith(old[len(path) :]):
        return latest, latest.renamed_to[: len(latest.renamed_to) - len(old[len(path) :])]
    return latest, None


def _changed(ctx, history: History, item: Resolved, since: int, outcome: Outcome, moved) -> None:
    if item.path == item.doc.rel or item.doc.rel.startswith(item.path + "/"):
        return
    paths = [item.path] if item.path in history.touched else history.under(item.path)
    for path in paths:
        for touch in history.touched.get(path, []):
            if touch.time > since:
                moved.setdefault(item.path, set()).add(touch.sha)
    file = ctx.fs.file(item.path)
    if file is None:
        return  # a folder: too broad to call "heavily changed"
    touches = [t for t in history.touched.get(item.path, []) if t.time > since]
    lines = sum(history.lines.get((t.sha, item.path), 0) for t in touches if not t.renamed)
    size_lines = max(1, file.size // BYTES_PER_LINE)
    if lines < HEAVY_LINES or (len(touches) < HEAVY_COMMITS and lines < size_lines // 2):
        return
    m = item.mention
    message = (
        f"mentions '{m.target}', changed in {len(touches)} commit{'s' if len(touches) != 1 else ''} "
        f"({lines} lines) since this doc last changed ({_doc_day(history, since)})"
    )
    outcome.findings.append(rules.CHANGED_SINCE_DOC.finding(item.doc.rel, message, m.line, m.column))


def _outdated(history: History, rel: str, since: int, moved: dict[str, set[str]], outcome: Outcome) -> None:
    days = (history.newest - since) // DAY
    commits = set().union(*moved.values()) if moved else set()
    if days < OUTDATED_DAYS or len(commits) < OUTDATED_COMMITS:
        return
    top = sorted(moved.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3]
    detail = ", ".join(f"{path} ({len(shas)})" for path, shas in top)
    message = (
        f"last changed {_doc_day(history, since)}, {days} days before the newest commit; since then "
        f"what it mentions changed in {len(commits)} commits: {detail}"
    )
    outcome.findings.append(rules.DOC_OUTDATED.finding(rel, message))


def _day(stamp: int) -> str:
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).strftime("%Y-%m-%d")


def _doc_day(history: History, since: int) -> str:
    if since < history.oldest:
        return f"before {_day(history.oldest)}, older than the history read"
    return _day(since)
