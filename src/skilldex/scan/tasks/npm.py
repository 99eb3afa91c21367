"""npm: package.json scripts, described by the community conventions (`scripts-info`, `//` keys), run with the
client the repo uses (npm, pnpm, yarn, bun)."""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from typing import Any

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.node_packages import npm_client
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import LineIndex, TaskFileError, clean_description

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?', re.DOTALL)
_DESCRIPTION_TABLES = ("scripts-info", "scriptsComments", "//")
# npm's life cycle scripts (docs.npmjs.com/cli/using-npm/scripts#life-cycle-scripts): npm runs them itself
# around install, pack, publish and version, so they are hooks, not tasks anyone runs by hand.
NPM_LIFECYCLE = frozenset(
    {
        "preinstall",
        "install",
        "postinstall",
        "preuninstall",
        "uninstall",
        "postuninstall",
        "prepublish",
        "preprepare",
        "prepare",
        "postprepare",
        "prepublishOnly",
        "prepack",
        "postpack",
        "publish",
        "postpublish",
        "preversion",
        "version",
        "postversion",
        "dependencies",
        "preshrinkwrap",
        "shrinkwrap",
        "postshrinkwrap",
    }
)


class _Object(dict):
    """A JSON object that also remembers its key order with duplicates (`//` comments repeat)."""

    pairs: list[tuple[str, Any]]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    obj.pairs = pairs
    return obj


def parse_package_json(text: str) -> list[TaskDef]:
    """npm scripts in file order; `pre`/`post` hooks of another script and npm's life cycle scripts
    (`prepare`, `postinstall`) are left out: npm runs them, people do not."""
    text = text.lstrip("\ufeff")  # npm tolerates a byte-order mark, json.loads does not
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise TaskFileError(f"invalid JSON: {exc.msg}", exc.lineno) from None
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        raise TaskFileError(f"invalid JSON: {exc}") from None
    if not isinstance(data, _Object) or not isinstance(data.get("scripts"), _Object):
        return []
    commands, inline_docs = _scripts(data["scripts"])
    tables = [data.get(key) for key in _DESCRIPTION_TABLES]
    lines = _key_lines(text, set(commands))
    tasks: list[TaskDef] = []
    for name, command in commands.items():
        if not name.strip() or name in NPM_LIFECYCLE or _is_hook(name, commands) or _PLACEHOLDER.search(command):
            continue
        description = ""
        for table in [*tables, inline_docs]:
            if isinstance(table, dict):
                description = clean_description(table.get(name))
                if description:
                    break
        tasks.append(TaskDef(name, description, lines.get(name), command))
    return tasks


# `npm init`'s test script, left as written: it runs nothing but its own failure
_PLACEHOLDER = re.compile(r"""^echo \\?["']Error: no test specified\\?["'] && exit 1$""")


def _scripts(scripts: _Object) -> tuple[dict[str, str], dict[str, Any]]:
    """(name -> command, name -> description from `"//name"` keys or a `"//"` key just above)."""
    commands: dict[str, str] = {}
    docs: dict[str, Any] = {}
    pending: Any = None
    for key, value in scripts.pairs:
        if key.startswith("//"):
            target = key[2:].strip()
            if target:
                docs.setdefault(target, value)
            else:
                pending = value
            continue
        if isinstance(value, str):
            commands[key] = value  # a repeated key: the last value wins, as in JSON.parse
            if pending is not None:
                docs.setdefault(key, pending)
        else:
            commands.pop(key, None)
        pending = None
    return commands, docs


def _is_hook(name: str, commands: dict[str, str]) -> bool:
    return any(name.startswith(prefix) and name[len(prefix) :] in commands for prefix in ("pre", "post"))


def _key_lines(text: str, names: set[str]) -> dict[str, int]:
    """Line of each script's key: its first occurrence as a key after `"scripts":`."""
    found: dict[str, int] = {}
    before: dict[str, int] = {}  # fallback when a nested "scripts" key fooled the search
    in_scripts = False
    index = LineIndex(text)
    for match in _STRING.finditer(text):
        if match.group(1) is None:
            continue
        try:
            key = json.loads(text[match.start() : match.end() - len(match.group(1))])
        except ValueError:
            continue
        if key == "scripts":
            in_scripts = True
        elif key in names:
            target = found if in_scripts else before
            target.setdefault(key, index(match.start()))
    return {**before, **found}


class Runner(base.Runner):
    files = {"package.json": parse_package_json}

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        folder = posixpath.dirname(file.rel)
        client = npm_client(fs, folder)
        verb = f"{client} run" if client != "yarn" else "yarn"
        return f"{base.cd(folder)}{verb} {shlex.quote(task.name)}"
