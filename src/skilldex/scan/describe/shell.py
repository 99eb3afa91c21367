"""Shell scripts (and other `#`-comment languages): header, usage()/help() text, case and getopts flags."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from skilldex.scan.describe.base import MAX_TEXT_CHARS, ToolInfo
from skilldex.scan.describe.body import body_comment, exec_target
from skilldex.scan.describe.flags import merge_flags
from skilldex.scan.describe.header import read_header
from skilldex.scan.describe.shell_flags import code_flags
from skilldex.scan.describe.text import (
    USAGE_LINE,
    options_from_text,
    prose_description,
    synopsis_flags,
)

MAX_CHARS = MAX_TEXT_CHARS

MAX_LINE = 2000
MAX_FUNCTION_LINES = 300
MAX_HELP_FUNCTIONS = 20
MAX_STATEMENT_LINES = 60

_FUNCTION = re.compile(r"^\s*(?:function\s+([\w:.-]+)\s*(?:\(\s*\))?|([\w:.-]+)\s*\(\s*\))\s*(\{.*)?$")
_HEREDOC = re.compile(r"(?<!<)<<(-?)\s*(?:'([A-Za-z_]\w*)'|\"([A-Za-z_]\w*)\"|(\\?)([A-Za-z_]\w*))")
_ECHO = re.compile(r"^\s*(?:\{\s*)?(?:builtin\s+|command\s+)?(echo|printf)\b(.*)$", re.DOTALL)
_REDIRECT = re.compile(r"\d?>&\d|\d?>>?\s*/dev/(?:stderr|stdout|null)")
_TOKEN = re.compile(r"\$?\"((?:[^\"\\]|\\.)*)\"|\$?'([^']*)'|((?:[^\s\"';|&<>\\]|\\.)+)|(\S)")
_PROG_VALUE = (
    r"(?:\$\(\s*basename\s+(?:--\s+)?\"?\$(?:\{?0\}?|\{BASH_SOURCE(?:\[0\])?\})\"?\s*\)"
    r"|`basename\s+\"?\$0\"?`|\$\{0##\*/\}|\$\{?0\}?(?!\w))"
)
_PROG_ASSIGN = re.compile(rf"^\s*(?:readonly\s+|local\s+|declare\s+-\w+\s+)?(\w+)=\"?{_PROG_VALUE}\"?\s*$")
_HELP_VAR = re.compile(
    r"^[ \t]*(?:readonly\s+|export\s+|local\s+|declare\s+-\w+\s+)?"
    r"(\w*(?:usage|help|USAGE|HELP|Usage|Help)\w*)="
    r"(?:\"((?:[^\"\\]|\\.)*)\"|'([^']*)')",
    re.MULTILINE,
)


@dataclass
class _Heredoc:
    start: int
    end: int
    lines: list[str]
    quoted: bool


def describe(filename: str, text: str, language: str = "shell") -> ToolInfo:
    lines = [line[:MAX_LINE] for line in text.split("\n")]
    names = _names(filename)
    info = ToolInfo(language=language)
    header = read_header(lines, names)
    heredocs = _heredocs(lines)
    prog = filename.rsplit("/", 1)[-1]
    prog_vars = {m.group(1) for m in map(_PROG_ASSIGN.match, lines) if m}
    substitute = _substituter(prog, prog_vars)
    variables = _help_variables(text, lines, heredocs, substitute)
    info.usage = (
        _help_function_text(lines, heredocs, variables, substitute)
        or _usage_heredoc(heredocs, substitute)
        or next(iter(variables.values()), None)
        or header.usage
        or _usage_echo(lines, substitute)
    )
    info.description, info.description_source = header.description, header.source
    if not info.description and info.usage:
        info.description = prose_description(info.usage.split("\n"), names)
        info.description_source = "usage" if info.description else None
    if not info.description:  # no header: a comment opening the body (Rails' bin/setup)
        info.description = body_comment(lines, names)
        info.description_source = "body-comment" if info.description else None
    if not info.description:  # a wrapper that only hands over (`exec foreman start -f Procfile.dev "$@"`)
        info.description = exec_target(lines, language)
        info.description_source = "exec" if info.description else None
    usage = info.usage or ""
    documented = [*header.flags, *options_from_text(usage), *synopsis_flags(usage)]
    in_heredocs = {i for doc in heredocs for i in range(doc.start + 1, doc.end + 1)}
    info.flags = merge_flags(code_flags(lines, in_heredocs), documented)
    return info


def _names(filename: str) -> list[str]:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return [base, base.rsplit(".", 1)[0]] if "." in base.strip(".") else [base]


def _substituter(prog: str, prog_vars: set[str]):
    pattern = re.compile(
        _PROG_VALUE + "".join(rf"|\$\{{{v}\}}|\${v}\b" for v in sorted(prog_vars, key=len, reverse=True))
    )
    return lambda s: pattern.sub(lambda _: prog, s)


def _heredocs(lines: list[str]) -> list[_Heredoc]:
    docs: list[_Heredoc] = []
    where: dict[str, list[int]] = {}  # stripped line -> its indexes, so finding a terminator is a lookup
    for number, line in enumerate(lines):
        where.setdefault(line.strip(), []).append(number)
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _HEREDOC.search(line)
        if match and not line.lstrip().startswith("#") and "((" not in line[: match.start()]:
            before = line[: match.start()]
            delimiter = match.group(2) or match.group(3) or match.group(5)
            if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
                ends = where.get(delimiter, [])
                end = ends[bisect.bisect_right(ends, index)] if ends and ends[-1] > index else None
                if end is not None:  # an unterminated "heredoc" is more likely a shift inside a string
                    quoted = bool(match.group(2) or match.group(3) or match.group(4))
                    docs.append(_Heredoc(index, end, lines[index + 1 : end], quoted))
                    index = end + 1
                    continue
        index += 1
    return docs


def _heredoc_text(doc: _Heredoc, substitute) -> str:
    text = "\n".join(line.lstrip("\t") for line in doc.lines)
    return text if doc.quoted else substitute(text)


def _echo_text(line: str, substitute) -> str | None:
    """What an `echo`/`printf` line prints, read from its literal arguments."""
    match = _ECHO.match(line)
    if not match:
        return None
    command, escapes = match.group(1), match.group(1) == "printf"
    words: list[str] = []
    # $(basename "$0") holds quotes of its own, so program names are replaced before splitting words
    arguments = substitute(_REDIRECT.sub(" ", match.group(2)))
    for token in _TOKEN.finditer(arguments):
        double, single, bare, other = token.groups()
        if other is not None or (bare or "").startswith("#"):
            break  # ; | & > or a comment: the end of what is echoed
        if command == "echo" and not words and bare and re.fullmatch(r"-[neE]+", bare):
            escapes = escapes or "e" in bare
            continue
        if double is not None:
            words.append(re.sub(r"\\([\"\\$`])", r"\1", double))
        elif single is not None:
            words.append(single)
        elif bare is not None:
            words.append(re.sub(r"\\(.)", r"\1", bare))
    if command == "printf" and words:
        fmt, rest = words[0], words[1:]
        words = rest if rest and "%" in fmt else [fmt.replace("%%", "%")]
    text = " ".join(words)
    if escapes:
        text = text.replace("\\n", "\n").replace("\\t", "\t")
        text = text[:-1] if text.endswith("\n") else text
    return text


def _help_variables(text: str, lines: list[str], heredocs: list[_Heredoc], substitute) -> dict[str, str]:
    """`USAGE="..."` or `read -r -d '' HELP <<EOF` values: usage text kept in a variable."""
    found: dict[str, str] = {}
    for match in _HELP_VAR.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if "\n" in value.strip() or USAGE_LINE.match(value.strip()):
            found[match.group(1)] = substitute(value) if match.group(2) is not None else value
    for doc in heredocs:
        opening = re.search(r"(?:\b(\w+)=\$\(\s*cat|\bread\b[^<]*?\b(\w+)\s*<<)", lines[doc.start])
        name = opening and (opening.group(1) or opening.group(2))
        if name and re.search(r"usage|help", name, re.IGNORECASE):
            found[name] = _heredoc_text(doc, substitute)
    return found


def _statement(lines: list[str], index: int, first: str | None = None) -> tuple[str, int]:
    """A command that goes on past its line: an open double quote or a trailing backslash."""
    text, end = lines[index] if first is None else first, index
    while end + 1 < min(len(lines), index + MAX_STATEMENT_LINES):
        if not (len(re.findall(r'(?<!\\)"', text)) % 2 or text.endswith("\\")):
            break
        end += 1
        text = text[:-1] + " " + lines[end] if text.endswith("\\") else text + "\n" + lines[end]
    return text, end


def _help_function_text(lines, heredocs, variables, substitute) -> str | None:
    """The text a `usage()`/`show_help()` function prints: its heredocs and echo lines, in order."""
    by_start = {doc.start: doc for doc in heredocs}
    tried = 0
    for index, line in enumerate(lines):
        match = _FUNCTION.match(line)
        if match is None:
            continue
        name = match.group(1) or match.group(2)
        if not name or not re.search(r"usage|help", name, re.IGNORECASE):
            continue
        tried += 1
        if tried > MAX_HELP_FUNCTIONS:
            break
        pieces: list[str] = []
        position = index
        while position < min(len(lines), index + MAX_FUNCTION_LINES):
            if position in by_start:
                pieces.append(_heredoc_text(by_start[position], substitute))
                position = by_start[position].end + 1
                continue
            body, last = _statement(lines, position, (match.group(3) or "") if position == index else None)
            echoed = _echo_text(body.lstrip("{ \t"), substitute)
            if echoed is not None:
                variable = re.fullmatch(r"\$\{?(\w+)\}?", echoed.strip())
                pieces.append(variables.get(variable.group(1), "") if variable else echoed)
            closing = lines[last] if last > index else body
            if re.match(r"\s*\}", closing) if last > index else closing.rstrip().endswith("}"):
                break
            position = last + 1
        if any(piece.strip() for piece in pieces):
            return "\n".join(pieces)
    return None


def _usage_heredoc(heredocs: list[_Heredoc], substitute) -> str | None:
    for doc in heredocs:
        first = next((line for line in doc.lines if line.strip()), "")
        if USAGE_LINE.match(first):
            return _heredoc_text(doc, substitute)
    return None


def _usage_echo(lines: list[str], substitute) -> str | None:
    """`echo "Usage: ..."` outside any help function, with the echo lines that follow it."""
    for index, line in enumerate(lines):
        if not _ECHO.match(line):
            continue
        statement, last = _statement(lines, index)
        first = _echo_text(statement, substitute)
        if first is None or not USAGE_LINE.match(first):
            continue
        pieces = [first]
        while last + 1 < min(len(lines), index + MAX_FUNCTION_LINES):
            statement, last = _statement(lines, last + 1)
            echoed = _echo_text(statement, substitute)
            if echoed is None:
                break
            pieces.append(echoed)
        return "\n".join(pieces)
    return None
