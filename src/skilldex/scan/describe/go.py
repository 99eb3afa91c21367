"""Go commands (`package main`), read with regexes: the package comment, flag/pflag definitions, cobra.

Go's convention puts a command's purpose in the comment right above `package main` ("Command gen
writes the fixtures..."); flags come from the standard `flag` package or pflag (`flag.String("env",
"dev", "target environment")`, `fs.BoolVarP(&force, "force", "f", false, "...")`); cobra commands
carry `Use:` and `Short:`.
"""

from __future__ import annotations

import re

from skilldex.models import Flag
from skilldex.scan.describe import ToolInfo
from skilldex.scan.describe.text import prose_description, usage_block

_PACKAGE_MAIN = re.compile(r"^package\s+main\b", re.MULTILINE)
_FUNC_MAIN = re.compile(r"^func\s+main\s*\(\s*\)", re.MULTILINE)
_BUILD_IGNORE = re.compile(r"^//\s*(?:go:build|\+build)\s+ignore\b", re.MULTILINE)
_STRING = r'"(?:[^"\\\n]|\\.)*"|`[^`]*`'
# flag.String("name", default, "usage"), fs.DurationVar(&d, "wait", 0, "usage"), pflag's StringP("name", "n", ...)
_FLAG_CALL = re.compile(
    r"(?:\b\w+|\))\.(?:String|Bool|Int|Int64|Uint|Uint64|Float64|Duration|Func|BoolFunc|Var|TextVar|StringSlice|"
    r"StringArray|IntSlice)(?:Var)?(P)?\(\s*(?:&?[\w.\[\]]+\s*,\s*)?(\"[\w.-]+\")\s*,"
)
_COBRA_FIELD = re.compile(rf"\b(Use|Short|Long)\s*:\s*({_STRING})")


def is_command(text: str) -> bool:
    """A Go file that builds a program: `package main` with a `func main()`."""
    return bool(_PACKAGE_MAIN.search(text) and _FUNC_MAIN.search(text))


def standalone(text: str) -> bool:
    """A single-file program kept out of the package build (`//go:build ignore`): run by its file name."""
    return bool(_BUILD_IGNORE.search(text))


def _unquote(literal: str) -> str:
    if literal.startswith("`"):
        return literal[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), literal[1:-1])


def package_comment(text: str) -> list[str]:
    """The comment lines directly above `package main` (Go's doc comment), without the markers."""
    match = _PACKAGE_MAIN.search(text)
    if not match:
        return []
    above = text[:match.start()].rstrip(" \t").split("\n")
    if above and above[-1] == "":
        above.pop()
    if above and above[-1].rstrip().endswith("*/"):
        start = text.rfind("/*", 0, match.start())
        block = text[start + 2:text.rfind("*/", 0, match.start())]
        return [line.strip().lstrip("*").rstrip() for line in block.split("\n")]
    lines: list[str] = []
    for line in reversed(above):
        stripped = line.strip()
        if not stripped.startswith("//") or stripped.startswith(("//go:", "// +build", "//nolint")):
            break
        lines.append(stripped[2:].removeprefix(" "))
    return lines[::-1]


def _arguments(text: str, start: int, limit: int = 2000) -> list[str]:
    """The top-level arguments of the call whose `(` is just before `start` (strings kept whole)."""
    args, depth, current = [], 0, []
    tokens = re.finditer(rf"{_STRING}|[(){{}}\[\],]|[^\"`(){{}}\[\],]+", text[start:start + limit])
    for token in tokens:
        part = token.group(0)
        if part in "([{" and not part.startswith(('"', "`")):
            depth += 1
        elif part in ")]}" and not part.startswith(('"', "`")):
            if depth == 0:
                args.append("".join(current).strip())
                return args
            depth -= 1
        elif part == "," and depth == 0:
            args.append("".join(current).strip())
            current = []
            continue
        current.append(part)
    return args


def _flags(text: str) -> list[Flag]:
    # Go's flag package writes `-name` (it accepts --name too); pflag and cobra follow GNU: `--name`, `-n`.
    long = "--" if re.search(r'"github\.com/spf13/(?:pflag|cobra)"', text) else "-"
    found = []
    for match in _FLAG_CALL.finditer(text):
        name = match.group(2)[1:-1]
        args = _arguments(text, match.end())  # what follows the name: [shorthand,] default, usage
        names = [("-" if len(name) == 1 else long) + name]
        if match.group(1) and args and re.fullmatch(r'"\w"', args[0]):
            names.append("-" + args[0][1:-1])
        usage = args[-1] if args else ""
        help_text = _unquote(usage) if re.fullmatch(_STRING, usage or "") else None
        found.append(Flag(flags=names, help=help_text or None))
    return found


def describe(filename: str, text: str) -> ToolInfo:
    info = ToolInfo(language="go")
    stem = filename.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".go")
    folder = filename.replace("\\", "/").rsplit("/", 2)[-2] if "/" in filename else stem
    names = [folder, stem, f"Command {folder}", f"Command {stem}"]
    comment = package_comment(text)
    info.description = prose_description(comment, names)
    info.description_source = "package-comment" if info.description else None
    info.usage = usage_block(comment)
    cobra = [(m.group(1), _unquote(m.group(2))) for m in _COBRA_FIELD.finditer(text)]
    if not info.description:
        short = next((value for field, value in cobra if field == "Short" and value.strip()), "")
        info.description, info.description_source = short.strip(), "cobra" if short.strip() else None
    uses = [value.split()[0] for field, value in cobra if field == "Use" and value.split()]
    info.subcommands = uses[1:] if len(uses) > 1 else []  # the first Use is the root command itself
    info.flags = _flags(text)
    return info
