"""A workspace of three repos and 1,000+ items: the brief still names entry points for every repo."""

from __future__ import annotations

import re

from support import write_tree

from skilldex.index.refresh import repo_index
from skilldex.startup import LIMIT, render

NEEDS = ("deploy", "migrate", "backup", "logs", "test", "lint", "build", "seed")


def _makefile(repo: str, count: int) -> str:
    targets = [
        f"{need}-{repo}-{i}: ## {need.capitalize()} the {repo} service number {i}\n\t./run {need} {i}\n"
        for i in range(count // len(NEEDS))
        for need in NEEDS
    ]
    return "".join(targets)


def test_three_repos_of_a_thousand_items_name_entry_points_each(tmp_path):
    roots = [write_tree(tmp_path / name, {"Makefile": _makefile(name, 360)}) for name in ("api", "web", "ops")]
    indexes = [repo_index(root, root.name) for root in roots]
    try:
        assert sum(len(i.rows) for i in indexes) >= 1000
        brief = render(indexes)
    finally:
        for index in indexes:
            index.close()
    assert len(brief) <= LIMIT
    for name in ("api", "web", "ops"):
        block = brief.split(f"## {name} (", 1)[1].split("\n## ", 1)[0]
        named = re.findall(r"`make ([a-z]+)-" + name + r"-\d+`", block)
        assert set(named) >= {"deploy", "backup", "logs", "lint"}, block  # each need, by how to run it
        assert not re.search(r"\d+ tasks", block)  # never counts alone
