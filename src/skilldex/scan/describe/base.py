"""The describer base types: what every language's reader returns, and how much of a file a regex reader reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from skilldex.models import Flag

MAX_TEXT_CHARS = 200_000  # regex-based readers look at this much of a file


@dataclass
class ToolInfo:
    language: str  # python, shell, javascript, typescript, go, ruby, perl, powershell, php, lua, batch, unknown
    description: str = ""  # one paragraph: the tool's purpose
    description_source: str | None = None  # docstring, argparse, click, typer, header-comment, usage, ...
    usage: str | None = None  # usage text as the tool would print it
    flags: list[Flag] = field(default_factory=list)
    subcommands: list[str] = field(default_factory=list)
    mutating: bool = False  # a flag is mutating, or a --dry-run switch shows it changes things by default
    parse_error: tuple[int, str] | None = None  # (1-based line, message) when the source did not parse
