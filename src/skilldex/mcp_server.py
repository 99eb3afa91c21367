"""`skilldex mcp`: the catalogue as a Model Context Protocol server over stdio, on the official `mcp` SDK.

Four tools answer with the same JSON as the CLI: `list_repos` (`skilldex repos --json`), `list_tooling`
(`skilldex list --json`), `find_tooling` (`skilldex find --json`) and `show_item` (`skilldex show --json`).
A bad argument (unknown repo or item, blank intent) comes back as a tool error with the CLI's message;
the server keeps running. stdout carries the protocol, so nothing else may print there.

The query functions below are plain library functions (they return dicts or raise UsageError); only
`serve()` needs the SDK, imported when called: `pip install 'skilldex[mcp]'`.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from pydantic import Field

from skilldex.errors import UsageError
from skilldex.models import KINDS
from skilldex.oneline import lines

SERVER_NAME = "skilldex"
INSTRUCTIONS = (
    "skilldex knows the tooling each repo already has: skills, slash commands, subagents, MCP servers, "
    "CLIs in tools/ scripts/ bin/, task-runner targets, hand-started GitHub workflows, infrastructure docs "
    "and knowledge objects. "
    "Before writing a new script, tool, skill or runbook, call find_tooling with what you want to do, "
    "then show_item for how to run the best match. A repo is a name from list_repos or a folder path."
)
MAX_LIMIT = 100  # as `skilldex find --limit`
# Module level: the SDK builds each tool's JSON Schema from these annotations (an enum, a bounded integer).
KindName = Literal[tuple(KINDS)]  # type: ignore[valid-type]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description="How many results (1-100).")]


def list_repos(workspace: str | None) -> dict[str, Any]:
    """The workspace's repos, as `skilldex repos --json` prints them."""
    from skilldex.workspace import open_workspace

    found = open_workspace(workspace)
    if found is None:
        raise UsageError("no skilldex.yaml found here or above (start the server in the workspace, or with "
                         "`skilldex --workspace FILE mcp`); the other tools also take a repo folder path")
    rows = [{"name": r.name, "path": str(r.path), "declared": r.declared, "exists": r.path.is_dir()}
            for r in found.repos.values()]
    return {"workspace": str(found.file), "repos": rows}


def list_tooling(workspace: str | None, repo: str, kind: str | None = None) -> dict[str, Any]:
    """The repo's catalogue, as `skilldex list REPO --json [--kind KIND]` prints it."""
    if kind is not None and kind not in KINDS:
        raise UsageError(f"'{kind}' is not one of: {', '.join(KINDS)}")
    catalogue = _catalogue(workspace, repo)
    if kind:
        catalogue.items = [item for item in catalogue.items if item.kind == kind]
    return catalogue.model_dump(mode="json")


def find_tooling(workspace: str | None, repo: str, intent: str, limit: int = 5) -> dict[str, Any]:
    """The repo's items ranked against the intent, as `skilldex find REPO INTENT --json` prints them."""
    from skilldex.index.refresh import repo_index
    from skilldex.search import find_indexed

    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}")
    ref = _ref(workspace, repo)
    index = repo_index(ref.path, ref.name)
    try:
        hits = find_indexed([index], intent, limit=limit)
    finally:
        index.close()
    return {"query": intent, "results": [hit.to_dict() for hit in hits]}


def show_item(workspace: str | None, repo: str, name: str) -> dict[str, Any]:
    """One item and its findings, as `skilldex show REPO NAME --json` prints them."""
    from skilldex.lookup import find_item

    catalogue = _catalogue(workspace, repo)
    found = find_item(catalogue, name)
    data = found.model_dump(mode="json")
    data["findings"] = [f.model_dump(mode="json") for f in catalogue.findings if f.path == found.path]
    return data


QUERIES = {"list_repos": list_repos, "list_tooling": list_tooling, "find_tooling": find_tooling,
           "show_item": show_item}  # the tools below shadow these names inside build_server()


def _ref(workspace: str | None, repo: str):
    from skilldex.workspace import open_workspace, resolve_repo

    return resolve_repo(repo, open_workspace(workspace))


def _catalogue(workspace: str | None, repo: str):
    from skilldex.index.refresh import catalogue

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
    server = server_class(SERVER_NAME, instructions=INSTRUCTIONS, log_level="WARNING")

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
    def list_tooling(repo: str, kind: KindName | None = None) -> dict[str, Any]:
        """Everything a repo already has: its skilldex catalogue (items with kind, name, path, description,
        capabilities and how to run them; findings). repo: a name from list_repos or a folder path.
        kind: only items of this kind."""
        return answer(QUERIES["list_tooling"], repo, kind)

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


def _sdk() -> tuple[type, type[Exception]]:
    """(server class, ToolError) from the installed SDK: MCPServer in mcp 2, FastMCP in mcp 1."""
    try:
        from mcp.server.mcpserver import MCPServer
        from mcp.server.mcpserver.exceptions import ToolError
    except ImportError:
        try:
            from mcp.server.fastmcp import FastMCP as MCPServer
            from mcp.server.fastmcp.exceptions import ToolError
        except ImportError as exc:
            raise UsageError(f"the MCP server needs the official MCP Python SDK ({exc}); install it with: "
                             "pip install 'skilldex[mcp]'") from None
    return MCPServer, ToolError
