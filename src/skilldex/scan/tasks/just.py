"""just: justfile recipes with their doc comments and `[doc()]` attributes, read as text; a module (`mod kube`)
runs as `just kube NAME` from the justfile that loads it."""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef, reached_as
from skilldex.scan.tasks.make import HELP
from skilldex.scan.tasks.parsing import clean_description, join_commands, split_lines

_KEYWORDS = {"alias", "set", "export", "unexport", "mod", "mod?", "import", "import?"}
_NAME = re.compile(r"@?([A-Za-z_][A-Za-z0-9_-]*)")
_ATTR_NAME = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*(.*)$", re.DOTALL)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class _Attributes:
    private: bool = False
    doc: str | None = None  # None: not set; "" from a bare `[doc]`, which hides the comment


def parse_justfile(text: str) -> list[TaskDef]:
    """Public recipes in file order; `[private]` and `_name` recipes, aliases, settings skipped."""
    tasks: dict[str, TaskDef] = {}
    lines = split_lines(text.lstrip("\ufeff"))
    comment = ""
    attributes = _Attributes()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.startswith("#"):
            # just shows only the comment line immediately above (attributes may sit between).
            comment = "" if line.startswith("#!") else line[1:].strip()
            continue
        if line.startswith("["):
            _read_attributes(line, attributes)
            continue
        header = _header(line)
        if header is None:
            comment, attributes = "", _Attributes()
            continue
        body: list[str] = []
        while index < len(lines) and (not lines[index].strip() or lines[index][0] in " \t"):
            body.append(lines[index])
            index += 1
        if not attributes.private and not header.startswith("_") and header not in tasks:
            doc = attributes.doc if attributes.doc is not None else comment
            first = index - len(body)  # the header's 1-based line
            tasks[header] = TaskDef(header, clean_description(doc), first, _command(body))
        comment, attributes = "", _Attributes()
    return list(tasks.values())


def _header(line: str) -> str | None:
    """The recipe name when `line` is a recipe header (`name params: deps`), else None."""
    match = _NAME.match(line)
    if match is None or line.split(None, 1)[0] in _KEYWORDS:
        return None
    for index, char, depth in _unquoted(line, match.end(), "'\"`"):
        if char == "#" and not depth:
            return None
        if char == ":" and not depth:
            return None if line.startswith("=", index + 1) else match.group(1)
    return None


def _command(body: list[str]) -> str | None:
    joined: list[str] = []
    pending = ""
    for raw in body:
        stripped = raw.strip()
        if stripped.endswith("\\") and (len(stripped) - len(stripped.rstrip("\\"))) % 2:
            pending += stripped[:-1].rstrip() + " "
            continue
        joined.append(pending + stripped)
        pending = ""
    if pending:
        joined.append(pending)
    # `@` and `-` prefixes only change echoing and error handling; shebang lines are comments here.
    return join_commands(line.lstrip("@-").strip() for line in joined)


def _read_attributes(line: str, attributes: _Attributes) -> None:
    inner = line.strip()
    inner = inner[1 : inner.rindex("]")] if "]" in inner else inner[1:]
    for item in _split_top(inner, ","):
        match = _ATTR_NAME.match(item)
        if match is None:
            continue
        name, rest = match.group(1), match.group(2).strip()
        if name == "private":
            attributes.private = True
        elif name == "doc":
            if rest.startswith("(") and rest.endswith(")"):
                rest = rest[1:-1].strip()
            elif rest.startswith(":"):
                rest = rest[1:].strip()
            attributes.doc = _string_literal(rest) if rest else ""


def _split_top(text: str, separator: str) -> list[str]:
    """Split on `separator` outside quotes and parentheses."""
    cuts = [index for index, char, depth in _unquoted(text, 0, "'\"") if char == separator and not depth]
    return [text[start + 1 : end] for start, end in zip([-1, *cuts], [*cuts, len(text)], strict=True)]


def _unquoted(text: str, start: int, quotes: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, parenthesis depth) of each character from `start` outside quoted strings (opened by
    any of `quotes`; only a double-quoted one knows backslash escapes)."""
    quote = ""
    depth = 0
    escaped = False
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
        elif char in quotes:
            quote = char
        else:
            if char == "(":
                depth += 1
            elif char == ")":
                depth = max(0, depth - 1)
            yield index, char, depth


def _string_literal(text: str) -> str:
    """The value of a just string literal: '' is raw, "" knows a few backslash escapes."""
    for fence in ("'''", '"""'):
        if text.startswith(fence) and text.endswith(fence) and len(text) >= 6:
            return text[3:-3]
    if text[:1] == "'":
        end = text.find("'", 1)
        return text[1:end] if end > 0 else text[1:]
    if text[:1] != '"':
        return text
    out: list[str] = []
    index = 1
    while index < len(text) and text[index] != '"':
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            index += 1
            char = _ESCAPES.get(text[index], "\\" + text[index])
        out.append(char)
        index += 1
    return "".join(out)


JUSTFILE_NAMES = ("justfile", ".justfile", "Justfile", "JUSTFILE")
MAX_MODULE_DEPTH = 3
_MOD = re.compile(r"^mod\??\s+([A-Za-z_][A-Za-z0-9_-]*)(?:\s+['\"]([^'\"]+)['\"])?\s*$")


def module_path(fs: RepoFS, rel: str) -> tuple[str, str] | None:
    """(folder of the root justfile, "kube ") when a justfile above loads this file as a module (`mod kube
    "kubernetes"`): its recipes run as `just kube apply-ks`, not from the module file itself."""
    folder = posixpath.dirname(rel)
    while True:
        for name in JUSTFILE_NAMES:
            top = posixpath.join(folder, name)
            if top != rel and fs.exists(top):
                found = _loaded_as(fs, top, rel, 0)
                return (folder, found) if found is not None else None
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def _loaded_as(fs: RepoFS, top: str, rel: str, depth: int) -> str | None:
    file = fs.file(top)
    text = fs.read_text(file) if file is not None and depth < MAX_MODULE_DEPTH else None
    here = posixpath.dirname(top)

    def links():
        for line in split_lines(text or ""):
            match = _MOD.match(line.strip())
            if match is None:
                continue
            name, path = match.groups()
            base = posixpath.normpath(posixpath.join(here, path or name))
            if path and (base.endswith(".just") or fs.file(base) is not None):  # a module file, not its folder
                candidates = [base]
            else:
                candidates = [f"{base}.just"] if not path else []
                candidates += [posixpath.join(base, n) for n in ("mod.just", *JUSTFILE_NAMES)]
            yield name, candidates

    return reached_as(fs, rel, links(), lambda candidate: _loaded_as(fs, candidate, rel, depth + 1), " ")


class Runner(base.Runner):
    files = dict.fromkeys(("justfile", "Justfile", ".justfile"), parse_justfile)
    marks = (".just",)

    def place(self, file: RepoFile) -> base.Parse | None:
        return parse_justfile if file.name.endswith(".just") else None  # `mod kube` loads kube.just or kube/mod.just

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        q = shlex.quote
        folder, name = posixpath.dirname(file.rel), q(task.name)
        module = module_path(fs, file.rel) if file.name not in self.files or folder else None
        if module is not None:  # `mod kube "kubernetes"` in the justfile above: `just kube apply-ks`
            home, path = module
            words = " ".join(q(w) for w in path.split())
            return f"just --justfile {q(home + '/justfile')} {words} {name}" if home else f"just {words} {name}"
        return f"just --justfile {q(file.rel)} {name}" if folder else f"just {name}"

    def describe(self, task: TaskDef, run: str) -> str:
        return super().describe(task, run) if task.description or task.name != "help" else HELP
