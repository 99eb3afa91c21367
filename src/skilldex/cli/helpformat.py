"""Help that reads cleanly: no `<bool>` on flags, value names from the option, plain text when piped."""

from __future__ import annotations

from typing import Any


def tidy(group: Any, plain: bool) -> None:
    """Name every option's value after the option (`--format FORMAT`), none for flags; plain help if `plain`."""
    for command in _commands(group):
        if plain:
            command.rich_markup_mode = None  # boxes padded to the terminal width do not belong in a pipe
            command.help = _examples_kept(_unescaped(command.help))
        if not getattr(command, "_skilldex_tidy", False):
            command._skilldex_tidy = True
            command.get_help_option = _flag_help(command.get_help_option)
        for param in command.params:
            if getattr(param, "_skilldex_tidy", False):
                continue
            param._skilldex_tidy = True
            if plain and getattr(param, "help", None):
                param.help = _unescaped(param.help)
            if param.param_type_name == "argument":
                param.metavar = param.metavar or param.name.upper()
                if hasattr(param, "display_type_rich"):  # typer >= 0.20 adds `<list[str]>` after the name
                    param.display_type_rich = lambda ctx: None
            elif getattr(param, "is_flag", False) or getattr(param, "count", False):
                param.metavar = ""
            elif param.metavar is None:
                longest = max(param.opts, key=len).lstrip("-")
                param.metavar = longest.upper().replace("-", "_")


def _unescaped(text: str | None) -> str | None:
    """Rich markup escapes a literal `[` as `\\[` (`skilldex\\[mcp]`); plain help shows the bracket itself."""
    return text.replace("\\[", "[") if text else text


def _examples_kept(text: str | None) -> str | None:
    """Click rewraps every paragraph; `\\b` before an example keeps it on one line, ready to copy."""
    if not text:
        return text
    paragraphs = text.split("\n\n")
    return "\n\n".join(
        f"\b\n{p}" if p.lstrip().startswith("skilldex ") and not p.startswith("\b") else p for p in paragraphs
    )


def _flag_help(get_help_option: Any) -> Any:
    """-h/--help is made per context, after the params above: no value name on it either."""

    def made(ctx: Any) -> Any:
        option = get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    return made


def _commands(command: Any) -> list[Any]:
    found = [command]
    for sub in getattr(command, "commands", {}).values():
        found.extend(_commands(sub))
    return found
