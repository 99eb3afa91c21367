"""`skilldex sync agents-md [REPO]`: keep a managed skilldex section in the repo's AGENTS.md; `--remove` undoes it."""

from __future__ import annotations

from pathlib import Path

import typer

from skilldex.cli.answers import print_json
from skilldex.cli.common import catalogue_for, workspace_option

HELP = "Keep files other agents read up to date with the catalogue.\n\nExample: skilldex sync agents-md"


def agents_md_command(
    ctx: typer.Context,
    repo: str = typer.Argument(".", help="Workspace repo name or repo folder (default: the current folder)."),
    remove: bool = typer.Option(False, "--remove", help="Take the section out; the file goes back byte for byte."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would change; write nothing."),
    as_json: bool = typer.Option(False, "--json", help='Print {"path", "action", "detail"} as JSON.'),
) -> None:
    """Add or refresh the skilldex section (skills, tools, docs) in the repo's AGENTS.md, for Codex, Cursor & co.

    A merge: your text before and after the section is kept, a second run changes nothing, and --remove
    restores the file as it was (deleting it when nothing else is left). Markers: <!-- skilldex:begin ... -->.

    Examples:

      skilldex sync agents-md

      skilldex sync agents-md credentialmate --dry-run

      skilldex sync agents-md --remove
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.export.agents_md import sync

    if remove:  # no scan needed to take the section out
        from skilldex.workspace import open_workspace, resolve_repo  # lazy: only this command needs it

        ref = resolve_repo(repo, open_workspace(workspace_option(ctx)))
        result = sync(ref.path, None, remove=True, dry_run=dry_run)
    else:
        catalogue = catalogue_for(ctx, repo)
        result = sync(Path(catalogue.root), catalogue, dry_run=dry_run)
    if as_json:
        print_json({**result.to_dict(), **({"dry_run": True} if dry_run else {})})
        return
    if dry_run:
        typer.echo("Dry run: nothing was written.")
    typer.echo(f"{result.action} {result.path}: {result.detail}")
