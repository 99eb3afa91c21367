"""`skilldex repos`: the repos the workspace names."""

from __future__ import annotations

import typer

from skilldex.cli.answers import print_json
from skilldex.cli.common import workspace_option
from skilldex.errors import UsageError


def repos_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List the repos named in skilldex.yaml and whether each folder exists.

    Example:

      skilldex repos --json
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.workspace import open_workspace

    workspace = open_workspace(workspace_option(ctx))
    if workspace is None:
        raise UsageError("no skilldex.yaml found here or above; create one with 'repos: {name: path}'")
    rows = [
        {"name": r.name, "path": str(r.path), "declared": r.declared, "exists": r.path.is_dir()}
        for r in workspace.repos.values()
    ]
    if as_json:
        print_json({"workspace": str(workspace.file), "repos": rows})
        return
    typer.echo(f"workspace: {workspace.file}")
    for row in rows:
        state = "" if row["exists"] else "  (missing)"
        typer.echo(f"  {row['name']:<24} {row['path']}{state}")
