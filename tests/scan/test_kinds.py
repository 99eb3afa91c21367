"""Each kind, scanned from the real fixture repo tests/fixtures/allkinds, with exact fields."""

from __future__ import annotations

import pytest
from support import FIXTURES

from skilldex.scan import scan_repo


@pytest.fixture(scope="module")
def catalogue():
    return scan_repo(FIXTURES / "allkinds", name="allkinds")


def by_path(catalogue, kind, path):
    matches = [i for i in catalogue.items if i.kind == kind and i.path == path]
    assert len(matches) == 1, [i.path for i in catalogue.items if i.kind == kind]
    return matches[0]


def test_inventory(catalogue):
    got = sorted((i.kind, i.name) for i in catalogue.items)
    assert got == [
        ("agent", "log-reader"),
        ("command", "describe-table"),
        ("doc", "CLAUDE.md"),
        ("doc", "database-access"),
        ("knowledge", "prod-db-access"),
        ("mcp-server", "docs-search"),
        ("mcp-server", "pg-readonly"),
        ("skill", "api-logs"),
        ("skill", "format-code"),
        ("skill", "restart-service"),
        ("skill", "run-sql"),
        ("task", "build"),
        ("task", "deploy"),
        ("task", "lint"),
        ("task", "test"),
        ("tool", "query-db"),
        ("tool", "tail-logs.sh"),
    ]
    assert catalogue.findings == []


def test_project_skill_frontmatter_is_parsed_fully(catalogue):
    item = by_path(catalogue, "skill", ".claude/skills/run-sql/SKILL.md")
    data = item.model_dump(exclude={"frontmatter", "references"})
    assert data == {
        "kind": "skill",
        "name": "run-sql",
        "path": ".claude/skills/run-sql/SKILL.md",
        "line": None,
        "description": "Run SQL against the production Postgres through the query tool. "
        "Use when a migration or data fix must be applied.",
        "capabilities": ["database", "migrations"],
        "run": "/run-sql",
        "dir_name": "run-sql",
        "scope": "project",
        "loaded_by_claude_code": True,
        "description_source": "frontmatter",
        "when_to_use": "The user asks to add a column, fix data, or check the schema in production.",
        "allowed_tools": ["Bash(python3 tools/query-db:*)", "Read"],
        "disallowed_tools": [],
        "user_invocable": True,
        "disable_model_invocation": False,
        "argument_hint": "<sql>",
        "arguments": [],
        "model": None,
        "context": None,
        "agent": None,
        "paths": [],
        "license": None,
        "compatibility": None,
        "metadata": {"owner": "platform"},
        "body_lines": 4,
        "installed_by": None,  # no manifest (boost.json, skills-lock.json) lists it: the repo's own
    }
    assert item.frontmatter["user-invocable"] is True  # YAML 1.1: yes is a boolean


def test_skill_body_references_resolve_against_skill_folder_then_repo_root(catalogue):
    item = by_path(catalogue, "skill", ".claude/skills/run-sql/SKILL.md")
    assert [(r.target, r.path, r.line, r.exists) for r in item.references] == [
        ("references/checklist.md", ".claude/skills/run-sql/references/checklist.md", 14, True),
        ("tools/query-db", "tools/query-db", 14, True),
        ("references/legacy.md", ".claude/skills/run-sql/references/legacy.md", 15, False),
        ("scripts/verify.sh", ".claude/skills/run-sql/scripts/verify.sh", 15, True),
    ]


def test_skill_scopes_and_invocations(catalogue):
    got = {i.path: (i.scope, i.loaded_by_claude_code, i.run) for i in catalogue.items if i.kind == "skill"}
    assert got == {
        ".agents/skills/format-code/SKILL.md": ("agents", False, "/format-code"),
        ".claude/skills/run-sql/SKILL.md": ("project", True, "/run-sql"),
        "services/api/.claude/skills/api-logs/SKILL.md": ("nested", True, "/api-logs"),
        # plugin skills are namespaced by the plugin's manifest name; user-invocable: false has no /command
        "plugins/ops-pack/skills/restart-service/SKILL.md": ("plugin", True, None),
    }


def test_command(catalogue):
    item = by_path(catalogue, "command", ".claude/commands/db/describe-table.md")
    assert (item.name, item.description, item.run, item.argument_hint, item.allowed_tools) == (
        "describe-table",
        "Describe a production table's columns",
        "/describe-table <table>",
        "<table>",
        ["Bash(python3 tools/query-db:*)"],
    )


def test_agent(catalogue):
    item = by_path(catalogue, "agent", ".claude/agents/log-reader.md")
    assert (item.name, item.description, item.tools, item.model, item.capabilities) == (
        "log-reader",
        "Reads CloudWatch logs and summarises errors.",
        ["Read", "Grep", "Bash"],
        "sonnet",
        ["logs"],
    )


def test_mcp_servers_keep_env_names_not_values(catalogue):
    servers = {i.name: i for i in catalogue.items if i.kind == "mcp-server"}
    pg = servers["pg-readonly"]
    assert (pg.transport, pg.command, pg.args, pg.env_keys, pg.line) == (
        "stdio",
        "npx",
        ["-y", "@modelcontextprotocol/server-postgres"],
        ["DATABASE_URL"],
        3,
    )
    assert "RO_DATABASE_URL" not in pg.model_dump_json()
    docs = servers["docs-search"]
    assert (docs.transport, docs.url, docs.command, docs.line) == ("http", "https://mcp.example.com/docs", None, 8)


def test_python_tool_is_described_statically(catalogue):
    item = by_path(catalogue, "tool", "tools/query-db")
    assert (item.language, item.executable, item.run, item.mutating, item.description_source) == (
        "python",
        True,
        "tools/query-db",
        True,
        "argparse",
    )
    assert item.description.startswith("Run SQL against the production database through the SQL API Lambda.")
    assert [(f.flags, f.mutating) for f in item.flags] == [
        (["--write"], True),
        (["--schema"], False),
    ]
    assert item.mutating_evidence == ["flag --write"]
    assert "database" in item.capabilities


def test_library_module_in_tools_folder_is_not_a_tool(catalogue):
    assert not [i for i in catalogue.items if i.path == "tools/helpers.py"]


def test_shell_tool(catalogue):
    item = by_path(catalogue, "tool", "scripts/tail-logs.sh")
    assert (item.language, item.description, item.run) == (
        "shell",
        "Tail the API's CloudWatch logs.",
        "scripts/tail-logs.sh",
    )
    assert sorted(f for flag in item.flags for f in flag.flags) == ["--follow", "--since"]
    assert item.usage == "Usage: scripts/tail-logs.sh [--since 10m] [--follow]"


def test_tasks(catalogue):
    got = [(i.name, i.runner, i.path, i.line, i.description, i.run) for i in catalogue.items if i.kind == "task"]
    assert got == [
        ("test", "make", "Makefile", 3, "Run the unit tests", "make test"),
        ("deploy", "make", "Makefile", 6, "Deploy the API to production", "make deploy"),
        ("build", "npm", "package.json", 4, "Runs: vite build", "npm run build"),
        ("lint", "npm", "package.json", 5, "Runs: eslint .", "npm run lint"),
    ]


def test_docs_keep_infra_and_agent_docs_only(catalogue):
    docs = {i.path: i for i in catalogue.items if i.kind == "doc"}
    assert sorted(docs) == ["CLAUDE.md", "docs/ops/database-access.md"]  # not docs/product/onboarding-copy.md
    item = docs["docs/ops/database-access.md"]
    assert item.title == "Database access"
    assert [(h.level, h.text, h.line) for h in item.headings] == [(1, "Database access", 1), (2, "Query it", 5)]
    assert [(c.command, c.line) for c in item.commands] == [
        ('python3 tools/query-db "SELECT 1"', 9),
        ('python3 tools/query-db --write "UPDATE t SET x = 1"', 10),
        ("python3 tools/query-db --schema users", 15),
    ]
    assert [(r.target, r.exists) for r in item.references] == [("../runbooks/missing.md", False)]


def test_knowledge(catalogue):
    item = by_path(catalogue, "knowledge", "knowledge/prod-db-access.md")
    assert (item.title, item.tags, item.repos, item.applies_when, item.updated) == (
        "Production database access",
        ["database", "production"],
        ["allkinds"],
        ["I need to run SQL in production", "the database is not reachable"],
        "2026-02-02",
    )
    assert [h.text for h in item.headings] == ["Do", "Don't"]
