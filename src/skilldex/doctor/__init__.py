"""`skilldex doctor`: drift between what a repo's docs promise and what the repo really has.

    report = doctor_repos([resolve_repo("credentialmate", workspace)])
    report.has_errors  # True when any finding is at error severity

Findings carry SKD6xx codes (skilldex.rules.doctor) and render like `skilldex validate` reports.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path

from skilldex import secrets
from skilldex.doctor import audience, git, infra, missing_skills, places, references, skills, stale, tasks, tools
from skilldex.doctor.repo import open_context
from skilldex.errors import UsageError
from skilldex.models import Finding, Severity
from skilldex.report import FileResult, Report, display_path
from skilldex.ruleconfig import find_config
from skilldex.rules import doctor as rules
from skilldex.rules import selection
from skilldex.rules.selection import Choice, Selection
from skilldex.workspace import RepoRef

__all__ = ["doctor_repos", "parse_since", "active_codes"]

GIT_CODES = tuple(r.code for r in (rules.DELETED_SINCE_DOC, rules.CHANGED_SINCE_DOC, rules.DOC_OUTDATED))
# What a global `.claude/` (a dotfiles repo's) names of a project: the files, scripts and tasks of wherever it runs.
PROJECT_CODES = frozenset(
    r.code for r in (rules.MISSING_TOOL, rules.MISSING_FILE, rules.DELETED_SINCE_DOC, rules.CHANGED_SINCE_DOC)
) | {rules.MISSING_TASK.code}
_SINCE = re.compile(r"^(\d+)\s*(day|week|month|year)s?(\s+ago)?$")
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def doctor_repos(
    refs: Iterable[RepoRef],
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    since: str | None = None,
    use_git: bool = True,
    cwd: str | None = None,
    home: Path | None = None,
    config: bool = True,
) -> Report:
    """Check each repo; paths in the report are relative to `cwd` when inside it. UsageError on bad options."""

    given = _options(select, ignore)
    since_time = parse_since(since) if since else None
    unique = {str(ref.path): ref for ref in refs}
    contexts = [open_context(ref, home) for ref in unique.values()]
    clashes = skills.clashes(contexts) if len(contexts) > 1 else {}
    report = Report(profile="doctor")
    base = os.path.realpath(cwd or os.getcwd())
    for ctx in contexts:
        others = {o.ref.name: o.invocable for o in contexts if o is not ctx}
        picked = _selection([find_config(ctx.fs.root) if config else None, given])
        found = check_repo(ctx, others, set(picked.codes), since_time, use_git) + clashes.get(str(ctx.ref.path), [])
        found = _without_secrets(ctx.fs, found)
        prefix = display_path(ctx.fs.root, base)
        shown = [_shown(f, prefix) for f in found if picked.keeps(f.code, ctx.fs.root / f.path)]
        report.findings.extend(shown)
        errors = {f.path for f in shown if f.severity is Severity.error}
        for rel, kind in _checked_files(ctx):
            display = _joined(prefix, rel)
            report.files.append(FileResult(display, kind, valid=display not in errors))
    unique_findings = {(f.path, f.line, f.column, f.code, f.message): f for f in report.findings}
    report.findings = sorted(unique_findings.values(), key=lambda f: (f.path, f.line or 0, f.column or 0, f.code))
    report.files.sort(key=lambda r: r.path)
    return report


def check_repo(
    ctx, others: dict[str, dict[str, str]], active: set[str], since: int | None, use_git: bool
) -> list[Finding]:
    """Every doctor finding for one repo, paths relative to its root."""

    found = missing_skills.skill_findings(ctx, others)
    resolved = references.resolve_all(ctx)
    links = [(r.doc.rel, r.path) for r in resolved if r.exists]
    dangling = [r for r in resolved if not r.exists]
    if use_git and dangling:
        ignored = git.ignored(ctx.fs.root, sorted({r.path for r in dangling}))
        dangling = [r for r in dangling if r.path not in ignored]
        resolved = [r for r in resolved if r.exists or r.path not in ignored]
    outcome = stale.Outcome()
    if use_git and active & set(GIT_CODES):
        try:
            history = git.read_history(ctx.fs.root, since)
        except git.GitSkipped as skipped:
            found.append(rules.CHECK_SKIPPED.finding(".", f"git history checks skipped: {skipped}"))
        else:
            if history.capped:
                found.append(
                    rules.CHECK_SKIPPED.finding(
                        ".",
                        f"git history read for the latest {history.commits:,} commits only (back to "
                        f"{stale._day(history.oldest)}); older changes are not considered",
                    )
                )
            outcome = stale.check(ctx, history, resolved)
    found.extend(outcome.findings)
    unexplained = [r for r in dangling if (r.doc.rel, r.path) not in outcome.explained]
    found.extend(references.path_findings(ctx, unexplained, outcome.notes))
    found.extend(skills.check(ctx) + skills.personal_shadows(ctx) + tools.check(ctx) + tasks.check(ctx))
    statements = infra.retired_resources(ctx)
    found.extend(infra.retired_uses(ctx, statements))
    if rules.ORPHANED_RESOURCE.code in active:
        orphans, stopped = infra.orphaned_hosts(ctx, statements)
        found.extend(orphans)
        if stopped:
            found.append(rules.CHECK_SKIPPED.finding(".", stopped))
    if places.home_folder(ctx.fs):
        found = [f for f in found if not (f.code in PROJECT_CODES and places.in_global_config(f.path))]
    return audience.settle(ctx, found, links)


def _without_secrets(fs, found: list[Finding]) -> list[Finding]:
    """Messages quote what files say (a command, a mention): never a secret value found anywhere in that file."""

    known: dict[str, frozenset[str]] = {}
    clean = []
    for finding in found:
        if finding.path not in known:
            text = fs._texts.get(finding.path)
            known[finding.path] = fs.secret_values.get(finding.path) or (secrets.values(text) if text else frozenset())
        clean.append(secrets.redact_finding(finding, known[finding.path]))
    return clean


def active_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> set[str]:
    """The doctor codes to report: --select (codes or prefixes, default all) minus --ignore."""
    return set(_selection([_options(select, ignore)]).codes)


def _options(select: Iterable[str], ignore: Iterable[str]) -> Choice:
    return selection.option_choice(select, ignore, rules.CODES, family="doctor")


def _selection(layers: list[Choice | None]) -> Selection:
    return selection.select(rules.CODES, rules.CODES, layers)


def parse_since(text: str, now: dt.datetime | None = None) -> int:
    """`2025-01-31` or `6 months` (`ago` optional) as a Unix time; UsageError otherwise."""
    value = text.strip().lower()
    try:
        day = dt.date.fromisoformat(value)
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    except ValueError:
        pass
    match = _SINCE.match(value)
    if not match:
        raise UsageError(f"--since '{text}': give a date (2025-01-31) or an age ('90 days', '6 months')")
    now = now or dt.datetime.now(dt.timezone.utc)
    return int((now - dt.timedelta(days=int(match.group(1)) * _DAYS[match.group(2)])).timestamp())


def _checked_files(ctx) -> list[tuple[str, str]]:
    files = {doc.rel: doc.kind for doc in ctx.documents}
    for item in ctx.catalogue.items:
        if item.kind in ("skill", "tool"):
            files.setdefault(item.path, item.kind)
    return sorted(files.items())


def _joined(prefix: str, rel: str) -> str:
    if rel == ".":
        return prefix
    return rel if prefix == "." else f"{prefix.rstrip('/')}/{rel}"


def _shown(finding: Finding, prefix: str) -> Finding:
    return finding.model_copy(update={"path": _joined(prefix, finding.path)})
