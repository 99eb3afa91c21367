"""Folders of samples: test fixtures, examples, templates, demos.

What sits in them shows how something looks; it is not tooling the repo works with. Task files and
docs there are not read as the repo's own, the startup brief leaves their items out (and says how
many), and `find` ranks them below the real thing. The names below a tooling folder (`.claude/skills/
demo/`) are item names, not sample folders.
"""

from __future__ import annotations

import re
from functools import lru_cache

SAMPLE_DIRS = frozenset(
    {
        "test",
        "tests",
        "__tests__",
        "fixtures",
        "fixture",
        "__fixtures__",
        "testdata",
        "examples",
        "example",
        "playground",
        "playgrounds",
        "template",
        "templates",
        "samples",
        "sample",
        "e2e",
        "demo",
        "demos",
    }
)
# The folder right below these is an item's own name (`.claude/skills/demo/`), not a sample folder.
_TOOLING_DIRS = frozenset({"skills", "commands", "agents", "knowledge"})
# `_unit-test/`, `integration-tests/`, `e2e_tests/`: test folders by another name
_TEST_DIR = re.compile(r"^(unit|integration|e2e|acceptance|smoke|functional|system|regression)[-_]?tests?$")
# `enhance-image.example.sh`, `config.sample.yml`: a file that shows how one would look
_SAMPLE_FILE = re.compile(r"(^|\.)(example|sample)\.[^.]+$|\.(example|sample|dist)$", re.IGNORECASE)


@lru_cache(maxsize=4096)  # the same few folder names recur across every path find ranks
def is_sample_dir(name: str) -> bool:
    """Whether a folder name marks samples: tests, fixtures, examples, templates (`_unit-test` too)."""
    lower = name.lower().lstrip("_.")
    return lower in SAMPLE_DIRS or bool(_TEST_DIR.match(lower))


@lru_cache(maxsize=65536)  # find ranks each item's path several times; a path's answer never changes
def in_samples(path: str) -> bool:
    """Whether a repo-relative path lies in a sample folder, anywhere (`.claude/tests/fixtures/` too), or is a
    sample file."""
    parts = path.split("/")
    if len(parts) == 2 and parts[0].lower() in ("test", "tests") and parts[1].lower().startswith("readme."):
        return False  # tests/README.md: the guide to running the repo's own test suite, not a fixture
    skip = False
    for part in parts[:-1]:
        if skip:
            skip = False
            continue
        if part.lower() in _TOOLING_DIRS:
            skip = True
            continue
        if is_sample_dir(part):
            return True
    name = parts[-1].lower()
    if "example" not in name and "sample" not in name and not name.endswith(".dist"):
        return False  # the common case, without the pattern
    return bool(_SAMPLE_FILE.search(parts[-1]))
