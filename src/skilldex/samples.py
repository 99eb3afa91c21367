"""Folders of samples: test fixtures, examples, templates, demos.

What sits in them shows how something looks; it is not tooling the repo works with. Task files and
docs there are not read as the repo's own, the startup brief leaves their items out (and says how
many), and `find` ranks them below the real thing. The names below a tooling folder (`.claude/skills/
demo/`) are item names, not sample folders.
"""

from __future__ import annotations

SAMPLE_DIRS = frozenset({
    "test", "tests", "__tests__", "fixtures", "fixture", "__fixtures__", "testdata", "examples", "example",
    "playground", "playgrounds", "template", "templates", "samples", "sample", "e2e", "demo", "demos",
})
# Below these, folder names are the items' own names.
_TOOLING_DIRS = frozenset({".claude", ".agents", ".claude-plugin", "skills", "commands", "agents", "knowledge"})


def in_samples(path: str) -> bool:
    """Whether a repo-relative path lies in a sample folder (above any tooling folder on the way)."""
    for part in path.split("/")[:-1]:
        lower = part.lower()
        if lower in _TOOLING_DIRS:
            return False
        if lower in SAMPLE_DIRS:
            return True
    return False
