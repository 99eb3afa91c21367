"""Scan a repo into a Catalogue: one bounded walk, then each file through every provider. Nothing is executed.

The unit of work is one file (`scan.unit`); `scan.parallel` scans many on every core.
"""

from __future__ import annotations

from skilldex.errors import UsageError

TYPE_CHECKING = False  # skilldex.scan.walk is on the fast path: keep this package's import light
if TYPE_CHECKING:
    from pathlib import Path

    from skilldex.models import Catalogue
    from skilldex.scan.fs import RepoFS
    from skilldex.scan.unit import Unit


class ScanError(UsageError):
    """The repo root itself cannot be scanned (missing, not a folder)."""


def open_repo(root: Path | str) -> RepoFS:
    """Walk the repo at `root`; ScanError when it is missing or not a folder."""
    from pathlib import Path  # lazy: `skilldex find` and `list` use this module without pathlib

    from skilldex.scan.fs import RepoFS  # lazy: `skilldex find` and `hook pre-write` use this module without scan.fs

    root = Path(root).expanduser()
    if not root.exists():
        raise ScanError(f"repo folder does not exist: {root}")
    if not root.is_dir():
        raise ScanError(f"not a folder: {root}")
    return RepoFS.open(root)


def assemble(fs: RepoFS, units: list[Unit], walk_findings: list, name: str | None = None) -> Catalogue:
    """The catalogue of a repo from its units: items by provider, then by path; findings by place."""
    from skilldex.models import Catalogue  # lazy: `skilldex find` and `hook pre-write` use this module without models

    ordered = sorted(
        ((index, position, item) for position, unit in enumerate(units) for index, item in unit.items),
        key=lambda entry: (entry[0], entry[1]),
    )
    seen: set = set()
    findings = []
    for finding in [*walk_findings, *(f for unit in units for f in unit.findings)]:
        key = (finding.code, finding.path, finding.line, finding.message)
        if key not in seen:  # a shared file (plugin.json) read by two units reports once
            seen.add(key)
            findings.append(finding)
    findings.sort(key=lambda f: (f.path, f.line or 0, f.code))
    return Catalogue(
        repo=name or fs.root.name, root=str(fs.root), items=[item for _, _, item in ordered], findings=findings
    )


def scan_repo(root: Path | str, name: str | None = None) -> Catalogue:
    """Index everything the repo at `root` already has. Bad files become findings, never exceptions."""
    fs = open_repo(root)
    walk_findings = list(fs.findings)
    fs.findings.clear()
    from skilldex.scan.parallel import scan_units  # lazy: this package runs on the fast path (scan.walk)

    # lazy: `skilldex find` and `hook pre-write` use this module without scan.unit
    from skilldex.scan.unit import providers

    units = scan_units(fs, fs.files, providers())
    return assemble(fs, units, walk_findings, name)
