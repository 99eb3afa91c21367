"""Output formats of `skilldex validate`: exact text, JSON, GitHub commands, SARIF checked against the real schema."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft4Validator
from support import external_path

from skilldex import __version__
from skilldex.models import Finding, Severity
from skilldex.render.findings import (
    FORMATS,
    escape_data,
    escape_property,
    render,
    to_github,
    to_json,
    to_sarif,
    to_text,
)
from skilldex.report import FileResult, Report
from skilldex.rules.catalogue import get_rule

SARIF_SCHEMA = "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
ODD = "skills/a,b:c/SKILL.md"  # a comma and a colon: both need escaping in GitHub properties
PLAIN = "skills/b/SKILL.md"
ABSOLUTE = "/abs/with space/SKILL.md"


def registered(code: str, path: str, message: str, fix: str, line: int | None = None, column: int | None = None):
    rule = get_rule(code)
    assert rule is not None and rule.code == code
    return rule.finding(path, message, line=line, column=column, fix=fix)


def plain(path: str = "s0/SKILL.md", severity: str = "error", **fields) -> Finding:
    """A finding with a code the registry knows, for tests that only care about path, position or severity."""
    fields = {"code": "SKD201", "rule": "name-missing", "message": "m", "fix": "f", **fields}
    return Finding(severity=Severity(severity), path=path, **fields)


def sample_report() -> Report:
    """One finding per severity, with and without line/column, plus a code the registry does not know."""
    findings = [
        registered("SKD007", PLAIN, "FIFO skipped", "Remove it.", line=5),
        registered("SKD022", PLAIN, "no description", "Add one."),
        registered("SKD012", ODD, "bad YAML: 100% broken\nsecond line", "Quote it.", line=3, column=14),
        Finding(
            code="SKD999",
            rule="made-up-rule",
            severity=Severity.error,
            path=ABSOLUTE,
            line=1,
            column=1,
            message="Something odd.",
            fix="Do the odd thing.",
        ),
    ]
    files = [
        FileResult(ODD, "skill", valid=False),
        FileResult(PLAIN, "skill"),
        FileResult("commands/x.md", "command"),
    ]
    return Report(profile="claude-code", files=files, findings=findings)


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    schema = json.loads(external_path(SARIF_SCHEMA).read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def assert_valid_sarif(validator: Draft4Validator, text: str) -> dict:
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


# -- text ---------------------------------------------------------------------------------------


def test_text_lines_are_exact_sorted_and_start_with_the_location():
    assert to_text(sample_report()).splitlines() == [
        f"{ABSOLUTE}:1:1: SKD999 [error] Something odd.",
        "  fix: Do the odd thing.",
        f"{ODD}:3:14: SKD012 [error] bad YAML: 100% broken",
        "  second line",
        "  fix: Quote it.",
        f"{PLAIN}: SKD022 [warning] no description",
        "  fix: Add one.",
        f"{PLAIN}:5: SKD007 [info] FIFO skipped",
        "  fix: Remove it.",
        "",
        "Checked 3 files: 2 errors, 1 warning, 1 info (1 file invalid).",
    ]


def test_text_without_fix_has_only_finding_lines_and_summary():
    assert to_text(sample_report(), show_fix=False) == "\n".join(
        [
            f"{ABSOLUTE}:1:1: SKD999 [error] Something odd.",
            f"{ODD}:3:14: SKD012 [error] bad YAML: 100% broken",
            "  second line",
            f"{PLAIN}: SKD022 [warning] no description",
            f"{PLAIN}:5: SKD007 [info] FIFO skipped",
            "",
            "Checked 3 files: 2 errors, 1 warning, 1 info (1 file invalid).",
            "",
        ]
    )


@pytest.mark.parametrize(
    ("files", "severities", "summary"),
    [
        ([], [], "Checked 0 files: nothing to check."),
        ([True], [], "Checked 1 file: all valid, no findings."),
        ([True, True, True], [], "Checked 3 files: all valid, no findings."),
        ([False], ["error"], "Checked 1 file: 1 error (1 file invalid)."),
        (
            [False, False],
            ["error", "error", "warning", "warning"],
            "Checked 2 files: 2 errors, 2 warnings (2 files invalid).",
        ),
        ([True, True], ["warning"], "Checked 2 files: 1 warning (all valid)."),
        ([True], ["info", "info"], "Checked 1 file: 2 info (all valid)."),
    ],
)
def test_text_summary_counts_with_singular_and_plural(files, severities, summary):
    report = Report(
        profile="spec",
        files=[FileResult(f"s{i}/SKILL.md", "skill", valid=v) for i, v in enumerate(files)],
        findings=[plain(severity=s) for s in severities],
    )
    text = to_text(report)
    assert text.splitlines()[-1] == summary
    if not severities:
        assert text == summary + "\n"


# -- json ---------------------------------------------------------------------------------------


def test_json_round_trips_findings_and_counts():
    report = sample_report()
    text = to_json(report)
    assert text.endswith("}\n") and text.startswith('{\n  "profile": "claude-code",')
    data = json.loads(text)
    assert data["profile"] == "claude-code"
    assert data["summary"] == {"files": 3, "invalid_files": 1, "error": 2, "warning": 1, "info": 1}
    assert data["files"] == [
        {"path": ODD, "kind": "skill", "valid": False},
        {"path": PLAIN, "kind": "skill", "valid": True},
        {"path": "commands/x.md", "kind": "command", "valid": True},
    ]
    findings = [Finding.model_validate(f) for f in data["findings"]]
    assert sorted(findings, key=lambda f: f.code) == sorted(report.findings, key=lambda f: f.code)
    assert [f.code for f in findings] == ["SKD999", "SKD012", "SKD022", "SKD007"]
    assert data["findings"][2] == {
        "code": "SKD022",
        "rule": "skill-without-description",
        "severity": "warning",
        "path": PLAIN,
        "line": None,
        "column": None,
        "message": "no description",
        "fix": "Add one.",
    }


def test_json_keeps_non_ascii_readable():
    report = Report(profile="spec", findings=[plain("café/SKILL.md", message="é")])
    assert '"path": "café/SKILL.md"' in to_json(report)


# -- github -------------------------------------------------------------------------------------


def test_github_commands_are_exact_and_escaped():
    assert to_github(sample_report()).splitlines() == [
        "::error file=/abs/with space/SKILL.md,line=1,col=1,title=SKD999 made-up-rule::"
        "Something odd. (fix: Do the odd thing.)",
        "::error file=skills/a%2Cb%3Ac/SKILL.md,line=3,col=14,title=SKD012 invalid-frontmatter-yaml::"
        "bad YAML: 100%25 broken%0Asecond line (fix: Quote it.)",
        "::warning file=skills/b/SKILL.md,title=SKD022 skill-without-description::no description (fix: Add one.)",
        "::notice file=skills/b/SKILL.md,line=5,title=SKD007 special-file::FIFO skipped (fix: Remove it.)",
    ]


def test_github_escaping_rules():
    assert escape_data("a%b\r\nc: d, e") == "a%25b%0D%0Ac: d, e"
    assert escape_property("a%b\r\nc: d, e") == "a%25b%0D%0Ac%3A d%2C e"
    assert escape_property("%3A") == "%253A"  # % first, so an escape is never decoded twice


def test_github_empty_report_prints_nothing():
    assert to_github(Report(profile="spec")) == ""


# -- sarif --------------------------------------------------------------------------------------


def test_sarif_is_valid_and_carries_rules_results_and_regions(sarif_validator):
    log = assert_valid_sarif(sarif_validator, to_sarif(sample_report()))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("skilldex", __version__)
    assert [r["id"] for r in driver["rules"]] == ["SKD007", "SKD012", "SKD022", "SKD999"]
    summary = [
        (r["ruleId"], driver["rules"][r["ruleIndex"]]["id"], r["level"], r["message"]["text"]) for r in run["results"]
    ]
    assert summary == [
        ("SKD999", "SKD999", "error", "Something odd. (fix: Do the odd thing.)"),
        ("SKD012", "SKD012", "error", "bad YAML: 100% broken\nsecond line (fix: Quote it.)"),
        ("SKD022", "SKD022", "warning", "no description (fix: Add one.)"),
        ("SKD007", "SKD007", "note", "FIFO skipped (fix: Remove it.)"),
    ]
    physical = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    assert [p.get("region") for p in physical] == [
        {"startLine": 1, "startColumn": 1},
        {"startLine": 3, "startColumn": 14},
        None,
        {"startLine": 5},
    ]
    locations = [{k: v for k, v in p["artifactLocation"].items() if k != "index"} for p in physical]
    assert locations == [
        {"uri": "file:///abs/with%20space/SKILL.md"},
        {"uri": "skills/a%2Cb%3Ac/SKILL.md", "uriBaseId": "%SRCROOT%"},
        {"uri": "skills/b/SKILL.md", "uriBaseId": "%SRCROOT%"},
        {"uri": "skills/b/SKILL.md", "uriBaseId": "%SRCROOT%"},
    ]
    for p in physical:  # each result points at the artifact with the same location
        artifact = run["artifacts"][p["artifactLocation"]["index"]]["location"]
        assert {k: v for k, v in p["artifactLocation"].items() if k != "index"} == artifact


def test_sarif_uris_are_rfc3986_references(sarif_validator):
    """The schema's uri-reference format is not checked without extra packages, so check the characters."""
    report = Report(
        profile="spec",
        findings=[plain(p) for p in ["a b/#x?.md", "c:d.md", "100%/é.md", "/tmp/a b#.md"]],
    )
    log = assert_valid_sarif(sarif_validator, to_sarif(report))
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert uris == ["file:///tmp/a%20b%23.md", "100%25/%C3%A9.md", "a%20b/%23x%3F.md", "c%3Ad.md"]
    for uri in uris:
        assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", uri)


def test_sarif_rule_descriptors_come_from_the_registry(sarif_validator):
    log = assert_valid_sarif(sarif_validator, to_sarif(sample_report()))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    yaml_rule = get_rule("SKD012")
    descriptor = rules["SKD012"]
    assert descriptor["name"] == "invalid-frontmatter-yaml"
    assert descriptor["shortDescription"] == {"text": yaml_rule.summary}
    assert descriptor["fullDescription"]["text"].startswith("Reports frontmatter that a YAML parser rejects")
    assert "## Why is this bad?" not in descriptor["fullDescription"]["text"]
    assert descriptor["help"]["text"] == f"{yaml_rule.doc}\n\nFix: {yaml_rule.fix}"
    assert descriptor["help"]["markdown"].startswith("## What it does")
    assert descriptor["help"]["markdown"].endswith(yaml_rule.fix)
    levels = {code: r["defaultConfiguration"]["level"] for code, r in rules.items() if "defaultConfiguration" in r}
    assert levels == {"SKD007": "note", "SKD012": "error", "SKD022": "warning"}
    assert rules["SKD999"] == {"id": "SKD999", "name": "made-up-rule"}


def test_sarif_result_level_follows_the_finding_not_the_rule_default(sarif_validator):
    """A profile may raise or lower a rule's severity; the result says what this run decided."""
    finding = registered("SKD022", PLAIN, "no description", "Add one.").model_copy(update={"severity": Severity.error})
    log = assert_valid_sarif(sarif_validator, to_sarif(Report(profile="strict", findings=[finding])))
    run = log["runs"][0]
    assert run["results"][0]["level"] == "error"
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "warning"}


def test_sarif_column_without_line_gives_no_region(sarif_validator):
    log = assert_valid_sarif(sarif_validator, to_sarif(Report(profile="spec", findings=[plain(column=4)])))
    assert "region" not in log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]


def test_sarif_empty_report_is_valid_with_no_results(sarif_validator):
    report = Report(profile="spec", files=[FileResult("s/SKILL.md", "skill")])
    log = assert_valid_sarif(sarif_validator, to_sarif(report))
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert run["artifacts"] == [{"location": {"uri": "s/SKILL.md", "uriBaseId": "%SRCROOT%"}}]


def test_sarif_schema_rejects_a_broken_log(sarif_validator):
    """Guard against a validator that accepts anything (wrong schema file, wrong draft)."""
    log = json.loads(to_sarif(sample_report()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(list(sarif_validator.iter_errors(log))) == 2


# -- dispatch -----------------------------------------------------------------------------------


def test_render_dispatches_every_format():
    report = sample_report()
    assert FORMATS == ("text", "json", "github", "sarif")
    assert render(report, "text") == to_text(report)
    assert render(report, "text", show_fix=False) == to_text(report, show_fix=False)
    assert render(report, "json") == to_json(report)
    assert render(report, "github") == to_github(report)
    assert render(report, "sarif") == to_sarif(report)


@pytest.mark.parametrize("fmt", ["xml", "", "TEXT", "junit"])
def test_render_rejects_an_unknown_format(fmt):
    with pytest.raises(ValueError, match="unknown output format"):
        render(sample_report(), fmt)
