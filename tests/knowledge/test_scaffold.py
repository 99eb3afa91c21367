"""`skilldex knowledge new`: where it writes, what it pre-fills, what it refuses, and that the result checks clean."""

from __future__ import annotations

import datetime
import json
import shutil

import pytest
from support import PROJECT, write_tree

from skilldex.errors import UsageError
from skilldex.knowledge.check import check_paths
from skilldex.knowledge.scaffold import Draft, new_object

CREDENTIALMATE = PROJECT / "examples" / "credentialmate"
DONT = "Try direct psql (the database is VPC-isolated): the connection times out on 5432."
DO = 'Use `tools/rds-query`: `python3 tools/rds-query "SELECT 1"`, add `--mutate` to write.'


@pytest.fixture
def cm(tmp_path):
    """A copy of the credentialmate example, so that writing into its knowledge/ folder touches nothing real."""
    return shutil.copytree(CREDENTIALMATE, tmp_path / "credentialmate")


def draft(root, **changes) -> Draft:
    fields = {
        "repo": "credentialmate",
        "root": root,
        "title": "Production database access",
        "tags": ["database,production"],
        "applies_when": ["connect to the production database with psql"],
        "when": "Run SQL against the production database.",
        "do": [DO],
        "dont": [DONT],
        "how": ["`tools/rds-query` invokes a Lambda inside the VPC."],
        "evidence": ["2026-02-02: 40 seconds."],
    }
    return Draft(**{**fields, **changes})


def test_writes_a_complete_object_that_checks_clean(cm):
    made = new_object(draft(cm), today=datetime.date(2026, 11, 27))
    assert made.path == cm / "knowledge" / "production-database-access.md"
    text = made.path.read_text(encoding="utf-8")
    assert text == made.content
    assert text.startswith(
        "---\ntitle: Production database access\ntags: [database, production]\nrepos: [credentialmate]\n"
        "applies-when:\n- connect to the production database with psql\nupdated: 2026-11-27\n"
        "tools: [tools/rds-query]\nskills: [execute-production-sql]\n"
    )
    assert f"## Don't\n\n- {DONT}\n" in text and f"## Do\n\n- {DO}\n" in text
    assert made.findings == []
    report = check_paths([str(made.path)], today=datetime.date(2026, 11, 27), cwd=str(cm))
    assert report.findings == [] and [f.path for f in report.files] == ["knowledge/production-database-access.md"]
    assert not [p for p in made.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_prefill_comes_from_the_catalogue_and_skips_what_a_dont_names(cm):
    made = new_object(draft(cm, title="Tail the API logs", tags=["logs"], applies_when=[], do=[], dont=[]), write=False)
    assert (made.tools, made.skills) == (["tools/lambda-logs.sh"], ["view-production-logs"])
    assert not made.path.exists()
    assert (
        "- TODO: what worked, with the exact command.\n  The catalogue has: `tools/lambda-logs.sh`, "
        "`/view-production-logs`." in made.content
    )
    assert {f.code for f in made.findings} == {"SKD715"}  # the TODO lines, until filled in
    db = new_object(draft(cm, do=[]), write=False)
    assert "infra/scripts/prod_db_exec.py" not in db.tools  # the seed object's Don't names it


def test_refuses_to_overwrite(cm):
    new_object(draft(cm))
    before = (cm / "knowledge" / "production-database-access.md").read_bytes()
    with pytest.raises(UsageError, match="already exists; edit it, or choose another --title"):
        new_object(draft(cm, dont=["something else"]))
    assert (cm / "knowledge" / "production-database-access.md").read_bytes() == before


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"tags": ["db,prod"]}, "unknown tags db, prod; use access, backup"),
        ({"tags": []}, "no --tags"),
        ({"title": "  \n "}, "--title is empty"),
        ({"do": ["Run `tools/gone.sh` first"], "dont": []}, "'tools/gone.sh' does not exist in credentialmate"),
    ],
)
def test_refuses_what_would_not_be_valid(cm, changes, message):
    with pytest.raises(UsageError, match=message.replace("(", r"\(")):
        new_object(draft(cm, **changes))
    assert not (cm / "knowledge" / "production-database-access.md").exists()


def test_declared_tags_and_out_folder(cm, tmp_path):
    write_tree(cm, {"knowledge/tags.yaml": "tags:\n  rds: Amazon RDS\n"})
    made = new_object(draft(cm, tags=["rds", "credentialmate"]))
    assert "tags: [rds, credentialmate]" in made.content
    elsewhere = new_object(draft(cm, title="Other"), out=tmp_path / "shared" / "knowledge")
    assert elsewhere.path == tmp_path / "shared" / "knowledge" / "other.md"


def test_text_from_options_cannot_add_markup_or_frontmatter(cm):
    made = new_object(
        draft(cm, title="---\nx: y", when="# heading <b>", do=["a\n---\n## Don't\n- `ok` <i>"], dont=[DONT]),
        write=False,
    )
    body = made.content.split("---\n", 2)[2]
    assert "\n---\n" not in body and body.count("\n## Don't\n") == 1
    assert "\\# heading \\<b\\>" in body and "- a --- ## Don't - `ok` \\<i\\>" in body


def test_cli_new_writes_and_prints_what_to_fill_in(cli, cm):
    result = cli("knowledge", "new", str(cm), "--title", "Tail the API logs", "--tags", "logs", cwd=cm)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {cm / 'knowledge' / 'tail-the-api-logs.md'}\n")
    assert "SKD715 'Don't' still says: TODO" in result.stdout
    again = cli("knowledge", "new", str(cm), "--title", "Tail the API logs", "--tags", "logs", cwd=cm)
    assert again.exit_code == 2 and again.output.startswith("Error: ") and "already exists" in again.output


def test_cli_new_json_and_dry_run(cli, cm):
    args = [
        "knowledge",
        "new",
        str(cm),
        "-t",
        "Production database access",
        "--tags",
        "database",
        "--dont",
        DONT,
        "--do",
        DO,
        "--applies-when",
        "psql to prod times out",
    ]
    dry = cli(*args, "--dry-run", cwd=cm)
    assert dry.exit_code == 0 and dry.stdout.startswith("---\ntitle: Production database access\n")
    assert not (cm / "knowledge" / "production-database-access.md").exists()
    result = cli(*args, "--json", cwd=cm)
    data = json.loads(result.stdout)
    assert data["path"] == str(cm / "knowledge" / "production-database-access.md")
    assert data["tools"] == ["tools/rds-query"] and {f["code"] for f in data["findings"]} == {"SKD715"}


def test_cli_new_with_a_workspace_name(cli, tmp_path):
    repo = write_tree(tmp_path / "api", {".git/HEAD": "x\n", "scripts/deploy.sh": "#!/bin/sh\n# Deploy the API.\n"})
    workspace = write_tree(tmp_path, {"skilldex.yaml": "repos: {api: api}\n"}) / "skilldex.yaml"
    result = cli(
        "-w",
        str(workspace),
        "knowledge",
        "new",
        "api",
        "--title",
        "Deploying",
        "--tags",
        "deploy,api",
        "--do",
        "Run `scripts/deploy.sh`",
        "--dont",
        "Push by hand: CI signs images",
    )
    assert result.exit_code == 0, result.output
    text = (repo / "knowledge" / "deploying.md").read_text()
    assert "repos: [api]" in text and "tools: [scripts/deploy.sh]" in text
    unknown = cli("-w", str(workspace), "knowledge", "new", "nope", "--title", "x", "--tags", "deploy")
    assert unknown.exit_code == 2 and "unknown repo 'nope'" in unknown.output
