"""Names a `/mention` can mean besides a repo skill: Claude Code built-ins, personal skills, paths, routes."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

# Claude Code's built-in commands and bundled skills (docs.claude.com slash-commands reference and
# `/help` of recent releases, aliases included). A mention of one of these is never a missing skill.
BUILTIN_COMMANDS = frozenset({
    "add-dir", "agents", "allowed-tools", "batch", "bashes", "bug", "btw", "checkpoint", "clear", "compact",
    "config", "context", "continue", "cost", "debug", "diff", "doctor", "effort", "exit", "export", "fast",
    "feedback", "files", "help", "hooks", "ide", "init", "install-github-app", "install-slack-app",
    "keybindings", "login", "logout", "loop", "mcp", "memory", "migrate-installer", "model", "new",
    "output-style", "output-style:new", "permissions", "plan", "plugin", "plugins", "pr-comments",
    "pr_comments", "privacy-settings", "quit", "release-notes", "reload-plugins", "remote-control",
    "remove-dir", "rename", "reset", "resume", "review", "rewind", "sandbox", "security-review", "settings",
    "simplify", "skills", "status", "statusline", "stickers", "tasks", "terminal-setup", "theme", "todos",
    "upgrade", "usage", "vim",
})

# `/tmp`, `/etc` and friends: top-level folders of Unix systems and containers, never skills.
ROOT_DIRS = frozenset({
    "app", "apps", "bin", "boot", "build", "cache", "code", "data", "dev", "etc", "home", "lib", "lib32",
    "lib64", "libx32", "logs", "media", "mnt", "nix", "opt", "private", "proc", "root", "run", "sbin",
    "snap", "src", "srv", "sys", "tmp", "usr", "var", "vol", "volumes", "workspace", "workspaces", "www",
})

# Paths web services commonly serve; `/healthz` in a doc is a route, not a skill.
WEB_PATHS = frozenset({
    "admin", "api", "assets", "auth", "callback", "dashboard", "docs", "graphql", "health", "healthcheck",
    "healthz", "livez", "metrics", "oauth", "openapi", "ping", "readyz", "redoc", "signin", "signup",
    "static", "swagger", "version", "webhook", "webhooks",
})

MAX_PERSONAL_ENTRIES = 2000


def personal_skills(home: Path | None = None) -> dict[str, str]:
    """Personal skills and commands of the user running doctor: {name: display path}. Honours $HOME."""
    base = (home or Path(os.path.expanduser("~"))) / ".claude"
    found: dict[str, str] = {}
    skills = base / "skills"
    for entry in _entries(skills):
        if entry.is_dir() and (Path(entry.path) / "SKILL.md").is_file():
            found.setdefault(entry.name, f"~/.claude/skills/{entry.name}/SKILL.md")
    commands = base / "commands"
    for entry in _entries(commands):
        if entry.is_file() and entry.name.endswith(".md"):
            found.setdefault(entry.name[:-3], f"~/.claude/commands/{entry.name}")
    return found


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return sorted(itertools.islice(it, MAX_PERSONAL_ENTRIES), key=lambda e: e.name)
    except OSError:
        return []
