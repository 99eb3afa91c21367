"""`skilldex list` as plain lines for pipes and files: no box, no padding to a terminal width, one item a line."""

from __future__ import annotations

from skilldex.markdown import shorten
from skilldex.models import KINDS, Catalogue, Finding
from skilldex.oneline import oneline

KIND_TITLES = {
    "skill": "Skills", "command": "Slash commands", "agent": "Subagents", "mcp-server": "MCP servers",
    "tool": "Tools", "task": "Tasks", "doc": "Docs", "knowledge": "Knowledge",
}  # fmt: skip
MAX_FINDINGS_SHOWN = 25


def plain_listing(catalogue: Catalogue, kinds: list[str] | None = None) -> str:
    """`Skills (7)`, then per item `  name  what it does [marks]` and `      run · path · capabilities`."""
    lines = [f"{catalogue.repo}  ({catalogue.root})"]
    shown = 0
    for kind in KINDS:
        items = catalogue.of_kind(kind) if not kinds or kind in kinds else []
        if not items:
            continue
        shown += len(items)
        lines += ["", f"{KIND_TITLES[kind]} ({len(items)})"]
        for item in items:
            lines.append(f"  {oneline(item.name)}  {_what(item)}")
            lines.append(f"      {_where(item)}")
    if not shown:
        lines += ["", "No tooling found." if not kinds else f"No items of kind {', '.join(kinds)}."]
    if catalogue.findings:
        lines += ["", *findings_lines(catalogue.findings)]
    return "\n".join(lines) + "\n"


def _what(item) -> str:
    text = oneline(shorten(item.description, 140) or "(no description)")
    if getattr(item, "mutating", False):
        text += " [changes things]"
    if item.kind == "skill" and not item.loaded_by_claude_code and item.scope in ("project", "nested"):
        text += " [not loaded by Claude Code]"
    return text


def _where(item) -> str:
    parts = [item.run] if item.run and item.kind in ("tool", "task", "skill", "command") else []
    where = oneline(item.path) + (f":{item.line}" if item.line else "")
    parts = [oneline(part) for part in parts if part != where]  # a tool runs as its path: say it once
    parts.append(where)
    if item.capabilities:
        parts.append(", ".join(item.capabilities))
    return "  ".join(parts)


def findings_lines(findings: list[Finding]) -> list[str]:
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    lines = [f"Findings: {summary}"]
    for finding in findings[:MAX_FINDINGS_SHOWN]:
        where = oneline(finding.path) + (f":{finding.line}" if finding.line else "")
        where += f":{finding.column}" if finding.column else ""
        lines += [f"{where}: {finding.code} {oneline(finding.message)}", f"    fix: {oneline(finding.fix)}"]
    if len(findings) > MAX_FINDINGS_SHOWN:
        lines.append(f"... and {len(findings) - MAX_FINDINGS_SHOWN} more (use --json to see all)")
    return lines
