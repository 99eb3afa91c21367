"""One manifest read and checked against every rule family, in this process or in a forked worker."""

from __future__ import annotations

from skilldex import secrets
from skilldex.finding import Finding
from skilldex.rules import scan as scan_rules
from skilldex.validate import check_claude_code, check_content, check_spec, check_upload
from skilldex.validate.manifest import Manifest, read
from skilldex.validate.targets import Target

CHECKS = (check_spec.check, check_claude_code.check, check_upload.check, check_content.check)


def check_target(target: Target) -> tuple[list[Finding] | None, list[Finding], tuple | None]:
    """One manifest read and checked, in this process or a worker: (its findings, None when it cannot be read;
    the findings its read left in the walk, taken out of it; (kind, rel, invocation) for name collisions)."""
    fs = target.fs
    before = len(fs.findings)
    m = read(fs, target.file, target.kind)
    read_findings = fs.findings[before:]
    del fs.findings[before:]
    if m is None:
        return None, read_findings, None
    found = list(m.findings)
    for check in CHECKS:
        found.extend(check(m))
    spans = secrets.find(m.text)
    found.extend(_secrets(m, spans))
    if any(f.code == scan_rules.SECRET.code for f in found):  # a value found anywhere in the file is never quoted
        known = secrets.values(m.text, spans)
        found = [secrets.redact_finding(f, known) for f in found]
    return found, read_findings, (m.kind, m.rel, check_content.invocation(m))


def _secrets(m: Manifest, spans: list[tuple[int, int, str]]) -> list[Finding]:
    """SKD040 for each likely secret value in the manifest, at `spans` (the value itself is never shown)."""
    return [
        scan_rules.SECRET.finding(m.rel, f"likely {kind} (value not shown)", line)
        for line, kind in secrets.lines_of(m.text, spans)
    ]
