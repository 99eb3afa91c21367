"""One catalogue item as markdown list lines: what to call it, what it does, how to run it."""

from __future__ import annotations

from skilldex.generate.text import code, prose

LABELS = {
    "skill": "Skill",
    "command": "Command",
    "agent": "Agent",
    "mcp-server": "MCP server",
    "tool": "Tool",
    "task": "Task",
    "doc": "Doc",
    "knowledge": "Knowledge",
}
NOUNS = {  # singular, plural
    "skill": ("skill", "skills"),
    "command": ("slash command", "slash commands"),
    "agent": ("subagent", "subagents"),
    "mcp-server": ("MCP server", "MCP servers"),
    "tool": ("tool", "tools"),
    "task": ("task", "tasks"),
    "doc": ("doc", "docs"),
    "knowledge": ("knowledge object", "knowledge objects"),
}
KIND_TITLES = {
    "skill": "Skills",
    "command": "Slash commands",
    "agent": "Subagents",
    "mcp-server": "MCP servers",
    "tool": "Tools",
    "task": "Tasks",
    "doc": "Docs",
    "knowledge": "Knowledge objects",
}


def handle(item) -> str:
    """What an agent types or opens: the /command, the command line, the path."""
    if item.kind in ("skill", "command", "task") and item.run:
        return item.run
    if item.kind in ("agent", "mcp-server"):
        return item.name
    return item.path


def _what(item, limit: int) -> str:
    """The description as one sentence-terminated line (so what follows reads as a new sentence)."""
    title = getattr(item, "title", None)
    text = item.description
    if title and item.kind in ("doc", "knowledge") and title not in text:
        text = f"{title}. {text}" if text else title
    text = prose(text, limit).rstrip(" :;,") or "No description"
    return text if text.endswith((".", "…", "!", "?")) else text + "."


def _changes(item) -> str:
    if not getattr(item, "mutating", False):
        return ""
    evidence = ", ".join(item.mutating_evidence[:3])
    return f" Changes things ({prose(evidence, 120)})." if evidence else " Changes things."


def headline(item, limit: int = 200) -> str:
    """One list item: `- Kind `handle`: what it does. Run/where.`"""
    line = f"- {LABELS[item.kind]} {code(handle(item))}: {_what(item, limit)}"
    if item.kind == "tool" and item.run and item.run != item.path:
        line += f" Run: {code(item.run)}."
    elif item.kind in ("agent", "mcp-server") and item.run:
        line += f" Use: {prose(item.run, 120).rstrip('.')}."
    if item.kind in ("skill", "command", "task", "agent", "mcp-server"):
        line += f" In {code(item.path)}."
    return line + _changes(item)


def detail(item, limit: int = 500) -> list[str]:
    """A list item with nested path, run, capabilities and kind-specific facts, for a references file."""
    lines = [f"- {code(item.name, 120)}: {_what(item, limit)}", f"  - path: {code(item.path)}"]
    if item.run:
        lines.append(f"  - run: {code(item.run)}")
    if item.kind == "tool" and item.usage:
        lines.append(f"  - usage: {code(item.usage, 300)}")
    if item.kind == "skill" and not item.loaded_by_claude_code:
        lines.append("  - Claude Code does not load this file (see `skilldex validate`); the procedure still holds.")
    if getattr(item, "mutating", False):
        lines.append(f"  - changes things: {prose(', '.join(item.mutating_evidence[:3]), 120) or 'yes'}")
    if item.capabilities:
        lines.append(f"  - capabilities: {', '.join(item.capabilities)}")
    return lines
