"""The task record and helpers shared by the task-runner file parsers (Makefile, justfile, ...)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from skilldex.markdown import shorten

MAX_DESCRIPTION_CHARS = 300
MAX_COMMAND_CHARS = 500  # a preview for the catalogue, not something to paste into a shell
MAX_COMMAND_LINES = 3


@dataclass
class TaskDef:
    """One runnable task declared in a task-runner file."""

    name: str  # target / recipe / script name
    description: str  # "" when none could be found
    line: int | None  # 1-based line of the definition
    command: str | None  # what it runs: recipe lines joined with " && ", or an entry point
    # pyproject only: "python-scripts" (installed console scripts) or "poe" (task-runner tables)
    runner: str | None = None
    # compose only: its file is a layer over the folder's base compose file, so the two run together
    overlay: bool = False
    # compose only: an undescribed service running the repo's own code (built here, or an image named by a
    # variable): its name is a part of the product ("ingest-monitors" in Sentry), not a capability of the repo
    own: bool = False
    # make only: (variable, default) of the variables its recipe uses that the Makefile gives a plain default
    defaults: tuple[tuple[str, str], ...] = ()


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
    from skilldex import tomlfile  # lazy: most repos have no TOML task file

    try:
        return tomlfile.loads(text)
    except tomlfile.TOMLDecodeError as exc:
        raise TaskFileError(f"invalid TOML in {what}: {exc}") from None
    except RecursionError:
        raise TaskFileError(f"invalid TOML in {what}: nested too deep") from None


def reached_as(fs, rel: str, links: Iterable[tuple[str, list[str]]], follow: Callable[[str], str | None],
               sep: str) -> str | None:
    """The prefix ("ns:", "kube ") under which a task file's links ((name, candidate paths) of its includes or
    modules) reach `rel`: directly, or through the first candidate that exists, which `follow` searches in turn."""
    for name, candidates in links:
        for candidate in candidates:
            if candidate == rel:
                return f"{name}{sep}"
            if fs.exists(candidate):
                deeper = follow(candidate)
                if deeper is not None:
                    return f"{name}{sep}{deeper}"
                break
    return None
