"""Tasks: each file of the repo through the registry's runners (Makefile targets, just recipes, package.json
scripts, compose services, ...), by its name or else by where it sits."""

from __future__ import annotations

from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import registry
from skilldex.scan.tasks.base import Parse, Runner

RUNNERS: list[Runner] = registry.load()
BY_NAME: dict[str, tuple[Runner, Parse]] = {
    name: (runner, parse) for runner in RUNNERS for name, parse in runner.files.items()
}


def claim(file: RepoFile) -> tuple[Runner, Parse] | None:
    """The runner that reads this file and its parser: by the file's name, else by where it sits."""
    found = BY_NAME.get(file.name)
    if found is not None:
        return found
    for runner in RUNNERS:
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
