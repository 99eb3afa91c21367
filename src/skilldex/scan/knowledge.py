"""Knowledge objects: markdown with frontmatter (title, tags, repos) in a `knowledge/` folder."""

from __future__ import annotations

from skilldex import capabilities
from skilldex.markdown import first_paragraph, headings_and_code
from skilldex.models import Heading, KnowledgeItem
from skilldex.rules import scan as rules
from skilldex.scan.common import as_list, as_str, read_manifest
from skilldex.scan.fs import RepoFile, RepoFS

_INDEX_NAMES = {"readme.md", "index.md", "_index.md"}


def _is_knowledge_file(file: RepoFile) -> bool:
    lower = file.name.lower()
    return lower.endswith(".md") and lower not in _INDEX_NAMES and "knowledge" in file.parts[:-1]


def scan_file(fs: RepoFS, file: RepoFile) -> list[KnowledgeItem]:
    items: list[KnowledgeItem] = []
    if not _is_knowledge_file(file) or ".claude" in file.parts or "skills" in file.parts:
        return items
    read = read_manifest(fs, file)
    if read is None:
        return items
    _, doc = read
    fm = doc.frontmatter
    headings, _ = headings_and_code(doc.body, doc.body_start)
    if not doc.has_frontmatter and doc.error is None:
        fs.findings.append(
            rules.MISSING_FRONTMATTER.finding(file.rel, "knowledge object has no frontmatter (title, tags, repos)", 1)
        )
    title = as_str(fm.get("title"))
    if not title and doc.has_frontmatter:
        fs.findings.append(
            rules.KNOWLEDGE_NO_TITLE.finding(file.rel, "knowledge object has no 'title'", 1)
        )
    title = title or next((h[1] for h in headings if h[0] == 1), None) or file.name[:-3]
    tags = as_list(fm.get("tags"))
    applies_when = as_list(fm.get("applies-when", fm.get("applies_when")), separators="\n;")
    description = as_str(fm.get("description")) or first_paragraph(doc.body)
    items.append(
        KnowledgeItem(
            name=file.name[:-3],
            path=file.rel,
            description=description,
            capabilities=capabilities.infer(title, " ".join(tags), " ".join(applies_when)),
            title=title,
            tags=tags,
            repos=as_list(fm.get("repos")),
            applies_when=applies_when,
            updated=as_str(fm.get("updated")),
            frontmatter=fm,
            headings=[Heading(level=h[0], text=h[1], line=h[2]) for h in headings[:100]],
        )
    )
    return items


def scan(fs: RepoFS) -> list:
    return [item for file in fs.files for item in scan_file(fs, file)]
