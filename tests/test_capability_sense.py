"""Capabilities from what an item is named and says first; the rest of its text only when it says it twice."""

from __future__ import annotations

from skilldex import capabilities


def test_word_sense_keeps_other_meanings_out():
    assert capabilities.infer("docs/runbooks/bgp-migration.md") == ["infrastructure"]  # the network, no schema
    assert capabilities.infer("Migrate LoadBalancer IP advertisement from L2 to BGP") == ["infrastructure"]
    assert capabilities.infer("Apply the pending alembic migration") == ["migrations"]
    assert capabilities.infer("dotnet restore") == []
    assert capabilities.infer("Restore the database from last night's backup") == ["database", "backup"]
    assert capabilities.infer("Update the RELEASE_LOG") == []
    assert capabilities.infer("Query Loki API for cluster logs") == ["logs", "infrastructure"]


def test_a_passing_word_in_a_long_description_is_not_a_capability():
    description = (
        "Apply a downstream brand to a fork. Renames the solution and keeps its UserSecretsId. "
        "Rebuilds the logo assets."
    )
    assert capabilities.of_item("rebrand", description) == []
    said_twice = "Rebrand the app. Rotates the secret key, then stores the new secret in the vault."
    assert capabilities.of_item("rebrand", said_twice) == ["secrets"]


def test_name_and_use_when_are_strong_context_words_only_in_names():
    assert capabilities.of_item("loki", "Query Loki API for cluster logs and debugging.") == ["logs"]
    assert capabilities.of_item("run-sql", "Run SQL. Use when a migration must be applied.") == [
        "database",
        "migrations",
    ]
    assert capabilities.of_item("k8s-audit", "Audit the manifests.") == ["infrastructure"]


def test_the_title_gives_a_word_its_sense_for_the_headings_too():
    found = capabilities.infer_fields(
        ("BGP migration",), ("Migration steps Migration rollback",), names=("docs/bgp-migration.md",)
    )
    assert "migrations" not in found
