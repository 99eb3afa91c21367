"""Generate a discover-infrastructure skill and knowledge objects from repo catalogues.

    from skilldex.generate import generate_skill
    written = generate_skill([scan_repo("../credentialmate", name="credentialmate")], Path(".claude/skills"))

Output is deterministic: the same catalogues give the same bytes (sorted, no timestamps, repo-relative
paths only). Text read from the repos is sanitised before it lands in markdown or YAML.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from skilldex.generate import knowledge, skill
from skilldex.generate.repos import prepare
from skilldex.generate.write import Written, write_files
from skilldex.models import Catalogue

__all__ = ["Written", "generate_knowledge", "generate_skill", "knowledge_files", "skill_files"]


def skill_files(catalogues: Iterable[Catalogue]) -> dict[str, str]:
    """`discover-infrastructure/SKILL.md` and `discover-infrastructure/references/<repo>.md`, by relative path."""

    return skill.files(prepare(catalogues))


def knowledge_files(catalogues: Iterable[Catalogue]) -> dict[str, str]:
    """`infrastructure-access-patterns.md` and `<repo>/<capability>.md`, by relative path."""

    return knowledge.files(prepare(catalogues))


def generate_skill(catalogues: Iterable[Catalogue], out: Path) -> list[Written]:
    """Write the skill folder under `out`; stale reference files this generator wrote are removed."""

    return write_files(Path(out), skill_files(catalogues), skill.MARKER, stale=[f"{skill.SKILL_NAME}/references/*.md"])


def generate_knowledge(catalogues: Iterable[Catalogue], out: Path) -> list[Written]:
    """Write the knowledge objects under `out`; stale ones this generator wrote are removed."""

    return write_files(Path(out), knowledge_files(catalogues), knowledge.MARKER, stale=["*/*.md"])
