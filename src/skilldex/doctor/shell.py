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
CLONED = "\1"  # base folder after `git clone URL x && cd x`: this repo's root if the paths are there, else another repo

SHELL_LANGS = frozenset(
    {
        "",
        "sh",
        "bash",
        "shell",
        "console",
        "zsh",
        "ksh",
        "shell-session",
        "shellsession",
        "terminal",
    }
)
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
# Where a command writes: `curl -o x`, `curl -Lo x`, `wget -O x`, `--output x`, `--secret-file x`, `> x`.
_WRITES = re.compile(
    r"(?:\s-[A-Za-z]*[oO]|\s--(?:output|out|out-?dir|output-?dir(?:ectory)?|output-document|[\w-]+-file|path|dest)"
    r")(?:=|\s+)(\S+)|\d?>>?\s*(\S+)"
)
_CLONE = re.compile(r"^git\s+clone\s+(?:-{1,2}[\w-]+(?:[=\s]\S+)?\s+)*(\S+?)(?:\.git)?/?(?:\s+(\S+))?\s*$")
_UNPACKS = re.compile(r"^(?:sudo\s+)?(?:unzip|tar\s+-?[a-z]*x|nix\s+build|nix-build|cargo\s+build|go\s+build)\b")
# What may stand before a command: `sudo`, `env`, `time`, `VAR=value`.
_PREFIX = re.compile(r"^(?:\s*(?:sudo|env|time|nohup|exec|command|[A-Za-z_]\w*=\S*)\s+)*\s*$")
# ... and before the script an interpreter runs: `python3 -u`, `bash`, `uv run`, `npx tsx`.
_RUNNER = re.compile(
    r"^(?:\s*(?:sudo|env|time|nohup|exec|command|[A-Za-z_]\w*=\S*|python[0-9.]*|bash|sh|zsh|node|ruby|perl|php|"
    r"pwsh|bun|deno|tsx|ts-node|npx|uv|poetry|pipenv|pdm|hatch|run|source|\.|-{1,2}[\w-]+)\s+)*\s*$"
)
# The rest of the line runs somewhere else: in a container, on a server, in an app's dyno.
_ELSEWHERE = re.compile(
    r"^\s*(?:sudo\s+)?(?:docker(?:\s+compose)?\s+(?:exec|run)|docker-compose\s+(?:exec|run)|"
    r"kubectl\s+exec|podman\s+(?:exec|run)|dokku\s+(?:enter|run)|heroku\s+run|ssh|"
    r"vagrant\s+ssh|fly\s+ssh)\b"
)
_MKDIR = re.compile(r"^(?:sudo\s+)?mkdir\s+(.+)$")
# `python -m venv antenv`, `virtualenv .venv`, `uv venv env`: a virtualenv made here, with its `bin/activate`.
_VENV = re.compile(r"^(?:sudo\s+)?(?:python[0-9.]*\s+-m\s+venv|virtualenv|uv\s+venv)\s+(?:-[\w-]+\s+)*([^\s-]\S*)")
_DOMAIN_START = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/")


class ShellState:
    """What earlier commands of one script did: files they wrote, repos they cloned, archives they unpacked."""

    def __init__(self) -> None:
        self.made: set[str] = set()
        self.clones: set[str] = set()
        self.unpacked = False
        self.subshells: list[str | None] = []  # the folder each open `(` subshell started in

    def note(self, segment: str) -> None:
        stripped = segment.strip()
        clone = _CLONE.match(stripped)
        if clone:
            self.clones.add(clone.group(2) or clone.group(1).rsplit("/", 1)[-1].rsplit(":", 1)[-1])
        made = _MKDIR.match(stripped)
        if made:  # `mkdir -p poc && cd poc`: a new folder, not one of this repo
            self.made.update(w.removeprefix("./").split("/", 1)[0] for w in made.group(1).split() if w[0] != "-")
        venv = _VENV.match(stripped)
        if venv:
            self.made.add(venv.group(1).removeprefix("./").split("/", 1)[0])
        if _UNPACKS.match(stripped):
            self.unpacked = True  # `unzip awscliv2.zip && sudo ./aws/install`, `nix build && ./result/bin/x`
        for match in _WRITES.finditer(" " + segment):
            written = (match.group(1) or match.group(2) or "").strip("'\"").removeprefix("./").rstrip("/")
            if written and not written.startswith(("&", "/dev/")):
                self.made.add(written.split("/", 1)[0])

    def made_here(self, target: str) -> bool:
        return self.unpacked or target.removeprefix("./").split("/", 1)[0] in self.made


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
    # Written as an order to run it (a command line, a code-block `/name`, a numbered step, "use the name skill"),
    # not only named in passing (a bulleted list of related skills, "integrates with `/x`"): a missing one is then
    # an error, else a warning.
    command: bool = False
    # The folder an earlier code block of the same doc `cd`'d into and never left: a walkthrough's reader is still
    # there (UNKNOWN: somewhere outside this repo). None: no earlier block moved.
    after: str | None = None


def mask(text: str, pattern: re.Pattern = _QUOTED) -> str:
    """Blank out matches with spaces so columns stay where they were."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def command_mentions(
    text: str, line: int, column: int = 1, base: str | None = None, state: ShellState | None = None
) -> tuple[list[Mention], str | None]:
    """Tools and scripts one command line runs, and the base folder after it (a `cd` changes it)."""
    state = state or ShellState()
    found: list[Mention] = []
    quoted = mask(text)
    for match in CLAUDE_PROMPT.finditer(text):
        # `tmux send-keys "claude '/x'"`: the prompt of a command that another command's argument only shows
        ordered = quoted[match.start()] != " "
        found.append(Mention("skill", match.group(1), line, column + match.start(1) - 1, command=ordered))
    plain = mask(mask(text, _EXPRESSION))
    entry = base
    # `(cd repos/lib && ./scripts/x.sh)`: a subshell; its `cd` holds until the closing parenthesis
    subshell = plain.lstrip().startswith("(")
    start = 0
    for piece in [*_SEPARATOR.finditer(plain), None]:
        end = piece.start() if piece else len(plain)
        segment = plain[start:end]
        stripped = segment.strip().lstrip("(").lstrip()
        if stripped == "cd" or stripped.startswith("cd "):
            arg = stripped[2:].strip()
            top = arg.removeprefix("./").split("/", 1)[0]
            cloned = top in state.clones and base in (None, "")
            base = CLONED if cloned else UNKNOWN if top in state.made else _cd(base, arg)
        elif base != UNKNOWN:
            offset = column + start
            found.extend(
                m for m in _paths(segment, line, offset, base) if m.kind == "task" or not state.made_here(m.target)
            )
            state.note(segment)
        start = piece.end() if piece else end
    opened = plain.count("(") - plain.count(")")
    if subshell and opened > 0:
        state.subshells.append(entry)  # `(cd repos/app && bash -c '` ... `')`: closed on a later line
    elif subshell:
        base = entry
    elif opened < 0 and state.subshells:
        base = state.subshells.pop()
    return _unique(found), base


def _cd(base: str | None, arg: str) -> str:
    arg = arg.split()[0] if arg.split() else ""
    if not arg or arg[0] in "/~$-" or "`" in arg or base in (UNKNOWN, CLONED):
        return UNKNOWN
    joined = posixpath.normpath(posixpath.join(base or "", arg))
    return UNKNOWN if joined.startswith("..") else ("" if joined == "." else joined)


def _paths(segment: str, line: int, offset: int, base: str | None) -> list[Mention]:
    found: list[Mention] = []
    if _ELSEWHERE.match(segment):
        return found  # `dokku enter app web python script/worker.py`: a path in the container, not here
    for pattern in (TOOL_PATH, INTERPRETED, DOT_SLASH):
        for match in pattern.finditer(segment):
            target = match.group(1).rstrip(".,:;")
            after = segment[match.end(1) : match.end(1) + 1]
            if not target or after in _TEMPLATED_AFTER or target in GENERATED or ".." in target.split("/"):
                continue
            if pattern is DOT_SLASH and not _PREFIX.match(segment[: match.start()]):
                continue  # `mogrify -path ./output`, `gdb ./packed`: an argument, not the command run
            if pattern is TOOL_PATH and (_DOMAIN_START.match(target) or segment[match.end(1) :].startswith("@")):
                continue  # `go install honnef.co/go/tools/cmd/staticcheck@latest`: a module path
            runs = pattern is INTERPRETED or bool(_RUNNER.match(segment[: match.start()]))
            # `--seed ./scripts/seed.ts`: an argument names the file, the command does not run it
            found.append(Mention("tool", target, line, offset + match.start(1), base, command=runs))
    for call in task_calls(segment):
        folder = base if call.folder is None else _cd(base, call.folder)
        if folder != UNKNOWN:
            found.append(
                Mention("task", call.name, line, offset + call.column, folder, runner=call.runner, file=call.file)
            )
    return found


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    seen: dict[tuple, Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.line, m.column or 0)):
        seen.setdefault((m.kind, m.target.rstrip("/"), m.line), m)
    return list(seen.values())


def script_mentions(
    lines: Iterable[tuple[int, int, str]], base: str | None = None, prompted: bool = False
) -> list[Mention]:
    """Mentions in a script given as (line, column, text): `\\` continuations joined, comments and the
    bodies of heredocs (run elsewhere, e.g. over ssh) skipped; with `prompted`, only `$ ` lines count."""
    return script_walk(lines, base, prompted)[0]


def script_walk(
    lines: Iterable[tuple[int, int, str]], base: str | None = None, prompted: bool = False
) -> tuple[list[Mention], str | None]:
    """script_mentions, and the folder the script ends in (a `cd` it never undid)."""
    found: list[Mention] = []
    pending: tuple[int, int, str] | None = None
    heredoc: str | None = None
    state = ShellState()
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
        mentions, base = command_mentions(code, line, column, base, state)
        found.extend(mentions)
    if pending is not None:
        mentions, base = command_mentions(_strip_comment(pending[2]), pending[0], pending[1], base, state)
        found.extend(mentions)
    return found, base


def _strip_comment(text: str) -> str:
    """The command without a trailing ` # comment` (a # inside quotes stays)."""
    plain = mask(text)
    index = plain.find(" #")
    return text[:index].rstrip() if index >= 0 else text
