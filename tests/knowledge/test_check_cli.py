"""`skilldex knowledge check`: the bundled objects pass, output formats and exit codes match `skilldex validate`."""

from __future__ import annotations

import datetime
import json

import pytest
from support import PROJECT, skills_ref_validator, write_tree

from skilldex.knowledge.check import check_paths
from skilldex.validate.run import validate_paths
from skilldex.workspace import load_workspace

BROKEN = "---\ntitle: Broken\ntags: database\napplies-when: [x]\nupdated: 2026-02-02\n---\n## Do\n- y\n"


def test_the_workspace_and_the_pack_objects_check_clean():
    """The seed's object, karematch's, and the pack's own: no finding at all, as of a fixed day."""
    report = check_paths(
        [], load_workspace(PROJECT / "skilldex.yaml"), today=datetime.date(2026, 11, 27), cwd=str(PROJECT)
    )
    assert report.findings == []
    assert [f.path for f in report.files] == sorted(
        [
            "examples/credentialmate/knowledge/credentialmate-production-database-access.md",
            "examples/karematch/knowledge/karematch-prisma-migrations-in-cluster.md",
            *(f"knowledge/{p.name}" for p in (PROJECT / "knowledge").glob("*.md") if p.name != "README.md"),
        ]
    )


def test_the_record_access_pattern_skill_is_valid_everywhere():
    skill = PROJECT / "skills" / "record-access-pattern"
    for profile in ("agentskills", "claude-code", "claude-upload"):
        report = validate_paths([str(skill)], profile=profile)
        assert [f.code for f in report.findings] == [] and len(report.files) == 1, profile
    skills_ref_validate = skills_ref_validator()
    assert skills_ref_validate is None or skills_ref_validate(skill) == []
    text = (skill / "SKILL.md").read_text()
    assert "skilldex knowledge new REPO --title" in text and "skilldex knowledge check" in text


def test_text_output_and_exit_codes(cli, tmp_path):
    root = write_tree(tmp_path / "r", {".git/HEAD": "x\n", "knowledge/broken.md": BROKEN})
    result = cli("knowledge", "check", ".", cwd=root)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "knowledge/broken.md:3:7: SKD703 [error] 'tags' is a string ('database'), not a list; "
        "write `tags: [database]`"
    )
    assert lines[1].startswith("  fix: Write a YAML list")
    assert lines[-1] == "Checked 1 file: 1 error, 1 warning (1 file invalid)."
    quiet = cli("knowledge", "check", ".", "--ignore", "SKD703", "--no-fix", cwd=root)
    assert quiet.exit_code == 0 and "fix:" not in quiet.stdout and "SKD703" not in quiet.stdout


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_machine_formats(cli, tmp_path, fmt):
    root = write_tree(tmp_path / "r", {".git/HEAD": "x\n", "knowledge/broken.md": BROKEN})
    result = cli("knowledge", "check", "knowledge/broken.md", "--format", fmt, "--select", "SKD703", cwd=root)
    assert result.exit_code == 1
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["profile"] == "knowledge" and data["summary"]["error"] == 1
        assert data["files"] == [{"path": "knowledge/broken.md", "kind": "knowledge", "valid": False}]
    elif fmt == "github":
        assert result.stdout.startswith(
            "::error file=knowledge/broken.md,line=3,col=7,title=SKD703 knowledge-value-not-list::'tags' is a string"
        )
    else:
        run = json.loads(result.stdout)["runs"][0]
        assert run["tool"]["driver"]["rules"][0]["id"] == "SKD703"
        assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_usage_errors(cli, tmp_path):
    root = write_tree(tmp_path / "r", {".git/HEAD": "x\n", "notes.txt": "x\n"})
    for args, message in (
        (["nope/"], "nope/: no such file or folder"),
        ([".", "--select", "SKD799"], "SKD799"),
        ([".", "--format", "xml"], "unknown --format 'xml'"),
    ):
        result = cli("knowledge", "check", *args, cwd=root)
        assert result.exit_code == 2 and result.output.startswith("Error: ") and message in result.output
    empty = cli("knowledge", "check", ".", "notes.txt", cwd=root)
    assert empty.exit_code == 0
    assert "skipped notes.txt: not a markdown file" in empty.stderr
    assert "No knowledge objects" in empty.stderr


def test_without_paths_it_checks_the_workspace(cli, tmp_path):
    write_tree(tmp_path / "api", {"knowledge/broken.md": BROKEN})
    write_tree(
        tmp_path,
        {
            "knowledge/shared.md": BROKEN.replace("tags: database", "tags: [database]"),
            "skilldex.yaml": "repos: {api: api}\n",
        },
    )
    result = cli("-w", str(tmp_path / "skilldex.yaml"), "knowledge", "check", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["files"]] == ["api/knowledge/broken.md", "knowledge/shared.md"]


@pytest.mark.parametrize("args", [["knowledge", "new"], ["knowledge", "check"], ["knowledge", "schema"], ["knowledge"]])
def test_every_knowledge_command_has_help_with_an_example(cli, args):
    result = cli(*args, "--help")
    assert result.exit_code == 0 and "Example" in result.stdout


def test_rules_list_the_family(cli):
    listing = cli("rules", "SKD7")
    assert listing.exit_code == 0 and "SKD714  knowledge-contradiction" in listing.stdout
    doc = cli("rule", "SKD706")
    assert "## What it does" in doc.stdout and "Don't" in doc.stdout
