"""One repo as doctor sees it: its catalogue and the docs, skills and workflows it checks, read once."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from skilldex.doctor import names, records
from skilldex.doctor.mentions import markdown_mentions
from skilldex.doctor.shell import Mention
from skilldex.doctor.workflows import is_workflow, reusable_only, workflow_mentions
from skilldex.models import Catalogue
from skilldex.samples import SAMPLE_DIRS
from skilldex.scan import assemble, open_repo
from skilldex.scan.docs import AGENT_DOCS, DOC_FOLDERS, OPS_FOLDERS
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.unit import providers, scan_unit
from skilldex.workspace import RepoRef

MARKDOWN = (".md", ".mdx", ".markdown", ".rst")  # rst inline literals (``x``) read like code spans
# Copies of other repos, test data and templates: their drift is deliberate or someone else's.
SKIPPED_DIRS = SAMPLE_DIRS
# Records of the past: they rightly mention what no longer exists. Read only for "X was retired".
HISTORICAL_DIRS = frozenset(
    {
        "adr",
        "adrs",
        "decisions",
        "decision-records",
        "postmortems",
        "postmortem",
        "post-mortems",
        "incidents",
        "sessions",
        "session-notes",
        "handoffs",
        "archive",
        "archived",
        "history",
        "changelog",
        "changelogs",
        ".changeset",
        "retros",
        "retrospectives",
        "blog",
        "reports",
        "research",  # dated findings of a study, an audit or a review: what was there when it was written
        "reviews",
        "audits",
        "changesets",  # one file per change made: `06_CHANGESETS/ARC-013.slice-35.md`
    }
)
HISTORICAL_NAMES = frozenset(
    {
        "changelog",
        "changes",
        "history",
        "news",
        "releases",
        "release-notes",
        "release_notes",
        "upgrading",
        "migration-guide",
        "session",
        "sessions",
    }
)
# Lists of where content came from: they cite files of other repos (`rig/skills/sources.md`).
SOURCE_NAMES = frozenset({"sources", "bibliography", "citations", "credits", "acknowledgements", "acknowledgments"})
# Plans describe what does not exist yet.
PROPOSAL_DIRS = frozenset(
    {
        "rfc",
        "rfcs",
        "proposals",
        "design",
        "designs",
        "plans",
        "planning",
        "roadmap",
        "brainstorm",
        "brainstorms",
        "ideas",
        "drafts",
        "backlog",
    }
)
# A changelog is a record wherever it sits, also in a skill's folder (`.claude/skills/x/CHANGELOG.md`).
CHANGELOG_NAMES = frozenset({"changelog", "changes", "release-notes", "release_notes"})
# `report.md`, `COMPLETION_REPORT.md`: the record of one piece of work or one release.
_REPORT = re.compile(r"(?:^|[-_.])report$")
# `wiki-export/`, `.claude-exports/`: a copy generated or packaged for somewhere else; its links resolve there.
_EXPORT_DIR = re.compile(r"(?:^|[-_.])exports?$")
# `notes-2026-05-12/`, `survey/whisper_20260509/`: the record of one day.
_NUMBERED = re.compile(r"^\d{1,3}[-_. ](?=[a-z])")
_DATED = re.compile(r"(?<!\d)20\d\d(?:-[01]\d-[0-3]\d|[01]\d[0-3]\d)(?!\d)")
# Plans by name; a spec or a blueprint too describes what is to be built (`cmo-agent-spec.md`).
PROPOSAL_NAMES = frozenset(
    {"roadmap", "todo", "plan", "proposal", "backlog", "ideas", "brainstorm", "wishlist", "spec", "blueprint"}
)


@dataclass
class Document:
    """A file doctor reads mentions from."""

    file: RepoFile
    kind: str  # doc | skill | command | agent | knowledge | workflow | historical
    text: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def rel(self) -> str:
        return self.file.rel


@dataclass
class RepoContext:
    ref: RepoRef
    fs: RepoFS
    catalogue: Catalogue
    documents: list[Document]  # checked for dangling mentions and staleness
    historical: list[Document]  # read only for statements that something was retired
    invocable: dict[str, str]  # every /name this repo's skills and commands answer to -> defining path
    personal: dict[str, str]  # personal skills and commands of the user running doctor -> display path
    vendored: frozenset[str] = frozenset()  # folders holding a copy of another project (records.vendored_roots)

    def knows_skill(self, name: str) -> bool:
        return name in self.invocable or name in self.personal or name in names.BUILTIN_COMMANDS


def open_context(ref: RepoRef, home=None) -> RepoContext:
    """Scan the repo and read the files doctor checks, sharing one walk so no file is read twice."""

    fs = open_repo(ref.path)
    walk_findings = list(fs.findings)
    fs.findings.clear()
    modules = providers()
    catalogue = assemble(fs, [scan_unit(fs, file, modules) for file in fs.files], walk_findings, ref.name)
    documents: list[Document] = []
    historical: list[Document] = []
    vendored = records.vendored_roots(file.rel for file in fs.files)
    for file in fs.files:
        kind = classify(file.rel)
        if kind is None or _through_symlink(fs, file) or records.inside(file.rel, vendored):
            continue
        text = fs.read_text(file)
        if text is None:
            continue
        if kind in ("doc", "knowledge") and file.name.lower() not in AGENT_DOCS and file.name.lower() != "readme.md":
            if records.proposed(text):
                continue  # a proposal describes what does not exist yet
            if records.is_record(file.rel, text):
                kind = "historical"  # a closed issue, a shipped story: the files as they were then
        if kind == "historical":
            historical.append(Document(file, kind, text))
            continue
        mentions = workflow_mentions(text) if kind == "workflow" else markdown_mentions(text, skill=kind == "skill")
        documents.append(Document(file, kind, text, mentions))
    _drop_callers_paths(documents)
    known = invocable(catalogue)
    for file in fs.files:  # commands kept for copying into ~/.claude/commands (`commands/deploy.md`)
        parts = file.rel.split("/")
        if (
            any("commands" in p.lower() for p in parts[:-1])
            and file.name.endswith(".md")
            and file.name.lower() != "readme.md"
        ):  # also commands-templates/ and COMMANDS/
            known.setdefault(file.name[:-3], file.rel)
    return RepoContext(ref, fs, catalogue, documents, historical, known, names.personal_skills(home), vendored)


def _drop_callers_paths(documents: list[Document]) -> None:
    """A workflow only other repos call (`on: workflow_call`, no workflow here `uses:` it) runs in the caller's
    checkout: its scripts and make targets are the caller's, not this repo's."""
    workflows = [doc for doc in documents if doc.kind == "workflow"]
    for doc in workflows:
        if reusable_only(doc.text) and not any(doc.rel in other.text for other in workflows if other is not doc):
            doc.mentions = [m for m in doc.mentions if m.kind == "skill"]


def _through_symlink(fs: RepoFS, file: RepoFile) -> bool:
    """A file reached through a symlinked folder: it is checked where it really lives, where its relative
    links resolve."""
    real = os.path.realpath(file.path)
    return real != os.path.join(str(fs.root), *file.rel.split("/")) and real.startswith(str(fs.root) + os.sep)


def in_skipped_dir(rel: str) -> bool:
    """Test data, examples and templates: their skills and tools are not the repo's own."""
    return bool(SKIPPED_DIRS & {p.lower() for p in rel.split("/")[:-1]})


def classify(rel: str) -> str | None:
    """Which kind of checked file `rel` is, "historical", or None when doctor leaves it alone."""
    if is_workflow(rel):
        return "workflow"
    parts = rel.split("/")
    name = parts[-1].lower()
    folders = [_NUMBERED.sub("", p.lower()) for p in parts[:-1]]  # `06_changesets`, `01-adr`: the same folders
    if not name.endswith(MARKDOWN) or SKIPPED_DIRS & set(folders) or any(_EXPORT_DIR.search(f) for f in folders):
        return None
    stem = name.rsplit(".", 1)[0]
    if records.archived(rel):
        return "historical"  # `.claude/skills/_archive/`: kept on purpose, no longer in use
    if stem in SOURCE_NAMES:
        return "historical"  # `skills/sources.md`: the sources a skill was written from, other repos' files
    if "template" in stem:
        return None  # ROADMAP_TEMPLATE.md: the shape of a doc to write elsewhere; its links resolve there
    if name in AGENT_DOCS:
        return "doc"
    if stem in CHANGELOG_NAMES and name != "skill.md" and not {"commands", "agents"} & set(folders):
        return "historical"
    if ".claude" in folders:
        place = folders[folders.index(".claude") + 1] if folders[-1] != ".claude" else ""
        return {"skills": "skill", "commands": "command", "agents": "agent"}.get(place)
    if name == "skill.md" or "skills" in folders:
        return "skill"
    if (
        HISTORICAL_DIRS & set(folders)
        or stem in HISTORICAL_NAMES
        or stem.endswith("migration")
        or _REPORT.search(stem)
        or _DATED.search(rel)
    ):
        # FLUX_MIGRATION.md names the old paths on purpose; `notes-2026-05-12/` records one day
        return "historical"
    if PROPOSAL_DIRS & set(folders) or PROPOSAL_NAMES & set(re.split(r"[-_.\s]+", stem)):
        return None
    if "knowledge" in folders:
        return "knowledge"
    if stem == "readme" or len(parts) == 1 or (DOC_FOLDERS | OPS_FOLDERS) & set(folders):
        return "doc"
    return None


def invocable(catalogue: Catalogue) -> dict[str, str]:
    """Every name a skill or command of the repo answers to (`deploy`, `plugin:deploy`, `db:describe`)."""
    found: dict[str, str] = {}
    for item in catalogue.items:
        if item.kind == "skill":
            keys = [item.dir_name, item.name, *([item.run[1:]] if item.run else [])]
            keys += [key.split(":", 1)[1] for key in keys if ":" in key]
        elif item.kind == "command":
            parts = item.path.split("/")
            folder = parts[parts.index("commands") + 1 : -1] if "commands" in parts else []
            keys = [item.name, ":".join([*folder, item.name])]
            keys += [item.run[1:].split()[0]] if item.run and item.run[1:].split() else []  # plugin:name
        else:
            continue
        for key in keys:
            found.setdefault(key, item.path)
    return found
