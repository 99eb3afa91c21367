"""Capabilities from what an item is named and says first; the rest of its text only when it says it twice."""

from __future__ import annotations

from skilldex import capabilities
from skilldex.prominence import main_capability


def test_word_sense_keeps_other_meanings_out():
    assert capabilities.infer("docs/runbooks/bgp-migration.md") == ["infrastructure"]  # the network, no schema
    assert capabilities.infer("Migrate LoadBalancer IP advertisement from L2 to BGP") == ["infrastructure"]
    assert capabilities.infer("Apply the pending alembic migration") == ["migrations"]
    assert capabilities.infer("dotnet restore") == []
    assert capabilities.infer("Restore the database from last night's backup") == ["database", "backup"]
    assert capabilities.infer("Update the RELEASE_LOG") == []
    assert capabilities.infer("Query Loki API for cluster logs") == ["logs", "infrastructure"]
    assert capabilities.infer("build-docker-images") == ["build"]  # images are built, whatever runs them
    assert capabilities.infer("docker compose up") == ["infrastructure"]


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


def test_the_title_gives_a_word_its_sense_for_the_name_too():
    found = capabilities.infer_fields(("Zitadel OIDC Migration Guide",), names=("docs/zitadel-migration.md",))
    assert found == ["access"]  # moving the login provider: no schema migration, in the title or the file name


def test_the_title_gives_a_word_its_sense_for_the_headings_too():
    found = capabilities.infer_fields(
        ("BGP migration",), ("Migration steps Migration rollback",), names=("docs/bgp-migration.md",)
    )
    assert "migrations" not in found


def test_vocabulary_for_traces_postgres_operators_clouds_and_rebuilds():
    assert capabilities.infer("Check the Tempo traces") == ["monitoring"]
    assert capabilities.infer("Check CNPG backup freshness") == ["database", "backup"]
    assert capabilities.infer("Kick-start cloud SaaS products") == ["cloud"]
    assert capabilities.infer("Verify the IAM user and policy") == ["cloud", "access"]
    assert capabilities.infer("Rebuild the dev server") == ["build"]


def test_cloud_native_names_no_cloud_even_inside_a_camelcase_word():
    assert capabilities.infer("CloudNative-PG database management") == ["database"]
    assert capabilities.infer("cloud native apps") == []
    assert capabilities.infer("CloudWatch alarms") == ["logs", "monitoring"]  # a word named whole: no "Cloud" part


def test_folders_named_as_arguments_say_where_not_what():
    assert capabilities.infer_fields(("ruff format framework/ tests/",)) == ["quality"]
    assert capabilities.infer_fields(("Lint src/ and tests/",)) == ["quality"]
    assert capabilities.infer_fields(("Run the tests in tests/",)) == ["testing"]


def test_an_item_is_mainly_what_it_does_not_what_it_works_on():
    assert main_capability("cnpg-backups", "", ["database", "backup"]) == "backup"
    assert main_capability("k8s-deploy", "", ["deploy", "infrastructure"]) == "deploy"
    assert main_capability("db-console", "", ["database", "access"]) == "database"
    # three words or more name what the item is last; two may read either way
    assert main_capability("docker_test_lint", "", ["testing", "quality"]) == "quality"
    assert main_capability("migration-tests", "", ["testing", "migrations"]) == "migrations"  # as before
    assert main_capability("migrations-and-fixtures", "", ["migrations", "data"]) == "migrations"


def test_after_a_lead_that_says_what_it_does_only_the_first_use_when_case_counts():
    loki = (
        "Query Loki API for cluster logs. Use when searching logs for errors, querying Kubernetes events, "
        "debugging Flux reconciliation."
    )
    assert capabilities.of_item("loki", loki) == ["logs"]  # "debugging Flux" is a side case, no deploy
    assert capabilities.of_item("run-sql", "Run SQL. Use when a migration must be applied, or data fixed.") == [
        "database",
        "migrations",
    ]
    helper = "Helps the team. Use when running the tests, or deploying."
    assert capabilities.of_item("helper", helper) == ["deploy", "testing"]  # nothing said first: the whole list


def test_a_list_after_including_names_parts_not_what_it_is_about():
    rules = "Guidelines for C# backend development, including code style, naming, logging, and build workflow."
    assert capabilities.of_item("backend", rules) == []
    assert capabilities.lead("Runbooks for the stack, including backups, logs and deploys.") == (
        "Runbooks for the stack backups"
    )


def test_identity_moves_and_schema_dumps_are_no_migrations_or_backups():
    assert capabilities.infer("Zitadel OIDC migration guide") == ["access"]
    assert capabilities.infer("Dump the tenant schema to SQL") == ["database"]  # database work, no backup
    assert capabilities.infer("End-to-end DR exercise") == ["backup"]


def test_an_sop_is_no_sops_secret():
    assert capabilities.infer("Show the blue/green migration SOP") == ["migrations"]
    assert capabilities.infer("Encrypt the file with SOPS") == ["secrets"]
