"""`skilldex generate knowledge`: the seed's access-patterns file and knowledge objects skilldex catalogues cleanly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from support import PROJECT, write_tree

from skilldex.generate.headlines import AREAS
from skilldex.scan import scan_repo

# no ci: check-schema-drift's `--ci` flag is one word in its help, not what it does (capabilities say it twice)
CREDENTIALMATE_NEEDS = [
    "access",
    "backup",
    "cloud",
    "data",
    "database",
    "deploy",
    "infrastructure",
    "logs",
    "migrations",
    "monitoring",
    "secrets",
]
KAREMATCH_NEEDS = [  # no backup: its "visual snapshots" are test fixtures, not backups
    "access",
    "ci",
    "cloud",  # its clusters are GKE, Google's managed Kubernetes
    "data",
    "database",
    "deploy",
    "infrastructure",
    "logs",
    "migrations",  # no monitoring: one
    # "## Incidents" heading in a Kubernetes doc is not what the doc is about; no secrets: port-forward-db.sh only
    # says in its body where the password it reads lives
]


def _lines_under(lines: list[str], heading: str, after: str) -> list[str]:
    at = lines.index(heading, lines.index(after))
    out = []
    for line in lines[at + 1 :]:
        if line.startswith("#"):
            break
        if line:
            out.append(line)
    return out


def test_writes_access_patterns_and_one_object_per_repo_and_need(cli, tmp_path):
    out = tmp_path / "knowledge"
    result = cli("generate", "knowledge", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    written = [f["relative"] for f in json.loads(result.stdout)["files"]]
    assert written == sorted(
        ["infrastructure-access-patterns.md"]
        + [f"credentialmate/{c}.md" for c in CREDENTIALMATE_NEEDS]
        + [f"karematch/{c}.md" for c in KAREMATCH_NEEDS]
    )
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == written


def test_access_patterns_follow_the_seed_structure(cli, tmp_path):
    assert cli("generate", "knowledge", "--out", str(tmp_path)).exit_code == 0
    text = (tmp_path / "infrastructure-access-patterns.md").read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert (meta["title"], meta["repos"]) == ("Infrastructure access patterns", ["credentialmate", "karematch"])
    lines = body.splitlines()
    assert lines[0] == "# Infrastructure Access Patterns"
    assert lines[2].startswith(
        "Generated with `skilldex generate knowledge` from the skilldex catalogues of credentialmate and karematch"
    )
    assert [line for line in lines if line.startswith("## ")] == ["## credentialmate", "## karematch"]
    titles = [a.title for a in AREAS]
    karematch = lines[lines.index("## karematch") :]
    assert [line[4:] for line in karematch if line.startswith("### ")] == [
        t for t in titles if t not in ("Storage", "Backups", "Monitoring", "Secrets")
    ]  # only the needs the repo has tooling for
    database = _lines_under(lines, "### Database access", after="## credentialmate")
    assert [line.split(":")[0] for line in database] == [
        "- Skill",
        "- Skill",
        "- Tool",
        "- Tool",
        "- Doc",
        "- Knowledge",
        "- Everything tagged database",
    ]
    assert database[0].startswith("- Skill: `/execute-production-sql`: Executes SQL")
    assert database[2].startswith("- Tool: `tools/rds-query`: Run SQL against the production CredentialMate database")
    assert database[4].startswith("- Doc: `docs/runbooks/database-access.md`: Runbook: Production database access.")
    assert database[-1] == (
        "- Everything tagged database: [credentialmate/database.md](credentialmate/database.md) (next to this file)"
    )
    logs = _lines_under(lines, "### Logs", after="## credentialmate")
    assert logs[0].startswith("- Skill: `/view-production-logs`")
    assert logs[1].startswith("- Tool: `tools/lambda-logs.sh`")


def test_knowledge_object_format(cli, tmp_path):
    assert cli("generate", "knowledge", "credentialmate", "--out", str(tmp_path)).exit_code == 0
    text = (tmp_path / "credentialmate" / "database.md").read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    assert yaml.safe_load(head) == {
        "title": "credentialmate: database access",
        "tags": ["database", "credentialmate"],
        "repos": ["credentialmate"],
        "applies-when": ["I need to query or change the database in credentialmate"],
    }
    lines = body.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "# credentialmate: database access",
        "## When you need to",
        "## Do",
        "## Don't",
        "## How it works",
    ]
    assert _lines_under(lines, "## Do", after="## When you need to")[2].startswith("- Tool: `tools/rds-query`")


def test_skilldex_catalogues_the_output_without_findings(cli, tmp_path):
    out = tmp_path / "workspace" / "knowledge"
    assert cli("generate", "knowledge", "--out", str(out)).exit_code == 0
    catalogue = scan_repo(tmp_path / "workspace")
    assert catalogue.findings == []
    assert {i.kind for i in catalogue.items} == {"knowledge"}
    assert len(catalogue.items) == 1 + len(CREDENTIALMATE_NEEDS) + len(KAREMATCH_NEEDS)
    database = next(i for i in catalogue.items if i.path == "knowledge/credentialmate/database.md")
    assert (database.title, database.tags, database.repos, database.updated) == (
        "credentialmate: database access",
        ["database", "credentialmate"],
        ["credentialmate"],
        None,
    )
    assert "database" in database.capabilities
    patterns = next(i for i in catalogue.items if i.name == "infrastructure-access-patterns")
    assert patterns.repos == ["credentialmate", "karematch"] and len(patterns.applies_when) == 2


def test_deterministic_and_reruns_change_nothing(cli, tmp_path):
    for out in ("a", "b"):
        assert cli("generate", "knowledge", "--out", str(tmp_path / out)).exit_code == 0
    files = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    assert files == {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert all(str(tmp_path).encode() not in data for data in files.values())
    rerun = cli("generate", "knowledge", "--out", str(tmp_path / "a"), "--json")
    assert {f["status"] for f in json.loads(rerun.stdout)["files"]} == {"unchanged"}


def test_hand_written_objects_are_kept_and_stale_generated_ones_removed(cli, tmp_path):
    out = tmp_path / "knowledge"
    assert cli("generate", "knowledge", "--out", str(out)).exit_code == 0
    mine = write_tree(out, {"karematch/my-notes.md": "---\ntitle: Mine\n---\n# Mine\n"}) / "karematch" / "my-notes.md"
    result = cli("generate", "knowledge", "credentialmate", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    statuses = {f["relative"]: f["status"] for f in json.loads(result.stdout)["files"]}
    assert {k for k, v in statuses.items() if v == "removed"} == {f"karematch/{c}.md" for c in KAREMATCH_NEEDS}
    assert statuses["infrastructure-access-patterns.md"] == "written"
    assert mine.read_text() == "---\ntitle: Mine\n---\n# Mine\n"
    shutil.copy(mine, out / "infrastructure-access-patterns.md")
    refused = cli("generate", "knowledge", "--out", str(out))
    assert refused.exit_code == 2
    assert "infrastructure-access-patterns.md exists and was not generated by skilldex" in refused.stderr


def test_hostile_repo_knowledge_is_valid_and_catalogued_cleanly(cli, hostile_repo, tmp_path):
    out = tmp_path / "ws" / "knowledge"
    result = cli("generate", "knowledge", str(hostile_repo), "--out", str(out))
    assert result.exit_code == 0, result.output
    for path in out.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        head, body = text[4:].split("\n---\n", 1)
        assert isinstance(yaml.safe_load(head), dict)
        assert "\n---\n" not in body and "\x07" not in text and "!`" not in text
    catalogue = scan_repo(tmp_path / "ws")
    assert catalogue.findings == []
    assert sorted(i.path for i in catalogue.items) == [
        "knowledge/evil-repo-x/database.md",
        "knowledge/evil-repo-x/deploy.md",
        "knowledge/evil-repo-x/infrastructure.md",
        "knowledge/evil-repo-x/logs.md",
        "knowledge/evil-repo-x/monitoring.md",
        "knowledge/evil-repo-x/secrets.md",
        "knowledge/infrastructure-access-patterns.md",
    ]
    lines = Path(out / "evil-repo-x" / "database.md").read_text(encoding="utf-8").splitlines()
    assert lines[lines.index("---", 1) + 1] == "# evil repo \\<x\\>: database access"


def test_output_inside_a_scanned_repo_is_not_read_back(cli, tmp_path):
    repo = tmp_path / "credentialmate"
    shutil.copytree(PROJECT / "examples" / "credentialmate", repo)
    (tmp_path / "skilldex.yaml").write_text("repos:\n  credentialmate: credentialmate\n")
    ws = ("--workspace", str(tmp_path / "skilldex.yaml"))
    for _ in range(2):
        skill = cli(*ws, "generate", "skill", "--out", str(repo / ".claude" / "skills"), "--json")
        knowledge = cli(*ws, "generate", "knowledge", "--out", str(repo / "knowledge" / "generated"), "--json")
        assert skill.exit_code == 0 and knowledge.exit_code == 0, skill.output + knowledge.output
    statuses = {f["status"] for r in (skill, knowledge) for f in json.loads(r.stdout)["files"]}
    assert statuses == {"unchanged"}  # the second run saw the same catalogue as the first
    reference = (repo / ".claude/skills/discover-infrastructure/references/credentialmate.md").read_text("utf-8")
    assert "discover-infrastructure" not in reference and "knowledge/generated/" not in reference
    assert "`knowledge/credentialmate-production-database-access.md`" in reference
