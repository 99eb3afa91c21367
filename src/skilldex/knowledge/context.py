"""Checks that need more than the object: its references in the repos it concerns, and contradicting objects."""

from __future__ import annotations

import os
from pathlib import Path

from skilldex.index.refresh import repo_index
from skilldex.markdown import referenced_paths
from skilldex.models import Finding
from skilldex.rules import knowledge as rules
from skilldex.scan import knowledge as fmt
from skilldex.search.knowledge import quote, subjects

TYPE_CHECKING = False
if TYPE_CHECKING:
    from skilldex.knowledge.objects import KnowledgeFile


class Repos:
    """The repos references are resolved in: the workspace's, by name, each indexed at most once."""

    def __init__(self, roots: dict[str, Path]):
        self.roots = roots
        self._names: dict[str, dict[str, set[str]]] = {}

    def names(self, repo: str) -> dict[str, set[str]]:
        """{'tool': {paths and names}, 'skill': {names, /names}} of a repo's catalogue."""
        if repo not in self._names:
            index = repo_index(self.roots[repo], repo)
            try:
                found: dict[str, set[str]] = {"tool": set(), "skill": set()}
                for row in index.rows:
                    if row.kind in ("tool", "task", "mcp-server"):
                        found["tool"].update({row.path, row.name})
                    elif row.kind in ("skill", "command", "agent"):
                        found["skill"].update({row.name, f"/{row.name}", row.path})
            finally:
                index.close()
            self._names[repo] = found
        return self._names[repo]


def reference_checks(obj: KnowledgeFile, repos: Repos) -> list[Finding]:
    """tools/skills/docs entries and body paths that exist in none of the repos the object concerns."""
    names = [n for n in sorted(repos.roots) if obj.concerns(n)]
    names += [obj.repo] if obj.repo not in names and obj.repo in repos.roots else []
    roots = list(dict.fromkeys([*(repos.roots[n] for n in names), obj.root]))
    found = []
    lines = {key: fmt.entry_lines(obj.doc, key) for key in ("tools", "skills", "docs")}
    for key in ("tools", "skills", "docs"):
        for index, entry in enumerate(obj.listed(key)):
            if key == "docs" or "/" in entry.strip("/") and key == "tools":
                ok = any(_exists(root, entry) for root in roots)
            else:
                kind = "tool" if key == "tools" else "skill"
                ok = any(entry in repos.names(n)[kind] for n in names) or any(_exists(r, entry) for r in roots)
            if not ok:
                line, column = lines[key][index] if index < len(lines[key]) else (obj.line_of(key), None)
                where = ", ".join(names) or obj.repo
                found.append(
                    rules.MISSING_REFERENCE.finding(
                        obj.rel, f"'{key}' names '{entry}', which {where} does not have", line, column
                    )
                )
    folder = obj.path.parent
    for target, line in referenced_paths(obj.doc.body, obj.doc.body_start):
        top = target.removeprefix("./").split("/", 1)[0]
        if "/" not in target.strip("/") or top in ("..", "."):
            continue
        if (folder / target).exists() or not any((root / top).is_dir() for root in roots):
            continue  # relative to the object, or a path in no repo folder we know (a secret name, a URL part)
        if not any(_exists(root, target) for root in roots):
            found.append(
                rules.MISSING_REFERENCE.finding(
                    obj.rel, f"'{target}' does not exist in {', '.join(names) or obj.repo}", line
                )
            )
    return found


def _exists(root: Path, rel: str) -> bool:
    path = os.path.normpath(os.path.join(root, rel.strip().lstrip("/")))
    return path.startswith(str(root)) and os.path.exists(path)


def contradictions(objects: list[KnowledgeFile]) -> dict[str, list[Finding]]:
    """{object rel: findings} for Do lines of one object that another's Don't lines name, on both."""
    found: dict[str, list[Finding]] = {}
    said = [(obj, _said(obj, "do"), _said(obj, "dont")) for obj in objects]
    for a, do, _ in said:
        for b, _, dont in said:
            if a is b or not a.shares_repo(b) or a.supersedes(b) or b.supersedes(a):
                continue
            for do_entry, do_subjects in do:
                for dont_entry, dont_subjects in dont:
                    for subject in sorted(do_subjects & dont_subjects)[:1]:
                        found.setdefault(_key(a), []).append(
                            rules.CONTRADICTION.finding(
                                a.rel,
                                f"Do names '{subject}', but {_shown(b, a)}:{dont_entry.line} says don't: "
                                f"{quote(dont_entry.text)}",
                                do_entry.line,
                            )
                        )
                        found.setdefault(_key(b), []).append(
                            rules.CONTRADICTION.finding(
                                b.rel,
                                f"Don't names '{subject}', but {_shown(a, b)}:{do_entry.line} says do: "
                                f"{quote(do_entry.text)}",
                                dont_entry.line,
                            )
                        )
    return found


def _said(obj: KnowledgeFile, key: str) -> list[tuple[fmt.Entry, set[str]]]:
    listed = {n.strip().lstrip("/") for k in ("tools", "skills") for n in obj.listed(k)}
    out = []
    for entry in obj.entries(key):
        named = {s.lstrip("/") for s in subjects(entry.text)}
        named |= {n for n in listed if f"`{n}`" in entry.text or f"`/{n}`" in entry.text}
        if named:
            out.append((entry, named))
    return out


def _key(obj: KnowledgeFile) -> str:
    return str(obj.path)


def _shown(obj: KnowledgeFile, seen_from: KnowledgeFile) -> str:
    """Its path as the other object's reader needs it: repo-relative, with the repo when they differ."""
    return obj.rel if obj.root == seen_from.root else f"{obj.repo}:{obj.rel}"
