"""`skilldex init [PROJECT]`: install skilldex's hooks, CLAUDE.md block and index; `--remove` undoes it."""

from __future__ import annotations

from pathlib import Path

import typer

from skilldex.cli.answers import print_json
from skilldex.cli.common import workspace_option


def init_command(
    ctx: typer.Context,
    project: Path = typer.Argument(
        Path("."), metavar="PROJECT_DIR", help="The project to set up (default: the current folder)."
    ),
    hooks: list[str] | None = typer.Option(
        None,
        "--hooks",
        metavar="NAMES",
        help="Hooks to install: startup (SessionStart, the default), prompt (UserPromptSubmit), "
        "pre-write (PreToolUse on Write), or all. Comma list, repeatable.",
    ),
    remove: bool = typer.Option(False, "--remove", help="Undo init: files init wrote go back byte for byte."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would change; write nothing."),
    as_json: bool = typer.Option(False, "--json", help='Print {"changes": [{"path", "action", "detail"}]}.'),
) -> None:
    """Add skilldex to a project: hooks in .claude/settings.json, a short block in CLAUDE.md, an index file.

    Merges: keeps every key, hook and line of yours, never adds a hook twice; a second run changes nothing.
    With the skilldex plugin enabled, no hooks are added unless --hooks asks (the plugin runs them).

    The index goes to .claude/skilldex/INDEX.md. --remove puts every file back byte for byte.

    Examples:

      skilldex init

      skilldex init ../my-project --hooks all --dry-run

      skilldex init --hooks startup,pre-write --json

      skilldex init --remove
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.errors import UsageError
    from skilldex.install import check_project, init_project, parse_hooks, remove_project

    if remove:
        if hooks:
            raise UsageError(
                "--remove takes out everything init added; it takes no --hooks "
                "(to keep fewer hooks: skilldex init --remove, then skilldex init --hooks ...)"
            )
        changes = remove_project(project, dry_run=dry_run)
    else:
        from skilldex.plugin import plugin_enabled  # lazy: only this command needs it

        check_project(project)
        # The plugin already runs the hooks: adding them again would brief every session twice.
        plugin = None if hooks else plugin_enabled(project.resolve())
        specs = [] if plugin else parse_hooks(hooks)
        changes = init_project(project, specs, _index_text(ctx, project), dry_run=dry_run, plugin=plugin)
    if as_json:
        print_json({"changes": [c.to_dict() for c in changes], **({"dry_run": True} if dry_run else {})})
        return
    if dry_run:
        typer.echo("Dry run: nothing was written.")
    for change in changes:
        typer.echo(f"{change.action} {change.path}: {change.detail}")


def _index_text(ctx: typer.Context, project: Path) -> str:
    """The startup brief that becomes .claude/skilldex/INDEX.md (imported late: the scan is not cheap)."""
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.startup import startup_brief

    project = project.resolve()
    return startup_brief(workspace_option(ctx), cwd=project, relative_to=project)  # INDEX.md is committed
