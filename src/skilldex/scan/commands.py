"""Slash commands: `.claude/commands/**/*.md` and the `commands/` folder of a plugin."""

from __future__ import annotations

import posixpath

from skilldex import capabilities
from skilldex.markdown import first_paragraph
from skilldex.models import CommandItem
from skilldex.scan.common import as_str, read_manifest, split_tools
from skilldex.scan.fs import RepoFile, RepoFS


def _command_root(fs: RepoFS, file: RepoFile) -> int | None:
    """Index of the `commands` folder that makes this file a slash command, if any."""
    if not file.name.endswith(".md") or file.name.lower() in ("readme.md", "index.md"):
        return None
    folders = file.parts[:-1]
    for i in range(len(folders) - 1, -1, -1):
        if folders[i] != "commands":
            continue
        if i > 0 and folders[i - 1] == ".claude":
            return i
        if fs.exists(posixpath.join("/".join(folders[:i]), ".claude-plugin/plugin.json")):
            return i
    return None


def scan(fs: RepoFS) -> list[CommandItem]:
    items = []
    for file in fs.files:
        if _command_root(fs, file) is None:
            continue
        read = read_manifest(fs, file)
        if read is None:
            continue
        _, doc = read
        fm = doc.frontmatter
        name = file.name[: -len(".md")]
        description = as_str(fm.get("description")) or first_paragraph(doc.body)
        items.append(
            CommandItem(
                name=name,
                path=file.rel,
                description=description,
                capabilities=capabilities.infer(name, description),
                run=f"/{name}" + (f" {as_str(fm.get('argument-hint'))}" if fm.get("argument-hint") else ""),
                argument_hint=as_str(fm.get("argument-hint")),
                allowed_tools=split_tools(fm.get("allowed-tools")),
                model=as_str(fm.get("model")),
                frontmatter=fm,
            )
        )
    return items
