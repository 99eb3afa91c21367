"""`skilldex generate skill|knowledge`: write a discover-infrastructure skill or knowledge objects."""

from __future__ import annotations

from pathlib import Path

import typer

from skilldex.cli.answers import print_json
from skilldex.cli.common import workspace_option

HELP = (
    "Write what agents read before building: a discover-infrastructure skill, or knowledge objects.\n\n"
    "Example: skilldex generate skill --out .claude/skills"
)

_REPOS = typer.Argument(None, help="Workspace repo names or repo folders. Default: every repo in skilldex.yaml.")
_JSON = typer.Option(False, "--json", help='Print {"out", "files": [{"path", "relative", "status"}]} as JSON.')


def skill_command(
    ctx: typer.Context,
    repos: list[str] | None = _REPOS,
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write discover-infrastructure/ into."),
    as_json: bool = _JSON,
) -> None:
    """Write discover-infrastructure/SKILL.md and references/<repo>.md (each repo's full catalogue).

    Per repo and need (database access, logs, deploy, secrets, ...): the headline skill, tool and doc to use.

    Same repos, same bytes. Files skilldex did not generate are never overwritten.

    Examples:

      skilldex generate skill --out .claude/skills

      skilldex generate skill credentialmate ../karematch --out skills --json
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.generate import generate_skill

    _report(generate_skill(_catalogues(ctx, repos), out), out, as_json)


def knowledge_command(
    ctx: typer.Context,
    repos: list[str] | None = _REPOS,
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the knowledge objects, e.g. knowledge/."),
    as_json: bool = _JSON,
) -> None:
    """Write infrastructure-access-patterns.md and <repo>/<capability>.md knowledge objects.

    Per repo and need (database access, logs, deploy, secrets, ...): the skill, tool and doc, and how to run them.

    Same repos, same bytes. Files skilldex did not generate are never overwritten.

    Examples:

      skilldex generate knowledge --out knowledge

      skilldex generate knowledge credentialmate --out docs/knowledge --json
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.generate import generate_knowledge

    _report(generate_knowledge(_catalogues(ctx, repos), out), out, as_json)


def _catalogues(ctx: typer.Context, repos: list[str] | None) -> list:
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.errors import UsageError
    from skilldex.scan import scan_repo
    from skilldex.workspace import open_workspace, resolve_repo

    workspace = open_workspace(workspace_option(ctx))
    if not repos:
        if workspace is None or not workspace.repos:
            raise UsageError("name the repos to generate from, or list them in a skilldex.yaml (or --workspace)")
        repos = list(workspace.repos)
    refs = [resolve_repo(repo, workspace) for repo in repos]
    return [scan_repo(ref.path, name=ref.name) for ref in refs]


def _report(written: list, out: Path, as_json: bool) -> None:
    if as_json:
        print_json({"out": str(out), "files": [w.to_dict() for w in written]})
        return
    for w in written:
        typer.echo(f"{w.status:<9} {w.path}")
