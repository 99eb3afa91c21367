"""Shell scripts (and other `#`-comment languages): header, usage()/help() text, case and getopts flags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skilldex.models import Flag
from skilldex.scan.describe import ToolInfo
from skilldex.scan.describe.header import read_header
from skilldex.scan.describe.text import USAGE_LINE, merge_flags, options_from_text, prose_description

MAX_LINE = 2000
MAX_FUNCTION_LINES = 300

_FUNCTION = re.compile(
    r"^\s*(?:function\s+([\w:.-]+)\s*(?:\(\s*\))?|([\w:.-]+)\s*\(\s*\))\s*(\{.*)?$"
)
_HEREDOC = re.compile(r"(?<!<)<<(-?)\s*(?:'([A-Za-z_]\w*)'|\"([A-Za-z_]\w*)\"|(\\?)([A-Za-z_]\w*))")
_ECHO = re.compile(r"^\s*(?:\{\s*)?(?:builtin\s+|command\s+)?(echo|printf)\b(.*)$")
_REDIRECT = re.compile(r"\d?>&\d|\d?>>?\s*/dev/(?:stderr|stdout|null)")
_TOKEN = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'([^']*)'|([^\s\"';|&<>]+)|(\S)")
_PROG_VALUE = (
    r"(?:\$\(\s*basename\s+(?:--\s+)?\"?\$(?:\{?0\}?|\{BASH_SOURCE(?:\[0\])?\})\"?\s*\)"
    r"|`basename\s+\"?\$0\"?`|\$\{0##\*/\}|\$\{?0\}?(?!\w))"
)
_PROG_ASSIGN = re.compile(rf"^\s*(?:readonly\s+|local\s+|declare\s+-\w+\s+)?(\w+)=\"?{_PROG_VALUE}\"?\s*$")
_HELP_VAR = re.compile(
    r"^[ \t]*(?:readonly\s+|export\s+|local\s+|declare\s+-\w+\s+)?(\w*(?:usage|help|USAGE|HELP|Usage|Help)\w*)="
    r"(?:\"((?:[^\"\\]|\\.)*)\"|'([^']*)')",
    re.MULTILINE,
)
_CASE_START = re.compile(r"^\s*case\b.*\bin\b")
_ESAC = re.compile(r"\besac\b")
_ALT = r"[\"']?[^\s|()\"';]+[\"']?"
_CASE_ARM = re.compile(rf"^\s*\(?\s*({_ALT}(?:\s*\|\s*{_ALT})*)\s*\)")
_CASE_NAME = re.compile(r"^(-{1,2}[A-Za-z0-9][\w-]*)")
_GETOPTS = re.compile(r"\bgetopts\s+(?:\"([^\"]*)\"|'([^']*)'|([^\s;\"']+))")
_GETOPT = re.compile(r"(?<![\w-])getopt\s")
_GETOPT_SPEC = re.compile(
    r"(?:(--longoptions|--long|-l)|--options|-o)[= ]\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s;\"']+))"
)
_COMPARE = re.compile(r"(?:==?|!=)\s*\*?[\"']?\s*(--[A-Za-z][\w-]*)")


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
    documented = [*header.flags, *options_from_text(info.usage or "")]
    info.flags = merge_flags(_code_flags(lines, heredocs, text), documented)
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
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _HEREDOC.search(line)
        if match and not line.lstrip().startswith("#") and "((" not in line[: match.start()]:
            before = line[: match.start()]
            delimiter = match.group(2) or match.group(3) or match.group(5)
            if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
                end = next((j for j in range(index + 1, len(lines)) if lines[j].strip() == delimiter), None)
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
    command, words, escapes = match.group(1), [], match.group(1) == "printf"
    arguments = _REDIRECT.sub(" ", match.group(2))
    for token in _TOKEN.finditer(arguments):
        double, single, bare, other = token.groups()
        if other is not None or bare.startswith("#"):
            break  # ; | & > or a comment: the end of what is echoed
        if command == "echo" and not words and bare and re.fullmatch(r"-[neE]+", bare):
            escapes = escapes or "e" in bare
            continue
        if double is not None:
            words.append(substitute(re.sub(r"\\([\"\\$`])", r"\1", double)))
        elif single is not None:
            words.append(single)
        elif bare is not None:
            words.append(substitute(bare))
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
        match = re.search(r"(?:\b(\w+)=\$\(\s*cat|\bread\b[^<]*?\b(\w+)\s*<<)", lines[doc.start])
        name = match and (match.group(1) or match.group(2))
        if name and re.search(r"usage|help", name, re.IGNORECASE):
            found[name] = _heredoc_text(doc, substitute)
    return found


def _help_function_text(lines, heredocs, variables, substitute) -> str | None:
    """The text a `usage()`/`show_help()` function prints: its heredocs and echo lines, in order."""
    by_start = {doc.start: doc for doc in heredocs}
    for index, line in enumerate(lines):
        match = _FUNCTION.match(line)
        name = match and (match.group(1) or match.group(2))
        if not name or not re.search(r"usage|help", name, re.IGNORECASE):
            continue
        pieces: list[str] = []
        position = index
        while position < min(len(lines), index + MAX_FUNCTION_LINES):
            body = (match.group(3) or "") if position == index else lines[position]
            if position in by_start:
                pieces.append(_heredoc_text(by_start[position], substitute))
                position = by_start[position].end + 1
                continue
            echoed = _echo_text(body.lstrip("{ \t"), substitute)
            if echoed is not None:
                variable = re.fullmatch(r"\$\{?(\w+)\}?", echoed.strip())
                pieces.append(variables.get(variable.group(1), "") if variable else echoed)
            if re.match(r"\s*\}", body) if position > index else body.rstrip().endswith("}"):
                break
            position += 1
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
    for index, line in enumerate(lines):
        first = _echo_text(line, substitute)
        if first is None or not USAGE_LINE.match(first):
            continue
        pieces = [first]
        for more in lines[index + 1 : index + 40]:
            echoed = _echo_text(more, substitute)
            if echoed is None:
                break
            pieces.append(echoed)
        return "\n".join(pieces)
    return None


def _code_flags(lines: list[str], heredocs: list[_Heredoc], text: str) -> list[Flag]:
    """Options the script really handles: `case` arms, getopts/getopt specs, `== --flag` tests."""
    flags: list[Flag] = []
    in_heredoc = {i for doc in heredocs for i in range(doc.start + 1, doc.end + 1)}
    depth = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in in_heredoc or stripped.startswith("#"):
            continue
        if _CASE_START.match(line):
            depth += 1
        elif depth and (arm := _CASE_ARM.match(line)):
            alternatives = [alt.strip().strip("\"'") for alt in arm.group(1).split("|")]
            names = [m.group(1) for alt in alternatives if (m := _CASE_NAME.match(alt))]
            if names:  # `-*)` and `*)` catch-alls name nothing
                flags.append(Flag(flags=names))
        for match in _COMPARE.finditer(line):
            flags.append(Flag(flags=[match.group(1)]))
        for match in _GETOPTS.finditer(line):
            spec = next(g for g in match.groups() if g is not None)
            flags.extend(Flag(flags=[f"-{c}"]) for c in re.findall(r"[A-Za-z0-9]", spec))
        if _GETOPT.search(line):
            window = re.sub(r"\\\n", " ", "\n".join(lines[index : index + 6])).split("\n", 1)[0]
            for spec in _GETOPT_SPEC.finditer(window):
                value = next(g for g in spec.groups()[1:] if g is not None)
                if spec.group(1):
                    flags.extend(Flag(flags=[f"--{n}"]) for n in re.findall(r"[\w-]+", value))
                else:
                    flags.extend(Flag(flags=[f"-{c}"]) for c in re.findall(r"[A-Za-z0-9]", value))
        if _ESAC.search(line) and depth:
            depth -= 1
    return flags
