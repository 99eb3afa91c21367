"""`skilldex find REPO INTENT`: which existing tool, skill or doc already does this?"""

from __future__ import annotations

import typer

from skilldex.cli.answers import print_json
from skilldex.cli.common import check_kinds, workspace_option
from skilldex.errors import UsageError
from skilldex.kinds import KINDS


def find_command(
    ctx: typer.Context,
    words: list[str] = typer.Argument(..., help="REPO then the intent (quoted or not); with --all, only the intent."),
    everywhere: bool = typer.Option(False, "--all", "-a", help="Search every repo of the workspace."),
    limit: int = typer.Option(5, "--limit", "-n", min=1, max=100, help="How many results."),
    kind: list[str] | None = typer.Option(
        None, "--kind", "-k", callback=check_kinds, help=f"Only these kinds ({', '.join(KINDS)})."
    ),
    as_json: bool = typer.Option(False, "--json", help='Print {"query", "results": [...]} as JSON.'),
) -> None:
    """Rank a repo's existing tooling against what you want to do, best first, with how to run it.

    Examples:

      skilldex find credentialmate "I need to add missing columns to the prod database"

      skilldex find ../some/repo tail the api logs --limit 3 --json

      skilldex find --all "rotate the database password" --kind skill --kind tool
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.index.refresh import repo_index
    from skilldex.search import find_indexed
    from skilldex.workspace import open_workspace, resolve_repo

    workspace = open_workspace(workspace_option(ctx))
    if everywhere:
        if workspace is None or not workspace.repos:
            raise UsageError("--all needs a skilldex.yaml naming repos (or --workspace)")
        refs = [resolve_repo(name, workspace) for name in workspace.repos]
        intent = " ".join(words)
    else:
        if len(words) < 2:
            raise UsageError('give a repo and an intent: skilldex find REPO "what you want to do" (or --all)')
        refs = [resolve_repo(words[0], workspace)]
        intent = " ".join(words[1:])
    repos = [repo_index(ref.path, ref.name) for ref in refs]
    try:
        hits = find_indexed(repos, intent, limit=limit, kinds=kind)
    finally:
        for repo in repos:
            repo.close()
    if as_json:
        print_json({"query": intent, "results": [h.to_dict() for h in hits]})
        return
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.render.hits import render_hits

    typer.echo(render_hits(hits, intent, everywhere), nl=False)
