"""What a shell command line mentions: tools it runs, scripts it executes, the folder it `cd`s into."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from skilldex.doctor.task_calls import task_calls

# A slash-command name as Claude Code spells them: lowercase, digits, - or _, optionally `plugin:name`.
NAME = r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*(?::[a-z0-9]+(?:[-_][a-z0-9]+)*)?"
UNKNOWN = "\0"  # base folder after `cd $DIR`, `cd /abs` or `cd ~`: relative paths cannot be checked

SHELL_LANGS = frozenset({
    "", "sh", "bash", "shell", "console", "zsh", "ksh", "shell-session", "shellsession", "terminal",
})
TOOL_DIRS = ("tools", "tool", "scripts", "script", "bin", "hack")
_SEGMENT = r"[A-Za-z0-9_][\w.+-]*"
TOOL_PATH = re.compile(
    rf"(?<![\w.~$/@:%+-])(?:\./)?((?:{_SEGMENT}/)*(?:{'|'.join(TOOL_DIRS)})/{_SEGMENT}(?:/{_SEGMENT})*/?)"
)
_LEAD = r"(?:^|(?<=[\s;&|(]))"
INTERPRETED = re.compile(
    _LEAD + r"(?:sudo\s+)?(?:python[0-9.]*|bash|sh|zsh|ksh|node|ruby|perl|pwsh|php|bun|tsx|ts-node|deno\s+run)"
    r"(?:\s+-[\w-]+)*\s+(?:\./)?([A-Za-z0-9_.][\w./+-]*\.(?:py|sh|bash|zsh|js|mjs|cjs|ts|mts|rb|pl|ps1|php))"
    r"(?![\w/.-])"
)
DOT_SLASH = re.compile(_LEAD + r"\./(" + _SEGMENT + r"(?:/" + _SEGMENT + r")*)")
CLAUDE_PROMPT = re.compile(r"\bclaude\b[^\n\"']*?[\"']/(" + NAME + r")(?=[\s\"'])")
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
_SEPARATOR = re.compile(r"&&|\|\||[;|]")
_HEREDOC = re.compile(r"<<-?\s*['\"]?(\w+)['\"]?")
_TEMPLATED_AFTER = frozenset("${<*[%")
# Made by a build step, not kept in the repo.
GENERATED = frozenset({"configure", "a.out", "config.status"})


@dataclass(frozen=True)
class Mention:
    """Something a doc names: a skill (`target` without the slash), a tool or a file (a path as written)."""

    kind: str  # skill | tool | file | task
    target: str
    line: int
    column: int | None = None
    base: str | None = None  # folder a `cd`/working-directory made it relative to; None: the doc's folder or root
    link: bool = False  # a markdown link (relative to the doc's folder)
    runner: str | None = None  # a task's runner (make, npm, pnpm, yarn, bun); `file` is make's `-f`
    file: str | None = None


def mask(text: str, pattern: re.Pattern = _QUOTED) -> str:
    """Blank out matches with spaces so columns stay where they were."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def command_mentions(text: str, line: int, column: int = 1,
                     base: str | None = None) -> tuple[list[Mention], str | None]:
    """Tools and scripts one command line runs, and the base folder after it (a `cd` changes it)."""
    found: list[Mention] = []
    for match in CLAUDE_PROMPT.finditer(text):
        found.append(Mention("skill", match.group(1), line, column + match.start(1) - 1))
    plain = mask(mask(text, _EXPRESSION))
    start = 0
    for piece in [*_SEPARATOR.finditer(plain), None]:
        end = piece.start() if piece else len(plain)
        segment = plain[start:end]
        stripped = segment.strip()
        if stripped == "cd" or stripped.startswith("cd "):
            base = _cd(base, stripped[2:].strip())
        elif base != UNKNOWN:
            offset = column + start
            found.extend(_paths(segment, line, offset, base))
        start = piece.end() if piece else end
    return _unique(found), base


def _cd(base: str | None, arg: str) -> str:
    arg = arg.split()[0] if arg.split() else ""
    if not arg or arg[0] in "/~$-" or "`" in arg or base == UNKNOWN:
        return UNKNOWN
    joined = posixpath.normpath(posixpath.join(base or "", arg))
    return UNKNOWN if joined.startswith("..") else ("" if joined == "." else joined)


def _paths(segment: str, line: int, offset: int, base: str | None) -> list[Mention]:
    found = []
    for pattern in (TOOL_PATH, INTERPRETED, DOT_SLASH):
        for match in pattern.finditer(segment):
            target = match.group(1).rstrip(".,:;")
            after = segment[match.end(1):match.end(1) + 1]
            if not target or after in _TEMPLATED_AFTER or target in GENERATED or ".." in target.split("/"):
                continue
            found.append(Mention("tool", target, line, offset + match.start(1), base))
    for call in task_calls(segment):
        folder = base if call.folder is None else _cd(base, call.folder)
        if folder != UNKNOWN:
            found.append(Mention("task", call.name, line, offset + call.column, folder, runner=call.runner,
                                 file=call.file))
    return found


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    seen: dict[tuple, Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.line, m.column or 0)):
        seen.setdefault((m.kind, m.target.rstrip("/"), m.line), m)
    return list(seen.values())


def script_mentions(lines: Iterable[tuple[int, int, str]], base: str | None = None,
                    prompted: bool = False) -> list[Mention]:
    """Mentions in a script given as (line, column, text): `\\` continuations joined, comments and the
    bodies of heredocs (run elsewhere, e.g. over ssh) skipped; with `prompted`, only `$ ` lines count."""
    found: list[Mention] = []
    pending: tuple[int, int, str] | None = None
    heredoc: str | None = None
    for line, column, raw in lines:
        text = raw.rstrip()
        if heredoc is not None:
            heredoc = None if text.strip() == heredoc else heredoc
            continue
        if pending is not None:
            line, column, text = pending[0], pending[1], pending[2] + " " + text.strip()
            pending = None
        stripped = text.lstrip()
        column += len(text) - len(stripped)
        if prompted:
            if not stripped.startswith("$ "):
                continue
            stripped, column = stripped[2:], column + 2
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending = (line, column, stripped[:-1])
            continue
        code = _strip_comment(stripped)
        marker = _HEREDOC.search(code)
        if marker:
            heredoc = marker.group(1)
        mentions, base = command_mentions(code, line, column, base)
        found.extend(mentions)
    if pending is not None:
        found.extend(command_mentions(_strip_comment(pending[2]), pending[0], pending[1], base)[0])
    return found


def _strip_comment(text: str) -> str:
    """The command without a trailing ` # comment` (a # inside quotes stays)."""
    plain = mask(text)
    index = plain.find(" #")
    return text[:index].rstrip() if index >= 0 else text
