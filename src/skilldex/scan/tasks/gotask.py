"""go-task: Taskfile.yml tasks with their `desc`/`summary` and first commands; an included Taskfile's tasks run
as `task ns:name` from the Taskfile that includes it."""

from __future__ import annotations

import posixpath
import re
import shlex
from typing import Any

import yaml

from skilldex.frontmatter.types import MAX_FLOW_DEPTH, too_deep
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef, reached_as
from skilldex.scan.tasks.parsing import TaskFileError, clean_description, join_commands

MAX_YAML_ALIASES = 100  # aliases expand exponentially ("billion laughs"); Taskfiles use a few


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses alias bombs."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.alias_count = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_YAML_ALIASES:
                raise yaml.MarkedYAMLError(
                    problem=f"more than {MAX_YAML_ALIASES} aliases",
                    problem_mark=self.peek_event().start_mark,
                )
        return super().compose_node(parent, index)


def parse_taskfile(text: str) -> list[TaskDef]:
    """Tasks under `tasks:` in file order; `internal: true` tasks are skipped."""
    data, lines = _load(text)
    tasks_table = data.get("tasks") if isinstance(data, dict) else None
    if not isinstance(tasks_table, dict):
        return []
    tasks: list[TaskDef] = []
    for key, value in tasks_table.items():
        name = "" if key is None else str(key)
        if not name.strip():
            continue
        if isinstance(value, dict):
            if value.get("internal") is True:
                continue
            description = clean_description(value.get("desc"))
            description = description or _first_paragraph(value.get("summary"))
            commands = value.get("cmds")
            if commands is None:
                commands = [value.get("cmd")]
            tasks.append(TaskDef(name, description, lines.get(name), _commands(commands)))
        elif isinstance(value, (str, list)):  # shorthand: one command, or a list of them
            tasks.append(TaskDef(name, "", lines.get(name), _commands(value)))
        else:
            tasks.append(TaskDef(name, "", lines.get(name), None))
    return tasks


def _load(text: str) -> tuple[Any, dict[str, int]]:
    """The document and the 1-based line of each key of its `tasks` mapping."""
    if too_deep(text):  # PyYAML takes seconds over 30,000 `{`, then recurses out
        raise TaskFileError(f"invalid YAML: nested more than {MAX_FLOW_DEPTH} levels deep")
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the reader already rejects control characters here
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines = _task_lines(node)
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise TaskFileError(f"invalid YAML: {exc.problem or exc}", line) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise TaskFileError(f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _task_lines(root: yaml.Node) -> dict[str, int]:
    if not isinstance(root, yaml.MappingNode):
        return {}
    for key, value in root.value:
        if key.value == "tasks" and isinstance(value, yaml.MappingNode):
            lines: dict[str, int] = {}
            for task_key, _ in value.value:
                if isinstance(task_key, yaml.ScalarNode):
                    # A repeated key: the last one wins, as in the loaded data.
                    lines[str(task_key.value)] = task_key.start_mark.line + 1
            return lines
    return {}


def _first_paragraph(summary: Any) -> str:
    # `task --summary` prints the whole text; its first paragraph is the one-line description.
    return clean_description(summary.strip().split("\n\n")[0]) if isinstance(summary, str) else ""


def _commands(value: Any) -> str | None:
    items = value if isinstance(value, list) else [value]
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if isinstance(item.get("cmd"), str):
                lines.append(item["cmd"])
            elif isinstance(item.get("task"), str):
                lines.append(f"task {item['task']}")
        elif isinstance(item, str):
            lines.append(item)
    return join_commands(lines)


TASKFILE_NAMES = (
    "Taskfile.yml",
    "Taskfile.yaml",
    "taskfile.yml",
    "taskfile.yaml",
    "Taskfile.dist.yml",
    "Taskfile.dist.yaml",
)
MAX_INCLUDE_DEPTH = 3


def namespace(fs: RepoFS, rel: str) -> tuple[str, str] | None:
    """(folder to run `task` in, "ns:") when a Taskfile above includes this one under a namespace: `task
    --dir .taskfiles/k8s validate` fails there, `task k8s:validate` from the including folder works."""
    folder = posixpath.dirname(rel)
    while folder:
        folder = posixpath.dirname(folder)
        for name in TASKFILE_NAMES:
            top = posixpath.join(folder, name)
            if top != rel and fs.exists(top):
                prefix = _included_as(fs, top, rel, 0)
                if prefix is not None:  # and that file may be included in turn (k8s: includes flux:)
                    outer = namespace(fs, top) if folder else None
                    return (outer[0], outer[1] + prefix) if outer else (folder, prefix)
                break
    return None


def _included_as(fs: RepoFS, top: str, rel: str, depth: int) -> str | None:
    """The namespace prefix ("a:b:") under which `top` includes `rel`, directly or through included files."""
    file = fs.file(top)
    text = fs.read_text(file) if file is not None and depth < MAX_INCLUDE_DEPTH else None
    try:
        data = _load(text)[0] if text else None
    except TaskFileError:
        return None
    includes = data.get("includes") if isinstance(data, dict) else None
    if not isinstance(includes, dict):
        return None
    here = posixpath.dirname(top)

    def links():
        for ns, spec in includes.items():
            target = spec.get("taskfile") if isinstance(spec, dict) else spec
            if not isinstance(target, str) or "{{" in target or "://" in target or spec is None:
                continue
            path = posixpath.normpath(posixpath.join(here, target)) if target != "." else here
            yield ns, [path] if path.endswith((".yml", ".yaml")) else [posixpath.join(path, n) for n in TASKFILE_NAMES]

    return reached_as(fs, rel, links(), lambda candidate: _included_as(fs, candidate, rel, depth + 1), ":")


class Runner(base.Runner):
    files = dict.fromkeys(("Taskfile.yml", "Taskfile.yaml", "taskfile.yml", "taskfile.yaml"), parse_taskfile)

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        """`task ns:name` from the Taskfile that includes this one under a namespace, else `task --dir`; a
        wildcard task (`plan-*`) takes its value in place of the star."""
        folder = posixpath.dirname(file.rel)
        found = namespace(fs, file.rel) if folder else None
        home, prefix = found if found else (folder, "")
        wanted = prefix + task.name
        if "*" in wanted and re.fullmatch(r"[\w:.-]*\*[\w:.*-]*", wanted):
            target = wanted.replace("*", "<value>")  # a placeholder to fill in, not a shell word to quote
        else:
            target = shlex.quote(wanted)
        if found:
            return f"task --dir {shlex.quote(home)} {target}" if home else f"task {target}"
        return f"task --dir {shlex.quote(folder)} {target}" if folder else f"task {target}"
