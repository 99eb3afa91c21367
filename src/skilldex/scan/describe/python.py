"""Python tools read with `ast` only: docstrings, argparse, docopt, getopt, sys.argv (never imported); click and
typer apps through python_click."""

from __future__ import annotations

import ast
import re
import warnings

from skilldex.models import Flag
from skilldex.scan.describe.base import ToolInfo
from skilldex.scan.describe.flags import merge_flags
from skilldex.scan.describe.header import read_header
from skilldex.scan.describe.python_ast import Nodes, Strings, callee
from skilldex.scan.describe.python_click import read_commands
from skilldex.scan.describe.text import options_from_text, prose_description, usage_block

MAX_CHARS = None  # `ast` needs the whole file (past MAX_PYTHON_CHARS only its header comment is read)
MAX_PYTHON_CHARS = 500_000

_LONG_FLAG = re.compile(r"--[A-Za-z][\w-]*$")


def _parse(text: str) -> tuple[ast.Module | None, tuple[int, str] | None]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes would warn on stderr; a library stays quiet
            return ast.parse(text), None
    except SyntaxError as exc:
        return None, (exc.lineno or 1, exc.msg or str(exc))
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, absurd nesting
        return None, (1, str(exc) or type(exc).__name__)


def describe(filename: str, text: str, language: str = "python") -> ToolInfo:
    """Parse `text` (when under MAX_PYTHON_CHARS: a cut file would not parse) and read what it declares."""
    info = ToolInfo(language="python")
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    names = [base, base.rsplit(".", 1)[0]]
    tree, info.parse_error = _parse(text) if len(text) <= MAX_PYTHON_CHARS else (None, None)
    header = read_header(text[:100_000].split("\n"), names)
    if tree is None:
        info.description, info.description_source = header.description, header.source
        info.usage, info.flags = header.usage, header.flags
        return info
    strings = Strings(tree)
    nodes = Nodes(tree)
    calls = sorted(nodes.calls, key=lambda n: (n.lineno, n.col_offset))
    parser = _argparse(calls, strings, info)
    commands = read_commands(nodes, calls, strings)
    info.subcommands += commands.subcommands
    framework_flags = merge_flags(info.flags, commands.flags)
    prog = parser.get("prog") or base
    doc = strings.doc or ""
    candidates = [
        (parser.get("description"), "argparse"),
        (commands.description, commands.framework),
        (strings.consts.get("__description__"), "__description__"),
        (doc, "docstring"),
        (_main_docstring(tree), "docstring"),
        (header.description, header.source),
    ]
    for candidate, source in candidates:
        description = prose_description(_prog(candidate, prog).split("\n"), names) if candidate else ""
        if description:
            info.description, info.description_source = description, source
            break
    info.usage = _prog(parser.get("usage"), prog) or usage_block(doc.split("\n")) or header.usage or None
    documented: list[Flag] = []
    if not framework_flags or "docopt" in text:
        documented = [*options_from_text(doc), *_argv_flags(calls, strings), *_compared_flags(nodes.compares)]
    info.flags = merge_flags(framework_flags, documented)
    return info


def _prog(text: str | None, prog: str) -> str:
    return text.replace("%(prog)s", prog).replace("%%", "%") if text else ""


def _argparse(calls: list[ast.Call], strings: Strings, info: ToolInfo) -> dict[str, str]:
    """ArgumentParser(...) settings, and every add_argument/add_parser call into `info`."""
    parser: dict[str, str] = {}
    for call in calls:
        name = callee(call.func)
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        if name == "ArgumentParser":
            for position, key in enumerate(("prog", "usage", "description")):
                node = keywords.get(key, call.args[position] if len(call.args) > position else None)
                value = strings.value(node)
                if value and key not in parser:
                    parser[key] = value
        elif name == "add_argument":
            flags = [s for s in map(strings.value, call.args) if s and s.startswith("-")]
            if not flags:
                continue  # a positional argument
            action = keywords.get("action")
            if action is not None and callee(action) == "BooleanOptionalAction":
                flags += [f"--no-{f[2:]}" for f in flags if f.startswith("--")]
            help_text = strings.value(keywords.get("help"))
            if help_text == "==SUPPRESS==":
                help_text = None
            info.flags.append(Flag(flags=flags, help=help_text))
        elif name == "add_parser" and call.args:
            subcommand = strings.value(call.args[0])
            if subcommand:
                info.subcommands.append(subcommand)
    return parser


def _argv_flags(calls: list[ast.Call], strings: Strings) -> list[Flag]:
    """Hand-rolled parsing: `getopt.getopt(argv, "hn", ["dry-run"])` specs."""
    flags: list[Flag] = []
    for call in calls:
        if callee(call.func) in ("getopt", "gnu_getopt") and len(call.args) >= 2:
            short = strings.value(call.args[1]) or ""
            flags += [Flag(flags=[f"-{c}"]) for c in re.findall(r"[A-Za-z0-9]", short)]
            if len(call.args) > 2 and isinstance(call.args[2], (ast.List, ast.Tuple)):
                longs = [strings.value(e) for e in call.args[2].elts]
                flags += [Flag(flags=[f"--{n.rstrip('=')}"]) for n in longs if n]
    return flags


def _compared_flags(compares: list[ast.Compare]) -> list[Flag]:
    """`if "--apply" in sys.argv` / `sys.argv[1] == "--force"`: flags tested by hand."""
    flags: list[Flag] = []
    for node in compares:
        if not all(isinstance(op, (ast.In, ast.NotIn, ast.Eq, ast.NotEq)) for op in node.ops):
            continue
        for side in (node.left, *node.comparators):
            if isinstance(side, ast.Constant) and _LONG_FLAG.match(str(side.value)):
                flags.append(Flag(flags=[side.value]))
            elif isinstance(side, (ast.Tuple, ast.List, ast.Set)):  # `arg in ("-f", "--force")`
                names = [str(e.value) for e in side.elts if isinstance(e, ast.Constant)]
                if any(_LONG_FLAG.match(n) for n in names):
                    flags.append(Flag(flags=[n for n in names if n.startswith("-")]))
    return flags


def _main_docstring(tree: ast.Module) -> str | None:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "main":
            return ast.get_docstring(node)
    return None
