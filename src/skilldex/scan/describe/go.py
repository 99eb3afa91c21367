"""Go commands (`package main`), read with regexes: the package comment, flag/pflag definitions, cobra.

Go's convention puts a command's purpose in the comment right above `package main` ("Command gen
writes the fixtures..."); flags come from the standard `flag` package or pflag (`flag.String("env",
"dev", "target environment")`, `fs.BoolVarP(&force, "force", "f", false, "...")`); cobra commands
carry `Use:` and `Short:`.
"""

from __future__ import annotations

import itertools
import re

from skilldex.models import Flag
from skilldex.scan.describe.base import MAX_TEXT_CHARS, ToolInfo
from skilldex.scan.describe.text import prose_description, usage_block

MAX_CHARS = MAX_TEXT_CHARS

_PACKAGE_MAIN = re.compile(r"^package\s+main\b", re.MULTILINE)
_FUNC_MAIN = re.compile(r"^func\s+main\s*\(\s*\)", re.MULTILINE)
_BUILD_IGNORE = re.compile(r"^//\s*(?:go:build|\+build)\s+ignore\b", re.MULTILINE)
_STRING = r'"(?:[^"\\\n]|\\.)*"|`[^`]*`'
# flag.String("name", default, "usage"), fs.DurationVar(&d, "wait", 0, "usage"), pflag's StringP("name", "n", ...)
_FLAG_CALL = re.compile(
    r"(?:\b\w+|\))\.(String|Bool|Int|Int64|Uint|Uint64|Float64|Duration|Func|BoolFunc|Var|TextVar|StringSlice|"
    r"StringArray|IntSlice)(?:Var)?(P)?\(\s*(?:&?[\w.\[\]]+\s*,\s*)?(\"[\w.-]+\")\s*,"
)
_COBRA_FIELD = re.compile(rf"\b(Use|Short|Long)\s*:\s*({_STRING})")
MAX_TEXT_CHARS_GO = 200_000  # a file read for its imports or commands is looked at this far


_LEADING = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.DOTALL)  # what may come before the package clause


def is_command(text: str) -> bool:
    """A Go file that builds a program: its package clause (the first thing after comments) says `main`,
    and it has a `func main()` (a template in a string saying so does not count)."""
    text = text.lstrip("\ufeff")
    start = _LEADING.match(text[:20_000])
    at = start.end() if start else 0
    return (
        text.startswith("package main", at)
        and bool(_PACKAGE_MAIN.match(text, at))
        and bool(_FUNC_MAIN.search(text, at))
    )


def standalone(text: str) -> bool:
    """A single-file program kept out of the package build (`//go:build ignore`): run by its file name."""
    return bool(_BUILD_IGNORE.search(text))


def _unquote(literal: str) -> str:
    if literal.startswith("`"):
        return literal[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), literal[1:-1])


def package_comment(text: str) -> list[str]:
    """The comment directly above `package main` (Go's doc comment): `//` lines, or one `/* */` block."""
    match = _PACKAGE_MAIN.search(text)
    if not match:
        return []
    above = text[: match.start()].rstrip(" \t").split("\n")
    if above and above[-1] == "":
        above.pop()
    if not above:
        return []
    last = above[-1].strip()
    if last.endswith("*/") and not last.startswith("//"):
        for index in range(len(above) - 1, -1, -1):  # back to the line that opens the block
            opened = above[index].strip()
            if opened.startswith("/*"):
                block = "\n".join(above[index:]).strip()[2:-2]
                return [line.strip().lstrip("*").rstrip() for line in block.split("\n")]
            if opened.startswith("//") or (index < len(above) - 1 and "*/" in opened):
                return []
        return []
    lines: list[str] = []
    for line in reversed(above):
        stripped = line.strip()
        if not stripped.startswith("//") or stripped.startswith(("//go:", "// +build", "//nolint")):
            break
        lines.append(stripped[2:].removeprefix(" "))
    return lines[::-1]


def _arguments(text: str, start: int, limit: int = 2000) -> list[str]:
    """The top-level arguments of the call whose `(` is just before `start` (strings kept whole)."""
    args: list[str] = []
    current: list[str] = []
    depth = 0
    tokens = re.finditer(rf"{_STRING}|[(){{}}\[\],]|[^\"`(){{}}\[\],]+", text[start : start + limit])
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


MAX_FLAG_CALLS = 200  # past this a file is generated or hostile: its first flags are enough


def _flags(text: str) -> list[Flag]:
    # Go's flag package writes `-name` (it accepts --name too); pflag and cobra follow GNU: `--name`, `-n`.
    long = "--" if re.search(r'"github\.com/spf13/(?:pflag|cobra)"', text) else "-"
    found = []
    for match in itertools.islice(_FLAG_CALL.finditer(text), MAX_FLAG_CALLS):
        name = match.group(3)[1:-1]
        args = _arguments(text, match.end(), 600)  # what follows the name: [shorthand,] default, usage
        names = [("-" if len(name) == 1 else long) + name]
        if match.group(2) and args and re.fullmatch(r'"\w"', args[0]):
            names.append("-" + args[0][1:-1])
            args = args[1:]
        # flag.Func(name, usage, fn) and BoolFunc put the usage first; the others last
        usage = (args[0] if match.group(1) in ("Func", "BoolFunc") else args[-1]) if args else ""
        help_text = _unquote(usage) if re.fullmatch(_STRING, usage or "") else None
        found.append(Flag(flags=names, help=help_text or None))
    return found


_IMPORTS = re.compile(r"^import\s*(?:\(([^)]*)\)|[\w.]*\s*\"([^\"\n]+)\")", re.MULTILINE)
_IMPORT_PATH = re.compile(r'^[ \t]*(?:[\w.]+[ \t]+)?"([^"\n]+)"', re.MULTILINE)  # not ^\s*: blank lines
_COMMAND_LITERAL = re.compile(r"(?:\b(\w+)\s*:?=\s*|\breturn\s+)?&?cobra\.Command\s*\{")
_ROOT_NAME = re.compile(r"root|^(?:new)?(?:base|main|app)(?:cmd|command)$", re.IGNORECASE)
MAX_COMMAND_LITERALS = 50


def imports(text: str) -> list[str]:
    """The import paths of a Go file, in order."""
    found: list[str] = []
    for match in _IMPORTS.finditer(text[:MAX_TEXT_CHARS_GO]):
        found += _IMPORT_PATH.findall(match.group(1)) if match.group(1) is not None else [match.group(2)]
    return found


def root_command(text: str, program: str, root_file: bool) -> tuple[str, str]:
    """(description, "cobra") of the cobra root command a file defines, else ("", "").

    The root is the command whose `Use` is the program's name, or one held in a variable or made by a function
    named for it (`rootCmd`, `NewRootCommand`), else the first one of a file named for it (root.go): a
    subcommand's Short would misdescribe the program.
    """
    text = text[:MAX_TEXT_CHARS_GO]
    fallback = ""
    for index, match in enumerate(itertools.islice(_COMMAND_LITERAL.finditer(text), MAX_COMMAND_LITERALS)):
        fields = {}
        for argument in _arguments(text, match.end(), 4000):
            field = re.fullmatch(rf"(Use|Short|Long)\s*:\s*({_STRING})", argument.strip(), re.DOTALL)
            if field:
                fields[field.group(1)] = _unquote(field.group(2)).strip()
        summary = (
            fields.get("Short")
            or re.split(r"(?<=[.!?])\s", prose_description((fields.get("Long") or "").split("\n")), maxsplit=1)[0]
        )
        use = (fields.get("Use") or "").split()
        function = re.match(r"func\s+(?:\([^)]*\)\s*)?(\w+)", text[text.rfind("\nfunc ", 0, match.start()) + 1 :])
        named = _ROOT_NAME.search(match.group(1) or "") or (function and _ROOT_NAME.search(function.group(1)))
        if summary and ((use and use[0] == program) or named):
            return summary, "cobra"
        if root_file and index == 0:
            fallback = summary
    return (fallback, "cobra") if fallback else ("", "")


def describe(filename: str, text: str, language: str = "go") -> ToolInfo:
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
