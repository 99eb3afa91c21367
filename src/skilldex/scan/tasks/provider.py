"""Tasks: each file of the repo through the registry's runners (Makefile targets, just recipes, package.json
scripts, compose services, ...), by its name or else by where it sits."""

from __future__ import annotations

import re

from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import registry
from skilldex.scan.tasks.base import Parse, Runner

RUNNERS: list[Runner] = registry.load()
BY_NAME: dict[str, tuple[Runner, Parse]] = {
    name: (runner, parse) for runner in RUNNERS for name, parse in runner.files.items()
}
# The runners that know files by where they sit, and what such a file's name holds: most files of a repo are
# nothing to any runner, and one search of the name says so (the scan's hot path)
PLACED: list[Runner] = [runner for runner in RUNNERS if type(runner).place is not Runner.place]
MARKED = re.compile("|".join(re.escape(mark) for runner in PLACED for mark in runner.marks))


def claim(file: RepoFile) -> tuple[Runner, Parse] | None:
    """The runner that reads this file and its parser: by the file's name, else by where it sits."""
    found = BY_NAME.get(file.name)
    if found is not None:
        return found
    if not MARKED.search(file.name) and "." in file.name:  # a script with no extension may be a runner (shell)
        return None
    for runner in PLACED:
        parse = runner.place(file)
        if parse is not None:
            return runner, parse
    return None


def scan_file(fs: RepoFS, file: RepoFile) -> list[TaskItem]:
    found = claim(file)
    if found is None or found[0].skip(file):
        return []
    runner, parse = found
    return runner.scan(fs, file, parse)
