"""`skilldex list REPO`: the repo's tooling, grouped by kind."""

from __future__ import annotations

import sys

import typer

from skilldex.cli.app import app, print_json
from skilldex.cli.common import catalogue_for, check_kinds
from skilldex.kinds import KINDS


@app.command("list")
def list_command(
    ctx: typer.Context,
    repo: str = typer.Argument(..., help="Workspace repo name or path to a repo folder."),
    kind: list[str] | None = typer.Option(
        None, "--kind", "-k", callback=check_kinds, help=f"Only these kinds ({', '.join(KINDS)}); repeatable."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the catalogue as JSON (see `skilldex schema`)."),
) -> None:
    """List everything a repo already has: skills, commands, agents, MCP servers, tools, tasks, docs, knowledge.

    Examples:

      skilldex list credentialmate

      skilldex list ../some/repo --kind tool --kind skill

      skilldex list credentialmate --json | jq '.items[] | select(.capabilities | index("database"))'
    """
    catalogue = catalogue_for(ctx, repo)
    if kind:
        catalogue.items = [item for item in catalogue.items if item.kind in kind]
    if as_json:
        print_json(catalogue.model_dump(mode="json"))
        return
    if not (sys.stdout and sys.stdout.isatty()):  # piped or redirected: plain lines, not a box padded to a width
        from skilldex.render.listing_plain import plain_listing

        sys.stdout.write(plain_listing(catalogue, kind))
        return
    from rich.console import Console

    from skilldex.render.listing import listing

    Console().print(listing(catalogue, kind))
