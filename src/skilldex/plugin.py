"""The Claude Code plugin and `skilldex init` side by side: each notices the other, so a session is briefed once.

Light on purpose (json and os only): the plugin's hooks ask it at every prompt, before the fast path runs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PLUGIN = "skilldex"
FROM_PLUGIN_ENV = "SKILLDEX_FROM_PLUGIN"  # set by the plugin's launcher (hooks/launch.sh)


def _settings(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return {}  # unreadable settings are Claude Code's to report, not a reason to fail a hook
    return data if isinstance(data, dict) else {}


def _user_dir() -> Path:
    return Path(os.environ.get("CLAUDE_CONFIG_DIR") or Path.home() / ".claude")


def _settings_files(project: Path) -> list[tuple[str, Path]]:
    """Where Claude Code reads hooks and enabled plugins from, by scope."""
    return [
        ("user settings", _user_dir() / "settings.json"),
        ("project settings", project / ".claude" / "settings.json"),
        ("local project settings", project / ".claude" / "settings.local.json"),
    ]


def plugin_enabled(project: Path) -> str | None:
    """Where the skilldex plugin is enabled ("user settings", ...), or None."""
    for scope, path in _settings_files(project):
        enabled = _settings(path).get("enabledPlugins")
        if isinstance(enabled, dict) and any(
            key.split("@", 1)[0] == PLUGIN and value is True for key, value in enabled.items()
        ):
            return scope
    return None


def _commands(settings: dict):
    hooks = settings.get("hooks")
    for groups in hooks.values() if isinstance(hooks, dict) else []:
        for group in groups if isinstance(groups, list) else []:
            handlers = group.get("hooks") if isinstance(group, dict) else None
            for handler in handlers if isinstance(handlers, list) else []:
                if isinstance(handler, dict) and isinstance(handler.get("command"), str):
                    yield handler["command"]


def defers_to_settings(argv: list[str], project: Path) -> bool:
    """True when a settings file already runs `skilldex <argv>` as a hook (what `skilldex init` installs)."""
    wanted = ["skilldex", *argv]
    return any(
        command.split() == wanted for _, path in _settings_files(project) for command in _commands(_settings(path))
    )


def plugin_hook_is_redundant(argv: list[str]) -> bool:
    """A plugin hook stays quiet where the project (or user) settings run the same skilldex hook."""
    if os.environ.get(FROM_PLUGIN_ENV) != "1":
        return False
    project = Path(os.environ.get("CLAUDE_PROJECT_DIR") or os.getcwd())
    return defers_to_settings(argv, project)
