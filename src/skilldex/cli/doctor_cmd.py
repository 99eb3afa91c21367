"""`skilldex doctor [REPO...]`: drift between what docs promise and what the repos really have."""

from __future__ import annotations

import typer

from skilldex.cli.app import app, workspace_option


@app.command("doctor")
def doctor_command(
    ctx: typer.Context,
    repos: list[str] = typer.Argument(None, help="Workspace repo names or repo folders. Default: every one."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, github (workflow annotations) or sarif."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    select: list[str] = typer.Option([], "--select", help="Only these rule codes or prefixes (SKD60, SKD601,SKD612)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these rule codes or prefixes."),
    since: str | None = typer.Option(
        None, "--since", help="Git checks read history from this date on: 2025-01-31 or '6 months' (ago)."
    ),
    no_git: bool = typer.Option(False, "--no-git", help="Skip the checks that read git history."),
    no_fix: bool = typer.Option(False, "--no-fix", help="Text format: leave out the fix hints."),
) -> None:
    """Find drift between what docs promise and what the repos really have.

    Reports what docs name but the repo lacks (skills, tools, files) and skills Claude Code never loads or triggers.

    Also: tools without a description, docs outdated by later commits (git), workflows on retired infrastructure.

    Exit status: 0 no error-severity findings, 1 errors found, 2 usage error. `skilldex rules SKD6` lists the checks.

    Examples:

      skilldex doctor credentialmate

      skilldex doctor . --format github --since '6 months'

      skilldex doctor --json --select SKD601,SKD602,SKD612
    """
    from skilldex.cli.common import check_format, print_report
    from skilldex.doctor import doctor_repos
    from skilldex.errors import UsageError
    from skilldex.workspace import open_workspace, resolve_repo

    fmt = "json" if as_json else fmt
    check_format(fmt)
    workspace = open_workspace(workspace_option(ctx))
    if repos:
        refs = [resolve_repo(name, workspace) for name in repos]
    elif workspace is not None and workspace.repos:
        refs = [resolve_repo(name, workspace) for name in workspace.repos]
    else:
        raise UsageError("name a repo (`skilldex doctor .`), or add a skilldex.yaml listing repos (or --workspace)")
    report = doctor_repos(refs, select=select, ignore=ignore, since=since, use_git=not no_git)
    raise typer.Exit(print_report(report, fmt, show_fix=not no_fix))
