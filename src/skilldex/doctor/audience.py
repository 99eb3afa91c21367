"""Who a checked file speaks to, which caps how sure a finding in it can be: the one severity decision by audience.

A missing skill or script is an error only where the text is said to the agent or to tooling: Claude Code's
skills, commands and agents (in `.claude/` or a plugin, with their skill's own files), CLAUDE.md/AGENTS.md and
the files they import (`@docs/x.md`), and workflows, which CI runs. Every other doc (a README, a runbook, a
guide, a plan) is read by people who may mean another product's `/name` or a script still to write, so there
the same finding is a warning; a line that tells its reader to use a skill by name ("Use the deploy-lambda
skill") is said to the agent wherever it stands. Which rules this binds, and which audiences allow an error,
is declared with the rules (`rules.doctor.ERROR_AUDIENCES`). A doc no entry point leads to (`reach`) has no
audience at all: its missing files and scripts are info (`rules.doctor.UNREAD_INFO`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from skilldex.doctor import reach
from skilldex.doctor.repo import Document, RepoContext
from skilldex.doctor.shell import NAME
from skilldex.models import Finding, Severity
from skilldex.rules import doctor as rules
from skilldex.scan.docs import AGENT_DOCS

AGENT = "agent"
TOOLING = "tooling"
READER = "reader"
MAX_IMPORT_DEPTH = 5  # Claude Code follows `@path` imports five hops deep
CONTEXT_LINES = 3  # "**Use the x skill**:", a blank line, the fence, then `/x`

# `@docs/runbook.md`, `@./AGENTS.md`: Claude Code's import syntax (not `user@host`, not in code).
_IMPORT = re.compile(r"(?<![\w@/`.-])@((?:\.{1,2}/)?[\w.-]+(?:/[\w.-]+)*\.[A-Za-z]\w*)")
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_NAME_AT = re.compile(NAME)


def settle(ctx: RepoContext, findings: Iterable[Finding], links: Iterable[tuple[str, str]] = ()) -> list[Finding]:
    """Each finding of a rule bound by audience at most a warning where its file's audience may not hold an
    error; a warning of a rule in `rules.UNREAD_INFO` (a missing file or script) in a doc nobody is led to (`links`:
    doc, existing path it names) info; every other finding as it was."""
    documents = {doc.rel: doc for doc in ctx.documents}
    agent = agent_files(ctx)
    reached = reach.reachable(ctx, links, agent)
    settled = []
    for finding in findings:
        allowed = rules.ERROR_AUDIENCES.get(finding.code)
        if allowed is not None and finding.severity is Severity.error:
            doc = documents.get(finding.path)
            heard = audience(doc, agent) if doc is not None else READER
            if heard not in allowed and not (AGENT in allowed and _tells_skill(doc, finding)):
                finding = finding.model_copy(update={"severity": Severity.warning})
        if finding.code in rules.UNREAD_INFO and finding.severity is Severity.warning and finding.path not in reached:
            finding = finding.model_copy(update={"severity": Severity.info})
        settled.append(finding)
    return settled


def audience(doc: Document, agent: frozenset[str]) -> str:
    """`tooling` for a workflow, `agent` for a file Claude Code reads as instructions, else `reader`."""
    if doc.kind == "workflow":
        return TOOLING
    return AGENT if doc.rel in agent else READER


def agent_files(ctx: RepoContext) -> frozenset[str]:
    """Checked files Claude Code reads as instructions: skills (SKILL.md and the files of its folder), commands
    and agents, anything in `.claude/`, CLAUDE.md/AGENTS.md and what they import."""
    skill_roots = {posixpath.dirname(doc.rel) for doc in ctx.documents if doc.rel.rsplit("/", 1)[-1] == "SKILL.md"}
    found = set()
    for doc in ctx.documents:
        parts = doc.rel.split("/")
        folders = ["/".join(parts[:i]) for i in range(len(parts))]
        if (
            doc.kind in ("command", "agent")
            or ".claude" in parts[:-1]
            or skill_roots.intersection(folders)
            or parts[-1].lower() in AGENT_DOCS
        ):
            found.add(doc.rel)
    return frozenset(found | _imported(ctx, {rel for rel in found if rel.rsplit("/", 1)[-1].lower() in AGENT_DOCS}))


def _imported(ctx: RepoContext, roots: set[str]) -> set[str]:
    """Files CLAUDE.md/AGENTS.md import with `@path` (relative to the importing file), hop by hop."""
    texts = {doc.rel: doc.text for doc in ctx.documents}
    seen: set[str] = set()
    frontier = set(roots)
    for _ in range(MAX_IMPORT_DEPTH):
        reached = set()
        for rel in frontier:
            text = texts.get(rel) if rel in texts else _read(ctx, rel)
            if not text or "@" not in text:
                continue
            folder = posixpath.dirname(rel)
            for target in imports(text):
                path = posixpath.normpath(posixpath.join(folder, target))
                if not path.startswith("..") and path not in seen and path not in roots:
                    reached.add(path)
        seen |= reached
        frontier = reached
        if not frontier:
            break
    return seen


def _read(ctx: RepoContext, rel: str) -> str | None:
    file = ctx.fs.file(rel)
    return ctx.fs.read_text(file) if file is not None else None


def imports(text: str) -> list[str]:
    """The `@path` imports of a memory file, outside code blocks and code spans, as Claude Code reads them."""
    found: list[str] = []
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and "@" in line:
            found.extend(m.group(1) for m in _IMPORT.finditer(_CODE_SPAN.sub(" ", line)))
    return found


def _tells_skill(doc: Document | None, finding: Finding) -> bool:
    """Whether the finding's line, or the lines just above, call the missing `/name` a skill by that name ("Use
    the apply-production-migrations skill"): an instruction to the agent in any doc."""
    if doc is None or finding.code != rules.MISSING_SKILL.code or not finding.line or not finding.column:
        return False
    lines = doc.text.split("\n")
    if finding.line > len(lines):
        return False
    line = lines[finding.line - 1]
    at = finding.column - 1
    at += line[at:].startswith("/")  # a `/name` written as a command: its column may stand on the slash
    name = _NAME_AT.match(line, at)
    if name is None:
        return False
    called = re.compile(r"(?<![\w/-])/?" + re.escape(name.group(0)) + r"[`*_\"'”’]*\s+(?:slash\s+)?skill\b", re.I)
    start = max(0, finding.line - 1 - CONTEXT_LINES)
    return any(called.search(line) for line in lines[start : finding.line])
