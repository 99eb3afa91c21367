"""Dangling references (SKD601-SKD603): skills, tools and files that docs mention but the repo lacks."""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from dataclasses import dataclass

from skilldex.doctor import places, records
from skilldex.doctor.infra import RETIRED
from skilldex.doctor.mentions import written_paths
from skilldex.doctor.missing_skills import outside_skills
from skilldex.doctor.repo import Document, RepoContext
from skilldex.doctor.shell import CLONED, UNKNOWN, Mention
from skilldex.models import Finding, Severity
from skilldex.rules import doctor as rules
from skilldex.rules import scan as scan_rules

MAX_CLOSE_CANDIDATES = 5000
# The folders a skill keeps its files in: `scripts/x.js` of a skill kept elsewhere is that skill's file.
SKILL_PARTS = frozenset({"scripts", "references", "assets", "templates", "examples", "bin", "lib"})
_SUBMODULE_PATH = re.compile(r"^\s*path\s*=\s*(\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Resolved:
    """A tool or file mention checked against the repo: `path` is the repo path it names (first guess)."""

    doc: Document
    mention: Mention
    path: str
    exists: bool
    lines: tuple[int, ...] = ()  # other lines of the same doc naming the same path
    anchored: bool = True  # its first folder is in the repo; `src/x.ts` in a repo without src/ may be the reader's


def resolve_all(ctx: RepoContext) -> list[Resolved]:
    """Every checkable tool and file mention of every doc, one per (doc, path), first line first."""
    finder = _Finder(ctx)
    found: list[Resolved] = []
    for doc in ctx.documents:
        by_path: dict[str, Resolved] = {}
        for mention in doc.mentions:
            if mention.kind in ("skill", "task") or places.unverifiable(mention.target):
                continue
            resolved = finder.resolve(doc, mention)
            if resolved is None:
                continue
            first = by_path.get(resolved.path)
            if first is None:
                by_path[resolved.path] = resolved
            elif mention.line != first.mention.line and mention.line not in first.lines:
                by_path[resolved.path] = Resolved(
                    first.doc, first.mention, first.path, first.exists, (*first.lines, mention.line), first.anchored
                )
        found.extend(by_path.values())
    return found


# One level less sure: a path whose top folder the repo lacks may be the reader's project's.
_LESS = {Severity.error: Severity.warning, Severity.warning: Severity.info, Severity.info: Severity.info}


class _Finder:
    def __init__(self, ctx: RepoContext):
        self.ctx = ctx
        self._by_name: dict[str, list[str]] | None = None
        self._by_folder: dict[str, list[str]] | None = None
        self._walked: set[str] | None = None
        self._cut = False
        self.closest: dict[tuple[str, str], str | None] = {}
        self._outside_docs: dict[str, bool] = {}
        self._submodules: set[str] | None = None
        self._outputs: dict[str, frozenset[str]] = {}

    def resolve(self, doc: Document, mention: Mention) -> Resolved | None:
        if mention.base == UNKNOWN:
            return None
        if mention.base == CLONED:  # after `git clone URL x && cd x`: this repo when the path is here
            path = mention.target.removeprefix("./").rstrip("/")
            return Resolved(doc, mention, path, True) if self.exists(path) else None
        target = mention.target.removeprefix("./").rstrip("/")
        folder = posixpath.dirname(doc.rel) if doc.kind != "workflow" else ""
        if mention.base is not None:
            bases = [mention.base] + ([posixpath.join(folder, mention.base)] if folder else [])
        else:
            bases = [folder, ""] if mention.link else ["", folder]
        candidates = []
        for base in bases:
            path = posixpath.normpath(posixpath.join(base, target))
            if not path.startswith("..") and path != "." and path not in candidates:
                candidates.append(path)
        if not candidates:
            return None
        for path in candidates:
            for variant in _variants(path) if mention.link else (path,):
                if self.exists(variant):
                    return Resolved(doc, mention, variant, True)
        tail = self._tail_match(target)
        if tail:
            return Resolved(doc, mention, tail, True)
        if "/" in target and _located(doc, target):
            return None  # "**Location:** `repos/api/scripts/x.sh`" then `./scripts/x.sh`: run there, checked there
        if mention.after is not None:  # an earlier block `cd`'d away: the reader runs it there
            moved = posixpath.normpath(posixpath.join(mention.after, target))
            if mention.after == UNKNOWN or not self.exists(mention.after):
                return None  # into another repo or a folder made at run time: the judgement ends
            if self.exists(moved):
                return Resolved(doc, mention, moved, True)
        top = target.split("/", 1)[0]
        if top.startswith(".") and top not in (".", "..") and not self.exists(top):
            return None  # `.cursor/mcp.json` where the repo has no .cursor/: a tool's config in the reader's project
        if places.CLAUDE_OWN.match(target):
            return None  # `.claude/settings.json` the repo lacks: the reader's settings, or a session's own files
        if _says_gone(doc.text, mention.line):
            return None  # "the old `scripts/migrate.sh` was removed": the doc already knows
        if mention.kind == "file" and self._output(doc, target, bases):
            return None  # a file the doc's procedure writes, in a folder it makes: its output, not a reference
        if self._in_submodule(candidates[0]):
            return None  # its files are another repo's, not in this tree: nothing here to judge
        if top in SKILL_PARTS and self._outside(doc):
            return None  # `node scripts/x.js` of a skill the doc places in ~/.claude/skills/: that skill's file
        if mention.link:
            return Resolved(doc, mention, candidates[0], False)
        # `python3 jwt_tool.py`, `./linpeas.sh`: without a folder, run wherever the reader downloaded it.
        anchored = "/" in target and self._anchored(doc, target, bases)
        if "/" not in target or places.shipped_skill_root(doc.rel) is not None and not anchored:
            return None
        return Resolved(doc, mention, candidates[0], False, anchored=anchored)

    def _outside(self, doc: Document) -> bool:
        """Whether the doc places a skill of its own subject outside the repo (in a home folder)."""
        if doc.rel not in self._outside_docs:
            self._outside_docs[doc.rel] = any(name not in self.ctx.invocable for name in outside_skills(doc.text))
        return self._outside_docs[doc.rel]

    def _output(self, doc: Document, target: str, bases: list[str]) -> bool:
        """Whether `target` is a file the doc says it writes (`write docs/agents/issue-tracker.md`), or lies in a
        folder of one that the repo lacks (`docs/agents/` and its `domain.md`): what a copied skill makes when run."""
        if doc.rel not in self._outputs:
            self._outputs[doc.rel] = written_paths(doc.text) if "`" in doc.text else frozenset()
        outputs = self._outputs[doc.rel]
        if target in {path.rstrip("/") for path in outputs}:
            return True
        # a file's folder (`docs/agents/` of `docs/agents/x.md`); a folder written to is its own
        folders = {path.rstrip("/") if path.endswith("/") else posixpath.dirname(path) for path in outputs} - {""}
        return any(
            (target == folder or target.startswith(folder + "/"))
            and not any(self.exists(posixpath.normpath(posixpath.join(base, folder))) for base in bases)
            for folder in folders
        )

    def _anchored(self, doc: Document, target: str, bases: list[str]) -> bool:
        """Whether a written path starts in a folder of this repo: `src/server.ts` in a repo without src/ may
        name the reader's project. A distributed skill (`skills/<name>/`, not under a dot folder) speaks of the
        project it will run in, except for the files it bundles in its own folder."""
        top = target.split("/", 1)[0]
        skill_root = places.shipped_skill_root(doc.rel)
        if skill_root is not None:
            folder = posixpath.dirname(doc.rel)
            bases = [skill_root] + [b for b in bases if b == folder or b.startswith(skill_root + "/")]
        return any(self.exists(posixpath.normpath(posixpath.join(base, top))) for base in bases)

    def exists(self, path: str) -> bool:
        """From the walk (no disk access); the disk is asked only when the walk stopped at a limit."""
        if self._walked is None:
            self._walked = set()
            for file in self.ctx.fs.files:
                rel = file.rel
                while rel and rel not in self._walked:  # the file and each folder above it
                    self._walked.add(rel)
                    rel = posixpath.dirname(rel)
            self._cut = any(f.code == scan_rules.SCAN_LIMIT.code for f in self.ctx.catalogue.findings)
        # The disk is asked too for what the walk did not list: a folder reached through a second symlink.
        return path in self._walked or self.ctx.fs.exists(path)

    def _in_submodule(self, path: str) -> bool:
        """Whether `path` lies in a submodule: a `.gitmodules` path, or a folder the checkout left empty (git
        never writes an empty folder except for a submodule that is not checked out)."""
        if self._submodules is None:
            self.exists("")  # fills the walked set
            walked = self._walked or set()
            root = self.ctx.fs.root
            self._submodules = {
                folder for folder, _ in self.ctx.fs.folders if folder and folder not in walked and _empty(root / folder)
            }
            manifest = self.ctx.fs.file(".gitmodules")
            text = (self.ctx.fs.read_text(manifest) or "") if manifest else ""
            self._submodules |= {m.group(1).strip("/") for m in _SUBMODULE_PATH.finditer(text)}
        parts = path.split("/")
        return any("/".join(parts[:i]) in self._submodules for i in range(1, len(parts)))

    def by_name(self) -> dict[str, list[str]]:
        """Repo files and folders by their last path segment."""
        if self._by_name is None:
            index: dict[str, list[str]] = {}
            folders: set[str] = set()
            for file in self.ctx.fs.files:
                index.setdefault(file.name, []).append(file.rel)
                parts = file.rel.split("/")[:-1]
                folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))
            for folder in sorted(folders):
                index.setdefault(folder.rsplit("/", 1)[-1], []).append(folder)
            self._by_name = index
        return self._by_name

    def in_folder(self, folder: str) -> list[str]:
        """Repo files directly in `folder`."""
        if self._by_folder is None:
            index: dict[str, list[str]] = {}
            for file in self.ctx.fs.files:
                index.setdefault(posixpath.dirname(file.rel), []).append(file.rel)
            self._by_folder = index
        return self._by_folder.get(folder, [])

    def _tail_match(self, target: str) -> str | None:
        """A repo path ending in `target` (docs often write paths from a subproject's root)."""
        if "/" not in target:
            return None
        for path in self.by_name().get(target.rsplit("/", 1)[-1], []):
            if path.endswith("/" + target):
                return path
        return None


def _located(doc: Document, target: str) -> bool:
    """Whether the doc itself names a longer path ending in `target`: where it runs the short form from."""
    tail = "/" + target
    return any(m.kind != "skill" and m.target.removeprefix("./").endswith(tail) for m in doc.mentions)


def _empty(folder) -> bool:
    try:
        return not os.listdir(folder)
    except OSError:
        return False


def _variants(path: str) -> tuple[str, ...]:
    """Where a docs site finds a link target: as written, `guide` as guide.md, `guide.html` from guide.md."""
    stem, extension = posixpath.splitext(path)
    if extension in (".html", ".htm"):
        return path, stem + ".md", stem + ".mdx", stem + ".rst"
    if not extension:
        return path, path + ".md", path + ".mdx", path + ".rst"
    return (path,)


def path_findings(ctx: RepoContext, dangling: list[Resolved], notes: dict[tuple[str, str], str]) -> list[Finding]:
    """SKD602 (tools) and SKD603 (files) for mentions that resolve nowhere; `notes` add git context."""
    finder = _Finder(ctx)
    findings = []
    exported = records.exported([doc.text for doc in ctx.documents if doc.rel in records.ROOT_DOCS])
    for item in dangling:
        m = item.mention
        verb = "runs" if m.kind == "tool" else "links to" if m.link else "names"
        message = f"{verb} '{m.target}', which is not in the repo"
        if item.path != m.target.removeprefix("./").rstrip("/"):
            message += f" (looked for {item.path})"
        if (item.doc.rel, item.path) in notes:
            message += f"; {notes[item.doc.rel, item.path]}"
        if item.lines:
            message += f"; also on line{'s' if len(item.lines) > 1 else ''} {', '.join(map(str, item.lines))}"
        close = closest_path(ctx, finder, item.path, m.kind)
        rule = rules.MISSING_TOOL if m.kind == "tool" else rules.MISSING_FILE
        fix = rule.fix
        if close:
            message += f"; closest existing: {close}"
            fix = f"Fix the path (did you mean '{close}'?), or remove the mention if it is gone for good."
        found = rule.finding(item.doc.rel, message, m.line, m.column, fix=fix)
        if not item.anchored:  # no such top folder here: maybe the reader's project's path, or another repo's
            found = found.model_copy(update={"severity": _LESS[found.severity]})
        elif exported and found.severity is Severity.error:  # maybe the original project's path
            found = found.model_copy(update={"severity": Severity.warning})
        elif m.kind == "tool" and not m.command and found.severity is Severity.error:
            found = found.model_copy(update={"severity": Severity.warning})  # a path named in prose, not run
        findings.append(found)
    return findings


def closest_path(ctx: RepoContext, finder: _Finder, path: str, kind: str) -> str | None:
    """The same file name elsewhere (moved), else the most similar path in its folder or of its kind."""
    if (path, kind) not in finder.closest:
        finder.closest[path, kind] = _closest_path(ctx, finder, path, kind)
    return finder.closest[path, kind]


def _closest_path(ctx: RepoContext, finder: _Finder, path: str, kind: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    moved = finder.by_name().get(name)
    if moved:
        return min(moved, key=lambda p: (-difflib.SequenceMatcher(None, p, path).ratio(), p))
    pool = list(finder.in_folder(posixpath.dirname(path)))
    if kind == "tool":
        pool += [i.path for i in ctx.catalogue.items if i.kind == "tool"]
    match = difflib.get_close_matches(path, sorted(set(pool))[:MAX_CLOSE_CANDIDATES], n=1, cutoff=0.75)
    return match[0] if match else None


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
LEAD_LINES = 12  # how far above a mention its list's lead-in may stand


def _says_gone(text: str, line: int) -> bool:
    """Whether the mention's own line says what it names is gone (removed, no longer exists, is gone), or the
    label or lead-in of its paragraph or list does ("**Deleted**: `a`, `b`", "These were intentionally removed:"
    over a list)."""

    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return False
    if RETIRED.search(lines[line - 1]):
        return True
    top = line - 1
    while top > max(0, line - LEAD_LINES) and lines[top - 1].strip() and not _LIST_ITEM.match(lines[top]):
        top -= 1  # up to the paragraph's first line, or the list item holding the mention
    first = lines[top]
    label = first.split(":", 1)[0] if ":" in first else ""
    if label and len(label) <= 40 and RETIRED.search(label):
        return True
    if not _LIST_ITEM.match(first):
        return False
    while top > max(0, line - LEAD_LINES) and (_LIST_ITEM.match(lines[top - 1]) or lines[top - 1].startswith(" ")):
        top -= 1  # the list's first item
    lead = next((lines[i] for i in range(top - 1, max(-1, top - 3), -1) if lines[i].strip()), "")
    return lead.rstrip().endswith(":") and bool(RETIRED.search(lead))
