"""Go programs in tools folders: which file stands for a program, what to call it, and how to run it."""

from __future__ import annotations

import posixpath

from skilldex.scan.common import nearest_holding
from skilldex.scan.fs import RepoFile, RepoFS


def program(fs: RepoFS, file: RepoFile, text: str, generic: set[str]) -> tuple[str, str] | None:
    """(name, how to run it) for the Go file that holds a program's `func main`, else None.

    A program is a package: `go run ./cmd/migrate` from its module's folder (the nearest go.mod above it),
    named after its folder, or after the file when it sits loose in a tools folder. A file kept out of
    the build (`//go:build ignore`) is run by itself. `generic`: folder names that say nothing of a
    program (tools, scripts...).
    """
    import shlex

    from skilldex.scan.describe import go

    if file.name.endswith("_test.go") or not go.is_command(text):
        return None
    folder = posixpath.dirname(file.rel)
    module = nearest_holding(fs, folder, "go.mod")

    def from_module(path: str) -> str:
        return posixpath.relpath(path, module) if module else path

    stem = file.name.removesuffix(".go")
    if go.standalone(text):
        name, target = stem, from_module(file.rel)
    else:
        for sibling in fs.files_in(folder):  # main_unix.go + main_windows.go: one program, listed once
            if sibling.name == file.name:
                break
            if sibling.name.endswith(".go") and not sibling.name.endswith("_test.go"):
                other = fs.read_text(sibling) or ""
                if go.is_command(other) and not go.standalone(other):
                    return None
        loose = len(file.parts) < 2 or file.parts[-2].lower() in generic
        name = stem if loose and stem != "main" else file.parts[-2]
        target = "." if folder == module else "./" + from_module(folder)
    return name, (f"cd {shlex.quote(module)} && " if module else "") + f"go run {shlex.quote(target)}"
