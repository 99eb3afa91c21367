"""`skilldex mcp`: the catalogue as a Model Context Protocol server over stdio, on the official `mcp` SDK.

Four tools: `list_repos` (`skilldex repos --json`), `list_tooling` (the catalogue a page at a time: each
item's kind, name, path, a short description, how to run it and its capabilities, filtered by kind or
capability, with how many more there are), `find_tooling` (`skilldex find --json`) and `show_item`
(`skilldex show --json`). Every reply stays within its budget (BUDGETS, characters of JSON, well inside an
agent's context): a page holds fewer items, long fields are cut with "…", and the reply says so.
A bad argument (unknown repo or item, blank intent) comes back as a tool error with the CLI's message;
the server keeps running. stdout carries the protocol, so nothing else may print there.

The query functions below are plain library functions (they return dicts or raise UsageError); only
`serve()` needs the SDK, imported when called: the `mcp` extra (`pipx install '.[mcp]'` from a clone).
"""

from __future__ import annotations

import inspect
import json
import os
from typing import Annotated, Any, Literal

from pydantic import Field

from skilldex import __version__
from skilldex.capabilities import VOCABULARY
from skilldex.errors import UsageError
from skilldex.index.refresh import catalogue, repo_index
from skilldex.lookup import detail_data, find_item
from skilldex.models import KINDS
from skilldex.oneline import lines, oneline
from skilldex.search import find_indexed
from skilldex.workspace import open_workspace, resolve_repo

SERVER_NAME = "skilldex"
INSTRUCTIONS = (
    "skilldex knows the tooling each repo already has: skills, slash commands, subagents, MCP servers, "
    "CLIs in tools/ scripts/ bin/, task-runner targets, hand-started GitHub workflows, infrastructure docs "
    "and knowledge objects. "
    "Before writing a new script, tool, skill or runbook, call find_tooling with what you want to do, "
    "then show_item for how to run the best match. A repo is a name from list_repos or a folder path."
)
MAX_LIMIT = 100  # as `skilldex find --limit`
LIST_LIMIT = 50  # items on a page of list_tooling, by default
MAX_LIST_LIMIT = 200
SUMMARY_CHARS = 200  # a listed item's description; show_item has all of it
BUDGETS = {"list_repos": 20_000, "list_tooling": 20_000, "find_tooling": 12_000, "show_item": 20_000}
# Module level: the SDK builds each tool's JSON Schema from these annotations (an enum, a bounded integer).
TYPE_CHECKING = False
if TYPE_CHECKING:  # built from the tuples at run time (the tool schema's enums), which a type checker cannot read
    KindName = str
    CapabilityName = str
else:
    KindName = Literal[tuple(KINDS)]
    CapabilityName = Literal[tuple(VOCABULARY)]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description="How many results (1-100).")]
PageSize = Annotated[int, Field(ge=1, le=MAX_LIST_LIMIT, description="Items per page (1-200, default 50).")]
Offset = Annotated[int, Field(ge=0, description="How many matching items to skip (next_offset of the last page).")]


def list_repos(workspace: str | None) -> dict[str, Any]:
    """The workspace's repos, as `skilldex repos --json` prints them."""

    found = open_workspace(workspace)
    if found is None:
        raise UsageError(
            "no skilldex.yaml found here or above (start the server in the workspace, or with "
            "`skilldex --workspace FILE mcp`); the other tools also take a repo folder path"
        )
    rows = [
        {"name": r.name, "path": str(r.path), "declared": r.declared, "exists": r.path.is_dir()}
        for r in found.repos.values()
    ]
    return bounded({"workspace": str(found.file), "repos": rows}, BUDGETS["list_repos"])


def list_tooling(
    workspace: str | None,
    repo: str,
    kind: str | None = None,
    capability: str | None = None,
    limit: int = LIST_LIMIT,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of the repo's items (as `skilldex list REPO --json` orders them), each summarised, with
    the total and where the next page starts; cut short rather than over its budget."""
    if kind is not None and kind not in KINDS:
        raise UsageError(f"'{kind}' is not one of: {', '.join(KINDS)}")
    if capability is not None and capability not in VOCABULARY:
        raise UsageError(f"capability '{capability}' is not one of: {', '.join(VOCABULARY)}")
    if not 1 <= limit <= MAX_LIST_LIMIT or offset < 0:
        raise UsageError(f"limit must be between 1 and {MAX_LIST_LIMIT} and offset 0 or more")
    catalogue = _catalogue(workspace, repo)
    items = [
        i for i in catalogue.items if (not kind or i.kind == kind) and (not capability or capability in i.capabilities)
    ]
    rows = [summary(item) for item in items[offset : offset + limit]]
    reply = {
        "repo": catalogue.repo,
        "root": catalogue.root,
        "total": len(items),
        "offset": offset,
        "items": rows,
        "findings": len(catalogue.findings),
    }
    cut = False
    room = BUDGETS["list_tooling"] - 100  # and the note that says the page was cut
    while len(json.dumps(_paged(reply, items, offset), ensure_ascii=False)) > room and rows:
        rows.pop()  # fewer items on this page rather than a reply the agent cannot hold
        cut = True
    reply = _paged(reply, items, offset)
    if cut:
        reply["note"] = f"page cut to {len(rows)} items to stay under {BUDGETS['list_tooling']:,} characters"
    return reply


def summary(item) -> dict[str, Any]:
    """What a listing says of one item; show_item says everything."""
    return {
        "kind": item.kind,
        "name": item.name,
        "path": item.path,
        "description": _cap(oneline(item.description or ""), SUMMARY_CHARS),
        "run": item.run,
        "capabilities": list(item.capabilities),
    }


def _paged(reply: dict[str, Any], items: list, offset: int) -> dict[str, Any]:
    shown = offset + len(reply["items"])
    more = max(len(items) - shown, 0)
    return {**reply, "count": len(reply["items"]), "more": more, "next_offset": shown if more else None}


def bounded(data: Any, budget: int) -> Any:
    """`data` as is when its JSON fits the budget, else with long strings and lists cut ever shorter."""
    if len(json.dumps(data, ensure_ascii=False)) <= budget:
        return data
    for cap in (4000, 1000, 300, 100, 40):
        shrunk = _cap(data, cap)
        if len(json.dumps(shrunk, ensure_ascii=False)) <= budget:
            break
    if isinstance(shrunk, dict):
        shrunk["truncated"] = f"long fields cut to stay under {budget:,} characters"
    return shrunk


def _cap(value: Any, cap: int) -> Any:
    if isinstance(value, str):
        return value if len(value) <= cap else value[: cap - 1] + "…"
    if isinstance(value, list):
        keep = max(cap // 20, 2)
        head = [_cap(v, cap) for v in value[:keep]]
        return head + ([f"… and {len(value) - keep} more"] if len(value) > keep else [])
    if isinstance(value, dict):
        return {k: _cap(v, cap) for k, v in value.items()}
    return value


def find_tooling(workspace: str | None, repo: str, intent: str, limit: int = 5) -> dict[str, Any]:
    """The repo's items ranked against the intent, as `skilldex find REPO INTENT --json` prints them."""

    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}")
    ref = _ref(workspace, repo)
    index = repo_index(ref.path, ref.name)
    try:
        hits = find_indexed([index], intent, limit=limit)
    finally:
        index.close()
    results = [hit.to_dict() for hit in hits]
    while len(json.dumps(results, ensure_ascii=False)) > BUDGETS["find_tooling"] - 500 and len(results) > 1:
        results.pop()  # the best matches, whole, rather than every match cut short
    return bounded({"query": intent, "results": results}, BUDGETS["find_tooling"])


def show_item(workspace: str | None, repo: str, name: str) -> dict[str, Any]:
    """One item and its findings, as `skilldex show REPO NAME --json` prints them."""

    catalogue = _catalogue(workspace, repo)
    return bounded(detail_data(catalogue, find_item(catalogue, name)), BUDGETS["show_item"])


QUERIES = {
    "list_repos": list_repos,
    "list_tooling": list_tooling,
    "find_tooling": find_tooling,
    "show_item": show_item,
}  # the tools below shadow these names inside build_server()


def _ref(workspace: str | None, repo: str):
    return resolve_repo(repo, open_workspace(workspace))


def _catalogue(workspace: str | None, repo: str):
    ref = _ref(workspace, repo)
    return catalogue(ref.path, name=ref.name)


def visible(value: Any) -> Any:
    """A reply as the agent reads it: every string without escape, bidi or zero-width characters."""
    if isinstance(value, str):
        return lines(value)
    if isinstance(value, dict):
        return {visible(k): visible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible(v) for v in value]
    return value


def build_server(workspace: str | None) -> Any:
    """The MCP server with the four tools; `workspace` is read again at each call (edits take effect)."""
    server_class, tool_error = _sdk()
    if "version" in inspect.signature(server_class).parameters:  # mcp 2
        server = server_class(SERVER_NAME, instructions=INSTRUCTIONS, log_level="WARNING", version=__version__)
    else:  # mcp 1's FastMCP takes no version: its low-level server reports it in serverInfo
        server = server_class(SERVER_NAME, instructions=INSTRUCTIONS, log_level="WARNING")
        server._mcp_server.version = __version__

    def answer(query, *args: Any) -> dict[str, Any]:
        try:
            return visible(query(workspace, *args))
        except UsageError as exc:  # the CLI's message, as a tool error the model can read and act on
            raise tool_error(lines(str(exc))) from None

    @server.tool()
    def list_repos() -> dict[str, Any]:
        """The repos of the skilldex workspace (skilldex.yaml): name, path, whether the folder exists."""
        return answer(QUERIES["list_repos"])

    @server.tool()
    def list_tooling(
        repo: str,
        kind: KindName | None = None,
        capability: CapabilityName | None = None,
        limit: PageSize = LIST_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """What a repo already has, a page at a time: each item's kind, name, path, short description, how
        to run it and its capabilities; `total`, `more` and `next_offset` say what is left (pass it as
        offset). repo: a name from list_repos or a folder path. kind / capability: only those items (e.g.
        kind="tool", capability="database"). Prefer find_tooling to look for something; show_item for all
        about one item. Replies stay under 20,000 characters."""
        return answer(QUERIES["list_tooling"], repo, kind, capability, limit, offset)

    @server.tool()
    def find_tooling(repo: str, intent: str, limit: Limit = 5) -> dict[str, Any]:
        """Which existing skill, tool, task or doc of the repo already does what you intend, best first, with
        how to run it and why it matched. Call it before building something new. repo: a name from
        list_repos or a folder path. intent: plain words, e.g. "add a column to the production database"."""
        return answer(QUERIES["find_tooling"], repo, intent, limit)

    @server.tool()
    def show_item(repo: str, name: str) -> dict[str, Any]:
        """Everything about one item of a repo: description, how to run it, flags, references, findings.
        repo: a name from list_repos or a folder path. name: the item's name, path, skill folder or /command."""
        return answer(QUERIES["show_item"], repo, name)

    return server


def serve(workspace: str | None) -> None:
    """Run the server on stdin/stdout until the client closes the connection."""
    server = build_server(workspace)
    # Tools run on worker threads; forking scan workers from a threaded server is unsafe, so scan in process.
    os.environ.setdefault("SKILLDEX_WORKERS", "1")
    server.run("stdio")


# Where skilldex was installed from its clone (README, Install); `mcp` is the SDK's own name on the index.
MCP_INSTALL = "pipx inject skilldex-index mcp, uv tool install --with mcp <clone>, or pip install mcp in its venv"


def _sdk() -> tuple[type, type[Exception]]:
    """(server class, ToolError) from the installed SDK: MCPServer in mcp 2, FastMCP in mcp 1."""
    try:
        # lazy: mcp is an optional dependency ([mcp]) that only `skilldex mcp` needs
        from mcp.server.mcpserver import MCPServer
        from mcp.server.mcpserver.exceptions import ToolError
    except ImportError:
        try:
            # lazy: mcp 1 names it FastMCP (optional dependency, as above); the type checker sees mcp 2
            from mcp.server.fastmcp import FastMCP as MCPServer  # type: ignore[attr-defined, no-redef]
            from mcp.server.fastmcp.exceptions import ToolError  # type: ignore[import-not-found, no-redef]
        except ImportError as exc:
            raise UsageError(
                f"the MCP server needs the official MCP Python SDK ({exc}); add it to skilldex's "
                f"environment: {MCP_INSTALL}"
            ) from None
    return MCPServer, ToolError
