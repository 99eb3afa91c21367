"""One knowledge object as `knowledge check` reads it, and the checks that need only the object itself."""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from skilldex.capabilities import VOCABULARY
from skilldex.markdown import Document
from skilldex.models import Finding
from skilldex.rules import knowledge as rules
from skilldex.rules import scan as scan_rules
from skilldex.scan import knowledge as fmt
from skilldex.scan.common import as_list, read_manifest
from skilldex.scan.fs import RepoFile, RepoFS

REQUIRED = ("title", "tags", "applies-when")
EVERY = "*"  # `repos: ["*"]`: it concerns every repo (the pack's own objects)
REQUIRED_SECTIONS = ("when", "do", "dont")


@dataclass
class KnowledgeFile:
    """A read knowledge object: where it is, what it says, and what reading it found."""

    path: Path  # absolute
    rel: str  # relative to its repo root
    repo: str  # the repo it lives in (workspace name or folder name)
    root: Path
    doc: Document
    sections: list[fmt.Section]
    findings: list[Finding] = field(default_factory=list)  # repo-relative paths, as the scanner reports

    @property
    def frontmatter(self) -> dict:
        return self.doc.frontmatter

    def listed(self, key: str) -> list[str]:
        value = self.frontmatter.get(key)
        return as_list(value) if isinstance(value, list) else []

    @property
    def repos(self) -> set[str]:
        """The repos it concerns: its `repos`, else the one it lives in ({"*"}: every repo)."""
        return set(self.listed("repos")) or {self.repo}

    def concerns(self, repo: str) -> bool:
        return repo in self.repos or EVERY in self.repos

    def shares_repo(self, other: KnowledgeFile) -> bool:
        return bool(self.repos & other.repos) or EVERY in self.repos or EVERY in other.repos

    def entries(self, key: str) -> list[fmt.Entry]:
        return [e for s in self.sections if s.key == key for e in s.entries]

    def line_of(self, key: str) -> int:
        spot = self.doc.fields.get(key)
        return spot.value_line if spot else self.doc.key_lines.get(key, 1)

    def supersedes(self, other: KnowledgeFile) -> bool:
        names = {s.strip().removesuffix(".md") for s in self.listed("supersedes")}
        own = other.rel.removesuffix(".md")
        return bool(names & {own, own.rsplit("/", 1)[-1], own.split("knowledge/", 1)[-1]})


def read(fs: RepoFS, file: RepoFile, repo: str) -> KnowledgeFile | None:
    """Read one file; unreadable files leave their finding in `fs.findings` and give None."""
    before = len(fs.findings)
    got = read_manifest(fs, file)
    if got is None:
        return None
    _, doc = got
    found = fs.findings[before:]
    del fs.findings[before:]
    if not doc.has_frontmatter and doc.error is None:
        found.append(
            scan_rules.MISSING_FRONTMATTER.finding(
                file.rel, "knowledge object has no frontmatter (title, tags, applies-when)", 1
            )
        )
    found.extend(fmt.shape_findings(file.rel, doc))
    return KnowledgeFile(file.abs, file.rel, repo, fs.root, doc, fmt.sections(doc.body, doc.body_start), found)


def own_checks(obj: KnowledgeFile, today: datetime.date) -> list[Finding]:
    """Required fields, the updated date, body sections, placeholders, review-by and expires."""
    found: list[Finding] = []
    fm = obj.frontmatter
    if obj.doc.error is None:
        for key in REQUIRED:
            value = fm.get(key, fm.get("applies_when") if key == "applies-when" else None)
            if value is None or value == "" or value == []:
                said = "is empty" if key in fm else "is missing"
                found.append(
                    rules.MISSING_FIELD.finding(obj.rel, f"'{key}' {said}", obj.line_of(key) if key in fm else 1)
                )
        if fm.get("updated") is None and obj.doc.has_frontmatter:
            found.append(rules.UNDATED.finding(obj.rel, "no 'updated' date: readers cannot tell if it is current", 1))
    found.extend(_section_checks(obj))
    for key, rule, verb in (
        ("review-by", rules.REVIEW_OVERDUE, "was due for review"),
        ("expires", rules.EXPIRED, "expired"),
    ):
        day = _date(fm.get(key))
        if day is not None and day < today:
            found.append(
                rule.finding(obj.rel, f"{verb} on {day.isoformat()} ({(today - day).days} days ago)", obj.line_of(key))
            )
    return found


def _section_checks(obj: KnowledgeFile) -> list[Finding]:
    found = []
    present = {s.key: s for s in obj.sections}
    where = ", ".join(f"{s.title} (line {s.line})" for s in obj.sections) or "none"
    missing = [fmt.SECTION_TITLES[key] for key in REQUIRED_SECTIONS if key not in present]
    if missing:
        named = " or ".join(", ".join(f"'{t}'" for t in missing).rsplit(", ", 1))
        found.append(
            rules.MISSING_SECTION.finding(
                obj.rel,
                f"no {named} section (sections found: {where})",
                obj.doc.body_start,
                fix=f"Add {' and '.join(f'`## {t}`' for t in missing)}, each with at least one line under it.",
            )
        )
    for key in REQUIRED_SECTIONS:
        section = present.get(key)
        if section is not None and not any(s.entries for s in obj.sections if s.key == key):
            found.append(
                rules.MISSING_SECTION.finding(
                    obj.rel, f"the '{section.title}' section on line {section.line} has nothing under it", section.line
                )
            )
    for section in obj.sections:
        for entry in section.entries:
            if entry.text.upper().startswith("TODO"):
                found.append(
                    rules.PLACEHOLDER.finding(obj.rel, f"'{section.title}' still says: {entry.text[:80]}", entry.line)
                )
    return found


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        return None


def tag_checks(obj: KnowledgeFile, allowed: set[str]) -> list[Finding]:
    """Tags outside the vocabulary, at the line of each."""
    found: list[Finding] = []
    tags = obj.frontmatter.get("tags")
    if not isinstance(tags, list):
        return found
    lines = fmt.entry_lines(obj.doc, "tags")
    for index, tag in enumerate(tags):
        if isinstance(tag, (list, dict)) or tag is None or str(tag) in allowed:
            continue
        line, column = lines[index] if index < len(lines) else (obj.line_of("tags"), None)
        found.append(
            rules.UNKNOWN_TAG.finding(
                obj.rel, f"tag '{tag}' is not in the vocabulary{_suggest(str(tag), allowed)}", line, column
            )
        )
    return found


def _suggest(tag: str, allowed: set[str]) -> str:
    """'; did you mean ...?': the capability a signal word belongs to (rds -> database), or a close spelling."""

    broader = next((cap for cap, words in VOCABULARY.items() if tag.lower() in words and cap in allowed), None)
    if broader:
        return f"; did you mean '{broader}' (or declare '{tag}' in knowledge/tags.yaml)?"
    close = difflib.get_close_matches(tag.lower(), sorted(allowed), n=1, cutoff=0.7)
    return f"; did you mean '{close[0]}'?" if close else ""
