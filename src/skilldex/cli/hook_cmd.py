"""`skilldex startup` and `skilldex hook ...`: the brief and the Claude Code hook handlers.

Their plain forms are answered by cli/fast.py before Typer loads; these definitions give them
their help texts and handle the forms the fast path leaves to Typer.
"""

from __future__ import annotations

import typer

from skilldex.cli.answers import print_json
from skilldex.cli.common import workspace_option

HELP = (
    "Claude Code hook handlers: read the hook's JSON on stdin, print the JSON to return (or "
    "nothing). They always exit 0 and finish within seconds, whatever is broken.\n\n"
    'Example: echo \'{"prompt": "tail the api logs", "cwd": "."}\' | skilldex hook prompt'
)


def startup_command(
    ctx: typer.Context,
    fmt: str = typer.Option("text", "--format", "-f", help="text, or claude-hook (SessionStart JSON)."),
    as_json: bool = typer.Option(False, "--json", help='Print {"brief": "..."}.'),
) -> None:
    """Brief every workspace repo's existing tooling, grouped by capability (under 8,000 characters).

    Examples:

      skilldex startup

      skilldex --workspace ~/work/skilldex.yaml startup --format claude-hook
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.cli.fast import startup
    from skilldex.errors import UsageError

    if fmt not in ("text", "claude-hook"):
        raise UsageError(f"--format must be text or claude-hook, not '{fmt}'")
    if as_json:
        from skilldex.startup import startup_brief  # lazy: only --json needs it; the rest is the fast path's

        print_json({"brief": startup_brief(workspace_option(ctx))})
        return
    raise typer.Exit(startup(fmt, workspace_option(ctx)))


def _run(ctx: typer.Context, name: str) -> None:
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.cli.fast import hook

    raise typer.Exit(hook(name, workspace_option(ctx)))


def session_start_command(ctx: typer.Context) -> None:
    """SessionStart: print the startup brief as hookSpecificOutput.additionalContext.

    Example: skilldex hook session-start < payload.json
    """
    _run(ctx, "session-start")


def prompt_command(ctx: typer.Context) -> None:
    """UserPromptSubmit: name existing items that already do what the prompt asks (confident matches only).

    Example: echo '{"prompt": "deploy the backend", "cwd": "."}' | skilldex hook prompt
    """
    _run(ctx, "prompt")


def pre_write_command(ctx: typer.Context) -> None:
    """PreToolUse(Write): deny once a new script or skill that closely matches an existing one.

    Example: skilldex hook pre-write < payload.json
    """
    _run(ctx, "pre-write")
