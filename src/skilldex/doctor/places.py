"""Paths a doc names that no repo could be held to (placeholders, build output, Claude Code's own places), and
the skills shipped to other projects, whose docs speak of the project they will run in."""

from __future__ import annotations

import re

from skilldex.scan.walk import IGNORED_DIRS

# Folders of build output and scratch: docs name files there that only exist after a build or a run.
GENERATED_DIRS = IGNORED_DIRS | {
    "build",
    "_build",
    "out",
    "tmp",
    ".tmp",
    "temp",
    "artifacts",
    "logs",
    "log",
    "__snapshots__",
    "result",
}  # `result`: the link `nix build` leaves
NOT_COMMITTED = re.compile(r"^\.env(\..*)?$|\.(local|log|tmp|bak|swp|pid|sock)$|\.local\.\w+$")
PLACEHOLDER = re.compile(
    r"YYYY|HHMM|XXX|NNN|(?<![A-Za-z])XX(?![A-Za-z])|(?:module|script|file|skill|command|tool|app)[-_]name\b|"
    r"_name(?:\.\w+)?/?$|\.\.\.|(^|/)path/to/|(^|/)(foo|bar|baz|your-[^/]*|my-[^/]*|[a-z])(/|\.|$)|"
    r"(^|/)[A-Z][A-Z0-9_]+/|"
    r"(?:^|[/.])[a-z][a-z0-9]*[-_][A-Z][A-Z0-9_]{3,}(?=[./]|$)"  # `backup-TIMESTAMP/`: filled in at run time
)
# `application/json`, `text/html`: media types, not paths.
MEDIA_TYPE = re.compile(r"^(?:application|text|image|audio|video|font|multipart|message|model)/[\w.+-]+$")
# `.claude/skills/`, `.claude/commands/`: where Claude Code looks, named as places, not as this repo's folders.
CLAUDE_PLACES = re.compile(
    r"^\.claude/(?:skills|commands|agents|hooks|rules|output-styles|plugins|worktrees|workflows)/?$|"
    r"^\.github/workflows/?$"
)

# Claude Code's settings and its own state (`.claude/settings.json`, `.claude/plans/x.md`, `.claude/projects/...`):
# where a repo lacks one, a doc naming it speaks of the reader's configuration or of a session's local files.
CLAUDE_OWN = re.compile(r"^\.claude/(?:settings(?:\.local)?\.json$|(?:plans|projects|todos|shell-snapshots)(?:/|$))")


def unverifiable(target: str) -> bool:
    """A path no repo could be held to: build output, uncommitted files, placeholders, places, media types."""
    parts = target.rstrip("/").split("/")
    return (
        bool(CLAUDE_PLACES.match(target) or MEDIA_TYPE.match(target))
        or any(part in GENERATED_DIRS for part in parts)
        or bool(NOT_COMMITTED.search(parts[-1]))
        or bool(PLACEHOLDER.search(target))
    )


_SKILLS_FOLDER = re.compile(r"^(?:skills|skills-[\w-]+|[\w-]+-skills)$")  # skills/, SKILLS/, skills-templates/


def inside_shipped_skill(rel: str) -> bool:
    """A file of a shipped skill other than its SKILL.md (references/, docs/, assets/ ...)."""
    root = shipped_skill_root(rel)
    return root is not None and rel != f"{root}/SKILL.md"


def shipped_skill_root(rel: str) -> str | None:
    """`skills/<name>` for a file of a skill shipped to other projects (not under a dot folder)."""
    parts = rel.split("/")
    folders = [i for i, p in enumerate(parts[:-2]) if _SKILLS_FOLDER.match(p.lower())]
    if not folders or any(p.startswith(".") for p in parts[:-1]):
        return None
    return "/".join(parts[: folders[0] + 2])


# Files only a home folder holds: a repo with one at its root is someone's home (dotfiles), and its `.claude/` is
# `~/.claude`, whose skills, agents and commands run in whatever project the user opens.
HOME_FILES = (".zshrc", ".zshenv", ".bashrc", ".bash_profile", ".profile", ".gitconfig", ".tmux.conf", ".vimrc")


def home_folder(fs) -> bool:
    """Whether the repo is a home folder (dotfiles) whose `.claude/` is the user's global Claude Code config."""
    return fs.exists(".claude") and any(fs.exists(name) for name in HOME_FILES)


def in_global_config(rel: str) -> bool:
    """A file of a home folder's `.claude/`: the paths and tasks it names are those of the project it runs in."""
    return rel.startswith(".claude/")
