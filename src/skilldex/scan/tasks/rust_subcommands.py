"""The subcommands a Rust program (an xtask) declares, read from its source text, never compiled or run.

Three shapes cover the xtasks seen in public repos: a clap derive enum (`#[derive(Subcommand)] enum Command
{ /// doc\n Docgen, QueryCheck }`), clap's builder (`.subcommand(Command::new("dist").about("..."))`) and a
plain `match` on the first argument (`"docgen" => ...`) next to a help text listing the tasks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_SUBCOMMANDS = 100
MAX_BLOCK_CHARS = 20_000  # a brace-balanced block (an enum, a match, a builder call) is given up on past this
MAX_BLOCKS = 50  # blocks looked into per file: a file of ten thousand `match`es costs no more than fifty

# Every repeat below is bounded or cannot overlap its neighbour: no pattern backtracks over hostile text.
_DERIVED = re.compile(
    r"#\[derive\([^)\]\n]{0,200}\b(?P<derive>Subcommand|Parser)\b[^)\]\n]{0,200}\)\]\s*"
    # each comment or attribute is taken whole, once (a lookahead then its backreference: an atomic group that
    # Python 3.10 can write), so a line of `//////...` is not split every possible way
    r"(?:(?=(?P<line>//[^\n]*|#\[[^\n]*\]))(?P=line)\s*){0,20}"
    r"(?:pub(?:\([\w ]*\))?\s+)?(?P<kind>enum|struct)\s+(?P<name>\w+)[^{;\n]{0,200}\{"
)
_SUBCOMMAND_FIELD = re.compile(r"#\[(?:command|clap)\(subcommand\)\][\s\w]{0,100}:[ \t]*(?:Option<[ \t]*)?(\w+)")
_ATTRIBUTE_TEXT = re.compile(r'\b(name|about)[ \t]*=[ \t]*"((?:\\.|[^"\\])*)"')
_HIDDEN = re.compile(r"\b(?:hide[ \t]*=[ \t]*true|skip|external_subcommand)\b")
_VARIANT = re.compile(r"[ \t]*([A-Z]\w*)[ \t]*(?:[,({]|$)")
_BUILDER = re.compile(
    r'\.subcommand\([ \t\n]*(?:\w+::)*(?:Command|SubCommand|App)::(?:new|with_name)\([ \t]*"([^"\n]+)"'
)
_ABOUT = re.compile(r'\.(?:about|help)\([ \t\n]*"((?:\\.|[^"\\])*)"')
_MATCH = re.compile(r"\bmatch[ \t]+([^{;]{1,200})\{")
_ARGS_SCRUTINEE = re.compile(r"(?i)arg|task|cmd|command|sub|action")
_ARM = re.compile(r'(?:Some\([ \t]*)?"([a-z][a-z0-9_:-]{0,60})"[ \t]*\)?(?=[ \t\n]*(?:\||=>|if\b))')
_HELP_LINE = re.compile(
    r"^([ \t]*(?:(?:e?print(?:ln)?!\([ \t]*)?\"[ \t]*)?(?:cargo[ \t]+xtask[ \t]+)?([a-z](?:[a-z0-9_-]|:(?=\w)){0,60})"
    r"(?:[ \t]+[\[<][^\]>\n]*[\]>])*(?:[ \t]+-{1,2}[ \t]+|[ \t]*:[ \t]*|[ \t]{2,}))(\S[^\n]*)$",
    re.MULTILINE,
)
# A string (bounded: an unclosed quote is skipped), a line comment, or a bracket.
_TOKEN = re.compile(r'"(?:\\.|[^"\\]){0,2000}"|//[^\n]*|[{}()]')
_NOT_TASKS = {"help", "-h", "--help", "version", "--version", "-v"}


@dataclass
class Subcommand:
    """One subcommand: its name, what its help says ("" when nothing does) and its 1-based line."""

    name: str
    help: str
    line: int


def subcommands(texts: list[str]) -> list[tuple[int, Subcommand]]:
    """The program's subcommands as (index of the text declaring it, subcommand), in source order: by the
    first shape any of its texts (main.rs first) gives, so a module's stray `match` never beats the enum."""
    readers: tuple[Callable[[str], list[Subcommand]], ...] = (_derived, _builder, lambda text: _matched(text, texts))
    for read in readers:
        for index, text in enumerate(texts):
            found = read(text)
            if found:
                return [(index, sub) for sub in found[:MAX_SUBCOMMANDS]]
    return []


def kebab(name: str) -> str:
    """clap's default name for a variant: `QueryCheck` -> `query-check`, `HTTPServer` -> `http-server`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", name).lower()


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _block_end(text: str, start: int, opening: str = "{", closing: str = "}") -> int:
    """The offset just past the bracket closing the one before `start` (strings and comments skipped), or -1
    when it does not close within MAX_BLOCK_CHARS."""
    depth = 1
    for token in _TOKEN.finditer(text, start, min(len(text), start + MAX_BLOCK_CHARS)):
        if token.group() == opening:
            depth += 1
        elif token.group() == closing:
            depth -= 1
            if depth == 0:
                return token.end()
    return -1


def _derived(text: str) -> list[Subcommand]:
    """The variants of the top-level clap enum: a `Parser` enum, else the one a `#[command(subcommand)]` field
    of a `Parser` struct names, else the first `Subcommand` enum no other type's field names (nested ones)."""
    enums: dict[str, int] = {}  # name -> offset of its body
    top: list[str] = []
    nested: set[str] = set()
    for match in itertools.islice(_DERIVED.finditer(text), MAX_BLOCKS):
        derive, kind, name = match.group("derive", "kind", "name")
        if kind == "enum":
            enums.setdefault(name, match.end())
            if derive == "Parser":
                top.append(name)
        end = _block_end(text, match.end())
        fields = {m.group(1) for m in _SUBCOMMAND_FIELD.finditer(text, match.end(), end if end > 0 else match.end())}
        (top.extend(fields) if (derive, kind) == ("Parser", "struct") else nested.update(fields))
    for candidates in (top, [name for name in enums if name not in nested], list(enums)):
        chosen = next((name for name in candidates if name in enums), None)
        if chosen:
            end = _block_end(text, enums[chosen])
            return _variants(text, enums[chosen], end if end > 0 else enums[chosen])
    return []


def _variants(text: str, start: int, end: int) -> list[Subcommand]:
    """Top-level variants between `start` and `end`: their `///` docs and `#[command(...)]` attributes."""
    found: list[Subcommand] = []
    docs: list[str] = []
    attributes = ""
    depth, offset = 0, start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if depth == 0:
            if stripped.startswith("///"):
                docs.append(stripped[3:].strip())
            elif stripped.startswith("#["):
                attributes += stripped
            elif (variant := _VARIANT.match(line)) is not None:
                given = {m.group(1): m.group(2) for m in _ATTRIBUTE_TEXT.finditer(attributes)}
                paragraph = " ".join(docs[: docs.index("")] if "" in docs else docs)
                about = _unescape(given["about"]) if given.get("about") else " ".join(paragraph.split())
                if not _HIDDEN.search(attributes):
                    found.append(Subcommand(given.get("name") or kebab(variant.group(1)), about, _line(text, offset)))
                docs, attributes = [], ""
        code = re.sub(r'"(?:\\.|[^"\\])*"|//.*', "", line)
        depth = max(0, depth + code.count("{") + code.count("(") - code.count("}") - code.count(")"))
        offset += len(line) + 1
    return found


def _builder(text: str) -> list[Subcommand]:
    """`.subcommand(Command::new("name").about("..."))`; a subcommand's own subcommands are left out."""
    found: list[Subcommand] = []
    inside_until = -1
    for match in _BUILDER.finditer(text):
        if match.start() < inside_until:
            continue
        if len(found) == MAX_SUBCOMMANDS:
            break
        end = _block_end(text, text.index("(", match.start()) + 1, "(", ")")
        span = text[match.end() : end if end > 0 else match.end() + 2000]
        inside_until = end
        nested = span.find(".subcommand(")
        about = _ABOUT.search(span[:nested] if nested >= 0 else span)
        found.append(Subcommand(match.group(1), _unescape(about.group(1)) if about else "", _line(text, match.start())))
    return found


def _unescape(text: str) -> str:
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def _matched(text: str, texts: list[str]) -> list[Subcommand]:
    """String arms of a `match` on the arguments (`match task.as_deref()`, nested matches within it), described
    by the line naming each in the program's help text."""
    names: dict[str, int] = {}
    looked = (match for match in _MATCH.finditer(text) if _ARGS_SCRUTINEE.search(match.group(1)))
    for match in itertools.islice(looked, MAX_BLOCKS):
        end = _block_end(text, match.end())
        body = text[match.end() : end if end > 0 else match.end()]
        for arm in _ARM.finditer(body):
            alias = body[max(0, arm.start() - 20) : arm.start()].rstrip().removesuffix("Some(").rstrip()
            if arm.group(1) not in _NOT_TASKS and not alias.endswith("|"):  # `"qc"` in `"query-check" | "qc"`
                names.setdefault(arm.group(1), match.end() + arm.start())
        if names:
            break
    helps = {**_help_lines(texts[0]), **_help_lines(text)} if names else {}  # its own file, else main.rs
    return [Subcommand(name, helps.get(name, ""), _line(text, offset)) for name, offset in names.items()]


def _help_lines(text: str) -> dict[str, str]:
    """What a help text says of each name it lists: `  docgen: Generate files...` or `  query-check [langs]
    Check ...` (in one string or a println! each), with the lines continuing it at the same indentation."""
    found: dict[str, str] = {}
    for match in _HELP_LINE.finditer(text):
        parts = [_tail(match.group(3))]
        column = len(match.group(1))
        for following in text[match.end() + 1 : match.end() + 2000].split("\n")[:5]:
            if len(following) - len(following.lstrip()) != column or not following.strip():
                break
            parts.append(_tail(following))
        found.setdefault(match.group(2), " ".join(" ".join(parts).split()))
    return found


def _tail(line: str) -> str:
    """A help line without the end of the Rust statement holding it: `Build the docs\\n");` -> `Build the docs`."""
    line = line.strip()
    for end in ('");', '")', '",', '"'):
        if line.endswith(end):
            line = line[: -len(end)]
            break
    while line.endswith("\\n"):
        line = line[:-2]
    return line.strip()
