"""`skilldex mcp`: serve the catalogue to any MCP client (Codex, Cursor, Continue, Claude) over stdio."""

from __future__ import annotations

import typer

from skilldex.cli.common import workspace_option


def mcp_command(ctx: typer.Context) -> None:
    """Run a Model Context Protocol server on stdin/stdout: tools list_repos, list_tooling, find_tooling, show_item.

    They answer with the same JSON as `skilldex repos|list|find|show --json`. Needs the MCP SDK, the mcp
    extra: pipx install '.\\[mcp]' from a clone (or pipx inject skilldex-index mcp). MCP clients start it
    themselves; configure the command, e.g. in .mcp.json:
    {"mcpServers": {"skilldex": {"command": "skilldex", "args": ["mcp"]}}}

    Examples:

      skilldex mcp

      skilldex --workspace ~/work/skilldex.yaml mcp
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.mcp_server import serve

    serve(workspace_option(ctx))
