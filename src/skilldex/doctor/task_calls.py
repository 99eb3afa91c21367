"""Which task a shell command runs: `make -C infra plan`, `npm run build`, `pnpm run lint`.

Only forms whose target can be checked against one file are read: a make target (the folder from `-C`, the file
from `-f`) and a package.json script run with `run` (npm, pnpm, yarn, bun). Anything templated, or run across
workspaces (`--filter`, `-w`, `--prefix`), is left alone: doctor cannot tell which file answers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_TARGET = re.compile(r"^[A-Za-z0-9_][\w.:@+-]*$")
_SCRIPT = re.compile(r"^[A-Za-z0-9_@][\w.:@+-]*$")
# make options whose value is the next word (`-C dir`, `-f file`, `-o file`, `-I dir`, `-W file`, `-l 2`).
_MAKE_VALUED = {
    "-C",
    "-f",
    "-o",
    "-I",
    "-W",
    "-l",
    "--directory",
    "--file",
    "--makefile",
    "--old-file",
    "--include-dir",
    "--what-if",
    "--new-file",
    "--assume-new",
    "--assume-old",
    "--load-average",
}
_FILE = re.compile(r"\.(?:[cm]?[jt]sx?|json)$")
_NODE_CLIENTS = {"npm", "pnpm", "yarn", "bun"}
# Flags that run a script somewhere else than the folder's own package.json.
_ELSEWHERE = {
    "-w",
    "--workspace",
    "--workspaces",
    "-ws",
    "--filter",
    "-F",
    "-r",
    "--recursive",
    "--prefix",
    "-C",
    "--dir",
    "--cwd",
    "--if-present",
    "-g",
    "--global",
    "workspace",
    "workspaces",
}


@dataclass(frozen=True)
class TaskCall:
    """`runner` (make, or the package.json client: npm, pnpm, yarn, bun) runs `name`, defined in `file`
    (None: the runner's default) under `folder`."""

    runner: str
    name: str
    column: int  # 0-based, in the segment
    folder: str | None = None  # from `make -C`; None: wherever the command runs
    file: str | None = None  # from `make -f`


def task_calls(segment: str) -> list[TaskCall]:
    """The tasks one command (no `&&`, `;` or `|` inside) runs; quoted words are expected masked out."""
    words = [(m.group(0), m.start()) for m in _WORD.finditer(segment)]
    while words and (_ASSIGNMENT.match(words[0][0]) or words[0][0] in ("sudo", "env", "time", "exec")):
        words = words[1:]  # `ENV=prod make plan`, `sudo make install`
    if not words:
        return []
    program = words[0][0].rsplit("/", 1)[-1] if words[0][0].startswith("/usr/") else words[0][0]
    if program in ("make", "gmake"):
        return _make(words[1:])
    if program in _NODE_CLIENTS:
        return _node(program, words[1:])
    return []


def _make(words: list[tuple[str, int]]) -> list[TaskCall]:
    folder = file = None
    targets: list[tuple[str, int]] = []
    index = 0
    while index < len(words):
        word, column = words[index]
        index += 1
        option, _, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if option in _MAKE_VALUED or (word[:2] in ("-C", "-f") and len(word) > 2):
            if not value and option in _MAKE_VALUED:
                value = words[index][0] if index < len(words) else ""
                index += 1
            value = value or word[2:]
            if option in ("-C", "--directory") or word.startswith("-C"):
                folder = value
            elif option in ("-f", "--file", "--makefile") or word.startswith("-f"):
                file = value
        elif word in ("-j", "--jobs") and index < len(words) and words[index][0].isdigit():
            index += 1  # `-j 4`: the count is not a target
        elif word.startswith("-") or _ASSIGNMENT.match(word):
            continue  # a flag or `VAR=value`
        elif not _TARGET.match(word) or "." in word or word.endswith(":"):
            return []  # templated (`$(X)`, `<target>`), a file to build (`app.o`), or prose
        else:
            targets.append((word, column))
    if not _plain(folder) or not _plain(file):
        return []
    return [TaskCall("make", name, column, folder, file) for name, column in targets]


def _node(client: str, words: list[tuple[str, int]]) -> list[TaskCall]:
    """`npm run build` (also run-script and yarn/pnpm/bun `run`), never `npm test` or `yarn build`: a bare word
    can be the client's own command."""
    if any(word in _ELSEWHERE or word.split("=", 1)[0] in _ELSEWHERE for word, _ in words):
        return []
    if len(words) < 2 or words[0][0] not in ("run", "run-script"):
        return []
    name, column = words[1]
    if not _SCRIPT.match(name) or _FILE.search(name):
        return []  # `bun run index.ts` runs a file
    return [TaskCall(client, name, column)]


def _plain(path: str | None) -> bool:
    """A folder or file name doctor can look up: relative and not templated."""
    return path is None or bool(path) and not path.startswith(("/", "~", "$", "-")) and not set(path) & set("$`<>{}*")
