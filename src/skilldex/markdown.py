"""Markdown reading: frontmatter split with line numbers, a hardened YAML load, headings, code, links."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_YAML_ALIASES = 50  # real manifests use a handful of aliases at most
MAX_YAML_NODES = 20_000  # alias bombs stay small as YAML and explode once expanded: cap the expansion
MAX_YAML_CHARS = 64 * 1024


class FrontmatterError(Exception):
    """Frontmatter that cannot be read; `kind` names the rule, `line` is 1-based in the file."""

    def __init__(self, kind: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Field:
    """Where a top-level frontmatter key and its value sit (1-based), and how the value was written."""

    line: int
    column: int
    value_line: int
    value_column: int
    node: str  # scalar | sequence | mapping
    raw: str | None  # a scalar's text before typing (`123`, `true`), as strict YAML loaders see it
    flow: bool  # written inline as [a, b] or {a: b}


@dataclass
class Document:
    """A markdown file split into frontmatter and body."""

    has_frontmatter: bool
    frontmatter: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_start: int = 1  # 1-based line where the body begins
    frontmatter_text: str = ""
    key_lines: dict[str, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    fields: dict[str, Field] = field(default_factory=dict)
    error: str | None = None  # set when frontmatter was present but unreadable (a finding says why)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, records key lines and duplicates, and caps aliases."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.alias_count = 0
        self.key_lines: dict[str, int] = {}
        self.duplicate_keys: list[tuple[str, int]] = []

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_YAML_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.MarkedYAMLError(
                    problem=f"more than {MAX_YAML_ALIASES} YAML aliases (possible alias bomb)",
                    problem_mark=mark,
                )
        return super().compose_node(parent, index)


# Timestamps stay strings: manifests say `updated: 2026-02-02` and JSON has no date type.
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# libyaml (when PyYAML was built with it) parses the common case several times faster. It is used
# only for documents it reads without error and without the characters below; anything else goes
# through the pure-Python loader above, whose alias cap and error messages are the reference.
_CLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


# Where the two parsers disagree, PyYAML decides: anchors and aliases (the alias cap), tabs and
# stray BOMs (libyaml accepts or counts them differently), and `?` inside flow collections.
_PYTHON_ONLY = re.compile("[&*\t\ufeff]|\\?.*[\\[{]|[\\[{].*\\?", re.DOTALL)


def _compose(text: str) -> tuple[Any, Any]:
    """(loader, root node), by libyaml when it can be trusted with `text`, else by pure Python."""
    if _CLoader is not None and not _PYTHON_ONLY.search(text):
        loader = _CLoader(text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
    loader = _Loader(text)
    return loader, loader.get_single_node()


class _TooBig(Exception):
    pass


def _json_safe(value: Any, budget: list[int] | None = None) -> Any:
    """A JSON-ready copy (dates as ISO text); raises _TooBig past MAX_YAML_NODES values."""
    budget = budget if budget is not None else [MAX_YAML_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    if isinstance(value, dict):
        return {str(k).translate(_RESTORE): _json_safe(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_json_safe(v, budget) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, str):
        return value.translate(_RESTORE)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return str(value)


def load_yaml(
    text: str, first_line: int = 1, fields: dict[str, Field] | None = None
) -> tuple[Any, dict[str, int], list[tuple[str, int]]]:
    """Load YAML safely; return (data, top-level key lines, duplicate keys). Raises FrontmatterError.

    When `fields` is given, it is filled with each top-level key's position and value shape.
    """
    if len(text) > MAX_YAML_CHARS:
        raise FrontmatterError(
            "yaml-too-large", f"frontmatter is {len(text):,} characters (limit {MAX_YAML_CHARS:,})", first_line
        )
    text = text.translate(_AS_TEXT)
    loader = None
    try:
        loader, node = _compose(text)
        if node is None:
            return None, {}, []
        key_lines: dict[str, int] = {}
        duplicates: list[tuple[str, int]] = []
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value).translate(_RESTORE)
                line = key_node.start_mark.line + first_line
                if key in key_lines:
                    duplicates.append((key, line))
                else:
                    key_lines[key] = line
                if fields is not None:
                    fields[key] = _field(key_node, value_node, first_line)
                duplicates.extend(_nested_duplicates(value_node, key, first_line))
        data = _json_safe(loader.construct_document(node))
    except _TooBig:
        raise FrontmatterError(
            "invalid-yaml", f"YAML expands to more than {MAX_YAML_NODES:,} values (alias bomb?)", first_line
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        problem = exc.problem or str(exc)
        raise FrontmatterError("invalid-yaml", f"invalid YAML: {problem}", line, column) from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow, e.g. DEL or ESC
        line = text[: exc.position].count("\n") + first_line
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise FrontmatterError(
            "invalid-yaml", f"invalid YAML: control character U+{exc.character:04X} is not allowed", line, column
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise FrontmatterError("invalid-yaml", f"invalid YAML: {exc}", first_line) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, key_lines, duplicates


# PyYAML follows YAML 1.1, where NEL, U+2028 and U+2029 break lines; YAML 1.2 (and Claude Code's
# loader) reads them as ordinary characters. Hide them from PyYAML, then restore them in values.
_AS_TEXT = {0x85: 0xE085, 0x2028: 0xE028, 0x2029: 0xE029}
_RESTORE = {v: k for k, v in _AS_TEXT.items()}


def _nested_duplicates(node: yaml.Node, path: str, first_line: int, budget: list[int] | None = None):
    """Keys repeated inside nested mappings, as (dotted.key, line); bounded like the expansion cap."""
    budget = budget if budget is not None else [MAX_YAML_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        return []
    found: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value).translate(_RESTORE)
            if key in seen:
                found.append((f"{path}.{key}", key_node.start_mark.line + first_line))
            seen.add(key)
            found.extend(_nested_duplicates(value_node, f"{path}.{key}", first_line, budget))
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            found.extend(_nested_duplicates(child, f"{path}[{index}]", first_line, budget))
    return found


def _field(key_node: yaml.Node, value_node: yaml.Node, first_line: int) -> Field:
    is_scalar = isinstance(value_node, yaml.ScalarNode)
    return Field(
        line=key_node.start_mark.line + first_line,
        column=key_node.start_mark.column + 1,
        value_line=value_node.start_mark.line + first_line,
        value_column=value_node.start_mark.column + 1,
        node="scalar" if is_scalar else "sequence" if isinstance(value_node, yaml.SequenceNode) else "mapping",
        raw=value_node.value.translate(_RESTORE) if is_scalar else None,
        flow=bool(getattr(value_node, "flow_style", False)),
    )


# Markdown lines end at \n, \r\n or \r only (str.splitlines would also split at U+2028, \x0b, \x1c...).
_LINE_END = re.compile(r"\r\n?|\n")
# A line starting with `---`: the only lines that can close frontmatter. Searched for instead of splitting
# the whole file into lines, which cost more than the YAML on long bodies.
_DASHES_LINE = re.compile(r"[\r\n](---[^\r\n]*)")


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


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([\w+-]*)")


@dataclass
class CodeBlock:
    language: str
    lines: list[tuple[int, str]]  # (1-based line, text)


def headings_and_code(body: str, first_line: int = 1) -> tuple[list[tuple[int, str, int]], list[CodeBlock]]:
    """Return ATX headings as (level, text, line) and fenced code blocks, skipping headings in code."""
    headings: list[tuple[int, str, int]] = []
    blocks: list[CodeBlock] = []
    fence: str | None = None
    current: CodeBlock | None = None
    for offset, raw in enumerate(body.splitlines()):
        line_no = first_line + offset
        # an opening fence needs ``` or ~~~ and a heading a leading #: `in` is cheaper than the regexes
        match = _FENCE.match(raw) if fence is None and ("```" in raw or "~~~" in raw) else None
        if match:
            fence = match.group(1)
            current = CodeBlock(match.group(2).lower(), [])
            continue
        if fence is not None:
            if raw.strip().startswith(fence[0] * len(fence)) and raw.strip().strip(fence[0]) == "":
                blocks.append(current)  # type: ignore[arg-type]
                fence, current = None, None
            else:
                current.lines.append((line_no, raw))  # type: ignore[union-attr]
            continue
        heading = _HEADING.match(raw) if raw.startswith("#") else None
        if heading:
            headings.append((len(heading.group(1)), heading.group(2).strip(), line_no))
    if current is not None:
        blocks.append(current)
    return headings, blocks


_METADATA_LINE = re.compile(
    r"^[*_]*(owners?|status|date|(last )?(updated|reviewed|modified|edited)|authors?|version|"
    r"applies to|audience|time|created|maintainers?|tags|reviewers?|scope|issue|result)[*_]*:",
    re.IGNORECASE,
)


# Lines that carry no prose: MyST targets `(label)=`, badge/image rows, bare HTML tags.
_NOISE_LINE = re.compile(
    r"^(\([^)]*\)=|([=\-~^\"'`#*+])\2{2,}|(\[?!\[[^\]]*\]\([^)]*\)(\]\([^)]*\))?\s*)+|<[^>]+>\s*(<[^>]+>\s*)*)$"
)
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")


def first_paragraph(body: str, limit: int = 400) -> str:
    """The first prose paragraph of a markdown body, skipping headings, code, comments and
    metadata paragraphs such as `**Owner**: platform` / `Last updated: 2026-02-02`."""
    first = None
    for paragraph in _paragraphs(body):
        first = first or paragraph
        if not all(_METADATA_LINE.match(line) or _LIST_ITEM.match(line) for line in paragraph):
            return shorten(" ".join(paragraph), limit)
    return shorten(" ".join(first), limit) if first else ""


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


_MD_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_CODE_PATH = re.compile(
    r"`((?:\./)?(?:[\w.-]+/)+[\w.-]+\.[A-Za-z0-9]{1,8}"
    r"|(?:\./)?(?:scripts|references|assets|tools|bin)/[\w.-]+)`"
)


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
    return (
        "://" in target
        or target.startswith(("mailto:", "#", "/", "~", "$", "{", "<"))
        or "*" in target
    )
