"""`skilldex show`: everything known about one item, as plain text lines."""

from __future__ import annotations

from typing import Any

from skilldex.models import Finding
from skilldex.oneline import visible

BASE_FIELDS = ("kind", "name", "path", "line", "description", "run", "capabilities")


def detail(item: Any, findings: list[Finding]) -> str:
    data = item.model_dump(mode="json")
    where = item.path + (f":{item.line}" if item.line else "")
    lines = [f"{item.kind}: {item.name}", f"  path: {where}"]
    if item.description:
        lines.append(f"  what it does: {item.description}")
    if item.run:
        lines.append(f"  how to run: {item.run}")
    if item.capabilities:
        lines.append(f"  capabilities: {', '.join(item.capabilities)}")
    if getattr(item, "usage", None):
        lines.append("  usage:")
        lines.extend(f"    {line}" for line in item.usage.splitlines())
    for flag in getattr(item, "flags", []) or []:
        mark = "  [changes things]" if flag.mutating else ""
        lines.append(f"  flag {', '.join(flag.flags)}: {flag.help or ''}{mark}".rstrip())
    for key, value in data.items():
        if key in BASE_FIELDS or key in ("usage", "flags", "frontmatter") or value in (None, [], {}, ""):
            continue
        lines.extend(_field(key, value))
    for finding in findings:
        at = f":{finding.line}" if finding.line else ""
        lines.append(f"  finding {finding.code} ({finding.severity.value}) line{at or ' -'}: {finding.message}")
        lines.append(f"    fix: {finding.fix}")
    return "\n".join(visible(line) for line in lines)  # repo text cannot add a line or an escape


def _field(key: str, value: Any) -> list[str]:
    label = key.replace("_", " ")
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = [f"  {label}:"]
        for entry in value:
            out.append("    - " + _compact(entry))
        return out
    if isinstance(value, list):
        return [f"  {label}: {', '.join(str(v) for v in value)}"]
    if isinstance(value, dict):
        return [f"  {label}: " + ", ".join(f"{k}={v}" for k, v in value.items())]
    return [f"  {label}: {value}"]


def _compact(entry: dict) -> str:
    if "command" in entry and "line" in entry:
        return f"line {entry['line']}: {entry['command']}"
    if "text" in entry and "level" in entry:
        return f"{'#' * entry['level']} {entry['text']} (line {entry['line']})"
    if "target" in entry:
        state = "" if entry.get("exists") else "  [missing]"
        return f"{entry['target']} -> {entry['path']} (line {entry['line']}){state}"
    return ", ".join(f"{k}={v}" for k, v in entry.items())
