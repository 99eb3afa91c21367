"""The `<available_skills>` block, byte for byte as `skills-ref to-prompt` prints it, minus the invalid skills.

skills-ref (agentskills/agentskills, `skills_ref/prompt.py`) writes each tag and each value on a line of
its own, html-escapes name and description (after `.strip()`), and gives the absolute SKILL.md path as
the location. It aborts the whole block on the first skill it cannot read; here that skill is left out
and reported, so one broken SKILL.md does not hide every other skill from the agent.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from skilldex.models import Catalogue, SkillItem
from skilldex.oneline import lines as visible_lines
from skilldex.oneline import oneline
from skilldex.rules import scan as scan_rules

# skills-ref's find_skill_md() looks for these two names only (SKILL.md first).
SKILL_FILES = ("SKILL.md", "skill.md")
# Scan findings after which the text skills-ref would read differs from ours (it raises on bad UTF-8).
UNREADABLE = {
    scan_rules.NOT_UTF8.code: "the file is not valid UTF-8",
    scan_rules.BINARY.code: "the file holds NUL bytes (binary)",
}


@dataclass(frozen=True)
class Skipped:
    """A skill left out of the block, and why (the same reasons skills-ref would abort on)."""

    repo: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.repo}: {self.path}: {self.reason}"


def available_skills(catalogues: Iterable[Catalogue]) -> tuple[str, list[Skipped]]:
    """The block for every readable skill of the catalogues (repo order, then catalogue order), and the skipped."""
    lines = ["<available_skills>"]
    skipped: list[Skipped] = []
    for catalogue in catalogues:
        for item in catalogue.of_kind("skill"):
            entry = _entry(catalogue, item)
            if isinstance(entry, Skipped):
                skipped.append(entry)
                continue
            name, description, location = entry
            lines += [
                "<skill>",
                "<name>",
                html.escape(oneline(name)),
                "</name>",
                "<description>",
                html.escape(visible_lines(description)),
                "</description>",
                "<location>",
                oneline(location),
                "</location>",
                "</skill>",
            ]
    lines.append("</available_skills>")
    return "\n".join(lines), skipped


def _entry(catalogue: Catalogue, item: SkillItem) -> tuple[str, str, str] | Skipped:
    def skip(reason: str) -> Skipped:
        return Skipped(catalogue.repo, item.path, reason)

    file_name = item.path.rsplit("/", 1)[-1]
    if file_name not in SKILL_FILES:
        return skip(f"'{file_name}' is not named SKILL.md")
    for finding in catalogue.findings:
        if finding.path == item.path and finding.code in UNREADABLE:
            return skip(UNREADABLE[finding.code])
    problems = [f for f in catalogue.findings if f.path == item.path and f.severity == "error"]
    values = []
    for key in ("name", "description"):
        value = item.frontmatter.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `name: 123` is the text 123 to skills-ref's strictyaml, as to the spec
        if not isinstance(value, str) or not value.strip():
            if problems:  # the frontmatter did not parse: say why rather than 'no name'
                return skip(f"{problems[0].code} {problems[0].message}")
            return skip(
                f"frontmatter '{key}' is {_what(key, value, item.frontmatter)}; "
                "the Agent Skills spec requires a non-empty string"
            )
        values.append(value.strip())
    # skills-ref resolves the skill folder (not the file) and appends the file name it found.
    folder = (Path(catalogue.root) / item.path).parent.resolve()
    return values[0], values[1], str(folder / file_name)


def _what(key: str, value: object, frontmatter: dict) -> str:
    if key not in frontmatter:
        return "missing"
    if isinstance(value, str):
        return "empty"
    if value is None:
        return "empty (null in YAML)"
    return f"a YAML {type(value).__name__}, not text (quote it)"
