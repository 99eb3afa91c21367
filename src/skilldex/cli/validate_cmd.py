"""`skilldex validate PATH...`: check skills, commands and agents before they are pushed."""

from __future__ import annotations

import typer

from skilldex.profile_names import DEFAULT_PROFILE, SUMMARIES

_PROFILE_HELP = "; ".join(f"{name}: {summary}" for name, summary in SUMMARIES.items())


def validate_command(
    paths: list[str] = typer.Argument(..., help="SKILL.md files, skill folders, skills folders or whole repos."),
    profile: str = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help=f"Rule set. {_PROFILE_HELP}"),
    select: list[str] = typer.Option([], "--select", help="Only these rule codes or prefixes (SKD2, SKD201,SKD3)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these rule codes or prefixes."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, github (workflow annotations) or sarif."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    no_fix: bool = typer.Option(False, "--no-fix", help="Text format: leave out the fix hints."),
) -> None:
    """Validate skill manifests: frontmatter, names, lengths, links, Claude Code loading rules.

    Exit status: 0 no error-severity findings, 1 errors found, 2 usage error. Paths that hold no skill, command
    or agent exit 0 with a warning on stderr ("Checked 0 files: nothing to check"), as ruff and flake8 do.

    The repo's [tool.skilldex] in pyproject.toml (or rules: in skilldex.yaml) selects and ignores rules, also
    per path; --select and --ignore apply after it.

    Examples:

      skilldex validate .claude/skills/deploy

      skilldex validate . --profile agentskills --json

      skilldex validate skills/ --profile claude-upload --select SKD2,SKD4 --format sarif > skills.sarif
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.cli import answers

    raise typer.Exit(answers.validate(paths, profile, select, ignore, fmt, as_json, no_fix))
