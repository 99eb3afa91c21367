"""`skilldex knowledge new`: a knowledge object pre-filled from the repo's catalogue, checked, then written."""

from __future__ import annotations

import datetime
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from skilldex.errors import UsageError
from skilldex.generate.text import clean, code, prose, slug
from skilldex.index.refresh import repo_index
from skilldex.knowledge import context, objects, vocabulary
from skilldex.models import Finding, Severity
from skilldex.scan.fs import RepoFS
from skilldex.search import find_indexed
from skilldex.search.knowledge import subjects

PER_KIND = 3  # candidates per kind pre-filled from the catalogue
MIN_SHARE = 0.5  # a candidate scores at least this share of the best hit
PLACEHOLDERS = {
    "when": "TODO: the task, in a sentence or two (what you were asked to do, and where).",
    "do": "TODO: what worked, with the exact command.",
    "dont": "TODO: what did not work, and why (the error it gave).",
    "how": "TODO: why the way that works, works (the network path, the credentials, the service in between).",
    "evidence": "TODO: when this was learned, and what proved it.",
}


@dataclass
class Draft:
    """What `knowledge new` is asked to write."""

    repo: str
    root: Path
    title: str
    tags: list[str]
    applies_when: list[str] = field(default_factory=list)
    when: str = ""
    do: list[str] = field(default_factory=list)
    dont: list[str] = field(default_factory=list)
    how: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    repos: list[str] = field(default_factory=list)  # default: [repo]


@dataclass
class Scaffolded:
    path: Path
    content: str
    tools: list[str]
    skills: list[str]
    docs: list[str]
    findings: list[Finding]  # warnings left in the written file (placeholders to fill in)

    def to_dict(self) -> dict:
        return {
            "path": str(self.path),
            "tools": self.tools,
            "skills": self.skills,
            "docs": self.docs,
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }


def new_object(
    draft: Draft,
    out: Path | None = None,
    today: datetime.date | None = None,
    known_repos: set[str] | None = None,
    write: bool = True,
) -> Scaffolded:
    """Check the draft, pre-fill it from the catalogue, and write `<out or repo/knowledge>/<slug>.md`.

    Raises UsageError when the title or a tag is unusable, the file exists, or the result has errors.
    """
    title = clean(draft.title, 120)
    if not title:
        raise UsageError('--title is empty; say what situation the object answers, e.g. "Production database access"')
    folder = (out or draft.root / "knowledge").expanduser()
    target = folder / f"{slug(title, 64)}.md"
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists; edit it, or choose another --title")
    tags = [t.strip().lower() for entry in draft.tags for t in entry.split(",") if t.strip()]
    extra, problems = vocabulary.declared(target, draft.root if draft.root in target.parents else folder, str)
    allowed = vocabulary.known(extra, {draft.repo, *(known_repos or ()), *draft.repos})
    unknown = [t for t in tags if t not in allowed]
    if not tags or unknown:
        said = f"unknown tag{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}" if unknown else "no --tags"
        raise UsageError(
            f"{said}; use {', '.join(sorted(vocabulary.BUILTIN))}, a repo name, or declare tags "
            f"in {folder / 'tags.yaml'}"
        )
    tools, skills, docs = candidates(draft, title)
    content = render(draft, title, tags, tools, skills, docs, today or datetime.date.today())
    findings = _check(content, target, draft)
    errors = [f for f in [*findings, *problems] if f.severity is Severity.error]
    if errors:
        listed = "; ".join(f"line {f.line}: {f.message}" for f in errors)
        raise UsageError(f"the object would not be valid ({listed}); fix the options and run again")
    if write:
        _write_new(target, content)
    return Scaffolded(target, content, tools, skills, docs, findings)


def candidates(draft: Draft, title: str) -> tuple[list[str], list[str], list[str]]:
    """The repo's tools, skills (and commands) and docs the Do lines name, then those matching the title best.

    Items a Don't line names (of the draft, or of the repo's knowledge objects) are never suggested.
    """

    index = repo_index(draft.root, draft.repo)
    try:
        hits = find_indexed([index], " ".join([title, *draft.applies_when]), limit=30)
        rows = list(index.rows)
        donts = [*draft.dont, *(t for r in rows if r.kind == "knowledge" for t in index.data(r).get("dont") or [])]
    finally:
        index.close()
    warned = {s.lstrip("/") for text in donts for s in subjects(text)}
    picked: dict[str, list[str]] = {"tool": [], "skill": [], "doc": []}
    named = {s.lstrip("/") for text in draft.do for s in subjects(text)}
    named |= {span for text in draft.do for span in text.split("`")[1::2]}
    for row in rows:
        group = _GROUPS.get(row.kind)
        value = row.path if row.kind in ("tool", "doc") else row.name
        if group and {row.path, row.name} & named and value not in picked[group]:
            picked[group].append(value)
    ranked = [h for h in hits if h.kind in _GROUPS and not {h.path, h.name} & warned]
    # the match's strength before find's name bonus: an item the title names would push every other one out
    best = max((h.score / h.lift for h in ranked), default=0.0)
    for hit in ranked:
        group, value = _GROUPS[hit.kind], hit.path if hit.kind in ("tool", "doc") else hit.name
        if hit.score / hit.lift >= MIN_SHARE * best and len(picked[group]) < PER_KIND and value not in picked[group]:
            picked[group].append(value)
    return picked["tool"], picked["skill"], picked["doc"]


_GROUPS = {"tool": "tool", "skill": "skill", "command": "skill", "doc": "doc"}


def render(
    draft: Draft,
    title: str,
    tags: list[str],
    tools: list[str],
    skills: list[str],
    docs: list[str],
    today: datetime.date,
) -> str:
    meta: dict = {"title": title, "tags": tags, "repos": draft.repos or [draft.repo]}
    meta["applies-when"] = [clean(a, 200) for a in draft.applies_when if clean(a, 200)] or [title]
    meta["updated"] = today
    meta.update({k: v for k, v in (("tools", tools), ("skills", skills), ("docs", docs)) if v})
    inline = {"tags", "repos", "tools", "skills", "docs"}  # short lists as [a, b]; situations one per line
    head = "".join(
        yaml.safe_dump(
            {key: value},
            allow_unicode=True,
            width=10_000,
            sort_keys=False,
            default_flow_style=None if key in inline else False,
        )
        for key, value in meta.items()
    )
    when = _inline(draft.when, 600) if clean(draft.when, 600) else PLACEHOLDERS["when"]
    when = f"\\{when}" if when[0] in "#>-*+|=~" else when  # a paragraph, never a heading, quote or list
    lines = [f"# {prose(title, 120)}", "", "## When you need to", "", when]
    for key, heading, given in (
        ("do", "Do", draft.do),
        ("dont", "Don't", draft.dont),
        ("how", "How it works", draft.how),
        ("evidence", "Evidence", draft.evidence),
    ):
        entries = [f"- {_inline(text)}" for text in given if clean(text, 400)]
        if not entries:
            entries = [f"- {PLACEHOLDERS[key]}"]
            if key == "do" and (tools or skills):
                named = [code(t) for t in tools] + [code(f"/{s}") for s in skills]
                entries.append(f"  The catalogue has: {', '.join(named)}.")
        lines += ["", f"## {heading}", "", *entries]
    return f"---\n{head}---\n\n" + "\n".join(lines) + "\n"


def _inline(text: str, limit: int = 400) -> str:
    """An option's text as one line: its code spans kept, nothing else that could end the line or add markup."""
    parts = clean(text, limit).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code spans at all
        return prose(text, limit)
    escape = {"\\": "\\\\", "<": "\\<", ">": "\\>"}
    plain = ["".join(escape.get(ch, ch) for ch in part).replace("](", "]\\(") for part in parts]
    return "`".join(part if i % 2 else plain[i] for i, part in enumerate(parts))


def _check(content: str, target: Path, draft: Draft) -> list[Finding]:
    """The checks `knowledge check` runs on one file, on the text about to be written."""

    with tempfile.TemporaryDirectory(prefix="skilldex-knowledge-") as tmp:
        rel = "knowledge/draft.md"
        (Path(tmp) / "knowledge").mkdir()
        (Path(tmp) / rel).write_text(content, encoding="utf-8")
        fs = RepoFS.open(Path(tmp))
        file = fs.file(rel)
        assert file is not None  # written just above
        obj = objects.read(fs, file, draft.repo)
        assert obj is not None
        obj.root, obj.path, obj.rel = draft.root, target, _rel(target, draft.root)
        found = list(obj.findings) + objects.own_checks(obj, datetime.date.today())
        found += context.reference_checks(obj, context.Repos({draft.repo: draft.root}))
    return [f.model_copy(update={"path": str(target)}) for f in found]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _write_new(target: Path, content: str) -> None:
    """Atomically, never over an existing file: a temporary file, then a hard link (fails if taken) or a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise UsageError(f"{target} already exists; edit it, or choose another --title") from None
        except OSError:  # no hard links here: check, then rename
            if target.exists():
                raise UsageError(f"{target} already exists; edit it, or choose another --title") from None
            os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
