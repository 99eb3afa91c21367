"""`skilldex validate` reports as text, JSON, GitHub Actions workflow commands or SARIF 2.1.0."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from skilldex import __version__
from skilldex.finding import Finding
from skilldex.oneline import oneline, visible
from skilldex.report import Report
from skilldex.rules.catalogue import get_rule
from skilldex.rules.registry import Rule
from skilldex.severity import Severity

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/skilldex/skilldex"
SRCROOT = "%SRCROOT%"
GITHUB_COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}
SARIF_LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
# Nouns for the text summary; "info" is a mass noun, so it has no plural.
NOUNS = {
    Severity.error: ("error", "errors"),
    Severity.warning: ("warning", "warnings"),
    Severity.info: ("info", "info"),
}


def render(report: Report, fmt: str, show_fix: bool = True) -> str:
    """The report in one of FORMATS; show_fix only affects text (the others always carry the fix)."""
    renderers: dict[str, Callable[[Report], str]] = {
        "text": lambda r: to_text(r, show_fix=show_fix),
        "json": to_json,
        "github": to_github,
        "sarif": to_sarif,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return renderers[fmt](report)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Findings by path, line, column, code; a missing line or column sorts first."""
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.column or 0, f.code))


# -- text ---------------------------------------------------------------------------------------


def to_text(report: Report, show_fix: bool = True) -> str:
    """`path:line:col: CODE [severity] message` per finding, optional `  fix:` lines, then a summary."""
    lines: list[str] = []
    for finding in sorted_findings(report.findings):
        lines.append(_text_line(finding))
        if show_fix:
            lines.append(_indent(f"fix: {finding.fix}"))
    if lines:
        lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _text_line(finding: Finding) -> str:
    """The finding's line; a multi-line message continues on indented lines."""
    first, *rest = [oneline(line) for line in finding.message.splitlines()] or [""]
    head = f"{_location(finding)}: {finding.code} [{finding.severity.value}] {first}"
    return "\n".join([head, *(_indent(line) for line in rest)])


def _location(finding: Finding) -> str:
    parts = [oneline(finding.path)]
    if finding.line is not None:
        parts.append(str(finding.line))
        if finding.column is not None:
            parts.append(str(finding.column))
    return ":".join(parts)


def _indent(text: str) -> str:
    """Two spaces before every line, so only finding lines start at column 1 (grep-friendly)."""
    return "\n".join("  " + oneline(line) for line in text.splitlines() or [""])


def summary_line(report: Report) -> str:
    """E.g. `Checked 3 files: 2 errors, 1 warning (1 file invalid).`"""
    checked = f"Checked {_plural(len(report.files), 'file', 'files')}"
    if not report.files and not report.findings:
        return f"{checked}: nothing to check."  # never "all valid" for paths that hold nothing to judge
    if not report.findings:
        return f"{checked}: all valid, no findings."
    counts = report.counts()
    found = ", ".join(_plural(counts[s.value], *NOUNS[s]) for s in Severity if counts[s.value])
    invalid = sum(1 for f in report.files if not f.valid)
    verdict = f"{_plural(invalid, 'file', 'files')} invalid" if invalid else "all valid"
    return f"{checked}: {found} ({verdict})."


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# -- json ---------------------------------------------------------------------------------------


def to_json(report: Report) -> str:
    counts = report.counts()
    data = {
        "profile": report.profile,
        "summary": {
            "files": len(report.files),
            "invalid_files": sum(1 for f in report.files if not f.valid),
            **{s.value: counts[s.value] for s in Severity},
        },
        "files": [{"path": f.path, "kind": f.kind, "valid": f.valid} for f in report.files],
        "not_checked": [*report.skipped, *report.empty],  # paths given that hold nothing to check
        "findings": [f.model_dump(mode="json") for f in sorted_findings(report.findings)],
    }
    return _dumps(data)


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- github -------------------------------------------------------------------------------------


def to_github(report: Report) -> str:
    """One `::error|warning|notice file=..,line=..,col=..,title=..::message` workflow command per finding."""
    return "".join(_github_line(f) + "\n" for f in sorted_findings(report.findings))


def _github_line(finding: Finding) -> str:
    props = {"file": finding.path, "line": finding.line, "col": finding.column, "title": _title(finding)}
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items() if value is not None)
    message = escape_data(f"{finding.message} (fix: {finding.fix})")
    return f"::{GITHUB_COMMANDS[finding.severity]} {rendered}::{message}"


def _title(finding: Finding) -> str:
    return f"{finding.code} {finding.rule}" if finding.rule else finding.code


def escape_data(text: str) -> str:
    """GitHub's escaping for a workflow command's message; other control characters (ESC, BEL: a file name
    can hold them, and GitHub's log viewer renders ANSI escapes) become `?`, as in the text format."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """GitHub's escaping for a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# -- sarif --------------------------------------------------------------------------------------


def to_sarif(report: Report) -> str:
    """A SARIF 2.1.0 log with one run; rules are those the findings cite, in code order."""
    findings = sorted_findings(report.findings)
    codes = sorted({f.code for f in findings})
    rules = [_descriptor(code, findings) for code in codes]
    artifacts = _artifact_paths(report, findings)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "skilldex",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": artifact_location(path)} for path in artifacts],
        "results": [_result(f, codes.index(f.code), artifacts.index(f.path)) for f in findings],
        "properties": {"profile": report.profile},
    }
    return _dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})


def _registered(code: str) -> Rule | None:
    found = get_rule(code)
    return found if found is not None and found.code == code else None


def _descriptor(code: str, findings: list[Finding]) -> dict[str, Any]:
    """A reportingDescriptor; a code missing from the registry gets only its id and name."""
    known = _registered(code)
    if known is None:
        name = next((f.rule for f in findings if f.code == code and f.rule), None)
        return {"id": code, **({"name": name} if name else {})}
    return {
        "id": known.code,
        "name": known.name,
        "shortDescription": {"text": known.summary},
        "fullDescription": {"text": _what_it_does(known)},
        "help": {
            "text": f"{known.doc}\n\nFix: {known.fix}",
            "markdown": f"{known.doc}\n\n## How to fix\n{known.fix}",
        },
        "defaultConfiguration": {"level": SARIF_LEVELS[known.severity]},
    }


def _what_it_does(known: Rule) -> str:
    """The doc's `## What it does` section as one paragraph, or the summary when there is none."""
    match = re.search(r"^## What it does\s*\n(.*?)(?=^## |\Z)", known.doc, re.MULTILINE | re.DOTALL)
    text = " ".join(match.group(1).split()) if match else ""
    return text or known.summary


def _artifact_paths(report: Report, findings: list[Finding]) -> list[str]:
    """Every checked file, then any other path a finding names; each once, in that order."""
    paths = [f.path for f in report.files] + [f.path for f in findings]
    return list(dict.fromkeys(paths))


def _result(finding: Finding, rule_index: int, artifact_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {**artifact_location(finding.path), "index": artifact_index}}
    region = _region(finding)
    if region:
        physical["region"] = region
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[finding.severity],
        "message": {"text": f"{finding.message} (fix: {finding.fix})"},
        "locations": [{"physicalLocation": physical}],
    }


def _region(finding: Finding) -> dict[str, int]:
    """startLine/startColumn only when known: SARIF has no 0 or null line, and a column needs a line."""
    if finding.line is None or finding.line < 1:
        return {}
    region = {"startLine": finding.line}
    if finding.column is not None and finding.column >= 1:
        region["startColumn"] = finding.column
    return region


def artifact_location(path: str) -> dict[str, str]:
    """A file:// URI for an absolute path; a percent-encoded relative URI against %SRCROOT% otherwise."""
    if PurePosixPath(path).is_absolute():
        return {"uri": PurePosixPath(path).as_uri()}
    if PureWindowsPath(path).is_absolute():
        return {"uri": PureWindowsPath(path).as_uri()}
    # quote() keeps "/" and encodes ":" and ",", so `a:b.md` cannot be read as a URI scheme.
    return {"uri": quote(path), "uriBaseId": SRCROOT}
