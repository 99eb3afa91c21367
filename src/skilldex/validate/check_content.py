"""Beyond the frontmatter (SKD5xx): files the body links to, body length, names that collide in a repo."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from skilldex.finding import Finding
from skilldex.markdown import _FENCE, _MD_LINK
from skilldex.rules import content as rules
from skilldex.validate.manifest import Manifest

MAX_BODY_LINES = 500
# Backticked paths into a skill's own resource folders; other backticked paths are often files to create.
_RESOURCE_PATH = re.compile(r"`((?:\./)?(?:references|scripts|assets|templates|examples)/[\w./-]*[\w-])`")


def check(m: Manifest) -> Iterator[Finding]:
    if not m.parsed and not m.doc.body:
        return
    yield from _references(m)
    body_lines = len(m.doc.body.splitlines())
    if m.kind == "skill" and body_lines > MAX_BODY_LINES:
        yield rules.BODY_TOO_LONG.finding(
            m.rel, f"body is {body_lines:,} lines (guidance: under {MAX_BODY_LINES})", m.doc.body_start, 1
        )


def links(body: str, first_line: int) -> Iterator[tuple[str, int, int]]:
    """(target, line, column) of relative links and resource paths, outside fenced code blocks."""
    fence = None
    for offset, line in enumerate(body.splitlines()):
        # Each pattern needs a literal (a fence ``` or ~~~, a link "](", a path "`"): `in` tests are far
        # cheaper than the regexes, and most lines hold none of them.
        match = _FENCE.match(line) if "```" in line or "~~~" in line else None
        if match:
            fence = None if fence and line.strip().startswith(fence) else (fence or match.group(1))
            continue
        if fence:
            continue
        if "](" in line:
            for found in _MD_LINK.finditer(line):
                yield found.group(1), first_line + offset, found.start(1) + 1
        if "`" in line:
            for found in _RESOURCE_PATH.finditer(line):
                yield found.group(1), first_line + offset, found.start(1) + 1


def _external(target: str) -> bool:
    return (
        ":" in target.split("/", 1)[0]
        or target.startswith(("#", "/", "~", "$", "{", "<", "mailto:"))
        or any(c in target for c in "*{}")
    )


def _references(m: Manifest) -> Iterator[Finding]:
    seen: set[str] = set()
    for raw, line, col in links(m.doc.body, m.doc.body_start):
        target = unquote(raw.split("#", 1)[0].split("?", 1)[0])
        if not target or _external(target) or target in seen:
            continue
        seen.add(target)
        local = posixpath.normpath(posixpath.join(m.folder, target))
        if m.fs.exists(local) or m.fs.exists(posixpath.normpath(target)):
            continue
        yield rules.BROKEN_REFERENCE.finding(m.rel, f"'{raw}' does not exist (looked for {local or '.'})", line, col)


def collisions(named: list[tuple[str, str, tuple[str | None, str] | None]]) -> Iterator[Finding]:
    """Later manifests that answer to an invocation an earlier one in the same repo already has.

    `named` holds (kind, rel, invocation()) for each manifest: plain values, so workers can return them.
    """
    first: dict[tuple[str | None, str], tuple[str, str]] = {}
    for kind, rel, key in sorted(named, key=lambda x: (x[0] != "skill", x[1])):
        if key is None:
            continue
        if key in first:
            other_kind, other_rel = first[key]
            shadow = " (the skill wins)" if other_kind == "skill" and kind == "command" else ""
            yield rules.NAME_COLLISION.finding(
                rel, f"{kind} answers to '{key[1]}', like {other_kind} {other_rel}{shadow}", 1, 1
            )
        else:
            first[key] = (kind, rel)


def invocation(m: Manifest) -> tuple[str | None, str] | None:
    """(namespace, invocation) under which Claude Code (or a skills loader) would know this manifest."""
    name = m.frontmatter.get("name") if isinstance(m.frontmatter.get("name"), str) else None
    return invocation_key(m.kind, m.file.parts, name, m.dir_name, m.location() if m.kind == "skill" else None)


def invocation_key(
    kind: str,
    parts: tuple[str, ...],
    name: str | None,
    dir_name: str,
    location: tuple[str | None, int | None, str | None] | None,
) -> tuple[str | None, str] | None:
    """invocation() from plain values: also what the index's stored items answer to (skilldex.validate.elsewhere)."""
    if kind == "command":
        return _namespace(parts, "commands"), f"/{parts[-1][: -len('.md')]}"
    if kind == "agent":
        return _namespace(parts, "agents"), name or parts[-1][: -len(".md")]
    scope, depth, plugin_root = location or ("other", None, None)
    if scope in ("project", "nested"):
        return (_namespace(parts, "skills"), f"/{dir_name}") if depth == 1 and parts[-1] == "SKILL.md" else None
    if scope == "plugin":
        return f"plugin@{plugin_root}", f"/{name or dir_name}"
    return scope, name or dir_name


_CLAUDE = ".claude@"
Home = tuple[str, "str | None"]  # (a repo-relative folder, the one file in it that may answer, or None: any below)


def homes(keys: set[tuple[str | None, str]]) -> list[Home] | None:
    """Where every manifest that invocation_key() could give one of `keys` lives; None when one may live anywhere.

    invocation_key() read backwards: a `.claude@P` namespace is P/.claude/'s, so what answers in it is a command
    below P/.claude/commands/, an agent below P/.claude/agents/ (its name is its text: any of them), or the skill
    P/.claude/skills/<x>/SKILL.md answering to `/<x>` (a skill there answers to its folder's name). Skills of
    plugins, packs and other places answer to their frontmatter name in a namespace the whole repo shares: None.
    tests/validate/test_collision_homes.py holds every manifest of a varied repo to the homes of its own key."""
    found: set[Home] = set()
    for namespace, said in keys:
        if namespace is None or not namespace.startswith(_CLAUDE):
            return None
        claude = posixpath.join(namespace[len(_CLAUDE) :], ".claude")
        found |= {(f"{claude}/commands", None), (f"{claude}/agents", None)}
        name = said[1:]
        if said.startswith("/") and name not in ("", ".", "..") and "/" not in name and "\0" not in name:
            found.add((f"{claude}/skills/{name}", f"{claude}/skills/{name}/SKILL.md"))
    return sorted(found, key=lambda home: home[0])


def _namespace(parts: tuple[str, ...], folder: str) -> str:
    """The folder holding `.claude/` (or the plugin root): skills and commands there share one namespace."""
    for i in range(len(parts) - 2, -1, -1):
        if parts[i] == folder:
            if i and parts[i - 1] == ".claude":
                return ".claude@" + "/".join(parts[: i - 1])
            return "plugin@" + "/".join(parts[:i])
    return ""
