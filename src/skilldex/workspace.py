"""The workspace: a skilldex.yaml naming target repos, found by walking up or given explicitly."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from skilldex.errors import UsageError
from skilldex.frontmatter.load import load_yaml
from skilldex.frontmatter.types import FrontmatterError
from skilldex.oneline import oneline

WORKSPACE_FILENAMES = ("skilldex.yaml", "skilldex.yml")
ENV_VAR = "SKILLDEX_WORKSPACE"


class WorkspaceError(UsageError):
    """A workspace file or repo reference that cannot be used; the message says what to do."""


@dataclass(frozen=True)
class RepoRef:
    name: str
    path: Path
    declared: str | None = None  # the path as written in skilldex.yaml


@dataclass
class Workspace:
    file: Path
    repos: dict[str, RepoRef] = field(default_factory=dict)


def find_workspace_file(start: Path) -> Path | None:
    """The nearest skilldex.yaml in `start` or any parent folder."""
    current = start.resolve()
    for folder in (current, *current.parents):
        for filename in WORKSPACE_FILENAMES:
            candidate = folder / filename
            if candidate.is_file():
                return candidate
    return None


def load_workspace(file: Path) -> Workspace:
    """Read a skilldex.yaml: `repos: {name: path}` (or the mapping at top level). Paths are relative to it."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkspaceError(f"cannot read workspace file {file}: {exc}") from None
    try:
        data, key_lines, _ = load_yaml(text)
    except FrontmatterError as exc:
        raise WorkspaceError(f"{file}:{exc.line}: {exc.message}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise WorkspaceError(f"{file}: expected a mapping such as 'repos: {{myrepo: ../myrepo}}'")
    repos = data.get("repos", data) if isinstance(data.get("repos"), dict) or "repos" not in data else None
    if repos is None:
        raise WorkspaceError(f"{file}:{key_lines.get('repos', 1)}: 'repos' must map names to paths")
    workspace = Workspace(file=file.resolve())
    for name, value in repos.items():
        shown = oneline(name)  # a skilldex.yaml in a cloned repo chooses its names: no escape reaches the terminal
        if repos is data and name == "rules" and isinstance(value, dict) and "path" not in value:
            continue  # the rule configuration (skilldex.ruleconfig), not a repo
        declared = value.get("path") if isinstance(value, dict) else value
        if not isinstance(declared, str) or not declared.strip() or not str(name).strip():
            raise WorkspaceError(
                f"{file}:{key_lines.get(str(name), 1)}: repo '{shown}' needs a path, e.g. '{shown}: ../{shown}'"
            )
        path = Path(os.path.expandvars(declared)).expanduser()
        if not path.is_absolute():
            path = file.parent / path
        if path.resolve() in _too_broad():
            raise WorkspaceError(
                f"{file}:{key_lines.get(str(name), 1)}: repo '{shown}' is {path.resolve()}, too big to index whole "
                "(/, a home folder or a folder above one); name the project folders inside it instead"
            )
        workspace.repos[str(name)] = RepoRef(str(name), path.resolve(), declared)
    return workspace


def _too_broad() -> set[Path]:
    """/ and the home folder with every folder above it: a skilldex.yaml (one in a cloned repo too) naming one
    would have every command and hook walk all of the user's files."""
    found = {Path(os.sep).resolve()}
    for home in {os.path.expanduser("~"), os.environ.get("HOME") or "~"}:
        if home != "~":
            found.update({Path(home).resolve(), *Path(home).resolve().parents})
    return found


def open_workspace(explicit: str | None = None, cwd: Path | None = None) -> Workspace | None:
    """The workspace from --workspace, then $SKILLDEX_WORKSPACE, then the nearest skilldex.yaml."""
    given = explicit or os.environ.get(ENV_VAR)
    if given:
        path = Path(given).expanduser()
        if path.is_dir():
            found = next((path / n for n in WORKSPACE_FILENAMES if (path / n).is_file()), None)
            if found is None:
                raise WorkspaceError(f"no skilldex.yaml in {path}")
            path = found
        if not path.is_file():
            raise WorkspaceError(f"workspace file not found: {path}")
        return load_workspace(path)
    found = find_workspace_file(cwd or Path.cwd())
    return load_workspace(found) if found else None


def resolve_repo(ref: str, workspace: Workspace | None) -> RepoRef:
    """A workspace name or a path to a folder, as a RepoRef; unknown names get suggestions."""
    if workspace and ref in workspace.repos:
        repo = workspace.repos[ref]
        if not repo.path.is_dir():
            raise WorkspaceError(
                f"workspace {workspace.file} names '{ref}' at {repo.path}, but that folder does not exist"
            )
        return repo
    path = Path(ref).expanduser()
    if path.is_dir():
        resolved = path.resolve()
        if workspace:
            for repo in workspace.repos.values():
                if repo.path == resolved:
                    return repo
        return RepoRef(resolved.name or str(resolved), resolved)
    if path.exists():
        raise WorkspaceError(f"{ref} is a file, not a repo folder; give the folder that holds the repo")
    if _looks_like_path(ref):
        raise WorkspaceError(f"{ref}: no such folder")
    known = sorted(workspace.repos) if workspace else []
    if not workspace:
        raise WorkspaceError(
            f"'{ref}' is not a folder and no skilldex.yaml was found "
            f"(looked in {Path.cwd()} and its parents; set --workspace or ${ENV_VAR})"
        )
    close = difflib.get_close_matches(ref, known, n=1)
    hint = f" Did you mean '{oneline(close[0])}'?" if close else ""
    names = ", ".join(map(oneline, known)) or "none"
    raise WorkspaceError(f"unknown repo '{ref}': not a workspace name ({names}) nor a folder.{hint}")


def _looks_like_path(ref: str) -> bool:
    """`/x`, `./x`, `../x`, `~/x`, `a/b`: meant as a folder, never as a workspace name."""
    return ref.startswith((".", "~")) or "/" in ref or os.sep in ref
