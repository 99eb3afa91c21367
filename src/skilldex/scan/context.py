"""What scanning one file produces besides items: its findings and the other paths it consulted.

`scan_unit` opens one per file on the repo's RepoFS (`fs.unit`); `fs.report(finding)` files a finding
there while a file is scanned, and among the walk's own findings (`fs.findings`) otherwise.
"""

from __future__ import annotations


class ScanContext:
    """The per-file state of a scan, kept apart from the repo-wide RepoFS."""

    __slots__ = ("rel", "findings", "deps")

    def __init__(self, rel: str):
        self.rel = rel
        self.findings: list = []
        self.deps: set[str] = set()  # every path consulted (the index's dependencies of this file)
