"""`skilldex show`: everything known about one item, as plain text lines."""

from __future__ import annotations

from typing import Any

from skilldex.oneline import visible

BASE_FIELDS = ("kind", "name", "path", "line", "description", "run", "capabilities")


def detail(data: dict, findings: list[dict]) -> str:
    """An item and its findings, both as JSON (model_dump(mode="json"), or as the index stores them)."""
    where = data["path"] + (f":{data['line']}" if data.get("line") else "")
    lines = [f"{data['kind']}: {data['name']}", f"  path: {where}"]
    if data.get("description"):
        lines.append(f"  what it does: {data['description']}")
    if data.get("run"):
        lines.append(f"  how to run: {data['run']}")
    if data.get("capabilities"):
        lines.append(f"  capabilities: {', '.join(data['capabilities'])}")
    if data.get("usage"):
        lines.append("  usage:")
        lines.extend(f"    {line}" for line in data["usage"].splitlines())
    for flag in data.get("flags") or []:
        mark = "  [changes things]" if flag["mutating"] else ""
        lines.append(f"  flag {', '.join(flag['flags'])}: {flag['help'] or ''}{mark}".rstrip())
    for key, value in data.items():
        if key in BASE_FIELDS or key in ("usage", "flags", "frontmatter") or value in (None, [], {}, ""):
            continue
        lines.extend(_field(key, value))
    for finding in findings:
        at = f":{finding['line']}" if finding["line"] else ""
        lines.append(f"  finding {finding['code']} ({finding['severity']}) line{at or ' -'}: {finding['message']}")
        lines.append(f"    fix: {finding['fix']}")
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
