"""A frontmatter YAML cannot parse still says its description: it wins over a line of the body."""

from __future__ import annotations

from skilldex.scan import scan_repo

BROKEN = """---
name: fanout
description: Deploy the app to production with the release script.
allowed-tools: *
---
# Fanout

Run in parallel (quick reads, not background):
"""
FOLDED = """---
name: fold
description: >
  Tail the API logs
  of production.
allowed-tools: *
---
Body line.
"""


def test_description_line_wins_over_the_body_when_the_yaml_breaks(repo):
    root = repo({".claude/skills/fanout/SKILL.md": BROKEN, ".claude/skills/fold/SKILL.md": FOLDED})
    catalogue = scan_repo(root)
    skills = {i.name: i for i in catalogue.items if i.kind == "skill"}
    assert skills["fanout"].description == "Deploy the app to production with the release script."
    assert skills["fanout"].capabilities == ["deploy"]
    assert skills["fold"].description == "Tail the API logs of production."
    assert {f.code for f in catalogue.findings if f.path.endswith("fanout/SKILL.md")} == {"SKD012"}  # still said
