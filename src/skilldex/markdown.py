"""Markdown reading: frontmatter split with line numbers, headings, code blocks, first paragraphs, links.

The YAML itself is loaded by skilldex.frontmatter.
"""

from __future__ import annotations

import re

from skilldex.frontmatter.load import load_yaml
from skilldex.frontmatter.types import Field, FrontmatterError
from skilldex.lazyre import Lazy  # compiled on first use: a frontmatter-only read never needs the body's patterns
from skilldex.plainvalue import Value

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any


class Document(Value):
    """A markdown file split into frontmatter and body."""

    _fields = (
        "has_frontmatter",
        "frontmatter",
        "body",
        "body_start",
        "frontmatter_text",
        "key_lines",
        "duplicate_keys",
        "fields",
        "error",
    )

    def __init__(
        self,
        has_frontmatter: bool,
        frontmatter: dict[str, Any] | None = None,
        body: str = "",
        body_start: int = 1,  # 1-based line where the body begins
        frontmatter_text: str = "",
        key_lines: dict[str, int] | None = None,
        duplicate_keys: list[tuple[str, int]] | None = None,
        fields: dict[str, Field] | None = None,
        error: str | None = None,  # set when frontmatter was present but unreadable (a finding says why)
    ):
        self.has_frontmatter, self.frontmatter = has_frontmatter, {} if frontmatter is None else frontmatter
        self.body, self.body_start, self.frontmatter_text = body, body_start, frontmatter_text
        self.key_lines = {} if key_lines is None else key_lines
        self.duplicate_keys = [] if duplicate_keys is None else duplicate_keys
        self.fields = {} if fields is None else fields
        self.error = error


# Markdown lines end at \n, \r\n or \r only (str.splitlines would also split at U+2028, \x0b, \x1c...).
_LINE_END = Lazy(r"\r\n?|\n")
# A line starting with `---`: the only lines that can close frontmatter. Searched for instead of splitting
# the whole file into lines, which cost more than the YAML on long bodies.
_DASHES_LINE = Lazy(r"[\r\n](---[^\r\n]*)")


def split_frontmatter(text: str) -> Document:
    """Split `---` frontmatter from the body. Raises FrontmatterError for unclosed/invalid/non-mapping."""
    if text.startswith("\ufeff---"):
        # Claude Code and skills-ref both fail to see frontmatter behind a BOM; say so rather than guess.
        raise FrontmatterError("bom", "file starts with a UTF-8 byte-order mark before '---'", 1, 1)
    first_end = _LINE_END.search(text)
    if (text[: first_end.start()] if first_end else text).rstrip() != "---":  # also when the text is empty
        return Document(has_frontmatter=False, body=text, body_start=1)
    fm_start = first_end.end() if first_end else len(text)
    for match in _DASHES_LINE.finditer(text, fm_start - 1):
        if match.group(1).rstrip() != "---":
            continue
        fm_text = text[fm_start : match.start(1)]
        close = _LINE_END.match(text, match.end(1))
        body = text[close.end() if close else len(text) :]
        fields: dict[str, Field] = {}
        data, key_lines, duplicates = load_yaml(fm_text, first_line=2, fields=fields)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise FrontmatterError("not-mapping", f"frontmatter is a YAML {type(data).__name__}, not a mapping", 2)
        lines = fm_text.count("\n") + fm_text.count("\r") - fm_text.count("\r\n")  # ended by \n, \r\n or \r
        return Document(True, data, body, lines + 3, fm_text, key_lines, duplicates, fields)
    raise FrontmatterError("unclosed", "frontmatter opened with '---' on line 1 is never closed", 1)


# The text runs to the end of the line; its closing #s are stripped in Python (a lazy `.+?` before `[ \t#]*$`
# retried the tail at every character: a heading line of 30,000 `#` took seconds).
_HEADING = Lazy(r"^(#{1,6})[ \t]+(.+)$")
_FENCE = Lazy(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([\w+-]*)")


def heading_text(text: str) -> str:
    """An ATX heading's text without its closing #s and spaces (at least its first character, as before)."""
    return (text.rstrip(" \t#") or text[:1]).strip()


class CodeBlock(Value):
    _fields = ("language", "lines")

    def __init__(self, language: str, lines: list[tuple[int, str]]):
        self.language, self.lines = language, lines  # lines: (1-based line, text)


def headings_and_code(body: str, first_line: int = 1) -> tuple[list[tuple[int, str, int]], list[CodeBlock]]:
    """Return ATX headings as (level, text, line) and fenced code blocks, skipping headings in code."""
    headings: list[tuple[int, str, int]] = []
    blocks: list[CodeBlock] = []
    fence: str | None = None
    current: CodeBlock | None = None
    previous = ""  # the line before, for setext headings (a line underlined with === or ---)
    for offset, raw in enumerate(body.splitlines()):
        line_no = first_line + offset
        # an opening fence needs ``` or ~~~ and a heading a leading #: `in` is cheaper than the regexes
        match = _FENCE.match(raw) if fence is None and ("```" in raw or "~~~" in raw) else None
        if match:
            fence = match.group(1)
            current = CodeBlock(match.group(2).lower(), [])
            continue
        if fence is not None and current is not None:  # inside a code block (both are set together)
            if raw.strip().startswith(fence[0] * len(fence)) and raw.strip().strip(fence[0]) == "":
                blocks.append(current)
                fence, current = None, None
            else:
                current.lines.append((line_no, raw))
            previous = ""
            continue
        heading = _HEADING.match(raw) if raw.startswith("#") else None
        if heading:
            headings.append((len(heading.group(1)), heading_text(heading.group(2)), line_no))
        elif previous and _SETEXT.match(raw) and not previous.startswith(("#", "|", ">", "-", "*", "+")):
            headings.append((1 if raw.lstrip()[0] == "=" else 2, previous, line_no - 1))  # Title\n=====
            raw = ""
        previous = raw.strip()
    if current is not None:
        blocks.append(current)
    return headings, blocks


_METADATA_LINE = Lazy(
    r"^[*_]*(owners?|status|date|(last )?(updated|reviewed|modified|edited)|authors?|version|"
    r"applies to|audience|time|created|maintainers?|tags|reviewers?|scope|issue|result)[*_]*:",
    re.IGNORECASE,
)


# Lines that carry no prose: MyST targets `(label)=`, badge/image rows, bare HTML tags.
_NOISE_LINE = Lazy(
    r"^(\([^)]*\)=|([=\-~^\"'`#*+])\2{2,}|(\[?!\[[^\]]*\]\([^)]*\)(\]\([^)]*\))?\s*)+|<[^>]+>\s*(<[^>]+>\s*)*)$"
)
# A link in prose, which a description shows by its text: [Kakoune](https://kakoune.org) -> Kakoune.
_LINK_TEXT = Lazy(r"(?<!!)\[([^\]\n]{1,200})\]\([^)\s]{1,500}(?:\s+\"[^\"]*\")?\)")
_SETEXT = Lazy(r"^ {0,3}(?:=+|-{2,})[ \t]*$")
_LIST_ITEM = Lazy(r"^(?:[-*+]|\d+[.)])\s")


def first_paragraph(body: str, limit: int = 400) -> str:
    """The first prose paragraph of a markdown body, skipping headings, code, comments and
    metadata paragraphs such as `**Owner**: platform` / `Last updated: 2026-02-02`."""
    first = None
    for paragraph in _paragraphs(body):
        first = first or paragraph
        if not all(_METADATA_LINE.match(line) or _LIST_ITEM.match(line) for line in paragraph):
            return shorten(_LINK_TEXT.sub(r"\1", " ".join(paragraph)), limit)
    return shorten(" ".join(first), limit) if first else ""


def opens_with_list(body: str) -> bool:
    """Whether the body's first paragraph past any metadata lines (`Owner: ...`) is a list."""
    for paragraph in _paragraphs(body):
        if all(_METADATA_LINE.match(line) for line in paragraph):
            continue
        return all(_LIST_ITEM.match(line) or _METADATA_LINE.match(line) for line in paragraph)
    return False


def _paragraphs(body: str):
    paragraph: list[str] = []
    in_fence = False
    in_comment = False
    for raw in body.splitlines():
        stripped = raw.strip()
        if _FENCE.match(raw):
            in_fence = not in_fence
            if paragraph:
                yield paragraph
                paragraph = []
            continue
        if in_fence:
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if len(paragraph) == 1 and _SETEXT.match(stripped):
            paragraph = []  # `Contributing` underlined with ===: a title, not prose
            continue
        if not stripped or stripped.startswith("#") or stripped in ("---", "***"):
            if paragraph:
                yield paragraph
                paragraph = []
            continue
        if (stripped.startswith(("|", ">")) and not paragraph) or _NOISE_LINE.match(stripped):
            continue
        paragraph.append(stripped)
    if paragraph:
        yield paragraph


def shorten(text: str, limit: int = 400) -> str:
    """Collapse whitespace and cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


_MD_LINK = Lazy(r"!?\[[^\[\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_CODE_PATH = Lazy(
    r"`((?:\./)?(?:[\w.-]+/)+[\w.-]+\.[A-Za-z0-9]{1,8}"
    r"|(?:\./)?(?:scripts|references|assets|tools|bin)/[\w.-]+)`"
)


def linked_paths(body: str) -> list[str]:
    """The relative targets of a body's markdown links, anchor and query cut: `[guide](./setup.md#x)` -> ./setup.md."""
    if "](" not in body:
        return []
    targets = (m.group(1).split("#", 1)[0].split("?", 1)[0] for m in _MD_LINK.finditer(body))
    return [t for t in targets if t and not _is_external(t)]


def referenced_paths(body: str, first_line: int = 1) -> list[tuple[str, int]]:
    """Relative file references in a body: markdown links and backticked paths like `scripts/x.py`."""
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    if "](" not in body and "`" not in body:
        return found
    for offset, line in enumerate(body.splitlines()):
        # a link needs "](" and a code path a backtick: most lines have neither, and `in` is cheap
        candidates = [m.group(1) for m in _MD_LINK.finditer(line)] if "](" in line else []
        if "`" in line:
            candidates += [m.group(1) for m in _CODE_PATH.finditer(line)]
        for target in candidates:
            target = target.split("#", 1)[0].split("?", 1)[0]
            if not target or target in seen or _is_external(target):
                continue
            seen.add(target)
            found.append((target, first_line + offset))
    return found


def _is_external(target: str) -> bool:
    return "://" in target or target.startswith(("mailto:", "#", "/", "~", "$", "{", "<")) or "*" in target
