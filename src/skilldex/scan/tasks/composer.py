"""composer: composer.json `scripts`, described by `scripts-descriptions`, read as data: `composer run-script
NAME`; Composer's event hooks are left out."""

from __future__ import annotations

from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import clean_description, join_commands, key_line, load_json

MAX_TASKS = 500
# Composer's event names (getcomposer.org/doc/articles/scripts.md#event-names): a script under one of these
# is a hook Composer runs during install, update, dump-autoload or create-project, not a task people run.
COMPOSER_EVENTS = frozenset(
    {
        *(
            f"{when}-{what}"
            for when in ("pre", "post")
            for what in (
                "install-cmd",
                "update-cmd",
                "status-cmd",
                "archive-cmd",
                "autoload-dump",
                "package-install",
                "package-update",
                "package-uninstall",
                "file-download",
                "dependencies-solving",
            )
        ),
        "post-root-package-install",
        "post-create-project-cmd",
        "pre-operations-exec",
        "pre-pool-create",
        "pre-command-run",
        "command",
        "init",
    }
)


def parse_composer_json(text: str) -> list[TaskDef]:
    """composer.json `scripts`, described by `scripts-descriptions`: `composer run-script NAME`; Composer's
    event hooks (`post-autoload-dump`) are left out."""
    data = load_json(text, "composer.json")
    scripts = data.get("scripts")
    described = data.get("scripts-descriptions")
    described = described if isinstance(described, dict) else {}
    tasks = []
    for name, command in list(scripts.items())[:MAX_TASKS] if isinstance(scripts, dict) else []:
        if name in COMPOSER_EVENTS:
            continue
        commands = (
            [command]
            if isinstance(command, str)
            else [c for c in command if isinstance(c, str)]
            if isinstance(command, list)
            else []
        )
        tasks.append(
            TaskDef(
                name, clean_description(described.get(name)), key_line(text, name, "scripts"), join_commands(commands)
            )
        )
    return tasks


class Runner(base.Runner):
    files = {"composer.json": parse_composer_json}
    verb = "composer run-script"
