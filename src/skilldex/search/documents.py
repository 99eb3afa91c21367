"""What each catalogue item contributes to the search index, field by field."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from skilldex.scan.fs import _open_regular  # non-blocking, regular files only, never outside the root
from skilldex.secrets import redact

if TYPE_CHECKING:
    from skilldex.models import Catalogue

FIELDS = ("name", "description", "headings", "body", "path", "caps")
BODY_BYTES = 32 * 1024
_SPLIT = re.compile(r"[-_./:]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_ENV_NAME = re.compile(r"(?<![\w$-])[A-Z][A-Z0-9_]*=")  # `NODE_ENV=` in `NODE_ENV=test jest`, the value kept
# The words every MCP server's generated description has, and a URL's scheme and top-level domain.
_MCP_BOILERPLATE = re.compile(r"^MCP server \([\w-]+\):|\b(?:https?|wss?)://|\.[a-z]{2,6}(?=[/:]|$|\s)")
_BODY_KINDS = ("skill", "command", "agent", "doc", "knowledge", "tool")  # a tool body: its comments and help


def words(text: str) -> str:
    """Names and paths as words: `rds-query` -> `rds query`, `tailLogs` -> `tail Logs`."""
    return _SPLIT.sub(" ", _CAMEL.sub(" ", text))


def document(item, root: Path | None, body: str | None = None) -> dict[str, str]:
    """The searchable text of one item; the body is read from its file (never executed), capped, unless
    the caller already holds it (`body`: the file's first BODY_BYTES as text, secrets redacted)."""
    description = [item.description]
    headings: list[str] = []
    kind = item.kind
    if kind == "skill":
        description.append(item.when_to_use or "")
        headings.append(item.argument_hint or "")
    elif kind == "tool":
        description.append(item.usage or "")
        headings.extend(f"{' '.join(f.flags)} {f.help}" for f in item.flags)
        headings.extend(item.subcommands)
    elif kind == "task":  # `NO_DEV_SERVER=1 webpack`: the variable's name is no word of what the task does
        description = [_ENV_NAME.sub("", item.description.removeprefix("Runs: "))]  # "Runs:" is no "run" asked for
        headings.append(_ENV_NAME.sub("", item.command or ""))
    elif kind == "mcp-server":  # "MCP server (http): https://mcp.sentry.dev/mcp" says sentry, not "dev server"
        description = [_MCP_BOILERPLATE.sub(" ", item.description)]
        headings.append(_MCP_BOILERPLATE.sub(" ", " ".join([item.command or "", *item.args, item.url or ""])))
    elif kind == "doc":
        headings.extend(h.text for h in item.headings)
    elif kind == "knowledge":  # its Don't lines weigh like headings, not like the rest of the body
        headings.extend([*item.tags, *item.applies_when, *item.dont, *(h.text for h in item.headings)])
    if kind not in _BODY_KINDS:
        body = ""
    elif body is None:
        body = _body(root, item.path) if root is not None else ""
    return {
        "name": words(item.name),
        "description": " ".join(d for d in description if d),
        "headings": " ".join(h for h in headings if h),
        "body": body,
        "path": words(item.path),
        "caps": " ".join(item.capabilities),
    }


def _body(root: Path, rel: str) -> str:
    """The file's first 32 KB as text, secret values redacted (the index keeps it on disk)."""

    try:
        real_root = os.path.realpath(root)
        return redact(_open_regular(os.path.join(real_root, rel), BODY_BYTES, real_root).decode("utf-8", "replace"))
    except OSError:
        return ""


def documents(catalogue: Catalogue) -> list[dict[str, str]]:
    root = Path(catalogue.root) if catalogue.root else None
    return [document(item, root) for item in catalogue.items]
