"""MCP servers: each entry of a `.mcp.json` (project scope or a plugin's)."""

from __future__ import annotations

import json

from skilldex import capabilities
from skilldex.models import McpServerItem
from skilldex.rules import scan as rules
from skilldex.scan.fs import RepoFile, RepoFS

_TRANSPORTS = {"stdio", "http", "sse", "ws"}


def scan_file(fs: RepoFS, file: RepoFile) -> list[McpServerItem]:
    items: list[McpServerItem] = []
    if file.name != ".mcp.json":
        return items
    text = fs.read_text(file)
    if text is None:
        return items
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fs.report(rules.INVALID_MCP_JSON.finding(file.rel, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno))
        return items
    except (ValueError, RecursionError) as exc:  # an integer of thousands of digits, `[` nested past the stack
        fs.report(rules.INVALID_MCP_JSON.finding(file.rel, f"invalid JSON: {_reason(exc)}", 1))
        return items
    servers = data.get("mcpServers") if isinstance(data, dict) else None
    if not isinstance(servers, dict):
        fs.report(rules.INVALID_MCP_JSON.finding(file.rel, "no 'mcpServers' object at the top level", 1))
        return items
    for name, spec in servers.items():
        line = _line_of(text, name)
        if not isinstance(spec, dict):
            fs.report(
                rules.INVALID_MCP_JSON.finding(
                    file.rel, f"server '{name}' is a {type(spec).__name__}, not an object", line
                )
            )
            continue
        items.append(_server(file.rel, line, str(name), spec))
    return items


def _server(path: str, line: int | None, name: str, spec: dict) -> McpServerItem:
    command = spec.get("command") if isinstance(spec.get("command"), str) else None
    raw_args = spec.get("args")
    args = [str(a) for a in (raw_args if isinstance(raw_args, list) else []) if isinstance(a, (str, int, float))]
    url = spec.get("url") if isinstance(spec.get("url"), str) else None
    declared = str(spec.get("type", "")).lower()
    transport = declared if declared in _TRANSPORTS else ("stdio" if command else "http" if url else "unknown")
    env = spec.get("env")
    env_keys = sorted(str(k) for k in env) if isinstance(env, dict) else []
    target = " ".join([command, *args]) if command else (url or "")
    description = spec.get("description") if isinstance(spec.get("description"), str) else ""
    description = description or f"MCP server ({transport}): {target}".strip()
    return McpServerItem(
        name=name,
        path=path,
        line=line,
        description=description,
        capabilities=capabilities.of_item(name, description),
        run=f"in Claude Code its tools are mcp__{name}__*",
        transport=transport,
        command=command,
        args=args,
        url=url,
        env_keys=env_keys,
    )


def _line_of(text: str, key: str) -> int | None:
    needle = json.dumps(key)
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _reason(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    return str(exc).split(";")[0]  # "Exceeds the limit (4300 digits) for integer string conversion"
