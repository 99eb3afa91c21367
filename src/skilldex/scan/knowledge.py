"""Knowledge objects: markdown with frontmatter (title, tags, repos, applies-when) in a `knowledge/` folder.

Besides the item, this reads the body's conventional sections (When you need to, Do, Don't, How it
works, Evidence) with their lines, and reports frontmatter values of the wrong shape (SKD702-SKD705).
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

import yaml

from skilldex import capabilities
from skilldex.markdown import Document, first_paragraph, headings_and_code
from skilldex.models import Finding, Heading, KnowledgeFrontmatter, KnowledgeItem
from skilldex.rules import knowledge as krules
from skilldex.rules import scan as rules
from skilldex.scan.common import as_list, as_str, read_manifest
from skilldex.scan.fs import RepoFile, RepoFS

_INDEX_NAMES = {"readme.md", "index.md", "_index.md"}
_FIELDS = KnowledgeFrontmatter.model_fields
KEYS = tuple(f.alias or name for name, f in _FIELDS.items())
LIST_KEYS = tuple(f.alias or n for n, f in _FIELDS.items() if get_origin(f.annotation) is list)
DATE_KEYS = tuple(f.alias or n for n, f in _FIELDS.items() if datetime.date in get_args(f.annotation))
TEXT_KEYS = tuple(k for k in KEYS if k not in LIST_KEYS and k not in DATE_KEYS)
SECTION_NAMES = {
    "when": ("when you need to", "when you need this", "when to use", "when"),
    "do": ("do", "dos", "do this"),
    "dont": ("don't", "dont", "do not", "don'ts", "donts", "avoid"),
    "how": ("how it works", "how"),
    "evidence": ("evidence", "sources"),
}
SECTION_TITLES = {
    "when": "When you need to",
    "do": "Do",
    "dont": "Don't",
    "how": "How it works",
    "evidence": "Evidence",
}
MAX_ENTRIES = 30
ENTRY_CHARS = 300
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LABEL = re.compile(r"^\s*\*\*([^*]{1,40})\*\*\s*:?\s*(.*)$")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*[^\s#]|.)[\s#]*$")  # greedy to the last text character: linear
_LEAD = re.compile(r"^[^\w`\"'(\[/.$~]+")  # ✅ ❌ ⚠️ and other markers before the text


@dataclass
class Entry:
    """One line of a section: a bullet (with its continuation lines) or a paragraph."""

    text: str
    line: int


@dataclass
class Section:
    key: str  # when | do | dont | how | evidence
    title: str  # as written
    line: int
    entries: list[Entry] = field(default_factory=list)


def section_key(title: str) -> str | None:
    """'Don’t:' -> 'dont'; None for a heading that is no conventional section."""
    text = " ".join(re.sub(r"[^\w' ]+", " ", title.replace("\u2019", "'").lower()).split())
    return next((key for key, names in SECTION_NAMES.items() if text in names), None)


def clean(text: str) -> str:
    """An entry as one line: whitespace collapsed, leading markers (✅, ❌, -) dropped, capped."""
    text = _LEAD.sub("", " ".join(text.split()))
    return text if len(text) <= ENTRY_CHARS else text[: ENTRY_CHARS - 1].rstrip() + "…"


def sections(body: str, first_line: int = 1) -> list[Section]:
    """The conventional sections, as `## Don't` headings or `**Don't**:` labels, each with its entries."""
    found: list[Section] = []
    current: Section | None = None
    level = 0
    entry: Entry | None = None
    indent = 0  # of the current item's bullet
    fenced = False
    for offset, raw in enumerate(body.splitlines()):
        number = first_line + offset
        if _FENCE.match(raw):
            fenced, entry = not fenced, None
            continue
        if fenced:
            continue
        heading = _HEADING.match(raw)
        label = None if heading or _BULLET.match(raw) else _LABEL.match(raw)
        title = heading.group(2) if heading else label.group(1) if label else ""
        key = section_key(title)
        if key:
            current = Section(key, title.strip(), number)
            level, entry = (len(heading.group(1)) if heading else 7), None
            found.append(current)
            if label and label.group(2).strip():
                entry = Entry(label.group(2), number)
                current.entries.append(entry)
            continue
        if heading or (label and level == 7):  # a label ends only a section a label began
            if heading is None or len(heading.group(1)) <= level:  # a label (never with a heading) always ends it
                current = None
            entry = None
            continue
        if current is None:
            continue
        bullet = _BULLET.match(raw)
        if not raw.strip():
            entry = None
        elif bullet and entry is not None and len(bullet.group(1)) > indent:  # a sub-item belongs to its item
            entry.text += (" " if entry.text.rstrip().endswith(":") else "; ") + bullet.group(2)
        elif bullet or entry is None:
            indent = len(bullet.group(1)) if bullet else 0
            entry = Entry(bullet.group(2) if bullet else raw, number)
            current.entries.append(entry)
        else:
            entry.text += " " + raw.strip()
    for section in found:
        section.entries = [Entry(clean(e.text), e.line) for e in section.entries if clean(e.text)]
    return found


def entries(found: list[Section], key: str) -> list[str]:
    """A section's lines for the catalogue; `TODO:` placeholders say nothing yet."""
    return [e.text for s in found if s.key == key for e in s.entries if not e.text.upper().startswith("TODO")][
        :MAX_ENTRIES
    ]


def shape_findings(rel: str, doc: Document) -> list[Finding]:
    """Frontmatter keys the format does not define, and values of the wrong shape, at their lines."""
    found: list[Finding] = []
    for key, value in doc.frontmatter.items():
        spot = doc.fields.get(key)
        line, column = (spot.value_line, spot.value_column) if spot else (doc.key_lines.get(key, 1), None)
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-").lower(), KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEYS)}"
            found.append(
                krules.UNKNOWN_KEY.finding(
                    rel,
                    f"'{key}' is not a knowledge object field{hint}",
                    spot.line if spot else line,
                    1,
                    fix=f"Rename '{key}' to '{close[0]}'." if close else None,
                )
            )
        elif value is None:
            continue
        elif key in LIST_KEYS and not isinstance(value, list):
            found.append(krules.NOT_A_LIST.finding(rel, _not_a_list(key, value), line, column))
        elif key in LIST_KEYS:
            found.extend(_bad_entries(rel, doc, key, value, line))
        elif key in DATE_KEYS and not _is_date(value):
            found.append(krules.INVALID_DATE.finding(rel, _not_a_date(key, value), line, column))
        elif key in TEXT_KEYS and isinstance(value, (list, dict)):
            shape = "a list" if isinstance(value, list) else "a mapping"
            found.append(krules.NOT_TEXT.finding(rel, f"'{key}' is {shape}, not text", line, column))
    return found


def _not_a_list(key: str, value: Any) -> str:
    if isinstance(value, str):
        parts = [p.strip() for p in re.split(r"[,;]", value) if p.strip()]
        example = f"{key}: [{', '.join(parts)}]" if len(parts) > 1 and key != "applies-when" else f"{key}: [{value}]"
        return f"'{key}' is a string ({value[:60]!r}), not a list; write `{example[:100]}`"
    shape = "a mapping" if isinstance(value, dict) else f"a {type(value).__name__}"
    return f"'{key}' is {shape}, not a list"


def _bad_entries(rel: str, doc: Document, key: str, value: list, line: int) -> list[Finding]:
    lines = entry_lines(doc, key)
    found = []
    for index, entry in enumerate(value):
        if entry is None or isinstance(entry, (list, dict)) or (isinstance(entry, str) and not entry.strip()):
            shape = (
                "empty"
                if entry is None or isinstance(entry, str)
                else ("a list" if isinstance(entry, list) else "a mapping")
            )
            where = lines[index] if index < len(lines) else (line, None)
            found.append(krules.NOT_TEXT.finding(rel, f"'{key}' entry {index + 1} is {shape}, not text", *where))
    return found


def entry_lines(doc: Document, key: str) -> list[tuple[int, int]]:
    """(line, column) of each entry of a list field; read again only when an entry is wrong."""

    try:
        root = yaml.compose(doc.frontmatter_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    for key_node, value_node in getattr(root, "value", []):
        if getattr(key_node, "value", None) == key and isinstance(value_node, yaml.SequenceNode):
            return [(n.start_mark.line + 2, n.start_mark.column + 1) for n in value_node.value]
    return []


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        return False
    try:
        datetime.date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _not_a_date(key: str, value: Any) -> str:
    if isinstance(value, (list, dict)):
        return f"'{key}' is {'a list' if isinstance(value, list) else 'a mapping'}, not a date (YYYY-MM-DD)"
    text = str(value).strip()
    if _DATE.match(text):
        return f"'{key}' is '{text}', which is not a calendar date"
    return f"'{key}' is '{text[:40]}', not a date; write YYYY-MM-DD, e.g. 2026-02-02"


def is_knowledge_file(file: RepoFile) -> bool:
    """Markdown below a `knowledge/` folder (not a README or index, not inside .claude or a skills folder)."""
    lower = file.name.lower()
    return (
        lower.endswith(".md")
        and lower not in _INDEX_NAMES
        and "knowledge" in file.parts[:-1]
        and ".claude" not in file.parts
        and "skills" not in file.parts
    )


def scan_file(fs: RepoFS, file: RepoFile) -> list[KnowledgeItem]:
    items: list[KnowledgeItem] = []
    if not is_knowledge_file(file):
        return items
    read = read_manifest(fs, file)
    if read is None:
        return items
    _, doc = read
    fm = doc.frontmatter
    headings, _ = headings_and_code(doc.body, doc.body_start)
    if not doc.has_frontmatter and doc.error is None:
        fs.report(
            rules.MISSING_FRONTMATTER.finding(file.rel, "knowledge object has no frontmatter (title, tags, repos)", 1)
        )
    title = as_str(fm.get("title")) if not isinstance(fm.get("title"), (list, dict)) else None
    if not title and doc.has_frontmatter:
        fs.report(rules.KNOWLEDGE_NO_TITLE.finding(file.rel, "knowledge object has no 'title'", 1))
    for finding in shape_findings(file.rel, doc):
        fs.report(finding)
    found = sections(doc.body, doc.body_start)
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
            updated=_date_text(fm.get("updated")),
            review_by=_date_text(fm.get("review-by")),
            expires=_date_text(fm.get("expires")),
            supersedes=as_list(fm.get("supersedes")),
            tools=as_list(fm.get("tools")),
            skills=as_list(fm.get("skills")),
            docs=as_list(fm.get("docs")),
            do=entries(found, "do"),
            dont=entries(found, "dont"),
            frontmatter=fm,
            headings=[Heading(level=h[0], text=h[1], line=h[2]) for h in headings[:100]],
        )
    )
    return items


def _date_text(value: Any) -> str | None:
    return None if isinstance(value, (list, dict)) else as_str(value)
