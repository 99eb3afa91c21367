"""The arguments of the commands the fast path answers, declared once and parsed without Click.

The fast path (cli/fast.py) parses argv with these declarations only: the global options, `find`, `startup`,
`hook ...`, `validate`, `list`, `show`, `doctor`, `rules`, `rule`. Anything they do not cover cleanly (help, an
unknown option, a missing value, a bad choice) returns None and goes to the Typer app, so every help text and
every usage error still comes from one place. tests/cli/test_fast_commands.py holds every Typer command, and the
app's own options, to these declarations, so the two cannot drift apart.
"""

from __future__ import annotations

from collections import namedtuple

FORMATS = ("text", "json", "github", "sarif")


# names: every spelling ("--format", "-f"); value: takes a value (else a flag); many: repeatable, values in a list.
# Named tuples, not dataclasses: importing `dataclasses` (and `inspect`) would cost the fast path milliseconds.
Opt = namedtuple("Opt", "names dest value many default", defaults=(False, False, None))
# arguments: positional names in order; required: how many must be given; variadic: the last takes the rest.
Command = namedtuple("Command", "name options arguments required variadic", defaults=((), (), 0, False))


def _flag(name: str, dest: str, *more: str) -> Opt:
    return Opt((name, *more), dest, default=False)


_FINDINGS = (
    Opt(("--format", "-f"), "fmt", value=True, default="text"),
    _flag("--json", "as_json"),
    Opt(("--select",), "select", value=True, many=True),
    Opt(("--ignore",), "ignore", value=True, many=True),
    _flag("--no-fix", "no_fix"),
)

# The app's own options, before the command; --version answers at once, whatever follows (eager, as in Click).
GLOBAL = Command("", (Opt(("--workspace", "-w"), "workspace", value=True), _flag("--version", "version")))
GROUPS = ("hook",)  # a group's commands are declared as "group command"

COMMANDS = {
    c.name: c
    for c in (
        Command(
            "find",
            (
                _flag("--all", "everywhere", "-a"),
                Opt(("--limit", "-n"), "limit", value=True, default=5),  # Click checks 1-100; cli/fast.py as well
                Opt(("--kind", "-k"), "kind", value=True, many=True),
                _flag("--json", "as_json"),
            ),
            ("words",),
            required=1,
            variadic=True,
        ),
        Command("startup", (Opt(("--format", "-f"), "fmt", value=True, default="text"), _flag("--json", "as_json"))),
        Command("hook session-start"),
        Command("hook prompt"),
        Command("hook pre-write"),
        Command(
            "validate",
            (*_FINDINGS, Opt(("--profile", "-p"), "profile", value=True, default="claude-code")),
            ("paths",),
            required=1,
            variadic=True,
        ),
        Command(
            "list",
            (Opt(("--kind", "-k"), "kind", value=True, many=True), _flag("--json", "as_json")),
            ("repo",),
            required=1,
        ),
        Command("show", (_flag("--json", "as_json"),), ("repo", "item"), required=2),
        Command(
            "doctor",
            (*_FINDINGS, Opt(("--since",), "since", value=True), _flag("--no-git", "no_git")),
            ("repos",),
            variadic=True,
        ),
        Command("rules", (_flag("--json", "as_json"),), ("prefix",)),
        Command("rule", (_flag("--json", "as_json"),), ("code",), required=1),
    )
}


def parse_global(argv: list[str]) -> tuple[dict, str | None, list[str]] | None:
    """(the global options' values, the command's declared name, its arguments); None: the full parser answers.

    The name is None when no command follows (or after --version, which answers whatever follows); a group's
    command is named "group command" (`hook prompt`), as COMMANDS holds it."""
    values: dict = {o.dest: o.default for o in GLOBAL.options}
    by_name = {name: o for o in GLOBAL.options for name in o.names}
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "-":
        name, eq, attached = argv[i].partition("=") if argv[i].startswith("--") else (argv[i], "", "")
        option = by_name.get(name)
        if option is None or (eq and not option.value):
            return None
        i += 1
        if not option.value:
            values[option.dest] = True
            if option.dest == "version":
                return values, None, []
        elif eq:
            values[option.dest] = attached
        elif i < len(argv):
            values[option.dest], i = argv[i], i + 1
        else:
            return None
    rest = argv[i:]
    if rest and rest[0] in GROUPS:
        return (values, " ".join(rest[:2]), rest[2:]) if len(rest) > 1 else None
    return values, (rest[0] if rest else None), rest[1:]


def parse(command: Command, argv: list[str]) -> dict | None:
    """The values of `argv` by dest, or None when the full parser should answer (help, errors, odd forms)."""
    values: dict = {o.dest: ([] if o.many else o.default) for o in command.options}
    by_name = {name: o for o in command.options for name in o.names}
    positional: list[str] = []
    args, i, options_end = list(argv), 0, False
    while i < len(args):
        arg = args[i]
        i += 1
        if options_end or arg == "-" or not arg.startswith("-"):
            positional.append(arg)
            continue
        if arg == "--":
            options_end = True
            continue
        name, eq, attached = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        option = by_name.get(name)
        if option is None or (eq and not option.value):
            return None  # -h, --help, unknown options, clustered short flags: Click's to answer
        if option.value:
            if not eq:
                if i >= len(args):
                    return None
                attached, i = args[i], i + 1
            if option.many:
                values[option.dest].append(attached)
            else:
                values[option.dest] = attached
        else:
            values[option.dest] = True
    names = command.arguments
    if len(positional) < command.required or (not command.variadic and len(positional) > len(names)):
        return None
    for index, name in enumerate(names):
        last = command.variadic and index == len(names) - 1
        values[name] = positional[index:] if last else (positional[index] if index < len(positional) else None)
    return values
