"""Subagents: `.claude/agents/**/*.md` and the `agents/` folder of a plugin."""

from __future__ import annotations

from skilldex.markdown import first_paragraph
from skilldex.scan.common import as_str, in_claude_folder, plugin_name, plugin_root, read_manifest, split_tools
from skilldex.scan.fs import RepoFile, RepoFS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from skilldex.models import AgentItem


def is_agent_file(fs: RepoFS, file: RepoFile) -> bool:
    if not file.name.endswith(".md") or file.name.lower() == "readme.md":
        return False
    return in_claude_folder(fs, file, "agents")


def scan_file(fs: RepoFS, file: RepoFile) -> list[AgentItem]:
    items: list[AgentItem] = []
    if is_agent_file(fs, file):
        read = read_manifest(fs, file)
        if read is None:
            return items
        _, doc = read
        fm = doc.frontmatter
        name = as_str(fm.get("name")) or file.name[: -len(".md")]
        description = as_str(fm.get("description")) or first_paragraph(doc.body)
        root = plugin_root(fs, file, "agents")
        invoked = f"{plugin_name(fs, root)}:{name}" if root is not None else name  # plugins namespace theirs
        # lazy: validate uses is_agent_file only
        from skilldex import capabilities
        from skilldex.models import AgentItem

        items.append(
            AgentItem(
                name=name,
                path=file.rel,
                description=description,
                capabilities=capabilities.of_item(name, description),
                run=f'ask Claude to "use the {invoked} subagent"',
                tools=split_tools(fm.get("tools")),
                model=as_str(fm.get("model")),
                frontmatter=fm,
            )
        )
    return items
