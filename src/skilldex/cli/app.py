"""The Typer app, global options, and the single place where errors become exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from skilldex import __version__
from skilldex.errors import SkilldexError


class _Group(TyperGroup):
    """Maps library errors to `Error: ...` on stderr and their exit code, never a traceback."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SkilldexError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="skilldex",
    help=(
        "Index a repo's existing tooling (skills, commands, agents, MCP servers, CLIs, tasks, "
        "infrastructure docs, knowledge) so nobody builds what it already has.\n\n"
        "Example: skilldex list credentialmate"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"skilldex {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    workspace: Path | None = typer.Option(
        None, "--workspace", "-w", envvar="SKILLDEX_WORKSPACE",
        help="skilldex.yaml (or its folder). Default: the nearest one above the current folder.",
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    ctx.obj = {"workspace": str(workspace) if workspace else None}


def workspace_option(ctx: typer.Context) -> str | None:
    return (ctx.obj or {}).get("workspace")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def register() -> None:
    """Import the command modules so their @app.command decorators run."""
    from skilldex.cli import (  # noqa: F401
        cache_cmd,
        doctor_cmd,
        export_cmd,
        find_cmd,
        generate_cmd,
        hook_cmd,
        init_cmd,
        knowledge_cmd,
        list_cmd,
        mcp_cmd,
        repos,
        rules_cmd,
        schema,
        show,
        sync_cmd,
        validate_cmd,
    )
