"""shell: a shell script that dispatches on its first argument is a task runner (`scripts/run logs`); read as text.

Two shapes: a `case "$1" in logs) ...;; test) ...;; esac` on the first argument, and the "Taskfile" shape of
functions called by name (`function logs { ... }` then `"${@:-default}"` or `"$@"`). Each branch or function is a
task, described by the comment above or inside it, else by an `echo` it prints, else by what it runs.
"""

from __future__ import annotations

import re
import shlex

from skilldex.samples import SAMPLE_DIRS
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import clean_description, join_commands, split_lines
from skilldex.scan.tools import TOOL_FOLDERS

MAX_TASKS = 100
MIN_TASKS = 2  # one branch is an option check, not a runner
_SHELLS = re.compile(rb"^#!\s*\S*(?:/|env\s+)(?:ba|z|k)?sh\b")
# the first argument, directly or through a variable set from it (`cmd="${1:-}"`)
_CASE = re.compile(r"^\s*case\s+\"?\$\{?(\w+)(?::-[^}]*)?\}?\"?\s+in\s*$")
_FIRST_ARG = re.compile(r"^\s*(?:local\s+)?(\w+)=\"?\$\{?1(?::-[^}]*)?\}?\"?\s*(?:;.*)?$")
_ARM = re.compile(r"^\s*\(?\s*([A-Za-z][\w:.-]*(?:\s*\|\s*[A-Za-z-][\w:.-]*)*)\s*\)\s*(.*)$")
_FUNCTION = re.compile(r"^\s*(?:function\s+([A-Za-z][\w:.-]*)\s*(?:\(\s*\))?|([A-Za-z][\w:.-]*)\s*\(\s*\))\s*\{?\s*$")
_DISPATCH = re.compile(r"^\s*(?:time\s+)?\"\$\{?@(?::-\w+)?\}?\"\s*$")
_ECHO = re.compile(r"^\s*echo\s+(?:-e\s+)?[\"']?(.*?)[\"']?\s*$")
_HELPERS = frozenset({"help", "usage", "default", "main", "_", "die", "log", "info", "warn", "error"})


def parse_dispatcher(text: str) -> list[TaskDef]:
    """The subcommands of a dispatching script, in file order; none when it dispatches on nothing."""
    lines = split_lines(text)
    tasks = _case_arms(lines) or _functions(lines)
    return tasks[:MAX_TASKS] if len(tasks) >= MIN_TASKS else []


def _case_arms(lines: list[str]) -> list[TaskDef]:
    """The arms of the first `case` on the first argument (or a variable holding it)."""
    holders = {"1"} | {m.group(1) for line in lines if (m := _FIRST_ARG.match(line))}
    start = next((n for n, line in enumerate(lines) if (m := _CASE.match(line)) and m.group(1) in holders), None)
    if start is None:
        return []
    tasks: list[TaskDef] = []
    depth, comment = 0, ""
    current: TaskDef | None = None
    body: list[str] = []
    for number in range(start + 1, len(lines)):
        stripped = lines[number].strip()
        if depth == 0 and stripped.startswith("esac"):
            break
        if stripped.startswith("case ") and stripped.endswith(" in"):
            depth += 1
        elif stripped.startswith("esac"):
            depth -= 1
        arm = _ARM.match(lines[number]) if depth == 0 and current is None else None
        if arm and not stripped.startswith("#"):
            names = [n.strip() for n in arm.group(1).split("|")]
            current = TaskDef(names[0], comment, number + 1, None)
            body, comment = [arm.group(2).removesuffix(";;")], ""
            if not arm.group(2).rstrip().endswith(";;"):
                continue
        elif current is None:
            comment = stripped.lstrip("#").strip() if stripped.startswith("#") else ""
            continue
        else:
            body.append(stripped.removesuffix(";;"))
            if not stripped.endswith(";;"):
                continue
        if current.name not in _HELPERS and not current.name.startswith("-"):
            tasks.append(_described(current, body))
        current = None
    return tasks


def _functions(lines: list[str]) -> list[TaskDef]:
    """The functions of a script that ends by calling its arguments (`"${@:-default}"`): each is a task."""
    if not any(_DISPATCH.match(line) for line in lines[-10:]):
        return []
    tasks: list[TaskDef] = []
    current: TaskDef | None = None
    body: list[str] = []
    comment = ""
    for number, line in enumerate(lines):
        found = _FUNCTION.match(line)
        if found and not line.startswith((" ", "\t")):
            current, body = TaskDef(found.group(1) or found.group(2), comment, number + 1, None), []
        elif current is not None and line.startswith("}"):
            if current.name not in _HELPERS and not current.name.startswith("_"):
                tasks.append(_described(current, body))
            current = None
        elif current is not None:
            body.append(line.strip())
        comment = line.strip().lstrip("#").strip() if line.strip().startswith("#") else ""
    return tasks


def _described(task: TaskDef, body: list[str]) -> TaskDef:
    """The task with what it runs, and its comment, else the first line it echoes, as its description."""
    said = task.description or next((c.lstrip("#").strip() for c in body if c.startswith("#")), "")
    if not said:
        said = next((m.group(1) for c in body if (m := _ECHO.match(c)) and m.group(1) and "$" not in m.group(1)), "")
    commands = [c for c in body if c and not c.startswith(("#", "echo ", "shift"))]
    return TaskDef(task.name, clean_description(said), task.line, join_commands(commands))


class Runner(base.Runner):
    """Offered shell scripts by name (`run`, `dev.sh`: no extension, or a shell one) in the repo's own folders;
    what the script says decides."""

    marks = (".sh", ".bash")

    def place(self, file: RepoFile) -> base.Parse | None:
        folders = [p.lower() for p in file.parts[:-1]]
        if "." in file.name and not file.name.endswith(self.marks):
            return None
        if "." not in file.name and folders and not set(folders) & TOOL_FOLDERS:
            return None  # a file with no extension is a script at the root or in a scripts folder (LICENSE is not)
        if any(p in SAMPLE_DIRS or p.startswith(".") for p in folders):
            return None
        return parse_dispatcher

    def scan(self, fs: RepoFS, file: RepoFile, parse: base.Parse) -> list:
        head = fs.head(file)
        if not _SHELLS.match(head) and not file.name.endswith(self.marks):
            return []
        return super().scan(fs, file, parse)

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        path = shlex.quote(file.rel if "/" in file.rel else f"./{file.rel}")
        program = path if file.executable else f"bash {shlex.quote(file.rel)}"
        return f"{program} {shlex.quote(task.name)}"

    def describe(self, task: TaskDef, run: str) -> str:
        return task.description or (f"Runs: {task.command}" if task.command else "")
