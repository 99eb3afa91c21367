"""Which docs anyone is led to: reachable by links and named paths from the READMEs, CLAUDE.md/AGENTS.md, a docs
index, or a skill, command or agent. A broken path in a doc nobody is led to misleads no one soon."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from skilldex.doctor.repo import RepoContext
from skilldex.scan.docs import AGENT_DOCS, DOC_FOLDERS

# Where a reader or an agent starts: a README (of the repo or of any folder: GitHub shows it with the folder), any doc
# at the root, the agent docs, a docs folder's index, and skills, commands, agents and workflows.
INDEX_NAMES = frozenset({"readme.md", "readme.rst", "readme", "index.md", "index.rst", "summary.md", "_sidebar.md"})
ENTRY_KINDS = frozenset({"skill", "command", "agent", "workflow"})
# The navigation of a docs site or wiki (mkdocs, Docusaurus, docsify, Wiki.js, mdBook, Sphinx): its pages are reached
# from the site's menu, not by links in the repo. `conf.py` counts only beside an index page.
SITE_FILES = frozenset(
    {"mkdocs.yml", "mkdocs.yaml", "sidebars.js", "sidebars.ts", "_sidebar.md", "sidebar.yaml", "sidebar.yml"}
    | {"wiki_config.json", "book.toml", "docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"}
)
SITE_CONFIG_FOLDERS = frozenset({"config", ".vitepress", ".docusaurus"})


def reachable(ctx: RepoContext, links: Iterable[tuple[str, str]], agent: frozenset[str]) -> set[str]:
    """The checked docs reachable from an entry point; `links` are (doc, existing repo path it names)."""
    docs = {doc.rel for doc in ctx.documents}
    by_folder: dict[str, list[str]] = {}
    for rel in docs:
        by_folder.setdefault(posixpath.dirname(rel), []).append(rel)
    edges: dict[str, set[str]] = {}
    for source, path in links:
        targets = {path} if path in docs else set(by_folder.get(path, ()))  # a folder leads to the docs in it
        edges.setdefault(source, set()).update(targets)
    sites = site_roots(ctx)
    frontier = [
        doc.rel
        for doc in ctx.documents
        if _entry(doc.rel, doc.kind) or doc.rel in agent or any(doc.rel.startswith(site) for site in sites)
    ]
    seen = set(frontier)
    while frontier:
        rel = frontier.pop()
        for target in edges.get(rel, ()):
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def _entry(rel: str, kind: str) -> bool:
    name = rel.rsplit("/", 1)[-1].lower()
    if kind in ENTRY_KINDS or name in AGENT_DOCS or name.startswith("readme"):
        return True
    if "/" not in rel:
        return True  # a doc at the root is on the repo's front page, beside the README (CONTRIBUTING.md, WARP.md)
    folder = posixpath.dirname(rel).rsplit("/", 1)[-1].lower()
    return name in INDEX_NAMES and (folder in DOC_FOLDERS or folder == "")


def site_roots(ctx: RepoContext) -> list[str]:
    """Folders (with a trailing slash; "" for the whole repo) whose pages a docs site or wiki serves."""
    roots = []
    for file in ctx.fs.files:
        name = file.name.lower()
        folder = posixpath.dirname(file.rel)
        if name == "conf.py" and not any(ctx.fs.exists(posixpath.join(folder, f"index.{x}")) for x in ("rst", "md")):
            continue
        if name not in SITE_FILES and name != "conf.py":
            continue
        if folder.rsplit("/", 1)[-1] in SITE_CONFIG_FOLDERS:
            folder = posixpath.dirname(folder)
        if (name.startswith(("mkdocs", "docusaurus", "sidebars")) or name == "book.toml") and ctx.fs.exists(
            posixpath.join(folder, "docs" if name != "book.toml" else "src")
        ):
            folder = posixpath.join(folder, "docs" if name != "book.toml" else "src")
        roots.append(folder + "/" if folder else "")
    return roots
