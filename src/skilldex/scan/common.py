"""Helpers shared by the providers: reading manifests into Documents and coercing frontmatter values."""

from __future__ import annotations

import json
import posixpath
import re

from skilldex.frontmatter.types import FrontmatterError
from skilldex.markdown import Document, referenced_paths, split_frontmatter
from skilldex.rules import scan as rules
from skilldex.scan.fs import RepoFile, RepoFS

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any

    from skilldex.models import FileRef

_ERROR_RULES = {
    "unclosed": rules.UNCLOSED_FRONTMATTER,
    "invalid-yaml": rules.INVALID_YAML,
    "yaml-too-large": rules.INVALID_YAML,
    "not-mapping": rules.NOT_MAPPING,
    "bom": rules.BOM,
}


def read_manifest(fs: RepoFS, file: RepoFile) -> tuple[str, Document] | None:
    """Read and split a markdown manifest. Frontmatter problems become findings and an empty mapping.

    Returns None only when the file cannot be read at all (the read already left a finding).
    """
    text = fs.read_text(file)
    if text is None:
        return None
    found: list = []
    text = without_bom(text, file.rel, found)
    for finding in found:
        fs.report(finding)
    try:
        return text, split_frontmatter(text)
    except FrontmatterError as exc:
        fs.report(_ERROR_RULES[exc.kind].finding(file.rel, exc.message, exc.line, exc.column))
        body, start = _body_after_broken_frontmatter(text)
        return text, Document(has_frontmatter=False, body=body, body_start=start, error=exc.kind)


def without_bom(text: str, rel: str, findings: list) -> str:
    """The text past a UTF-8 byte-order mark, with a finding when there was one."""
    if not text.startswith("\ufeff"):
        return text
    findings.append(rules.BOM.finding(rel, "file starts with a UTF-8 byte-order mark; read past it", 1, 1))
    return text[1:]


def _body_after_broken_frontmatter(text: str) -> tuple[str, int]:
    """Claude Code still loads the body of a skill whose YAML is broken; find where it starts."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return "".join(lines[index + 1 :]), index + 2
    return text.lstrip("\ufeff"), 1


def in_claude_folder(fs: RepoFS, file: RepoFile, folder: str) -> bool:
    """Whether the file sits below `.claude/<folder>/` or `<plugin root>/<folder>/` (plugin.json beside it)."""
    folders = file.parts[:-1]
    for i in range(len(folders) - 1, -1, -1):
        if folders[i] != folder:
            continue
        if i > 0 and folders[i - 1] == ".claude":
            return True
        if fs.exists(posixpath.join("/".join(folders[:i]), ".claude-plugin/plugin.json")):
            return True
    return False


def as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float, bool)):
        return str(value)
    if isinstance(value, list):
        return " ".join(str(v) for v in value if v is not None) or None
    return None


_TRUE = {"true", "yes", "on", "1", "y"}
_FALSE = {"false", "no", "off", "0", "n"}


def as_bool(value: Any, default: bool) -> bool:
    """Claude Code accepts true/false/yes/no/on/off/1/0 in any case."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return default


def split_tools(value: Any) -> list[str]:
    """allowed-tools / tools: a YAML list, or a string separated by commas or spaces (not inside parens)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if depth == 0 and (char == "," or char.isspace()):
            if current.strip():
                parts.append(current.strip())
            current = ""
            continue
        current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def as_list(value: Any, separators: str = ",") -> list[str]:
    """A YAML list or a separated string, as a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    if isinstance(value, dict):
        return [str(k) for k in value]
    pattern = "[" + re.escape(separators) + "]"
    return [part.strip() for part in re.split(pattern, str(value)) if part.strip()]


def resolve_references(fs: RepoFS, referrer: str, body: str, body_start: int) -> list[FileRef]:
    """Files a body refers to, resolved against its folder, then the repo root (as agents run from there)."""
    from skilldex.models import FileRef  # lazy: validate reads manifests through this module without pydantic

    folder = posixpath.dirname(referrer)
    refs: list[FileRef] = []
    for target, line in referenced_paths(body, body_start):
        local = posixpath.normpath(posixpath.join(folder, target))
        if fs.exists(local) and not local.startswith(".."):
            refs.append(FileRef(target=target, path=local, line=line, exists=True))
            continue
        from_root = posixpath.normpath(target)
        if not from_root.startswith("..") and fs.exists(from_root):
            refs.append(FileRef(target=target, path=from_root, line=line, exists=True))
            continue
        refs.append(FileRef(target=target, path=local, line=line, exists=False))
    return refs


def nearest_holding(fs: RepoFS, folder: str, marker: str) -> str:
    """The nearest folder at or above `folder` holding `marker` (go.mod, manage.py, Rakefile); "" for the
    root or when none does (commands then run from the root)."""
    while folder and not fs.exists(posixpath.join(folder, marker)):
        folder = posixpath.dirname(folder)
    return folder


def plugin_root(fs: RepoFS, file: RepoFile, kind_folder: str) -> str | None:
    """The plugin folder holding this file's `commands/` or `agents/` (plugin.json beside it), or None under
    .claude/ or outside any plugin."""
    folders = file.parts[:-1]
    for i in range(len(folders) - 1, -1, -1):
        if folders[i] == kind_folder:
            if i > 0 and folders[i - 1] == ".claude":
                return None
            root = "/".join(folders[:i])
            if fs.exists(posixpath.join(root, ".claude-plugin/plugin.json")):
                return root
    return None


def plugin_name(fs: RepoFS, plugin_root: str) -> str:
    """A plugin's name: `name` in its .claude-plugin/plugin.json, else its folder's."""

    fallback = plugin_root.rsplit("/", 1)[-1] if plugin_root else fs.root.name
    manifest = fs.file(posixpath.join(plugin_root, ".claude-plugin/plugin.json"))
    if manifest is None:
        return fallback
    text = fs.read_text(manifest)
    try:
        name = json.loads(text or "").get("name")
    except (ValueError, AttributeError, RecursionError):
        return fallback
    return name if isinstance(name, str) and name.strip() else fallback


def written(doc: Document, key: str) -> str | None:
    """A frontmatter value as the author wrote it on its line: `argument-hint: [pr-number]` is a YAML list,
    but it means the text `[pr-number]` (Claude Code shows it as written)."""
    value = doc.frontmatter.get(key)
    place = doc.fields.get(key)
    if not isinstance(value, list) or place is None or not place.flow or place.value_line != place.line:
        return as_str(value)
    lines = doc.frontmatter_text.split("\n")
    index = place.value_line - 2  # frontmatter starts on line 2
    if not 0 <= index < len(lines):
        return as_str(value)
    return lines[index][place.value_column - 1 :].split(" #", 1)[0].strip() or as_str(value)
