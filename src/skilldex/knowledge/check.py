"""`skilldex knowledge check`: every SKD7xx rule (and the frontmatter rules) over knowledge objects.

report = check_paths(["knowledge/"], workspace=open_workspace())
report.has_errors  # True when any finding is at error severity
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from skilldex.errors import UsageError
from skilldex.knowledge import context, objects, vocabulary
from skilldex.models import Finding
from skilldex.report import FileResult, Report, display_path
from skilldex.ruleconfig import find_config
from skilldex.rules import knowledge as rules
from skilldex.rules import selection
from skilldex.rules.catalogue import all_rules
from skilldex.rules.selection import Selection
from skilldex.scan import knowledge as fmt
from skilldex.scan.fs import RepoFS
from skilldex.validate.targets import context_root

TYPE_CHECKING = False
if TYPE_CHECKING:
    from skilldex.workspace import Workspace


def check_paths(
    paths: list[str],
    workspace: Workspace | None = None,
    today: datetime.date | None = None,
    select: list[str] | tuple = (),
    ignore: list[str] | tuple = (),
    cwd: str | None = None,
    config: bool = True,
) -> Report:
    """Check the knowledge objects under `paths` (default: the workspace's repos and its `knowledge/`).

    Raises UsageError for a path that does not exist or an unknown rule code.
    """
    today = today or datetime.date.today()
    universe = [r.code for r in all_rules()]
    given = selection.option_choice(select, ignore, universe)
    base = os.path.realpath(cwd or os.getcwd())
    names = {name: Path(os.path.realpath(ref.path)) for name, ref in (workspace.repos if workspace else {}).items()}
    run = _Run(names, base)
    for raw in paths or _default_paths(workspace, base):
        run.add(raw)
    report = Report(profile="knowledge")
    repos = context.Repos({**names, **{name: root for root, name in run.owners.items()}})
    everything = run.context()
    clashes = context.contradictions(everything)
    configs: dict[Path, Selection] = {}
    for obj in run.targets:
        if obj.root not in configs:
            configs[obj.root] = selection.select(universe, universe, [find_config(obj.root) if config else None, given])
        picked = configs[obj.root]
        shown = run.display(obj.root / obj.rel)
        found = list(obj.findings) + objects.own_checks(obj, today)
        extra, problems = vocabulary.declared(obj.path, obj.root, run.display)
        found += objects.tag_checks(obj, vocabulary.known(extra, {*names, obj.repo, *obj.repos}))
        found += _repo_checks(obj, names) + context.reference_checks(obj, repos) + clashes.get(str(obj.path), [])
        mine = [_shown(f, shown) for f in found] + problems
        mine = [f for f in mine if picked.keeps(f.code, obj.root / obj.rel)]
        report.findings.extend(mine)
        report.files.append(FileResult(shown, "knowledge", valid=not any(f.severity.value == "error" for f in mine)))
    everywhere = selection.select(universe, universe, [given])  # unread files: the options alone decide
    report.findings.extend(f for f in run.unread if everywhere.keeps(f.code))
    report.skipped = run.skipped
    unique = {(f.path, f.line, f.column, f.code, f.message): f for f in report.findings}
    report.findings = sorted(unique.values(), key=lambda f: (f.path, f.line or 0, f.column or 0, f.code))
    report.files.sort(key=lambda r: r.path)
    return report


class _Run:
    """The files one check reads: targets, the objects around them, and their repos' walks (once each)."""

    def __init__(self, names: dict[str, Path], base: str):
        self.names, self.base = names, base
        self.owners: dict[Path, str] = {}  # repo root -> its name
        self.walks: dict[Path, RepoFS] = {}
        self.read: dict[str, objects.KnowledgeFile | None] = {}
        self.targets: list[objects.KnowledgeFile] = []
        self.unread: list[Finding] = []
        self.skipped: list[str] = []  # files given by name that are no markdown

    def owner(self, path: Path) -> tuple[str, Path]:
        """The workspace repo holding a path (the deepest), else the repo around it by `.git`."""
        inside = [(n, r) for n, r in self.names.items() if path == r or r in path.parents]
        if inside:
            return max(inside, key=lambda nr: len(nr[1].parts))
        root = Path(os.path.realpath(context_root(path)))
        if not (root / ".git").exists():  # no repo around it: the folder holding its knowledge/ folder
            folders = [path, *path.parents] if path.is_dir() else list(path.parents)
            root = next((f.parent for f in folders if f.name == "knowledge"), root)
        return root.name or str(root), root

    def walk(self, root: Path, name: str) -> RepoFS:
        if root not in self.walks:
            self.walks[root] = RepoFS.open(root)
            self.owners[root] = name
        return self.walks[root]

    def add(self, raw: str) -> None:
        path = Path(raw).expanduser()
        if not path.exists():
            raise UsageError(f"{raw}: no such file or folder")
        real = Path(os.path.realpath(path))
        if real.is_file() and not real.name.lower().endswith(".md"):
            self.skipped.append(self.display(real))
            return
        name, root = self.owner(real)
        fs = self.walk(root, name)
        for file in fs.files:
            here = root / file.rel
            explicit = here == real and file.name.lower().endswith(".md")
            if explicit or (real in here.parents and fmt.is_knowledge_file(file) and self.owner(here)[1] == root):
                obj = self._read(fs, file, name)
                if obj is not None and not any(t is obj for t in self.targets):
                    self.targets.append(obj)
                elif obj is None:
                    self.unread.extend(_shown(f, self.display(here)) for f in fs.findings if f.path == file.rel)

    def _read(self, fs: RepoFS, file, name: str) -> objects.KnowledgeFile | None:
        key = str(fs.root / file.rel)
        if key not in self.read:
            self.read[key] = objects.read(fs, file, name)
        return self.read[key]

    def context(self) -> list[objects.KnowledgeFile]:
        """Every knowledge object of the repos the targets live in or concern (for contradictions)."""
        wanted = {(n, r) for r, n in self.owners.items()}
        wanted |= {(n, r) for obj in self.targets for n, r in self.names.items() if obj.concerns(n)}
        found = list(self.targets)
        for name, root in sorted(wanted):
            fs = self.walk(root, name)
            for file in fs.files:
                if fmt.is_knowledge_file(file) and self.owner(root / file.rel)[1] == root:
                    obj = self._read(fs, file, name)
                    if obj is not None and not any(f is obj for f in found):
                        found.append(obj)
        return found

    def display(self, path: Path) -> str:
        return display_path(path, self.base)


def _default_paths(workspace: Workspace | None, base: str) -> list[str]:
    if workspace is None:
        return [base]
    found = [str(ref.path) for ref in workspace.repos.values() if ref.path.is_dir()]
    shared = workspace.file.parent / "knowledge"
    return found + ([str(shared)] if shared.is_dir() else [])


def _repo_checks(obj: objects.KnowledgeFile, names: dict[str, Path]) -> list[Finding]:
    """`repos` entries the workspace does not know (only with a workspace: without one, nothing is known)."""
    if not names:
        return []

    lines = fmt.entry_lines(obj.doc, "repos")
    found = []
    for index, repo in enumerate(obj.listed("repos")):
        if repo not in names and repo != obj.repo and repo != objects.EVERY:
            line, column = lines[index] if index < len(lines) else (obj.line_of("repos"), None)
            close = [n for n in names if n.startswith(repo[:4])][:1]
            hint = f"; did you mean '{close[0]}'?" if close else f" (workspace repos: {', '.join(sorted(names))})"
            found.append(rules.UNKNOWN_REPO.finding(obj.rel, f"'{repo}' is not a workspace repo{hint}", line, column))
    return found


def _shown(finding: Finding, path: str) -> Finding:
    return finding.model_copy(update={"path": path})
