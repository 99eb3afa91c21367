"""Frontmatter documents skilldex writes (generate skill, generate knowledge, knowledge new) read the same with
python-frontmatter, the library that writes the generated ones, as with skilldex's own hardened reader."""

from __future__ import annotations

import datetime
import subprocess

import frontmatter
from support import PROJECT

from skilldex.generate import knowledge_files, skill_files
from skilldex.knowledge.scaffold import Draft, new_object
from skilldex.markdown import split_frontmatter
from skilldex.scan import scan_repo


def _same(text: str, where: str) -> None:
    theirs = frontmatter.loads(text)
    ours = split_frontmatter(text)
    assert ours.has_frontmatter and ours.frontmatter, where
    # PyYAML's full resolver makes `updated: 2026-01-02` a date; skilldex's loader keeps the text (as Claude Code does).
    metadata = {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in theirs.metadata.items()}
    assert metadata == ours.frontmatter, where
    assert theirs.content.strip() == ours.body.strip(), where


def test_generated_skill_and_knowledge_round_trip_through_python_frontmatter():
    catalogue = scan_repo(PROJECT / "examples" / "credentialmate", name="credentialmate")
    files = {**skill_files([catalogue]), **knowledge_files([catalogue])}
    markdown = {path: text for path, text in files.items() if text.startswith("---\n")}
    assert any(p.endswith("SKILL.md") for p in markdown) and len(markdown) >= 3
    for path, text in markdown.items():
        _same(text, path)


def test_knowledge_new_round_trips_through_python_frontmatter(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    draft = Draft(
        repo="proj",
        root=tmp_path,
        title="Rotating the API key: a 'quoted' # case",
        tags=["secrets"],
        applies_when=["the key leaked: rotate it"],
        do=["Run `tools/rotate`"],
        dont=["Edit prod by hand"],
    )
    made = new_object(draft, today=datetime.date(2026, 1, 2))
    _same(made.path.read_text(encoding="utf-8"), str(made.path))
