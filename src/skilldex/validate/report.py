"""What one `skilldex validate` run found: the files it checked, each with a verdict, and the findings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from skilldex.finding import Finding
from skilldex.severity import Severity


def display_path(path: Path, base: str) -> str:
    """A path as reports show it: relative to `base` when inside it, with forward slashes."""
    text = str(path)
    if text == base or text.startswith(base.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(text, base)).as_posix()
    return Path(text).as_posix()


@dataclass
class FileResult:
    """One checked manifest. `path` is as displayed: relative to the current folder when inside it."""

    path: str
    kind: str  # skill | command | agent
    valid: bool = True  # no finding at error severity


@dataclass
class Report:
    profile: str
    files: list[FileResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # severities are the profile's, paths as displayed
    skipped: list[str] = field(default_factory=list)  # files given by name that are no skill, command or agent
    empty: list[str] = field(default_factory=list)  # folders given by name that hold none

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.error for f in self.findings)
