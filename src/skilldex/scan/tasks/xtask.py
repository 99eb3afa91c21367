"""The subcommands behind a cargo alias that runs a workspace package (`xtask = "run --package xtask --"`).

The alias alone says only `cargo run --package xtask --`; what people run is `cargo xtask docgen`. Each
subcommand the package's source declares becomes a task of its own, so `find` meets its help text. The
source is read through the RepoFS (so the index knows the task depends on it), never built or run.
"""

from __future__ import annotations

import posixpath
import shlex

from skilldex import capabilities
from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks.rust_subcommands import subcommands

MAX_SOURCE_BYTES = 200_000
MAX_SOURCE_FILES = 30


def package_folder(words: list[str]) -> str | None:
    """The folder of the package a `cargo run` alias runs, relative to the workspace: `--manifest-path
    xtask/Cargo.toml`'s folder, else the `--package`/`-p` name; None when the alias passes arguments of its
    own after `--` (it is then one subcommand already) or is no `cargo run`."""
    if not words or words[0] not in ("run", "r"):
        return None
    package = manifest = None
    rest = iter(words[1:])
    for word in rest:
        if word == "--":
            return None if next(rest, None) is not None else manifest or package
        option, _, value = word.partition("=")
        if option in ("--package", "-p", "--manifest-path"):
            value = value or next(rest, "")
            if option == "--manifest-path":
                manifest = posixpath.dirname(posixpath.normpath(value))
            else:
                package = value
    return manifest or package


def subtasks(fs: RepoFS, file: RepoFile, aliases: list[TaskItem]) -> list[TaskItem]:
    """One task per subcommand of each package an alias of `.cargo/config.toml` runs (`cargo xtask docgen`);
    a package two aliases run (`xtask`, `xt`) is listed under the first."""
    workspace = posixpath.dirname(posixpath.dirname(file.rel))  # the folder holding .cargo/
    items: list[TaskItem] = []
    seen: set[str] = set()
    for alias in aliases:
        folder = package_folder((alias.command or "").split()[1:])
        if not folder:
            continue
        source = posixpath.normpath(posixpath.join(workspace, folder, "src"))
        if source not in seen and not source.startswith(".."):
            seen.add(source)
            items.extend(_package_tasks(fs, source, alias))
    return items


def _package_tasks(fs: RepoFS, source: str, alias: TaskItem) -> list[TaskItem]:
    main = fs.file(f"{source}/main.rs")
    if main is None:
        return []
    others = [f for f in fs.files_in(source) if f.name.endswith(".rs") and f.rel != main.rel]
    files = [f for f in [main, *others][:MAX_SOURCE_FILES] if f.size <= MAX_SOURCE_BYTES]
    texts = [fs.read_text(f) or "" for f in files]
    items = []
    for index, sub in subcommands(texts):
        command = f"{alias.command} {sub.name}"
        items.append(
            TaskItem(
                name=f"{alias.name} {sub.name}",
                path=files[index].rel,
                line=sub.line,
                description=sub.help or f"Runs: {command}",
                capabilities=capabilities.infer(sub.name, sub.help, command),
                run=f"{alias.run} {shlex.quote(sub.name)}",
                runner="cargo",
                command=command,
            )
        )
    return items
