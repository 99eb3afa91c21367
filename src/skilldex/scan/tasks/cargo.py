"""cargo: `.cargo/config.toml` `[alias]` entries (`xtask = "run --package xtask --"`), read as data: `cargo
NAME` from the folder above `.cargo`; an alias that runs a workspace package adds its subcommands (xtask.py)."""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base, xtask
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import join_commands, line_of, load_toml

MAX_TASKS = 500


def parse_cargo_config(text: str) -> list[TaskDef]:
    """`.cargo/config.toml` `[alias]` entries (`xtask = "run --package xtask --"`): `cargo NAME`."""
    aliases = load_toml(text, ".cargo/config.toml").get("alias")
    tasks = []
    for name, value in list(aliases.items())[:MAX_TASKS] if isinstance(aliases, dict) else []:
        words = (
            value.split()
            if isinstance(value, str)
            else [w for w in value if isinstance(w, str)]
            if isinstance(value, list)
            else []
        )
        if words:
            tasks.append(
                TaskDef(
                    name, "", line_of(text, rf"^\s*{re.escape(name)}\s*="), join_commands(["cargo " + " ".join(words)])
                )
            )
    return tasks


class Runner(base.Runner):
    marks = ("config",)

    def place(self, file: RepoFile) -> base.Parse | None:
        return parse_cargo_config if file.parts[-2:] in ((".cargo", "config.toml"), (".cargo", "config")) else None

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        """From the folder above .cargo, where its config applies."""
        return f"{base.cd(posixpath.dirname(posixpath.dirname(file.rel)))}cargo {shlex.quote(task.name)}"

    def scan(self, fs: RepoFS, file: RepoFile, parse: base.Parse) -> list[TaskItem]:
        """The aliases, then the subcommands of the packages they run (`cargo xtask docgen`)."""
        items = super().scan(fs, file, parse)
        return items + xtask.subtasks(fs, file, items)
