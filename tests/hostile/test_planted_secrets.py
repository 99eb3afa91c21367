"""Issue 22 items 2-4 end to end: a planted secret of every shape in every kind of file skilldex reads is redacted
from every output (CLI, hooks, MCP replies, exports, generated files, the index's bytes), and names stay whole."""

from __future__ import annotations

import json
import re

import pytest
from hostile.planted import leaks, outputs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return outputs(tmp_path_factory.mktemp("planted"))


def _listed(texts: dict[str, str]) -> dict:
    return json.loads(texts["list --json"])


def test_every_planted_value_is_found_where_it_was_planted(corpus):
    root, planted, texts = corpus
    findings = {(f["path"], f["line"]) for f in _listed(texts)["findings"] if f["code"] == "SKD040"}
    missed = []
    for marker, (rel, shape, _) in planted.items():
        text = (root / rel).read_text(encoding="utf-8")
        line = text.count("\n", 0, text.index(marker)) + 1
        if (rel, line) not in findings:
            missed.append(f"{rel}:{line} {shape}")
    assert missed == []
    assert len(planted) >= 40


def test_every_kind_of_file_gave_items(corpus):
    """The corpus is read, not skipped: each planted file defines an item, so its text could have leaked."""
    _, planted, texts = corpus
    paths = {item["path"] for item in _listed(texts)["items"]}
    assert {rel for rel, _, _ in planted.values()} - paths == set()


def test_no_planted_value_in_any_output_or_the_index(corpus):
    _, planted, texts = corpus
    assert any(where.startswith("file cache/") and where.endswith(".sqlite3") for where in texts)
    assert any(where.startswith("file generated/") for where in texts)
    assert leaks(planted, texts) == {}
    for where in (
        "list",
        "list --json",
        "startup",
        "mcp",
        "export backstage",
        "export agents-md",
        "find database password login",
        "show db-admin",
    ):
        assert "[redacted]" in texts[where], where


def test_a_value_repeated_without_its_key_is_redacted_too(corpus):
    """`DB_PASSWORD = x` in a Makefile becomes "DB_PASSWORD defaults to x"; a metadata value is repeated in prose."""
    _, _, texts = corpus
    items = {(item["path"], item["name"]): item for item in _listed(texts)["items"]}
    migrate = items["Makefile", "migrate"]
    assert "DB_PASSWORD defaults to [redacted]" in json.dumps(migrate)
    skill = items[".claude/skills/db-admin/SKILL.md", "db-admin"]
    assert skill["metadata"] == {"owner": "platform", "db_password": "[redacted]"}


def test_names_and_paths_are_never_rewritten(corpus):
    """A skill folder named auth:keycloak-confidential-client keeps its name everywhere (its file holds a secret)."""
    _, _, texts = corpus
    rel = ".claude/skills/auth:keycloak-confidential-client/SKILL.md"
    [item] = [item for item in _listed(texts)["items"] if item["name"] == "keycloak-confidential-client"]
    assert (item["path"], item["dir_name"], item["run"]) == (
        rel,
        "auth:keycloak-confidential-client",
        "/auth:keycloak-confidential-client",
    )
    assert "[redacted]" in json.dumps(item)  # the secret in its body is still redacted
    for where in ("list", "export backstage", "export agents-md", "mcp"):
        assert "auth:keycloak-confidential-client" in texts[where], where
        assert "auth:[redacted]" not in texts[where], where
    assert "dir:./.claude/skills/auth:keycloak-confidential-client" in texts["export backstage"]
    assert not re.search(r"SKD604", texts["doctor"])
