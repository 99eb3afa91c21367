"""Names a `/mention` can mean besides a repo skill: Claude Code built-ins, personal skills, paths, routes."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from pathlib import Path

from skilldex.doctor.shell import NAME
from skilldex.scan.docs import AGENT_DOCS

# Claude Code's built-in commands and bundled skills (code.claude.com/docs/en/commands and `/help` of recent
# releases, aliases included). A mention of one of these is never a missing skill.
BUILTIN_COMMANDS = frozenset(
    {
        "autofix-pr",
        "background",
        "branch",
        "fork",
        "chrome",
        "claude-api",
        "code-review",
        "color",
        "copy",
        "desktop",
        "extra-usage",
        "goal",
        "heapdump",
        "insights",
        "mobile",
        "passes",
        "powerup",
        "rc",
        "recap",
        "remote-env",
        "schedule",
        "stats",
        "stop",
        "teleport",
        "ultraplan",
        "ultrareview",
        "add-dir",
        "agents",
        "allowed-tools",
        "batch",
        "bashes",
        "bug",
        "btw",
        "checkpoint",
        "clear",
        "compact",
        "config",
        "context",
        "continue",
        "cost",
        "debug",
        "diff",
        "doctor",
        "effort",
        "exit",
        "export",
        "fast",
        "feedback",
        "files",
        "help",
        "hooks",
        "ide",
        "init",
        "install-github-app",
        "install-slack-app",
        "keybindings",
        "login",
        "logout",
        "loop",
        "mcp",
        "memory",
        "migrate-installer",
        "model",
        "new",
        "output-style",
        "output-style:new",
        "permissions",
        "plan",
        "plugin",
        "plugins",
        "pr-comments",
        "pr_comments",
        "privacy-settings",
        "quit",
        "release-notes",
        "reload-plugins",
        "remote-control",
        "remove-dir",
        "rename",
        "reset",
        "resume",
        "review",
        "rewind",
        "sandbox",
        "security-review",
        "settings",
        "simplify",
        "skills",
        "status",
        "statusline",
        "stickers",
        "tasks",
        "terminal-setup",
        "theme",
        "todos",
        "upgrade",
        "usage",
        "vim",
    }
)

# `/tmp`, `/etc` and friends: top-level folders of Unix systems and containers, never skills.
ROOT_DIRS = frozenset(
    {
        "app",
        "apps",
        "bin",
        "boot",
        "build",
        "cache",
        "code",
        "data",
        "dev",
        "etc",
        "home",
        "lib",
        "lib32",
        "lib64",
        "libx32",
        "logs",
        "media",
        "mnt",
        "nix",
        "opt",
        "private",
        "proc",
        "root",
        "run",
        "sbin",
        "snap",
        "src",
        "srv",
        "sys",
        "tmp",
        "usr",
        "var",
        "vol",
        "volumes",
        "workspace",
        "workspaces",
        "www",
    }
)

# Paths web services commonly serve; `/healthz` in a doc is a route, not a skill.
WEB_PATHS = frozenset(
    {
        "admin",
        "api",
        "assets",
        "auth",
        "callback",
        "dashboard",
        "docs",
        "graphql",
        "health",
        "healthcheck",
        "healthz",
        "livez",
        "metrics",
        "oauth",
        "openapi",
        "ping",
        "readyz",
        "redoc",
        "signin",
        "signup",
        "static",
        "swagger",
        "version",
        "webhook",
        "webhooks",
    }
)

MAX_PERSONAL_ENTRIES = 2000

# Commands of the plugins in Anthropic's official marketplace: known where a doc installs the plugin.
PLUGIN_COMMANDS = {
    "ralph-wiggum": ("ralph-loop", "cancel-ralph"),
    "ralph-loop": ("ralph-loop", "cancel-ralph"),
    "commit-commands": ("commit", "commit-push-pr", "clean_gone"),
    "feature-dev": ("feature-dev",),
    "code-review": ("code-review",),
    "pr-review-toolkit": ("review-pr",),
    "hookify": ("hookify",),
    "agent-sdk-dev": ("new-sdk-app",),
    "plugin-dev": ("create-plugin",),
}
_INSTALLS = re.compile(r"(?:/plugin|\bclaude\s+plugins?)\s+(?:install|i|add)\s+([\w.-]+)")


def installed_commands(text: str) -> set[str] | None:
    """Commands of the plugins a doc installs (`/plugin install ralph-wiggum@...`); None when it installs a
    plugin whose commands are not known here: then any `/name` of the doc may be that plugin's."""
    names: set[str] = set()
    for match in _INSTALLS.finditer(text):
        plugin = match.group(1).split("@", 1)[0]
        if plugin not in PLUGIN_COMMANDS:
            return None
        names.update(PLUGIN_COMMANDS[plugin])
    return names


# `/my-command`, `/command-name`, `/your-skill`: names a guide uses to show the shape of a command.
_PLACEHOLDER = re.compile(
    r"^(?:my|your|example|sample|some|foo|bar)(?:[-_]|$)|^(?:slash[-_])?(?:command|skill|cmd|name)(?:[-_]name)?$|[-_]name$|"
    r"^(?:my|your|new|custom)(?:command|skill|cmd|agent|tool|script|plugin)s?$"  # `/mycommand` of a tutorial
)
# A doc that speaks of Claude Code (or agents) at all; elsewhere `/name` is the product's own command.
_CLAUDE_CONTEXT = re.compile(
    r"\bclaude\b|\bslash[- ]commands?\b|\bskills?\b|\bagents?\b|\bcodex\b|\bcursor\b", re.IGNORECASE
)


def placeholder(name: str) -> bool:
    return bool(_PLACEHOLDER.search(name))


# A guide to writing commands or skills (`skill-creator/`, `command-development/`): its `/names` are examples.
_AUTHORING = re.compile(
    r"(?:command|skill|plugin)s?[-_](?:creat|craft|develop|writ|author|build)|"
    r"(?:creat|craft|develop|writ|author|build)\w*[-_](?:command|skill|plugin)s?(?![\w])"
)


def addressed_to_claude(rel: str, kind: str, text: str) -> bool:
    """Whether a `/name` in this file is said to Claude Code: skills, commands, agent docs, or docs that
    speak of Claude, skills or agents; not a guide to writing commands, whose names are examples."""
    folders = rel.lower().split("/")[:-1]
    if _AUTHORING.search(rel.lower()) or UI_FOLDERS & set(folders):
        return False
    if kind != "doc" or rel.rsplit("/", 1)[-1].lower() in AGENT_DOCS:
        return True
    return bool(_CLAUDE_CONTEXT.search(text))


# Product, bot, UI and relay docs: `/ops` (default extension channel), legacy `/cdp` relay, Slack's `/deploy`.
_PRODUCT_NOUNS = (
    r"(?:channel|relay|envelope|namespace|protocol|socket|websocket|endpoint|route|topic|queue|"
    r"webhook|handshake)s?"
)
_PRODUCT_AFTER = re.compile(
    r"`?/(" + NAME + r")`?[*_]*\s*\(?(?:[\w-]+\s+){0,2}" + _PRODUCT_NOUNS + r"\b", re.IGNORECASE
)
_PRODUCT_BEFORE = re.compile(
    r"\b(?:relay|websocket|socket|channel|bot|discord|slack|telegram|irc|mattermost)\s+[*_]*`?/(" + NAME + r")\b",
    re.IGNORECASE,
)
# A repo that builds a chat bot (a "Telegram bot", a "Discord bot", BotFather): `/name` sent to it, or that it
# responds to, is the bot's command ("Send `/start` command", "responds to /start").
_CHAT_BOT = re.compile(r"\b(?:telegram|discord|slack|matrix|whatsapp|chat)\s+bot\b|\bbotfather\b", re.IGNORECASE)
_BOT_COMMAND = re.compile(
    r"\b(?:send|sends|sending|sent|responds?\s+to|replies\s+to|reply\s+to)\s+(?:the\s+|a\s+)?[*_]*`?/(" + NAME + r")\b",
    re.IGNORECASE,
)
# "the `/inc` parameter", "`/Q` switch": a program's command-line switch, not a command.
_SWITCH = re.compile(r"`/(" + NAME + r")`[*_]*\s+(?:parameter|flag|switch|argument)s?\b", re.IGNORECASE)
# Folders of a product's UI: a `/name` in a wireframe is what the screen shows, not a command to type.
UI_FOLDERS = frozenset({"wireframes", "wireframe", "mockups", "mockup", "screens", "storyboards"})


# A section for another coding agent ("### Cursor", "## Codex CLI"): its `/names` are that agent's commands.
_OTHER_AGENT = re.compile(
    r"\b(?:cursor|codex|gemini|copilot|windsurf|opencode|aider|cline|kiro|amp|zed|continue\.dev)"
    r"\b",
    re.IGNORECASE,
)


def other_agents_doc(rel: str) -> bool:
    """Whether a doc sits in a folder named for another coding agent (`knowledge/docs/cursor/plugins.md`): its
    `/names` are that agent's commands."""
    return any(for_other_agent(folder) for folder in rel.split("/")[:-1] if not folder.startswith("."))


_INSTALL_FROM = re.compile(r"(?:/plugin|\bclaude\s+plugins?)\s+(?:install|i|add)\s+([\w.-]+)@([\w.-]+)")


def external_plugins(texts: Iterable[str], own_marketplaces: set[str]) -> set[str]:
    """Plugins the repo's docs install from another marketplace (`/plugin install allium@juxt`): their `/allium:x`
    commands come from there, even when a plugin of this repo has the same name."""
    return {
        m.group(1)
        for text in texts
        if "plugin" in text
        for m in _INSTALL_FROM.finditer(text)
        if m.group(2) not in own_marketplaces
    }


def for_other_agent(heading: str) -> bool:
    """Whether a heading names another coding agent and not Claude."""
    return bool(_OTHER_AGENT.search(heading)) and not re.search(r"\bclaude\b", heading, re.IGNORECASE)


def product_terms(texts: Iterable[str]) -> set[str]:
    """`/names` a repo's docs call a channel, relay, endpoint or bot command somewhere: the product's own
    words, never a skill anywhere in that repo."""
    found: set[str] = set()
    texts = [text for text in texts if "/" in text]
    patterns = [_PRODUCT_AFTER, _PRODUCT_BEFORE, _SWITCH]
    if any(_CHAT_BOT.search(text) for text in texts):
        patterns.append(_BOT_COMMAND)
    for text in texts:
        for pattern in patterns:
            found.update(m.group(1) for m in pattern.finditer(text))
    return found


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
