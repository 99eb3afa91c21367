"""Go programs in tools folders: which file stands for a program, what to call it, and how to run it."""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex.scan.common import nearest_holding
from skilldex.scan.fs import RepoFile, RepoFS


def program(fs: RepoFS, file: RepoFile, text: str, generic: set[str]) -> tuple[str, str] | None:
    """(name, how to run it) for the Go file that holds a program's `func main`, else None.

    A program is a package: `go run ./cmd/migrate` from its module's folder (the nearest go.mod above it),
    named after its folder, or after the file when it sits loose in a tools folder. A file kept out of
    the build (`//go:build ignore`) is run by itself. `generic`: folder names that say nothing of a
    program (tools, scripts...).
    """

    from skilldex.scan.describe import go  # lazy: `skilldex doctor` and `find` use this module without scan.describe.go

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


MAX_COBRA_FILES = 8  # other files read to find a program's cobra root command
MAX_COBRA_BYTES = 200_000
_ROOT_FILES = ("root.go", "cmd.go", "app.go", "commands.go", "cli.go", "main.go")
_COMMAND_PACKAGES = ("cmd", "app", "cli", "command", "commands", "root")


def cobra_description(fs: RepoFS, file: RepoFile, text: str, name: str) -> tuple[str, str | None]:
    """The Short (or Long's first sentence) of a program's cobra root command when it sits outside the main
    file: beside it (cmd/app/root.go) or in a package of the same module that it imports (`cmd.Execute()`,
    with cmd/app/app/root.go). A few small files are read, through `fs` so that the index tracks them."""
    from skilldex.scan.describe import go  # lazy: `skilldex doctor` and `find` use this module without scan.describe.go
    from skilldex.scan.describe.text import clip  # lazy: `skilldex list` uses this module without scan.describe.text

    folder = posixpath.dirname(file.rel)
    files = [f for f in fs.files_in(folder) if f.name != file.name]
    for package in _imported_folders(fs, folder, go.imports(text)):
        files += fs.files_in(package)
    wanted = [
        f for f in files if f.name.endswith(".go") and not f.name.endswith("_test.go") and f.size <= MAX_COBRA_BYTES
    ]
    wanted.sort(key=lambda f: f.name not in (*_ROOT_FILES, f"{name}.go"))  # stable: folders keep their order
    for other in wanted[:MAX_COBRA_FILES]:
        source = fs.read_text(other)
        if source and "cobra" in source:
            found, how = go.root_command(source, name, other.name in (*_ROOT_FILES, f"{name}.go"))
            if found:
                return clip(found), how
    return "", None


def _imported_folders(fs: RepoFS, folder: str, paths: list[str]) -> list[str]:
    """The repo folders of the imports that belong to the program's own module (by go.mod's `module` path),
    command-looking packages first."""

    module_dir = nearest_holding(fs, folder, "go.mod")
    manifest = fs.file(posixpath.join(module_dir, "go.mod"))
    declared = re.search(r"^module\s+\"?([^\s\"]+)", fs.read_text(manifest) or "", re.MULTILINE) if manifest else None
    if declared is None:
        return []
    module = declared.group(1)
    inside = [path[len(module) + 1 :] for path in paths if path.startswith(module + "/")]
    inside.sort(key=lambda rel: rel.rsplit("/", 1)[-1] not in _COMMAND_PACKAGES)
    return [posixpath.join(module_dir, rel) for rel in inside[:3]]
