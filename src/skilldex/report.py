"""What one check run (validate, doctor, knowledge check) found: the files checked, each with a verdict, findings."""

from __future__ import annotations

import os
from pathlib import Path

from skilldex.finding import Finding
from skilldex.plainvalue import Value
from skilldex.severity import Severity


def display_path(path: Path, base: str) -> str:
    """A path as reports show it: relative to `base` when inside it, with forward slashes."""
    text = str(path)
    if text == base or text.startswith(base.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(text, base)).as_posix()
    return Path(text).as_posix()


class FileResult(Value):
    """One checked manifest. `path` is as displayed: relative to the current folder when inside it."""

    _fields = ("path", "kind", "valid")

    def __init__(self, path: str, kind: str, valid: bool = True):
        self.path, self.kind = path, kind  # kind: skill | command | agent
        self.valid = valid  # no finding at error severity


class Report(Value):
    _fields = ("profile", "files", "findings", "skipped", "empty")

    def __init__(
        self,
        profile: str,
        files: list[FileResult] | None = None,
        findings: list[Finding] | None = None,  # severities are the profile's, paths as displayed
        skipped: list[str] | None = None,  # files given by name that are no skill, command or agent
        empty: list[str] | None = None,  # folders given by name that hold none
    ):
        self.profile = profile
        self.files = [] if files is None else files
        self.findings = [] if findings is None else findings
        self.skipped = [] if skipped is None else skipped
        self.empty = [] if empty is None else empty

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.error for f in self.findings)
