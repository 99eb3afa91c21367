"""What a wrapper script runs, when the script says nothing itself: the README of the repo folder it builds and
runs (`./gradlew :cli:translation-cli:installDist && ./cli/translation-cli/build/.../translation-cli "$@"`)."""

from __future__ import annotations

import posixpath
import re

from skilldex.markdown import first_paragraph
from skilldex.scan.describe.text import clip
from skilldex.scan.fs import RepoFile, RepoFS

MAX_WRAPPER_LINES = 40  # a wrapper is a few lines; a longer script says what it does itself, or nothing
MAX_FOLDERS = 20  # folders looked up for a README, nearest the program first
# a Gradle project path (`:cli:translation-cli:installDist`) is the folder cli/translation-cli
_GRADLE_PROJECT = re.compile(r"(?<![\w:])((?::[\w-]+)+):[\w-]+\b")
# a relative path the script names (`./cli/translation-cli/build/...`, `cargo run --manifest-path tools/x/...`)
_PATH = re.compile(r"(?<![\w$./{-])(?:\./)?((?:[\w-][\w.-]*/)+)")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def readme_of_wrapped(fs: RepoFS, file: RepoFile, text: str) -> str:
    """The first paragraph of the README of the repo folder the script runs, or "" when there is none. Not the
    script's own folder (scripts/README.md is about every script) nor the repo root's (about the whole repo)."""
    if text.count("\n") > MAX_WRAPPER_LINES:
        return ""
    own = posixpath.dirname(file.rel)
    for folder in _folders(text)[:MAX_FOLDERS]:
        if folder in ("", own) or folder.startswith(".") or folder.split("/")[0] in ("build", "target", "dist"):
            continue
        readme = fs.file(posixpath.join(folder, "README.md"))
        said = fs.read_text(readme) if readme is not None else None
        if said:
            return clip(first_paragraph(_FRONT.sub("", said)))
    return ""


def _folders(text: str) -> list[str]:
    """The repo folders a script names, each path's deepest folder first, in the order the script names them."""
    found: list[str] = []
    for project in _GRADLE_PROJECT.finditer(text):
        found.append(project.group(1).strip(":").replace(":", "/"))
    for path in _PATH.finditer(text):
        parts = path.group(1).strip("/").split("/")
        found += ["/".join(parts[:i]) for i in range(len(parts), 0, -1)]
    return list(dict.fromkeys(found))
