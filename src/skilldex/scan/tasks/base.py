"""The task-runner protocol: a task as a parser reads it, and `Runner`, whose defaults every runner module
overrides where its runner differs (which files it reads, how deep, how one of its tasks is run)."""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from skilldex import capabilities
from skilldex.capabilities import runs
from skilldex.models import TaskItem
from skilldex.rules import scan as rules
from skilldex.samples import SAMPLE_DIRS
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks.parsing import TaskFileError

MAX_TASK_FILE_DEPTH = 4  # monorepos keep package.json / Makefiles a few levels down
# Task files under sample folders (test fixtures, demos, scaffolding templates) are not the repo's own.
NOT_TASK_FOLDERS = SAMPLE_DIRS


@dataclass
class TaskDef:
    """One runnable task declared in a task-runner file; a runner that knows more about its tasks (make's
    variable defaults) subclasses it."""

    name: str  # target / recipe / script name
    description: str  # "" when none could be found
    line: int | None  # 1-based line of the definition
    command: str | None  # what it runs: recipe lines joined with " && ", or an entry point


Parse = Callable[[str], Sequence["TaskDef"]]  # a parser: file text -> its tasks, in file order


class Runner:
    """One task runner. The registry gives it its names: the first is the `runner` of its files' tasks."""

    files: Mapping[str, Parse] = MappingProxyType({})  # the file names it reads, each with its parser
    others: frozenset[str] = frozenset()  # folders it fills with other projects' files (Mix's deps/)
    verb = ""  # what runs a task from its file's folder (`nox -s`), unless `run` says otherwise
    marks: tuple[str, ...] = ()  # what the name of every file `place` claims holds; no other file is offered it

    def __init__(self, names: tuple[str, ...]):
        self.name = names[0]
        self.names = names

    def place(self, file: RepoFile) -> Parse | None:
        """The parser for a file known by where it sits rather than by name (lib/tasks/*.rake), or None."""
        return None

    def depth(self, file: RepoFile) -> int:
        """How deep the file sits, against MAX_TASK_FILE_DEPTH."""
        return len(file.parts) - 1

    def skip(self, file: RepoFile) -> bool:
        """Too deep, or in a folder of samples, templates or other projects' files: not the repo's tasks."""
        return self.depth(file) > MAX_TASK_FILE_DEPTH or any(
            part.lower() in NOT_TASK_FOLDERS or part.lower().startswith("template-") or part in self.others
            for part in file.parts[:-1]
        )

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        """The command line that runs the task; every folder and name from the repo is shell-quoted."""
        return f"{cd(posixpath.dirname(file.rel))}{self.verb} {shlex.quote(task.name)}"

    def runner(self, task: TaskDef) -> str:
        """The runner that runs this task (pyproject's tables each have their own)."""
        return self.name

    def describe(self, task: TaskDef, run: str) -> str:
        """What the task does: its description, else what it runs."""
        return task.description or (f"Runs: {task.command}" if task.command else "")

    def tags(self, fs: RepoFS, file: RepoFile, task: TaskDef, run: str) -> list[str]:
        """The task's capabilities (task_capabilities); a runner whose tasks say more elsewhere reads it there."""
        return task_capabilities(task, run, file.name)

    def scan(self, fs: RepoFS, file: RepoFile, parse: Parse) -> list[TaskItem]:
        """The file's tasks as catalogue items; a file that does not parse is a finding."""
        text = fs.read_text(file)
        if text is None:
            return []
        try:
            tasks = parse(text)
        except TaskFileError as exc:
            fs.report(rules.INVALID_TASK_FILE.finding(file.rel, str(exc), exc.line))
            return []
        items = []
        for task in tasks:
            if not task.name.strip() or task.name.startswith("-"):
                continue  # no name, or one a runner would take for an option (`--rakefile`)
            run = self.run(fs, file, task)
            items.append(
                TaskItem(
                    name=task.name,
                    path=file.rel,
                    line=task.line,
                    description=self.describe(task, run),
                    capabilities=self.tags(fs, file, task, run),
                    run=run,
                    runner=self.runner(task),
                    command=task.command,
                )
            )
        return items


def cd(folder: str) -> str:
    """`cd FOLDER && ` before a command run from a folder below the repo root; nothing at the root."""
    return f"cd {shlex.quote(folder)} && " if folder else ""


def task_capabilities(task: TaskDef, run: str = "", filename: str = "") -> list[str]:
    """A task is what its name, its namespace (`task ansible:uptime`) and its desc say; without a desc, what its
    first command does (`docker compose up`); the rest of its commands only when they say it twice (`dotnet restore`
    in a CI task is no backup); and what the programs its recipe runs serve (capabilities.runs). The tasks of a
    file named for tests (`compose.tests.yml`, `docker-compose.integration_tests.yml`) are a test setup."""
    testing = ["testing"] if _FOR_TESTS.search(filename) else []
    if getattr(task, "own", False):  # compose's services of the product's own code (see compose.Service) are named
        # for their part in the product ("ingest-monitors"), except a container that runs its tests
        return ["testing"] if testing or "testing" in capabilities.infer(task.name) else []
    command = task.command or ""
    first, _, rest = command.partition(" && ") if " && " in command else command.partition("\n")
    called = run.rsplit(" ", 1)[-1].strip("'\"")
    namespace = called[: -len(task.name) - 1] if called.endswith(":" + task.name) else ""
    if task.description:
        found = capabilities.infer_fields((namespace, task.description), (command,), (task.name,), (command,))
    else:
        if runs.of_commands(first):  # a program the table knows says what it does, not its words and flags
            first = ""  # (`aws ecr get-login-password | docker login --password-stdin` logs in, it reads no secret)
        found = capabilities.infer_fields((namespace, first), (rest,), (task.name,), (command,))
        if not found:  # a task named for nothing that runs a repo script is what the script is named for
            found = capabilities.infer_fields((), names=(runs.script_of(first),))  # (`scripts/cluster.sh clean-all`)
    return sorted({*found, *testing}, key=capabilities.ORDER_OF.__getitem__)


_FOR_TESTS = re.compile(r"(?:^|[._-])(?:e2e|(?:unit|integration)?[_-]?tests?)(?:[._-]|$)", re.IGNORECASE)


def reached_as(
    fs: RepoFS, rel: str, links: Iterable[tuple[str, list[str]]], follow: Callable[[str], str | None], sep: str
) -> str | None:
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
