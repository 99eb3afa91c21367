"""The Typer app: global options, the one place commands are wired to it (`register`), and the one place
where errors become exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from skilldex.cli import (
    answers,
    cache_cmd,
    completion_cmd,
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
from skilldex.cli.helpformat import tidy
from skilldex.errors import SkilldexError

if TYPE_CHECKING:  # the classes as the typer that mypy checks against has them (it vendors click as typer._click)
    from typer._click.exceptions import ClickException
    from typer._click.exceptions import UsageError as ClickUsageError
else:  # at run time found through typer's public BadParameter, whichever click this typer uses
    _CLICK_ERRORS = {cls.__name__: cls for cls in typer.BadParameter.__mro__}
    ClickException, ClickUsageError = _CLICK_ERRORS["ClickException"], _CLICK_ERRORS["UsageError"]


class _Group(TyperGroup):
    """Maps every error, the library's and the option parser's, to one `Error: ...` line and its exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        tidy(self, plain=not (sys.stdout and sys.stdout.isatty()))
        try:
            result = super().main(
                args, prog_name, complete_var, standalone_mode=False, windows_expand_args=windows_expand_args, **extra
            )
            code = result if isinstance(result, int) else 0  # a typer.Exit's code, or a command's None
        except SkilldexError as exc:  # out of a command or an option's callback: not standalone, Click lets it by
            typer.echo(f"Error: {exc}", err=True)
            code = exc.exit_code
        except ClickUsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # a bare `skilldex` or group: the help, not an error
                exc.show()
            else:
                typer.echo(f"Error: {_usage_message(exc)}", err=True)
            code = exc.exit_code
        except ClickException as exc:
            typer.echo(f"Error: {' '.join(exc.format_message().split())}", err=True)
            code = exc.exit_code
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code)


def _usage_message(exc: Any) -> str:
    """Click's message on one line, with the command to ask for help (Click prints it on a line of its own)."""
    message = " ".join(exc.format_message().split()).rstrip(".")
    if exc.ctx is not None:
        message += f"; see '{exc.ctx.command_path} -h'"
    return message


app = typer.Typer(
    cls=_Group,
    name="skilldex",
    help=(
        "Index a repo's existing tooling (skills, commands, agents, MCP servers, CLIs, tasks, "
        "infrastructure docs, knowledge) so nobody builds what it already has.\n\n"
        "Example: skilldex list credentialmate"
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion SHELL (bash, zsh, fish, powershell)
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        raise typer.Exit(answers.version())


@app.callback()
def _main(
    ctx: typer.Context,
    workspace: Path | None = typer.Option(
        None,
        "--workspace",
        "-w",
        envvar="SKILLDEX_WORKSPACE",
        help="skilldex.yaml (or its folder). Default: the nearest one above the current folder.",
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    ctx.obj = {"workspace": str(workspace) if workspace else None}


def register() -> None:
    """Wire every command and command group to the app: the one place that knows them all (idempotent)."""
    if app.registered_commands:
        return
    for name, function in COMMANDS:
        app.command(name)(function)
    for name, help_text, commands in GROUPS:
        group = typer.Typer(name=name, help=help_text, no_args_is_help=True)
        for command, function in commands:
            group.command(command)(function)
        app.add_typer(group)


# Typer lists commands in this order in `skilldex -h`, the groups after them.
Command = Callable[..., Any]
COMMANDS: list[tuple[str, Command]] = [
    ("completion", completion_cmd.completion_command),
    ("doctor", doctor_cmd.doctor_command),
    ("find", find_cmd.find_command),
    ("startup", hook_cmd.startup_command),
    ("init", init_cmd.init_command),
    ("list", list_cmd.list_command),
    ("mcp", mcp_cmd.mcp_command),
    ("repos", repos.repos_command),
    ("rules", rules_cmd.rules_command),
    ("rule", rules_cmd.rule_command),
    ("schema", schema.schema_command),
    ("show", show.show_command),
    ("validate", validate_cmd.validate_command),
]
GROUPS: list[tuple[str, str, list[tuple[str, Command]]]] = [
    ("cache", cache_cmd.HELP, [("info", cache_cmd.info_command), ("clear", cache_cmd.clear_command)]),
    (
        "export",
        export_cmd.HELP,
        [
            ("prompt", export_cmd.prompt_command),
            ("agents-md", export_cmd.agents_md_command),
            ("backstage", export_cmd.backstage_command),
        ],
    ),
    (
        "generate",
        generate_cmd.HELP,
        [("skill", generate_cmd.skill_command), ("knowledge", generate_cmd.knowledge_command)],
    ),
    (
        "hook",
        hook_cmd.HELP,
        [
            ("session-start", hook_cmd.session_start_command),
            ("prompt", hook_cmd.prompt_command),
            ("pre-write", hook_cmd.pre_write_command),
        ],
    ),
    (
        "knowledge",
        knowledge_cmd.HELP,
        [
            ("new", knowledge_cmd.new_command),
            ("check", knowledge_cmd.check_command),
            ("schema", knowledge_cmd.schema_command),
        ],
    ),
    ("sync", sync_cmd.HELP, [("agents-md", sync_cmd.agents_md_command)]),
]
