"""deno: deno.json / deno.jsonc `tasks` (a command, or {command, description}), read as data: `deno task NAME`."""

from __future__ import annotations

import re

from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import clean_description, join_commands, key_line, load_json

MAX_TASKS = 500
_JSONC_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/', re.DOTALL)
_JSONC_COMMA = re.compile(r'"(?:[^"\\]|\\.)*"|,(?=\s*[}\]])')


def _strip_jsonc(text: str) -> str:
    """JSON with comments and trailing commas (deno.jsonc, and deno.json read the same way) as plain JSON:
    comments first (a comma may sit before one), then trailing commas; strings are left as they are."""

    def keep_strings(match: re.Match) -> str:
        return match.group(0) if match.group(0).startswith('"') else ""

    return _JSONC_COMMA.sub(keep_strings, _JSONC_COMMENT.sub(keep_strings, text))


def parse_deno_json(text: str) -> list[TaskDef]:
    """deno.json `tasks` (a command, or {command, description}): `deno task NAME`."""
    found = load_json(_strip_jsonc(text), "deno.json").get("tasks")
    tasks = []
    for name, task in list(found.items())[:MAX_TASKS] if isinstance(found, dict) else []:
        command, description = (
            (task, "")
            if isinstance(task, str)
            else (task.get("command"), task.get("description"))
            if isinstance(task, dict)
            else (None, "")
        )
        tasks.append(
            TaskDef(
                name,
                clean_description(description),
                key_line(text, name, "tasks"),
                join_commands([command]) if isinstance(command, str) else None,
            )
        )
    return tasks


class Runner(base.Runner):
    files = dict.fromkeys(("deno.json", "deno.jsonc"), parse_deno_json)
    verb = "deno task"
