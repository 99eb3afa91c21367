"""`skilldex list` as Rich tables grouped by kind, with findings at the end."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from skilldex.markdown import shorten
from skilldex.models import KINDS, Catalogue, Finding
from skilldex.oneline import oneline
from skilldex.render.listing_plain import KIND_TITLES, MAX_FINDINGS_SHOWN

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def listing(catalogue: Catalogue, kinds: list[str] | None = None) -> Group:
    parts: list = [Text(f"{oneline(catalogue.repo)}  ({oneline(catalogue.root)})", style="bold")]
    shown = 0
    for kind in KINDS:
        if kinds and kind not in kinds:
            continue
        items = catalogue.of_kind(kind)
        if not items:
            continue
        shown += len(items)
        table = Table(title=f"{KIND_TITLES[kind]} ({len(items)})", title_justify="left", title_style="bold")
        table.add_column("Name", style="bold cyan", overflow="fold", max_width=36)
        table.add_column("What it does", ratio=3)
        table.add_column("Run / path", style="green", overflow="fold", ratio=2)
        for item in items:
            table.add_row(oneline(item.name), _what(item), _where(item))
        parts.append(table)
    if not shown:
        parts.append(Text("No tooling found." if not kinds else f"No items of kind {', '.join(kinds)}."))
    if catalogue.findings:
        parts.append(findings_block(catalogue.findings))
    return Group(*parts)


def _what(item) -> Text:
    text = Text(shorten(oneline(item.description or ""), 140) or "(no description)")
    if getattr(item, "mutating", False):
        text.append(" [changes things]", style="bold yellow")
    if item.kind == "skill" and not item.loaded_by_claude_code and item.scope in ("project", "nested"):
        text.append(" [not loaded by Claude Code]", style="bold red")
    if item.capabilities:
        text.append("\n" + ", ".join(item.capabilities), style="magenta")
    return text


def _where(item) -> Text:
    text = Text()
    if item.run and item.kind in ("tool", "task", "skill", "command"):
        text.append(oneline(item.run) + "\n")
    text.append(oneline(item.path) + (f":{item.line}" if item.line else ""), style="dim")
    return text


def findings_block(findings: list[Finding]) -> Group:
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in SEVERITY_STYLES}
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    lines: list = [Text(f"\nFindings: {summary}", style="bold")]
    for finding in findings[:MAX_FINDINGS_SHOWN]:
        lines.append(finding_text(finding))
    if len(findings) > MAX_FINDINGS_SHOWN:
        lines.append(Text(f"... and {len(findings) - MAX_FINDINGS_SHOWN} more (use --json to see all)", style="dim"))
    return Group(*lines)


def finding_text(finding: Finding) -> Text:
    where = oneline(finding.path) + (f":{finding.line}" if finding.line else "")
    where += f":{finding.column}" if finding.column else ""
    text = Text()
    text.append(f"{where}: ")
    text.append(finding.code, style=SEVERITY_STYLES[finding.severity.value])
    text.append(f" {oneline(finding.message)}\n    ")
    text.append(f"fix: {oneline(finding.fix)}", style="dim")
    return text
