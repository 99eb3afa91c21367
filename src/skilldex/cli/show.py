"""`skilldex show REPO NAME_OR_PATH`: everything known about one item."""

from __future__ import annotations

import typer

from skilldex.cli.app import app, print_json
from skilldex.cli.common import catalogue_for


@app.command("show")
def show_command(
    ctx: typer.Context,
    repo: str = typer.Argument(..., help="Workspace repo name or path to a repo folder."),
    item: str = typer.Argument(..., help="Item name, path, skill folder or /command."),
    as_json: bool = typer.Option(False, "--json", help="Print the item and its findings as JSON."),
) -> None:
    """Show one item: what it does, how to run it, its flags, references and findings.

    Examples:

      skilldex show credentialmate rds-query

      skilldex show credentialmate execute-production-sql --json

      skilldex show credentialmate docs/INFRASTRUCTURE.md
    """
    catalogue = catalogue_for(ctx, repo)
    from skilldex.lookup import detail_data, find_item

    found = find_item(catalogue, item)
    data = detail_data(catalogue, found)
    if as_json:
        print_json(data)
        return
    from skilldex.render.detail import detail

    typer.echo(detail(found, [f for f in catalogue.findings if f.path == found.path]))
    if data["importance"] is not None:  # why the brief lists it where it does
        typer.echo(f"Ranks: {data['importance']:+d} ({data['why']})")
