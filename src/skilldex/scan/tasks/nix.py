"""nix: commands a Nix file puts on the development shell's PATH, read as text, never evaluated.

`writeShellScriptBin "name" ''...''`, `writeScriptBin "name"`, `writeShellApplication { name = "..."; }` and
helpers of the same shape that carry their own help (PostgREST's `checkedShellScript { name = "..."; docs =
"..."; }`): a developer runs them inside `nix-shell` (or `nix develop` for a flake), so that is how they are run.
A name the file computes (`"postgrest-with-${name}"`) is not known without evaluating Nix: left out.
"""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import LineIndex, clean_description

MAX_COMMANDS = 200
MAX_COMMENT_CHARS = 2000  # the comment above a command: a few lines, never the file before it
MAX_BLOCK_CHARS = 4000  # the attribute set of one command: name, docs, args; its script comes after
# `writeShellScriptBin "name"` (also as `pkgs.writeScriptBin`): the name is the first argument
_BIN = re.compile(r"""\bwrite(?:Shell)?ScriptBin[ \t\r\n]+"([\w.+-]+)\"""")
# `writeShellApplication {` or a helper of that shape, `checkedShellScript {`: the name is inside the set
_APPLICATION = re.compile(r"\b(?:writeShellApplication|[a-z]\w*ShellScript)[ \t\r\n]*\{")
_NAME = re.compile(r"""(?<![\w.])name[ \t]*=[ \t]*"([\w.+-]+)"[ \t]*;""")
_INHERIT_NAME = re.compile(r"(?<![\w.])inherit[ \t]+name[ \t]*;")
_DOCS = re.compile(r"""(?<![\w.])(?:docs|description|meta\.description)[ \t]*=[ \t\r\n]*(''|")""")
_COMMENT = re.compile(r"^[ \t]*#[ \t]?(.*)$")


def parse_nix(text: str) -> list[TaskDef]:
    """The commands defined in a Nix file, in file order; a name met twice keeps its first."""
    found: dict[str, TaskDef] = {}
    line = LineIndex(text)
    for match in _BIN.finditer(text):
        if len(found) >= MAX_COMMANDS:
            break
        _add(found, match.group(1), _comment_above(text, match.start()), line(match.start()))
    for match in _APPLICATION.finditer(text):
        if len(found) >= MAX_COMMANDS:
            break
        block = _block(text, match.end() - 1)
        named = _NAME.search(block)
        if named is None and _INHERIT_NAME.search(block):
            named = _last(_NAME, text[max(0, match.start() - 400) : match.start()])  # `let name = "..."; in`
        if named is None:
            continue  # a name the file computes, or a set that is no command
        docs = _DOCS.search(block)
        said = _string(block, docs.end() - len(docs.group(1))) if docs else ""
        _add(found, named.group(1), said or _comment_above(text, match.start()), line(match.start()))
    return sorted(found.values(), key=lambda task: task.line or 0)[:MAX_COMMANDS]


def _add(found: dict[str, TaskDef], name: str, said: str, line: int) -> None:
    if name not in found and not name.endswith((".txt", ".json", ".conf", ".sh")):  # a file the set writes
        found[name] = TaskDef(name, clean_description(_first_paragraph(said)), line, None)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _block(text: str, start: int) -> str:
    """The attribute set opening at text[start] (`{`), up to its matching brace or MAX_BLOCK_CHARS."""
    depth = 0
    end = min(len(text), start + MAX_BLOCK_CHARS)
    for at in range(start, end):
        if text[at] == "{":
            depth += 1
        elif text[at] == "}":
            depth -= 1
            if depth == 0:
                return text[start : at + 1]
    return text[start:end]


def _string(text: str, start: int) -> str:
    """The Nix string opening at text[start] (`"..."` or an indented `''...''`), its indentation taken out."""
    if text.startswith("''", start):
        end = start + 2
        while True:
            end = text.find("''", end)
            if end < 0:
                return ""
            if text.startswith(("'''", "''$", "''\\"), end):  # escapes inside an indented string
                end += 3
                continue
            return text[start + 2 : end]
    closing = re.compile(r'(?<!\\)(?:\\\\)*"')
    found = closing.search(text, start + 1)
    return text[start + 1 : found.start()].replace('\\"', '"') if found else ""


def _first_paragraph(text: str) -> str:
    """The help's first paragraph: what the command does, before its examples."""
    return re.split(r"\n[ \t]*\n", text.strip(), maxsplit=1)[0] if text.strip() else ""


def _comment_above(text: str, offset: int) -> str:
    """The `#` comment lines right above the line that binds the command (`hello = writeShellScriptBin ...`)."""
    before = text[max(0, offset - MAX_COMMENT_CHARS) : offset]
    lines = before.splitlines()
    if lines and not before.endswith("\n"):
        lines.pop()  # the binding's own line
    if lines and lines[-1].rstrip().endswith("="):
        lines.pop()  # `hello =` on a line of its own
    said: list[str] = []
    while lines:
        comment = _COMMENT.match(lines[-1])
        if comment is None:
            if said or lines[-1].strip() not in ("", "let", "in"):
                break
            lines.pop()
            continue
        said.insert(0, comment.group(1))
        lines.pop()
    return " ".join(s for s in said if s.strip())


class Runner(base.Runner):
    marks = (".nix",)

    def place(self, file: RepoFile) -> base.Parse | None:
        return parse_nix if file.name.endswith(".nix") else None

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        """Inside the nearest development shell: `nix-shell` beside a shell.nix, else `nix develop` of a flake."""
        folder = posixpath.dirname(file.rel)
        while True:
            if fs.exists(posixpath.join(folder, "shell.nix")):
                return f"{base.cd(folder)}nix-shell --run {shlex.quote(task.name)}"
            if fs.exists(posixpath.join(folder, "flake.nix")):
                return f"{base.cd(folder)}nix develop --command {shlex.quote(task.name)}"
            if not folder:
                return f"nix-shell --run {shlex.quote(task.name)}"
            folder = posixpath.dirname(folder)
