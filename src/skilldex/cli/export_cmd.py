"""`skilldex export prompt|agents-md|backstage`: the catalogue in other ecosystems' formats."""

from __future__ import annotations

from pathlib import Path

import typer

from skilldex.cli.answers import print_json
from skilldex.cli.common import catalogue_for, check_kinds, workspace_option
from skilldex.kinds import KINDS

HELP = (
    "Print the catalogue for other agents and portals: a skills prompt block, an AGENTS.md section, "
    "Backstage entities.\n\nExample: skilldex export backstage credentialmate > catalog-info.yaml"
)

_REPOS = typer.Argument(None, help="Workspace repo names or repo folders. Default: every repo in skilldex.yaml.")


def prompt_command(
    ctx: typer.Context,
    repos: list[str] | None = _REPOS,
    as_json: bool = typer.Option(False, "--json", help='Print {"prompt", "skipped": [{"repo", "path", "reason"}]}.'),
) -> None:
    """Print the <available_skills> block for an agent's system prompt, exactly as `skills-ref to-prompt` does.

    Every skill of the repos, with its name, description and absolute SKILL.md location. A skill skills-ref
    could not read (no name or description, bad YAML, not UTF-8) is left out with a warning on stderr.

    Examples:

      skilldex export prompt credentialmate

      skilldex export prompt . ../other-repo > skills-prompt.xml
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.export.prompt import available_skills

    text, skipped = available_skills(_catalogues(ctx, repos))
    if as_json:
        print_json({"prompt": text, "skipped": [s.__dict__ for s in skipped]})
        return
    for skip in skipped:
        typer.echo(f"warning: skipped {skip}", err=True)
    typer.echo(text)


def agents_md_command(
    ctx: typer.Context,
    repo: str = typer.Argument(..., help="Workspace repo name or path to a repo folder."),
    as_json: bool = typer.Option(False, "--json", help='Print {"repo", "section"} as JSON.'),
) -> None:
    """Print the AGENTS.md section (skills, tools, docs) that `skilldex sync agents-md` keeps in AGENTS.md.

    Examples:

      skilldex export agents-md credentialmate

      skilldex export agents-md . >> AGENTS.md   # once; `skilldex sync agents-md` keeps it up to date
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.export.agents_md import section

    catalogue = catalogue_for(ctx, repo)
    text = "\n".join(section(catalogue)) + "\n"
    if as_json:
        print_json({"repo": catalogue.repo, "section": text})
        return
    typer.echo(text, nl=False)


def backstage_command(
    ctx: typer.Context,
    repos: list[str] | None = _REPOS,
    out: Path | None = typer.Option(None, "--out", "-o", help="Write DIR/catalog-info.yaml instead of printing."),
    owner: str = typer.Option("unknown", "--owner", help="spec.owner: a Backstage Group or User, e.g. group:platform."),
    lifecycle: str = typer.Option("production", "--lifecycle", help="spec.lifecycle of every entity."),
    source_location: str | None = typer.Option(
        None,
        "--source-location",
        metavar="URL",
        help="URL of the repo root for url: source locations and links; {repo} becomes the repo name, e.g. "
        "https://github.com/ORG/{repo}/blob/main/. Without it: dir: paths, relative to the repo root "
        "(stdout) or to --out.",
    ),
    kind: list[str] | None = typer.Option(
        None, "--kind", "-k", callback=check_kinds, help=f"Only these kinds ({', '.join(KINDS)}); repeatable."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the entities as a JSON list (with --out: the files)."),
) -> None:
    """Print Backstage catalog entities (catalog-info.yaml) for the repos' tooling.

    The repo is a Component of type repository. Its skills, commands, agents, tools, tasks, docs and knowledge
    are Components (type skill, command, ..., documentation) subcomponentOf it; its MCP servers are APIs of type
    mcp-server. Each has backstage.io/source-location; links need --source-location. Same repos, same bytes.

    Examples:

      skilldex export backstage credentialmate > catalog-info.yaml

      skilldex export backstage --out catalog --source-location 'https://github.com/acme/{repo}/blob/main/'
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.export.backstage import MARKER, BackstageOptions, documents, entities, files

    options = BackstageOptions(
        owner=owner, lifecycle=lifecycle, source_location=source_location, kinds=tuple(kind or ())
    )
    catalogues = _catalogues(ctx, repos)
    if out is None:
        if as_json:
            print_json(entities(catalogues, options))
        else:
            typer.echo(documents(catalogues, options), nl=False)
        return
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.generate.write import write_files

    written = write_files(out, files(catalogues, options, out), MARKER, stale=[])
    if as_json:
        print_json({"out": str(out), "files": [w.to_dict() for w in written]})
        return
    for w in written:
        typer.echo(f"{w.status:<9} {w.path}")


def _catalogues(ctx: typer.Context, repos: list[str] | None) -> list:
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.errors import UsageError
    from skilldex.workspace import open_workspace

    if not repos:
        workspace = open_workspace(workspace_option(ctx))
        if workspace is None or not workspace.repos:
            raise UsageError("name the repos to export, or list them in a skilldex.yaml (or --workspace)")
        repos = list(workspace.repos)
    return [catalogue_for(ctx, repo) for repo in repos]
