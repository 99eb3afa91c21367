"""What the task-file parsers share: the parse error, and reading text, JSON and TOML into descriptions,
command previews and line numbers."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable

from skilldex import tomlfile
from skilldex.markdown import shorten

MAX_DESCRIPTION_CHARS = 300
MAX_COMMAND_CHARS = 500  # a preview for the catalogue, not something to paste into a shell
MAX_COMMAND_LINES = 3
_TOML_HEADER = re.compile(r"[ \t]*\[\[?([^\]\n]*)\]")
_TOML_SEGMENT_TEXT = r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_-]+)"""
_TOML_SEGMENT = re.compile(_TOML_SEGMENT_TEXT)
_TOML_KEY_LINE = re.compile(rf"[ \t]*({_TOML_SEGMENT_TEXT}(?:[ \t]*\.[ \t]*{_TOML_SEGMENT_TEXT})*)[ \t]*=")


class TaskFileError(Exception):
    """A task file that cannot be parsed at all; `line` is 1-based where known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def clean_description(text: object) -> str:
    """Whitespace-collapsed and capped; anything that is not text counts as no description."""
    if isinstance(text, list):
        text = " ".join(item for item in text if isinstance(item, str))
    if not isinstance(text, str):
        return ""
    return shorten(text, MAX_DESCRIPTION_CHARS)


def join_commands(lines: Iterable[str]) -> str | None:
    """The first few non-blank, non-comment lines joined with " && "; None when there are none.

    Lines left out are counted at the end (`&& … (+4 more)`), so a reader never takes the preview for the
    whole recipe.
    """
    picked: list[str] = []
    more = 0
    for chunk in lines:
        for line in chunk.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if len(picked) < MAX_COMMAND_LINES:
                picked.append(line)
            else:
                more += 1
    if not picked:
        return None
    marker = f" && … (+{more} more)" if more else ""
    return _cap(" && ".join(picked), MAX_COMMAND_CHARS - len(marker)) + marker


def _cap(command: str, limit: int = MAX_COMMAND_CHARS) -> str:
    if len(command) <= limit:
        return command
    return command[: limit - 1] + "…"


def split_lines(text: str) -> list[str]:
    """Lines split at LF, CRLF or CR; unlike str.splitlines, form feeds do not split."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class LineIndex:
    """Maps character offsets in a text to 1-based line numbers."""

    def __init__(self, text: str):
        self._newlines = [match.start() for match in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self._newlines, offset) + 1


def line_of(text: str, pattern: str) -> int | None:
    """The 1-based line where `pattern` (multiline) first matches, or None."""
    match = re.search(pattern, text, re.MULTILINE)
    return LineIndex(text)(match.start()) if match else None


def load_toml(text: str, what: str) -> dict:
    """A task file's TOML, or TaskFileError naming `what`."""
    try:
        return tomlfile.loads(text)
    except tomlfile.TOMLDecodeError as exc:
        raise TaskFileError(f"invalid TOML in {what}: {exc}") from None
    except RecursionError:
        raise TaskFileError(f"invalid TOML in {what}: nested too deep") from None


def load_json(text: str, what: str) -> dict:
    """A task file's top-level JSON object ({} for any other value), or TaskFileError naming `what`."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise TaskFileError(f"invalid JSON in {what}: {exc.msg}", exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise TaskFileError(f"invalid JSON in {what}: {exc}") from None
    return data if isinstance(data, dict) else {}


def key_line(text: str, key: str, within: str) -> int | None:
    """The line of `"key":` after the `"within":` object's key (so a script `name` is not the package's)."""
    start = re.search(rf'"{re.escape(within)}"\s*:', text)
    match = re.compile(rf'"{re.escape(key)}"\s*:').search(text, start.end() if start else 0)
    return LineIndex(text)(match.start()) if match else None


class TomlLines:
    """Finds the line that defines `table.name` in raw TOML text: a `[table.name]` header, a `name = ...` key
    under `[table]`, or a dotted `table.name = ...`; read in one pass, never parsed."""

    def __init__(self, text: str):
        self._lines = text.replace("\r\n", "\n").split("\n")
        self._keys: dict[tuple[str, ...], int] = {}  # key path prefix -> first defining line
        table: tuple[str, ...] = ()
        for number, line in enumerate(self._lines):
            header = _TOML_HEADER.match(line)
            key = None if header else _TOML_KEY_LINE.match(line)
            if header:
                table, path = (), _segments(header.group(1))
            elif key:
                path = table + _segments(key.group(1))
            else:
                continue
            for end in range(len(table) + 1, len(path) + 1):
                self._keys.setdefault(path[:end], number + 1)
            if header:
                table = path

    def find(self, table: tuple[str, ...], name: str) -> int | None:
        line = self._keys.get((*table, name))
        if line is not None:
            return line
        # Inline tables (`scripts = { x = "..." }`): the first mention as a key.
        escaped = re.escape(name)
        loose = re.compile(rf"(?:^|[\s{{,])(?:\"{escaped}\"|'{escaped}'|{escaped})[ \t]*=")
        for number, text in enumerate(self._lines):
            if loose.search(text):
                return number + 1
        return None


def _segments(path: str) -> tuple[str, ...]:
    return tuple(s[1:-1] if s[0] in "\"'" else s for s in _TOML_SEGMENT.findall(path))


OPENING_COMMENT_LINES = 10


def opening_comment(text: str) -> str:
    """The `#` comment a file opens with (its first lines, up to the first that is not a comment), as one line:
    what its authors say the file is for."""
    comment: list[str] = []
    for line in split_lines(text.lstrip("\ufeff"))[:OPENING_COMMENT_LINES]:
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        comment.append(stripped.lstrip("#").strip())
    return " ".join(c for c in comment if c)
