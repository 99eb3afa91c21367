"""Slash commands: `.claude/commands/**/*.md` and the `commands/` folder of a plugin."""

from __future__ import annotations

from skilldex.markdown import first_paragraph
from skilldex.scan.common import as_str, in_claude_folder, plugin_name, plugin_root, read_manifest, split_tools, written
from skilldex.scan.fs import RepoFile, RepoFS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from skilldex.models import CommandItem


def is_command_file(fs: RepoFS, file: RepoFile) -> bool:
    if not file.name.endswith(".md") or file.name.lower() in ("readme.md", "index.md"):
        return False
    return in_claude_folder(fs, file, "commands")


def scan_file(fs: RepoFS, file: RepoFile) -> list[CommandItem]:
    items: list[CommandItem] = []
    if is_command_file(fs, file):
        read = read_manifest(fs, file)
        if read is None:
            return items
        _, doc = read
        fm = doc.frontmatter
        name = file.name[: -len(".md")]
        description = as_str(fm.get("description")) or first_paragraph(doc.body)
        hint = written(doc, "argument-hint")
        root = plugin_root(fs, file, "commands")
        invoked = f"{plugin_name(fs, root)}:{name}" if root is not None else name  # plugins namespace theirs
        # lazy: validate uses is_command_file only
        from skilldex import capabilities
        from skilldex.models import CommandItem

        items.append(
            CommandItem(
                name=name,
                path=file.rel,
                description=description,
                capabilities=capabilities.of_item(name, description),
                run=f"/{invoked}" + (f" {hint}" if hint else ""),
                argument_hint=hint,
                allowed_tools=split_tools(fm.get("allowed-tools")),
                model=as_str(fm.get("model")),
                frontmatter=fm,
            )
        )
    return items
