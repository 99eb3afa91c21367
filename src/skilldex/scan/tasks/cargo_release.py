"""cargo-release: a `release.toml` beside a `Cargo.toml` configures `cargo release` (version bump, tag, publish):
the crate's release process, one task."""

from __future__ import annotations

import posixpath

from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import clean_description, load_toml, opening_comment


def parse_release_toml(text: str) -> list[TaskDef]:
    """`release`, described by the comment the file opens with (what its authors say the process is)."""
    load_toml(text, "release.toml")  # a config cargo-release cannot read is a finding, not a task
    said = clean_description(opening_comment(text))
    return [TaskDef("release", said or "Release the crate with cargo-release (version bump, tag)", 1, "cargo release")]


class Runner(base.Runner):
    files = {"release.toml": parse_release_toml}

    def scan(self, fs: RepoFS, file: RepoFile, parse: base.Parse) -> list[TaskItem]:
        """Only beside a Cargo.toml: elsewhere `release.toml` is some other tool's."""
        if not fs.exists(posixpath.join(posixpath.dirname(file.rel), "Cargo.toml")):
            return []
        return super().scan(fs, file, parse)

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        """A dry run: cargo-release only acts with --execute."""
        return f"{base.cd(posixpath.dirname(file.rel))}cargo release patch"
