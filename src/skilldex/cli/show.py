"""`skilldex show REPO NAME_OR_PATH`: everything known about one item."""

from __future__ import annotations

import typer

from skilldex.cli import answers
from skilldex.cli.common import workspace_option


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

    answers.show(workspace_option(ctx), repo, item, as_json)
