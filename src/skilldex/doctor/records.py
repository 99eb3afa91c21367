"""Docs whose role is a record of the past: archived files, closed issues and shipped stories."""

from __future__ import annotations

import re

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


def archived(rel: str) -> bool:
    """Whether `rel` sits in an archive folder: a skill or note kept there is meant not to be used."""
    return bool(ARCHIVE_DIRS & {p.lower().lstrip("._") for p in rel.split("/")[:-1]})


def is_record(rel: str, text: str) -> bool:
    """Whether the doc records work done: a status that says closed, or a numbered work item not said open.
    Such docs name files as they were when the work was done; a later refactor does not make them wrong."""
    status = _status(text)
    if status is not None and status.startswith(CLOSED):
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
