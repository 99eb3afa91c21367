"""Racy mtimes: a file (or a dependency) changed again within the same mtime tick as its scan is still seen."""

from __future__ import annotations

import os
from pathlib import Path

from skilldex.index.refresh import catalogue

SKILL = ".claude/skills/deploy/SKILL.md"
PLUGIN_JSON = "plugins/x/.claude-plugin/plugin.json"
PLUGIN_SKILL = "plugins/x/skills/s/SKILL.md"


def skill_md(description: str) -> str:
    return f"---\nname: deploy\ndescription: {description}\n---\nBody.\n"


BASE = {
    SKILL: skill_md("Deploy the app to staging."),
    "tools/backup.sh": "#!/bin/sh\n# Back up the database.\necho backup\n",
    PLUGIN_JSON: '{"name": "old"}',
    PLUGIN_SKILL: "---\nname: s\ndescription: Plugin skill.\n---\nBody.\n",
}


def _same_size_same_mtime_edit(path: Path, old: str, new: str) -> None:
    before = os.stat(path)
    text = path.read_text()
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_racy_file_edited_again_within_its_mtime_is_rescanned(project):
    project.write(BASE)
    project.write({SKILL: skill_md("Deploy the app to staging.")}, mtime_ns=None)  # mtime = now: racy
    project.catalogue()
    _same_size_same_mtime_edit(project.root / SKILL, "staging.", "QA-envs.")
    assert project.rescanned() == 1
    assert project.item(SKILL).description == "Deploy the app to QA-envs."


def test_an_old_file_edited_with_its_mtime_set_back_is_still_seen(project):
    """Size and mtime alone would trust this edit; the ctime in the stamp (which no one can set) does not."""
    project.write(BASE)
    project.catalogue()
    _same_size_same_mtime_edit(project.root / SKILL, "staging.", "QA-envs.")
    assert project.rescanned() == 1
    assert catalogue(project.root).items[0].description == "Deploy the app to QA-envs."


def test_racy_dependency_edited_again_within_its_mtime_is_seen(project):
    project.write(BASE)
    project.write({PLUGIN_JSON: '{"name": "old"}'}, mtime_ns=None)  # the manifest is racy, the skill is not
    project.catalogue()
    _same_size_same_mtime_edit(project.root / PLUGIN_JSON, '"old"', '"new"')
    assert project.item(PLUGIN_SKILL).run == "/new:s"
    project.catalogue()
