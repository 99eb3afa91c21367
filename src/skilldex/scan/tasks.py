"""Tasks: Makefile targets, just recipes, package.json scripts, pyproject scripts, Taskfile tasks, Procfile
processes, compose services, mix aliases and tasks, Gradle tasks."""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Callable

from skilldex import capabilities
from skilldex.models import TaskItem
from skilldex.rules import scan as rules
from skilldex.samples import SAMPLE_DIRS
from skilldex.scan import taskfiles_make_vars as make_vars
from skilldex.scan import tasks_dotnet, tasks_xtask
from skilldex.scan.common import nearest_holding
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.node_packages import npm_client
from skilldex.scan.taskfiles import (
    TaskDef,
    TaskFileError,
    parse_cargo_config,
    parse_compose,
    parse_compose_override,
    parse_composer_json,
    parse_deno_json,
    parse_gradle,
    parse_justfile,
    parse_makefile,
    parse_mise_toml,
    parse_mix_exs,
    parse_mix_task,
    parse_noxfile,
    parse_package_json,
    parse_procfile,
    parse_pyproject,
    parse_rakefile,
    parse_taskfile,
    parse_tox_ini,
    parse_tox_toml,
)

MAX_TASK_FILE_DEPTH = 4  # monorepos keep package.json / Makefiles a few levels down
# Task files under sample folders (test fixtures, demos, scaffolding templates) are not the repo's own.
NOT_TASK_FOLDERS = SAMPLE_DIRS
# Folders a runner fills with other projects' files: Mix's fetched dependencies and build output, Gradle's
# buildSrc (a build of its own, whose tasks no `./gradlew` of this one runs)
OTHERS_FOLDERS = {"mix": {"deps", "_build"}, "gradle": {"buildSrc"}}
GRADLE_SETTINGS = ("settings.gradle.kts", "settings.gradle")

# The files `docker compose` reads by itself, in its order of preference, and the overrides it merges in
COMPOSE_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
COMPOSE_OVERRIDES = tuple(name.replace("compose.", "compose.override.") for name in COMPOSE_FILES)
# Variants run with `-f`: docker-compose.prod.yml, docker-compose-dev.yml, compose.test.yaml; not the copies
# kept as examples (docker-compose.example.yml)
_COMPOSE_VARIANT = re.compile(r"(?:docker-compose[.-]|compose\.)(?![\w.-]*(?:example|sample|template))[\w.-]+\.ya?ml")
# Procfile.dev (bin/dev), Procfile.test...; not the copies kept as examples
_PROCFILE_VARIANT = re.compile(r"Procfile\.(?!(?:example|sample|template|bak|orig)$)[A-Za-z0-9_-]+")

PARSERS: dict[str, tuple[str, Callable[[str], list[TaskDef]]]] = {
    "Makefile": ("make", parse_makefile),
    "makefile": ("make", parse_makefile),
    "GNUmakefile": ("make", parse_makefile),
    "justfile": ("just", parse_justfile),
    "Justfile": ("just", parse_justfile),
    ".justfile": ("just", parse_justfile),
    "package.json": ("npm", parse_package_json),
    "pyproject.toml": ("python-scripts", parse_pyproject),
    "Taskfile.yml": ("taskfile", parse_taskfile),
    "Taskfile.yaml": ("taskfile", parse_taskfile),
    "taskfile.yml": ("taskfile", parse_taskfile),
    "taskfile.yaml": ("taskfile", parse_taskfile),
    "noxfile.py": ("nox", parse_noxfile),
    "tox.ini": ("tox", parse_tox_ini),
    "tox.toml": ("tox", parse_tox_toml),
    "Rakefile": ("rake", parse_rakefile),
    "rakefile": ("rake", parse_rakefile),
    "composer.json": ("composer", parse_composer_json),
    "deno.json": ("deno", parse_deno_json),
    "deno.jsonc": ("deno", parse_deno_json),
    "mise.toml": ("mise", parse_mise_toml),
    ".mise.toml": ("mise", parse_mise_toml),
    "Procfile": ("procfile", parse_procfile),
    "mix.exs": ("mix", parse_mix_exs),
    "build.gradle": ("gradle", parse_gradle),
    "build.gradle.kts": ("gradle", parse_gradle),
    **{name: ("compose", parse_compose) for name in COMPOSE_FILES},
    **{name: ("compose", parse_compose_override) for name in COMPOSE_OVERRIDES},
}


def _run(fs: RepoFS, file: RepoFile, runner: str, task: TaskDef) -> str:
    """The command line that runs the task; every folder and name from the repo is shell-quoted."""
    q = shlex.quote
    folder = posixpath.dirname(file.rel)
    name = q(task.name)
    prefix = f"cd {q(folder)} && " if folder else ""
    if runner == "make":
        default = file.name in ("Makefile", "makefile", "GNUmakefile")
        target = name if default else f"-f {q(file.name)} {name}"
        return f"make -C {q(folder)} {target}" if folder else f"make {target}"
    if runner == "just":
        from skilldex.scan.taskfiles_just import module_path

        module = module_path(fs, file.rel) if file.name not in ("justfile", "Justfile", ".justfile") or folder else None
        if module is not None:  # `mod kube "kubernetes"` in the justfile above: `just kube apply-ks`
            home, path = module
            words = " ".join(q(w) for w in path.split())
            return f"just --justfile {q(home + '/justfile')} {words} {name}" if home else f"just {words} {name}"
        return f"just --justfile {q(file.rel)} {name}" if folder else f"just {name}"
    if runner == "npm":
        client = npm_client(fs, folder)
        verb = f"{client} run" if client != "yarn" else "yarn"
        return f"{prefix}{verb} {name}"
    if runner == "taskfile":
        return _gotask_run(fs, file, task.name)
    if runner == "rake":
        home = folder
        if file.name.endswith(".rake"):  # lib/tasks/*.rake: run from the app's Rakefile folder
            home = nearest_holding(fs, folder, "Rakefile")
            prefix = f"cd {q(home)} && " if home else ""
        if _rails_app(fs, home):
            return f"{prefix}bin/rails {name}"
    if runner == "procfile":  # foreman's command line (honcho takes the same); `command` is the process itself
        return f"{prefix}foreman start {name}" if file.name == "Procfile" else \
            f"{prefix}foreman start -f {q(file.name)} {name}"
    if runner == "compose":
        return f"{prefix}docker compose {_compose_files(fs, folder, file.name, task.overlay)}up {name}"
    if runner == "mix":
        if file.name != "mix.exs":  # lib/mix/tasks/*.ex: run from the project's mix.exs folder
            home = nearest_holding(fs, folder, "mix.exs")
            prefix = f"cd {q(home)} && " if home else ""
        return f"{prefix}mix {name}"
    if runner == "gradle":
        return _gradle_run(fs, folder, task.name)
    if runner == "cargo":  # .cargo/config.toml applies from the folder above .cargo
        parent = posixpath.dirname(folder)
        prefix = f"cd {q(parent)} && " if parent else ""
    verbs = {"nox": "nox -s", "tox": "tox -e", "rake": "rake", "composer": "composer run-script", "deno": "deno task",
             "mise": "mise run", "cargo": "cargo", "poe": "poe", "pdm": "pdm run", "taskipy": "task"}
    if runner in verbs:
        return f"{prefix}{verbs[runner]} {name}"
    return name  # an installed console script


def _rails_app(fs: RepoFS, folder: str) -> bool:
    """A Rails app, whose tasks people run with `bin/rails`: config/application.rb, or a bin/rails that is not
    an engine's (an engine's Rakefile also holds gem tasks such as `release`, run with rake)."""
    if fs.exists(posixpath.join(folder, "config/application.rb")):
        return True
    launcher = fs.file(posixpath.join(folder, "bin/rails"))
    return launcher is not None and b"ENGINE_ROOT" not in fs.head(launcher, 4096)


def _gradle_run(fs: RepoFS, folder: str, name: str) -> str:
    """`./gradlew :sub:name` from the build's root: the nearest folder holding a settings script (else the build
    file's own folder), through its wrapper when it has one; the project path is the folder below that root."""
    root = folder
    while not any(fs.exists(posixpath.join(root, settings)) for settings in GRADLE_SETTINGS):
        if not root:
            root = folder
            break
        root = posixpath.dirname(root)
    project = folder[len(root):].strip("/") if root else folder
    target = ":".join(["", *project.split("/"), name]) if project else name
    launcher = "./gradlew" if fs.exists(posixpath.join(root, "gradlew")) else "gradle"
    prefix = f"cd {shlex.quote(root)} && " if root else ""
    return f"{prefix}{launcher} {shlex.quote(target)}"


def _compose_files(fs: RepoFS, folder: str, name: str, overlay: bool) -> str:
    """The `-f` options: none for the file compose picks by itself (or its override), else the file, after
    the base file when it is a layer over it (a docker-compose.prod.yml that adjusts the base's services)."""
    base = next((default for default in COMPOSE_FILES if fs.file(posixpath.join(folder, default))), None)
    if base is not None and (name == base or name in COMPOSE_OVERRIDES):
        return ""
    if overlay and base is not None:
        return f"-f {shlex.quote(base)} -f {shlex.quote(name)} "
    return f"-f {shlex.quote(name)} "


def _by_place(file: RepoFile) -> tuple[str, Callable[[str], list[TaskDef]]] | None:
    """Task files known by where they sit rather than by name alone."""
    if file.name.endswith(".rake"):
        return "rake", parse_rakefile  # Rails' lib/tasks/*.rake
    if file.name.endswith(".just"):
        return "just", parse_justfile  # a just module (`mod kube` loads kube.just or kube/mod.just)
    if file.name.endswith(".ex") and _mix_tasks_folder(file.parts[:-1]):
        return "mix", parse_mix_task
    if file.parts[-2:] in ((".cargo", "config.toml"), (".cargo", "config")):
        return "cargo", parse_cargo_config
    if _PROCFILE_VARIANT.fullmatch(file.name):
        return "procfile", parse_procfile
    if _COMPOSE_VARIANT.fullmatch(file.name):
        return "compose", parse_compose
    return None


def _mix_tasks_folder(folders: tuple[str, ...]) -> bool:
    """Where Mix projects keep their own tasks: lib/mix/tasks/ (and folders below it), or a lib/**/tasks/."""
    if "lib" not in folders:
        return False
    below = folders[folders.index("lib") + 1:]
    return below[:2] == ("mix", "tasks") or below[-1:] == ("tasks",)


def _depth(file: RepoFile, runner: str) -> int:
    """How deep a task file sits; a Mix task module counts from its project's lib/ (umbrella apps/*/lib/mix/tasks)."""
    if runner == "mix" and file.name.endswith(".ex"):
        return file.parts.index("lib") + 1
    return len(file.parts) - 1


def scan_file(fs: RepoFS, file: RepoFile) -> list[TaskItem]:
    items: list[TaskItem] = []
    if tasks_dotnet.is_command_source(file):  # `dotnet run --project developer-cli -- deploy`
        if any(part.lower() in NOT_TASK_FOLDERS for part in file.parts[:-1]):
            return items
        return tasks_dotnet.scan_file(fs, file)
    entry = PARSERS.get(file.name) or _by_place(file)
    if entry is None or _depth(file, entry[0]) > MAX_TASK_FILE_DEPTH:
        return items
    runner, parser = entry
    others = OTHERS_FOLDERS.get(runner, ())
    if any(part.lower() in NOT_TASK_FOLDERS or part.lower().startswith("template-") or part in others
           for part in file.parts[:-1]):
        return items
    text = fs.read_text(file)
    if text is None:
        return items
    try:
        tasks = parser(text)
    except TaskFileError as exc:
        fs.findings.append(rules.INVALID_TASK_FILE.finding(file.rel, str(exc), exc.line))
        return items
    for task in tasks:
        if not task.name.strip() or task.name.startswith("-"):
            continue  # no name, or one a runner would take for an option (`--rakefile`)
        task_runner = getattr(task, "runner", None) or runner
        description = task.description or (f"Runs: {task.command}" if task.command else "")
        if task.name == "help" and runner in ("make", "just") and not task.description:
            description = "Lists the targets and what they do."  # a self-documenting Makefile's grep/awk/perl
        run = _run(fs, file, task_runner, task)
        if task.defaults:
            description = f"{description} {make_vars.note(task.defaults, run)}".strip()
        items.append(
            TaskItem(
                name=task.name,
                path=file.rel,
                line=task.line,
                description=description,
                capabilities=_capabilities(task),
                run=run,
                runner=task_runner,  # type: ignore[arg-type]
                command=task.command,
            )
        )
    if runner == "cargo":  # `cargo xtask docgen`: the subcommands of the packages the aliases run
        items.extend(tasks_xtask.subtasks(fs, file, items))
    return items


def scan(fs: RepoFS) -> list:
    return [item for file in fs.files for item in scan_file(fs, file)]


def _capabilities(task) -> list[str]:
    """A task is what its name and desc say; without a desc, what its first command does (`docker compose up`);
    the rest of its commands only when they say it twice (`dotnet restore` in a CI task is no backup)."""
    if getattr(task, "own", False):
        return []
    command = task.command or ""
    first, _, rest = command.partition(" && ") if " && " in command else command.partition("\n")
    if task.description:
        return capabilities.infer_fields((task.description,), (command,), names=(task.name,))
    return capabilities.infer_fields((first,), (rest,), names=(task.name,))


def _gotask_run(fs: RepoFS, file: RepoFile, name: str) -> str:
    """`task ns:name` from the Taskfile that includes this one under a namespace, else `task --dir`; a wildcard
    task (`plan-*`) takes its value in place of the star."""
    from skilldex.scan.taskfiles_gotask import namespace

    folder = posixpath.dirname(file.rel)
    found = namespace(fs, file.rel) if folder else None
    home, prefix = found if found else (folder, "")
    wanted = prefix + name
    if "*" in wanted and re.fullmatch(r"[\w:.-]*\*[\w:.*-]*", wanted):
        target = wanted.replace("*", "<value>")  # a placeholder to fill in, not a shell word to quote
    else:
        target = shlex.quote(wanted)
    if found:
        return f"task --dir {shlex.quote(home)} {target}" if home else f"task {target}"
    return f"task --dir {shlex.quote(folder)} {target}" if folder else f"task {target}"
