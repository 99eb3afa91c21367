"""The knowledge object format: body sections, the catalogue item, the frontmatter model and its JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from support import PROJECT, write_tree

from skilldex.markdown import split_frontmatter
from skilldex.models import KnowledgeFrontmatter, KnowledgeItem
from skilldex.scan import knowledge as fmt
from skilldex.scan import scan_repo

SEED = PROJECT / "examples" / "credentialmate" / "knowledge" / "credentialmate-production-database-access.md"
ALL_OBJECTS = sorted([*(PROJECT / "knowledge").glob("*.md"), *(PROJECT / "examples").glob("*/knowledge/*.md")])
ALL_OBJECTS = [p for p in ALL_OBJECTS if p.name != "README.md"]


def sections_of(text: str) -> dict[str, list[tuple[int, str]]]:
    doc = split_frontmatter(text)
    return {s.key: [(e.line, e.text) for e in s.entries] for s in fmt.sections(doc.body, doc.body_start)}


def test_heading_sections_with_nested_items_and_code():
    text = (
        "---\ntitle: t\n---\n# T\n\n## When you need to\nRun SQL\nin prod.\n\n## Do\n"
        '- ✅ Use the CLI:\n  - Read: `q "SELECT 1"`\n  - Write: `q ... --mutate`\n- Verify after.\n'
        "```sh\n- not an entry\n## Don't\n```\n### Details\n- still Do\n\n## Don’t:\n1. ❌ Try psql (VPC-isolated)\n"
        "2) Look for EC2\n   hosts: retired.\n\n## Appendix\n- not a section\n"
    )
    assert sections_of(text) == {
        "when": [(7, "Run SQL in prod.")],
        "do": [
            (11, 'Use the CLI: Read: `q "SELECT 1"`; Write: `q ... --mutate`'),
            (14, "Verify after."),
            (20, "still Do"),
        ],
        "dont": [(23, "Try psql (VPC-isolated)"), (24, "Look for EC2 hosts: retired.")],
    }


def test_seed_style_bold_labels_are_sections():
    text = (
        "# CredentialMate Production Database Access\n\n**When you need to**: Execute SQL in production database\n\n"
        "**DON'T**:\n- ❌ Try direct psql (database is VPC-isolated)\n- ❌ Look for EC2 instances\n\n"
        "**DO**:\n✅ Use `tools/rds-query` CLI\n\n**Examples**:\n- Read: x\n"
    )
    assert sections_of(text) == {
        "when": [(3, "Execute SQL in production database")],
        "dont": [(6, "Try direct psql (database is VPC-isolated)"), (7, "Look for EC2 instances")],
        "do": [(10, "Use `tools/rds-query` CLI")],
    }


@pytest.mark.parametrize(
    "title, key",
    [
        ("Don't", "dont"),
        ("DON'T:", "dont"),
        ("Don’t", "dont"),
        ("Do not", "dont"),
        ("Avoid", "dont"),
        ("Do", "do"),
        ("DO", "do"),
        ("When you need to", "when"),
        ("How it works", "how"),
        ("Evidence", "evidence"),
        ("Doing", None),
        ("Don't forget", None),
    ],
)
def test_section_names(title, key):
    assert fmt.section_key(title) == key


def test_the_seed_object_is_catalogued_with_its_do_and_dont_lines():
    catalogue = scan_repo(PROJECT / "examples" / "credentialmate", name="credentialmate")
    item = next(i for i in catalogue.items if i.kind == "knowledge")
    assert not [f for f in catalogue.findings if f.path.startswith("knowledge/")]
    assert (item.updated, item.review_by, item.expires) == ("2026-02-02", "2027-02-02", None)
    assert (item.tools, item.skills) == (["tools/rds-query"], ["execute-production-sql", "query-production-db"])
    assert item.dont[0].startswith("Try direct psql (the database is VPC-isolated): `infra/scripts/prod_db_exec.py`")
    assert [d.split(" ")[:3] for d in item.dont] == [
        ["Try", "direct", "psql"],
        ["Look", "for", "EC2"],
        ["Build", "custom", "Lambda"],
        ["Run", "`alembic", "upgrade"],
    ]
    assert item.do[0].startswith("Use the `tools/rds-query` CLI, from the credentialmate repo root: Read: `python3")
    assert "connect to the production database with psql" in item.applies_when


def test_older_items_still_load():
    """An index written before the new fields still validates (every new field has a default)."""
    old = {
        "kind": "knowledge",
        "name": "x",
        "path": "knowledge/x.md",
        "title": "X",
        "tags": ["database"],
        "repos": [],
        "applies_when": [],
        "updated": None,
        "frontmatter": {},
        "headings": [],
    }
    item = KnowledgeItem.model_validate(old)
    assert (item.do, item.dont, item.supersedes, item.review_by) == ([], [], [], None)


def test_todo_placeholders_are_not_catalogued_as_lines(tmp_path):
    root = write_tree(tmp_path, {"knowledge/a.md": "---\ntitle: A\n---\n## Do\n- TODO: fill in\n- Use `x`\n"})
    item = scan_repo(root).items[0]
    assert item.do == ["Use `x`"]


@pytest.mark.parametrize("path", ALL_OBJECTS, ids=[p.name for p in ALL_OBJECTS])
def test_every_bundled_object_fits_the_model_and_the_schema(path):
    frontmatter = split_frontmatter(path.read_text(encoding="utf-8")).frontmatter
    KnowledgeFrontmatter.model_validate(frontmatter)
    from skilldex.knowledge.schema import knowledge_json_schema

    jsonschema.validate(frontmatter, knowledge_json_schema())


@pytest.mark.parametrize(
    "bad, where",
    [
        ({"tags": "database, production"}, "tags"),
        ({"applies-when": []}, "applies-when"),
        ({"updated": 20260202}, "updated"),
        ({"review_by": "2027-01-01"}, "review_by"),
        ({"title": ["a"]}, "title"),
    ],
)
def test_the_schema_rejects_what_the_rules_report(bad, where):
    from skilldex.knowledge.schema import knowledge_json_schema

    good = {"title": "T", "tags": ["database"], "applies-when": ["x"], "updated": "2026-02-02"}
    jsonschema.validate(good, knowledge_json_schema())
    with pytest.raises(jsonschema.ValidationError) as raised:
        jsonschema.validate({**good, **bad}, knowledge_json_schema())
    assert where in json.dumps(list(raised.value.absolute_path)) + raised.value.message


def test_scanner_keys_are_the_models():
    fields = KnowledgeFrontmatter.model_fields
    assert set(fmt.KEYS) == {f.alias or n for n, f in fields.items()}
    assert set(fmt.LIST_KEYS) == {"tags", "repos", "applies-when", "supersedes", "tools", "skills", "docs"}
    assert set(fmt.DATE_KEYS) == {"updated", "review-by", "expires"}
    assert set(fmt.TEXT_KEYS) == {"title", "description"}


def test_schema_command_prints_the_schema(cli):
    result = cli("knowledge", "schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["title", "tags", "applies-when"]
    assert schema["x-skilldex-sections"]["required"] == ["When you need to", "Do", "Don't"]
    assert {"database", "production", "process"} <= set(schema["x-skilldex-tags"])


# --- bad input: findings with the line, as the catalogue reports them ----------------------------------

BAD = """---
title: Broken
tags: database, production
applies-when:
  - psql times out
  - [nested]
updated: last week
review-by: 2026-13-01
applies_when: x
---
# Broken
"""


def test_malformed_objects_are_catalogue_findings_with_lines(tmp_path):
    root = write_tree(tmp_path, {"knowledge/broken.md": BAD, "knowledge/yaml.md": "---\ntitle: [a\n---\n"})
    catalogue = scan_repo(root)
    found = sorted((f.path, f.line, f.column, f.code, f.message) for f in catalogue.findings)
    assert found == [
        (
            "knowledge/broken.md",
            3,
            7,
            "SKD703",
            "'tags' is a string ('database, production'), not a list; write `tags: [database, production]`",
        ),
        ("knowledge/broken.md", 6, 5, "SKD705", "'applies-when' entry 2 is a list, not text"),
        (
            "knowledge/broken.md",
            7,
            10,
            "SKD704",
            "'updated' is 'last week', not a date; write YYYY-MM-DD, e.g. 2026-02-02",
        ),
        ("knowledge/broken.md", 8, 12, "SKD704", "'review-by' is '2026-13-01', which is not a calendar date"),
        (
            "knowledge/broken.md",
            9,
            1,
            "SKD702",
            "'applies_when' is not a knowledge object field; did you mean 'applies-when'?",
        ),
        ("knowledge/yaml.md", 3, 1, "SKD012", found[-1][4]),
    ]
    assert "invalid YAML" in found[-1][4]
    broken = next(i for i in catalogue.items if i.name == "broken")
    assert (broken.title, broken.tags, broken.updated) == ("Broken", ["database", "production"], "last week")
