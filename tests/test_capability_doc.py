"""docs/capabilities.md defines every capability of the vocabulary, and no other."""

from __future__ import annotations

import re
from pathlib import Path

from skilldex.capabilities import VOCABULARY

DOC = Path(__file__).resolve().parents[1] / "docs" / "capabilities.md"


def test_the_doc_defines_each_capability_of_the_vocabulary_once_in_its_order():
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## The capabilities\n", 1)[1].split("\n## ", 1)[0]
    defined = re.findall(r"^### (\S+)$", section, flags=re.MULTILINE)
    assert defined == list(VOCABULARY)
    for name in defined:  # each says what it means, not only its name
        body = section.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
        assert len(body.split()) >= 15, name
