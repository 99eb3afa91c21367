"""`skilldex export backstage`: entities that Backstage's own schemas and validators accept.

The JSON schemas come from the npm package @backstage/catalog-model (tests/external), which ships them as
CommonJS modules; node prints them as JSON and the `jsonschema` package validates each entity against the
envelope, the entity and its kind's schema, $refs resolved, as `entitySchemaValidator` and the kind
validators do. Then node runs the package's own policies (names, tags, URLs) and kind validators, which
is what the catalog's processors apply on ingestion.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from support import FIXTURES, PROJECT, external_path, node, write_tree

from skilldex.export.backstage import BackstageOptions, documents
from skilldex.export.backstage_names import sanitize, unique_names
from skilldex.scan import scan_repo

EXTERNAL = PROJECT / "tests" / "external"
PACKAGE = "@backstage/catalog-model"
BASE = "https://github.com/acme/{repo}/blob/main/"
KIND_SCHEMAS = {
    ("Component", None): "ComponentV1alpha1",
    ("API", "mcp-server"): "ApiV1alpha1McpServer",
    ("API", None): "ApiV1alpha1",
}

DUMP_SCHEMAS = """
const fs = require('fs'), path = require('path');
const root = path.join(path.dirname(require.resolve('@backstage/catalog-model/package.json')), 'dist', 'schema');
const out = {};
const walk = dir => fs.readdirSync(dir).sort().forEach(name => {
  const file = path.join(dir, name);
  if (fs.statSync(file).isDirectory()) return walk(file);
  if (name.endsWith('.schema.json.cjs.js')) { const s = require(file).default; out[s.$id] = s; }
});
walk(root);
process.stdout.write(JSON.stringify(out));
"""

# What the catalog does with an entity on ingestion: the default policies, then the kind's validator.
CHECK_ENTITIES = """
const m = require('@backstage/catalog-model'), alpha = require('@backstage/catalog-model/alpha');
const mcpServer = m.mcpServerApiEntityValidator || alpha.mcpServerApiEntityValidator;
const policy = m.EntityPolicies.allOf([new m.DefaultNamespaceEntityPolicy(), new m.NoForeignRootFieldsEntityPolicy(),
  new m.FieldFormatEntityPolicy(), new m.SchemaValidEntityPolicy()]);
const kinds = {Component: [m.componentEntityV1alpha1Validator], API: [m.apiEntityV1alpha1Validator]};
(async () => {
  const errors = [];
  for (const entity of JSON.parse(require('fs').readFileSync(0, 'utf8'))) {
    const where = entity.kind + ':' + entity.metadata.name;
    try {
      await policy.enforce(JSON.parse(JSON.stringify(entity)));
      const validators = entity.spec.type === 'mcp-server' ? [mcpServer, ...kinds.API]
        : kinds[entity.kind];
      for (const v of validators) if (!(await v.check(entity))) errors.push(where + ': not accepted');
    } catch (e) { errors.push(where + ': ' + e.message); }
  }
  process.stdout.write(JSON.stringify(errors));
})();
"""


def _node(script: str, stdin: str = "") -> str:
    external_path(f"{PACKAGE}/dist/schema/Entity.schema.json.cjs.js")  # skip locally, fail in CI
    runner = node("read tests/external's @backstage/catalog-model")
    done = subprocess.run(
        [runner, "-e", script], cwd=EXTERNAL, input=stdin, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    found = json.loads(_node(DUMP_SCHEMAS))
    assert {"Entity", "EntityEnvelope", "EntityMeta", "common", *KIND_SCHEMAS.values()} <= set(found)
    return found


def schema_errors(schemas: dict[str, dict], entity: dict) -> list[str]:
    """Envelope, Entity and kind schema errors, each schema's $refs resolved against the package's schemas."""
    registry = Registry().with_resources(
        (schema_id, Resource.from_contents(schema, default_specification=DRAFT7))
        for schema_id, schema in schemas.items()
    )
    spec_type = entity.get("spec", {}).get("type")
    kind_schema = KIND_SCHEMAS.get((entity["kind"], spec_type)) or KIND_SCHEMAS[(entity["kind"], None)]
    errors = []
    for schema_id in ("EntityEnvelope", "Entity", kind_schema):
        validator = Draft7Validator(schemas[schema_id], registry=registry)
        errors += [
            f"{schema_id}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(entity)
        ]
    return errors


def _entities(text: str) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(text) if doc is not None]


@pytest.fixture(scope="module")
def catalogues():
    return [
        scan_repo(PROJECT / "examples/credentialmate", name="credentialmate"),
        scan_repo(PROJECT / "examples/karematch", name="karematch"),
        scan_repo(FIXTURES / "allkinds", name="allkinds"),
    ]


def test_every_entity_passes_backstages_schemas_and_validators(schemas, catalogues):
    for options in (BackstageOptions(), BackstageOptions(owner="group:platform", source_location=BASE)):
        entities = _entities(documents(catalogues, options))
        assert {e["kind"] for e in entities} == {"Component", "API"}
        problems = [f"{e['metadata']['name']}: {p}" for e in entities for p in schema_errors(schemas, e)]
        assert problems == []
        assert json.loads(_node(CHECK_ENTITIES, json.dumps(entities))) == []


def test_the_schemas_do_reject_a_bad_entity(schemas):
    bad = {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Component",
        "metadata": {"name": "x", "tags": [1]},
        "spec": {"type": "tool", "owner": "unknown"},
    }
    errors = schema_errors(schemas, bad)
    assert any("lifecycle" in e for e in errors) and any(e.startswith("Entity") and "tags/0" in e for e in errors)
    bad = {
        **bad,
        "metadata": {"name": "not valid!", "links": [{"url": "./relative"}]},
        "spec": {"type": "tool", "owner": "unknown", "lifecycle": "production"},
    }
    assert len(json.loads(_node(CHECK_ENTITIES, json.dumps([bad])))) == 1


def test_shape_kinds_relations_and_links(catalogues):
    entities = _entities(documents(catalogues[:1], BackstageOptions(owner="group:platform", source_location=BASE)))
    by_name = {e["metadata"]["name"]: e for e in entities}
    repo = entities[0]
    assert repo["kind"] == "Component" and repo["metadata"]["name"] == "credentialmate"
    assert repo["spec"] == {
        "type": "repository",
        "lifecycle": "production",
        "owner": "group:platform",
        "consumesApis": ["api:credentialmate-mcp-postgres-readonly", "api:credentialmate-mcp-sentry"],
    }
    assert repo["metadata"]["annotations"] == {
        "backstage.io/source-location": "url:https://github.com/acme/credentialmate/blob/main/"
    }
    assert repo["metadata"]["links"] == [
        {"url": "https://github.com/acme/credentialmate/blob/main/", "title": "Repository"}
    ]

    skill = by_name["credentialmate-skill-query-production-db"]
    assert skill["metadata"]["title"] == "query-production-db"
    assert skill["metadata"]["tags"][:2] == ["skilldex", "skill"] and "database" in skill["metadata"]["tags"]
    assert skill["metadata"]["annotations"] == {
        "backstage.io/source-location": "url:https://github.com/acme/credentialmate/blob/main/.claude/skills/query-production-db/",
        "skilldex/path": ".claude/skills/query-production-db/SKILL.md",
        "skilldex/run": "/query-production-db",
    }
    assert skill["spec"] == {
        "type": "skill",
        "lifecycle": "production",
        "owner": "group:platform",
        "subcomponentOf": "component:credentialmate",
        "dependsOn": ["component:credentialmate-tool-rds-query"],
    }
    tool = by_name["credentialmate-tool-rds-query"]
    assert tool["metadata"]["links"] == [
        {"url": "https://github.com/acme/credentialmate/blob/main/tools/rds-query", "title": "Source"}
    ]
    assert tool["spec"]["type"] == "tool"
    doc = by_name["credentialmate-doc-infrastructure"]
    assert doc["spec"]["type"] == "documentation" and doc["metadata"]["title"] == "CredentialMate Infrastructure"
    assert doc["spec"]["dependsOn"] == [
        "component:credentialmate-doc-database-access",
        "component:credentialmate-tool-prod_db_exec.py",
        "component:credentialmate-tool-rds-query",
    ]
    api = by_name["credentialmate-mcp-sentry"]
    assert api["kind"] == "API"
    assert api["spec"] == {
        "type": "mcp-server",
        "lifecycle": "production",
        "owner": "group:platform",
        "remotes": [{"type": "streamable-http", "url": "https://mcp.sentry.dev/mcp"}],
        "definition": "transport: http\nurl: https://mcp.sentry.dev/mcp\n",
    }
    # every reference points at an entity in the output
    refs = {f"{e['kind'].lower()}:{e['metadata']['name']}" for e in entities}
    for entity in entities:
        spec = entity["spec"]
        for ref in [spec.get("subcomponentOf"), *spec.get("dependsOn", []), *spec.get("consumesApis", [])]:
            assert ref is None or ref in refs


def test_dir_locations_resolve_from_where_the_file_lives(cli, catalogues, tmp_path: Path):
    text = documents(catalogues, BackstageOptions())
    for root in (PROJECT / "examples/credentialmate", PROJECT / "examples/karematch", FIXTURES / "allkinds"):
        assert str(root) not in text  # no absolute paths
    for catalogue, entity in _by_repo(catalogues, _entities(text)):
        target = entity["metadata"]["annotations"]["backstage.io/source-location"]
        assert target.startswith("dir:./") and "links" not in entity["metadata"]
        assert (Path(catalogue.root) / target[4:]).exists(), target

    out = tmp_path / "catalog"
    result = cli("export", "backstage", "credentialmate", str(FIXTURES / "allkinds"), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"written   {out / 'catalog-info.yaml'}\n"
    written = (out / "catalog-info.yaml").read_text(encoding="utf-8")
    for entity in _entities(written):
        target = entity["metadata"]["annotations"]["backstage.io/source-location"]
        assert target.startswith("dir:../") and (out / target[4:]).exists(), target
    again = cli("export", "backstage", "credentialmate", str(FIXTURES / "allkinds"), "--out", str(out), "--json")
    assert json.loads(again.stdout)["files"][0]["status"] == "unchanged"


def _by_repo(catalogues, entities):
    names = {c.repo: c for c in catalogues}
    for entity in entities:
        repo = entity["spec"].get("subcomponentOf", "component:" + entity["metadata"]["name"]).split(":")[1]
        yield names.get(repo) or next(c for c in catalogues if entity["metadata"]["name"].startswith(c.repo)), entity


def test_output_is_deterministic_and_starts_with_the_marker(cli):
    first = cli("export", "backstage", "credentialmate", "karematch")
    second = cli("export", "backstage", "credentialmate", "karematch")
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert first.stdout.splitlines()[:3] == [
        "# Backstage catalog entities (backstage.io/v1alpha1) for the tooling skilldex catalogued in "
        "credentialmate, karematch.",
        "# Generated by `skilldex export backstage`; run it again to refresh (edits here are overwritten).",
        "---",
    ]
    everything = cli("export", "backstage")  # default: every repo of the workspace
    assert everything.stdout == first.stdout
    as_json = json.loads(cli("export", "backstage", "credentialmate", "karematch", "--json").stdout)
    assert as_json == _entities(first.stdout)


def test_names_are_valid_unique_and_stable():
    pattern = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")  # Backstage's isValidObjectName
    wanted = [
        ("credentialmate-tool-rds query", "a"),
        ("Ünïcödé--Skill__x", "b"),
        ("技能", "c"),
        ("-x-", "d"),
        ("r-task-dev", "e"),
        ("R-TASK-DEV", "f"),
        ("y" * 80, "g"),
        ("a..b", "h"),
    ]
    names = unique_names(wanted)
    assert names[:4] == ["credentialmate-tool-rds-query", "unicode-skill-x", names[2], "x"]
    assert re.fullmatch(r"x-[0-9a-f]{8}", names[2])
    assert names[4] != names[5] and names[4].startswith("r-task-dev-") and names[5].startswith("r-task-dev-")
    assert len(names[6]) == 63 and names[7] == "a.b"
    assert all(pattern.match(n) and len(n) <= 63 for n in names)
    assert len({n.lower() for n in names}) == len(names)
    assert unique_names(wanted) == names  # the same every run
    # adding an item never renames the others (only names that clash get a hash)
    assert unique_names([*wanted, ("brand-new", "z")])[:8] == names
    assert sanitize("CLAUDE.md") == "claude.md"


def test_mcp_credentials_and_kinds_filter(schemas, tmp_path: Path):
    mcp = {
        "mcpServers": {
            "db": {
                "command": "npx",
                "args": ["server-postgres", "postgresql://admin:S3cret@db:5432/app"],
                "env": {"PGPASSWORD": "hunter2"},
            },
            "api": {"type": "http", "url": "https://user:pw@mcp.example.com/mcp?api_key=abc123&region=eu"},
        }
    }
    root = write_tree(tmp_path / "svc", {".mcp.json": json.dumps(mcp), "tools/x": "#!/bin/sh\n# X.\necho\n"})
    text = documents([scan_repo(root, name="svc")], BackstageOptions())
    for secret in ("S3cret", "hunter2", "abc123", "user:pw"):
        assert secret not in text
    entities = _entities(text)
    db = next(e for e in entities if e["metadata"]["name"] == "svc-mcp-db")
    assert db["spec"]["remotes"] == [{"type": "stdio", "url": "npx server-postgres 'postgresql://***@db:5432/app'"}]
    assert "env:\n- PGPASSWORD\n" in db["spec"]["definition"]
    assert [p for e in entities for p in schema_errors(schemas, e)] == []
    only = _entities(documents([scan_repo(root, name="svc")], BackstageOptions(kinds=("tool",))))
    assert [e["metadata"]["name"] for e in only] == ["svc", "svc-tool-x"]
    assert "consumesApis" not in only[0]["spec"]


def test_usage_errors(cli, tmp_path: Path):
    result = cli("export", "backstage", "credentialmate", "karematch", "--source-location", "https://x.test/repo/")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: with several repos, --source-location needs '{repo}'")
    result = cli("export", "backstage", "credentialmate", "--source-location", "git@github.com:acme/x.git")
    assert result.exit_code == 2 and "must be an http(s) URL" in result.stderr
    mine = tmp_path / "catalog-info.yaml"
    mine.write_text("apiVersion: backstage.io/v1alpha1\nkind: Component\n", encoding="utf-8")
    result = cli("export", "backstage", "credentialmate", "--out", str(tmp_path))
    assert result.exit_code == 2 and "was not generated by skilldex" in result.stderr
    assert mine.read_text(encoding="utf-8") == "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
    result = cli("export", "backstage", "credentialmate", "--kind", "nope")
    assert result.exit_code == 2 and "'nope' is not one of" in result.stderr
