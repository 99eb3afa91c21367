"""rake: Rake tasks (`Rakefile`, Rails' `lib/tasks/*.rake`), read line by line as data, never loaded; a Rails
app's run with `bin/rails`."""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex.scan.common import nearest_holding
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import clean_description, split_lines

MAX_TASKS = 500


# Spaces are [ \t] and every optional part is a single step: no pattern backtracks over a long line.
_RAKE_NAMESPACE = re.compile(r"^([ \t]*)namespace(?:[ \t]+|[ \t]*\([ \t]*)[:\"']?([\w:-]+)[\"']?[ \t]*\)?[ \t]*do\b")
_RAKE_DESC = re.compile(r"""^[ \t]*desc(?:[ \t]+|[ \t]*\([ \t]*)(["'])(.*?)\1""")
_RAKE_TASK = re.compile(
    r"""^([ \t]*)(?:multi)?task(?:[ \t]+|[ \t]*\([ \t]*)(?::([\w?!-]+)|(["'])([\w:?!-]+)\3|([\w?!-]+):(?!:))"""
)
# Rake::TestTask.new(:test), RSpec::Core::RakeTask.new(:spec), YARD::Rake::YardocTask.new(:docs)
_RAKE_TASK_CLASS = re.compile(r"""^[ \t]*[\w:]*Task\.new[ \t]*\(?[ \t]*[:"']?([\w:?!-]+)""")


def parse_rakefile(text: str) -> list[TaskDef]:
    """`desc "..."` then `task :name` or `SomeTask.new(:name)` (inside `namespace :db do` blocks: `db:name`):
    `rake NAME`. Namespaces end where the indentation comes back to theirs."""
    tasks: list[TaskDef] = []
    spaces: list[tuple[int, str]] = []  # (indent, name) of the namespaces around the line
    pending = ""
    for number, line in enumerate(split_lines(text.lstrip("\ufeff")), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        while spaces and indent <= spaces[-1][0]:  # back at a namespace's own indent (its `end`): out of it
            spaces.pop()
        namespace = _RAKE_NAMESPACE.match(line)
        if namespace:
            spaces.append((len(namespace.group(1)), namespace.group(2)))
            continue
        described = _RAKE_DESC.match(line)
        if described:
            pending = described.group(2)
            continue
        name = _task_name(line)
        if name:
            full = ":".join([*(space for _, space in spaces), name])
            tasks.append(TaskDef(full, clean_description(pending), number, None))
            pending = ""  # Rake gives a desc to the next task defined, whichever way
            if len(tasks) >= MAX_TASKS:
                break
    return tasks


def _task_name(line: str) -> str | None:
    """The task a `task :name` (`task "name"`, `task name:`) or `SomeTask.new(:name)` line defines, or None."""
    task = _RAKE_TASK.match(line)
    if task:
        return task.group(2) or task.group(4) or task.group(5)  # one of the alternatives always matched
    made = _RAKE_TASK_CLASS.match(line)
    return made.group(1) if made else None


def _rails_app(fs: RepoFS, folder: str) -> bool:
    """A Rails app, whose tasks people run with `bin/rails`: config/application.rb, or a bin/rails that is not
    an engine's (an engine's Rakefile also holds gem tasks such as `release`, run with rake)."""
    if fs.exists(posixpath.join(folder, "config/application.rb")):
        return True
    launcher = fs.file(posixpath.join(folder, "bin/rails"))
    return launcher is not None and b"ENGINE_ROOT" not in fs.head(launcher, 4096)


class Runner(base.Runner):
    files = dict.fromkeys(("Rakefile", "rakefile"), parse_rakefile)
    marks = (".rake",)

    def place(self, file: RepoFile) -> base.Parse | None:
        return parse_rakefile if file.name.endswith(".rake") else None  # Rails' lib/tasks/*.rake

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        home = posixpath.dirname(file.rel)
        if file.name.endswith(".rake"):  # lib/tasks/*.rake: run from the app's Rakefile folder
            home = nearest_holding(fs, home, "Rakefile")
        verb = "bin/rails" if _rails_app(fs, home) else "rake"
        return f"{base.cd(home)}{verb} {shlex.quote(task.name)}"
