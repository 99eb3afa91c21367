"""`skilldex doctor [REPO...]`: drift between what docs promise and what the repos really have."""

from __future__ import annotations

import typer

from skilldex.cli import answers
from skilldex.cli.common import workspace_option


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

    code = answers.doctor(workspace_option(ctx), repos, fmt, as_json, select, ignore, since, no_git, no_fix)
    raise typer.Exit(code)
