"""Docs whose role is a record of the past: archived files, closed issues, shipped stories, dated audits."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

# `archive/`, `_archive/`, `.archived/`: kept on purpose and no longer in use.
ARCHIVE_DIRS = frozenset({"archive", "archived", "archives", "attic"})
# Folders of work items, one file per issue or story (`docs/issues/issue-10.md`, `stories/0012-login.md`).
WORK_ITEM_DIRS = frozenset({"issues", "stories", "bugs", "tickets", "epics"})
CLOSED = (
    "resolved",
    "closed",
    "done",
    "fixed",
    "shipped",
    "completed",
    "complete",
    "released",
    "merged",
    "superseded",
    "obsolete",
    "won't fix",
    "wontfix",
    "implemented",
)
OPEN = (
    "open",
    "in progress",
    "in-progress",
    "todo",
    "to do",
    "planned",
    "proposed",
    "draft",
    "blocked",
    "new",
    "active",
    "pending",
    "backlog",
)
# Statuses of work not built yet: `## Status: Planning`, `Status: Not started`.
PROPOSED = ("proposed", "draft", "planned", "planning", "not started", "backlog", "idea", "todo", "to do")
HEAD_LINES = 30  # a record states its status near the top
# `Status: resolved`, `**Status:** Done`, `status: closed` (frontmatter), or a `## Status` heading whose next
# non-blank line is `- resolved`.
_STATUS_LINE = re.compile(r"^\W*status\W*:\W*([a-z][a-z' -]*)", re.IGNORECASE)
_STATUS_HEADING = re.compile(r"^#{1,6}\s*status\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"\d")
# "This is a reference export from a working Claude Code project": its paths may be that project's.
_EXPORT = re.compile(r"\b(?:reference|config(?:uration)?|settings) export\b|\bexported from\b", re.IGNORECASE)
ROOT_DOCS = ("CLAUDE.md", "AGENTS.md", "README.md")
# A copy of another project kept in the repo: its text states that project's promises, not this repo's.
VENDOR_DIRS = frozenset({"vendor", "vendored", "third_party", "third-party", "thirdparty"})
_LICENSE = re.compile(r"^(?:license|licence|copying)(?:\.[a-z]+)?$", re.IGNORECASE)
# Beside a LICENSE, a release history or a package manifest says the folder is a project of its own.
_PROJECT_FILES = frozenset(
    {"changelog.md", "package.json", "pyproject.toml", "setup.py", "cargo.toml", "go.mod", "gemfile"}
)


def archived(rel: str) -> bool:
    """Whether `rel` sits in an archive folder: a skill or note kept there is meant not to be used."""
    return bool(ARCHIVE_DIRS & {p.lower().lstrip("._") for p in rel.split("/")[:-1]})


# What a record is called at the end of its file name: `codebase-health-audit.md`, `HANDOFF.md`, `q3-retro.md`,
# `benchmark-input-snapshot.md`.
_RECORD_NAME = re.compile(
    r"(?:^|[-_.\s])(?:audit|hand-?off|retro|retrospective|post-?mortem|survey|snapshot)s?$", re.IGNORECASE
)
# ... or in its title, which a date near the top confirms: "# NF Society — Audit d'architecture" over "Généré le
# 20 avril 2026". Without a date such a title may head a how-to ("# Security audit checklist").
_RECORD_TITLE = re.compile(
    r"^#\s.*\b(?:audit|hand-?off|retrospective|post-?mortem|survey|snapshot)\b", re.IGNORECASE | re.MULTILINE
)
_YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")
# A snapshot says when it was taken: "State as of 2026-02-01", "Snapshot taken March 3, 2026". Not "Generated:": an
# index a script regenerates (`AUTO-DOCUMENTATION-INDEX.md`) is a living doc, stale when not regenerated.
_TAKEN = re.compile(
    r"\b(?:as of|snapshot taken|audited|surveyed)\b(?:\s+(?:on|at))?\W{0,4}(?:\d{1,2}\s+\w+\s+)?"
    r"(?:20\d\d|\w+\s+\d{1,2},?\s+20\d\d)",
    re.IGNORECASE,
)
DATED_HEAD_LINES = 8  # a snapshot's date stands under its title


def dated(rel: str, text: str) -> bool:
    """Whether the doc is a dated record by its name or its head: an audit, a handoff, a retro, a post-mortem, a
    survey, a snapshot, or a doc that says the day it describes. Its paths describe the tree of that day, not
    orders."""
    stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if _RECORD_NAME.search(stem):
        return True
    head = "\n".join(text.splitlines()[:DATED_HEAD_LINES])
    return bool(_TAKEN.search(head)) or bool(_RECORD_TITLE.search(head) and _YEAR.search(head))


def is_record(rel: str, text: str) -> bool:
    """Whether the doc records work done: a status that says closed, a numbered work item not said open, or a dated
    record (`dated`). Such docs name files as they were when the work was done; a later refactor does not make
    them wrong."""
    status = _status(text)
    if status is not None and status.startswith(CLOSED):
        return True
    if dated(rel, text):
        return True
    parts = [p.lower() for p in rel.split("/")]
    numbered = bool(_NUMBERED.search(parts[-1]))
    return numbered and bool(WORK_ITEM_DIRS & set(parts[:-1])) and not (status or "").startswith(OPEN)


def _status(text: str) -> str | None:
    lines = text.splitlines()[:HEAD_LINES]
    for i, line in enumerate(lines):
        match = _STATUS_LINE.match(line)
        if match:
            return match.group(1).strip().lower()
        if _STATUS_HEADING.match(line.strip()):
            following = next((nxt.strip() for nxt in lines[i + 1 :] if nxt.strip()), "")
            return following.lstrip("-*• ").strip("*_` ").lower() or None
    return None


def exported(root_docs: list[str]) -> bool:
    """Whether the repo says, at the top of a root doc, that it is an export of another project's setup: then
    the paths its docs name may be the original project's."""
    return any(_EXPORT.search("\n".join(text.splitlines()[:HEAD_LINES])) for text in root_docs)


def proposed(text: str) -> bool:
    """Whether the doc says it is a proposal, draft or plan (`**Status**: Proposed`, `## Status: Planning`): it
    describes what is not built."""
    return (_status(text) or "").startswith(PROPOSED)


def vendored_roots(rels: Iterable[str]) -> frozenset[str]:
    """Folders holding a copy of another project: a `vendor/` or `third_party/` folder anywhere, and, in
    `.claude/` or a skills folder, a folder with its own LICENSE and its own CHANGELOG or package manifest (a
    skill collection installed by copying). Claude Code loads what the copy's setup installs, and the copy's
    docs speak of its own repo."""
    files: dict[str, set[str]] = {}
    roots = set()
    for rel in rels:
        folder, name = posixpath.split(rel)
        files.setdefault(folder, set()).add(name.lower())
        parts = folder.split("/")
        for i, part in enumerate(parts):
            if part.lower() in VENDOR_DIRS:
                roots.add("/".join(parts[: i + 1]))
                break
    for folder, names in files.items():
        above = folder.split("/")[:-1]
        if (
            (".claude" in above or "skills" in above)
            and any(_LICENSE.match(n) for n in names)
            and names & _PROJECT_FILES
        ):
            roots.add(folder)
    return frozenset(roots)


def inside(rel: str, roots: frozenset[str]) -> bool:
    """Whether `rel` lies below one of the folders `roots`."""
    parts = rel.split("/")
    return any("/".join(parts[:i]) in roots for i in range(1, len(parts)))
