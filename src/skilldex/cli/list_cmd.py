"""`skilldex list REPO`: the repo's tooling, grouped by kind."""

from __future__ import annotations

import typer

from skilldex.cli import answers
from skilldex.cli.common import check_kinds, workspace_option
from skilldex.kinds import KINDS


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

    answers.listing(workspace_option(ctx), repo, kind, as_json)
