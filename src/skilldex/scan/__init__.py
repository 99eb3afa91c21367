"""Scan a repo into a Catalogue: one bounded walk, then each file through every provider. Nothing is executed.

The unit of work is one file: `scan_unit` returns what every provider found in it, the findings raised
meanwhile, and the other paths it consulted, so that the persistent index can redo only changed units.
"""

from __future__ import annotations

from skilldex.errors import UsageError

TYPE_CHECKING = False  # skilldex.scan.walk is on the fast path: keep this package's import light
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from skilldex.models import Catalogue
    from skilldex.scan.fs import RepoFile, RepoFS


class ScanError(UsageError):
    """The repo root itself cannot be scanned (missing, not a folder)."""


class Unit:
    """What scanning one file produced: (provider index, item) pairs, findings, and paths it depended on."""

    __slots__ = ("rel", "items", "findings", "deps", "rows", "read")

    def __init__(self, rel: str):
        self.rel = rel
        self.read = True  # whether its content counted (False: its path alone decided, whatever it holds)
        self.items: list[tuple[int, Any]] = []
        self.findings: list[Any] = []
        self.deps: set[str] = set()
        self.rows: Any = None  # what a caller's `finish` derived from it where it was scanned (index rows)


def providers() -> tuple:
    """The provider modules, in the order their items are listed."""
    from skilldex.scan import agents, commands, docs, knowledge, mcp, skills, tasks, tools, workflows

    return (skills, commands, agents, mcp, tools, tasks, workflows, docs, knowledge)


def open_repo(root: Path) -> RepoFS:
    """Walk the repo at `root`; ScanError when it is missing or not a folder."""
    from pathlib import Path

    from skilldex.scan.fs import RepoFS

    root = Path(root).expanduser()
    if not root.exists():
        raise ScanError(f"repo folder does not exist: {root}")
    if not root.is_dir():
        raise ScanError(f"not a folder: {root}")
    return RepoFS.open(root)


def scan_unit(fs: RepoFS, file: RepoFile, provider_modules: tuple | None = None) -> Unit:
    """Run every provider on one file, capturing its findings and the other paths it consulted."""
    from skilldex import capabilities  # lazy: validate imports this package for its helpers, never for scanning

    unit = Unit(file.rel)
    before = len(fs.findings)
    fs.deps = set()
    try:
        with capabilities.own_name(fs.root.name):
            for index, provider in enumerate(provider_modules or providers()):
                found = provider.scan_file(fs, file)
                if found:  # most files are nothing to most providers
                    unit.items.extend((index, item) for item in found)
    finally:
        unit.deps = fs.deps - {file.rel}
        fs.deps = None
    unit.read = file.rel in fs.content_read
    unit.findings = fs.findings[before:]
    del fs.findings[before:]
    _guard_secrets(fs, unit)
    return unit


def _guard_secrets(fs: RepoFS, unit: Unit) -> None:
    """Report secrets in the texts this unit read, and redact their values from its items and findings, wherever
    in them each appears (a value found after `password:` is redacted from a description that repeats it)."""
    if unit.rel not in fs._texts and not unit.deps:
        return  # nothing read: nothing to search
    from skilldex import secrets

    read = {unit.rel} | unit.deps
    for rel in sorted(read):
        text = fs._texts.get(rel)
        if not text or rel in fs.secrets_checked:
            continue
        fs.secrets_checked.add(rel)
        spans = secrets.find(text)
        for line, kind in secrets.lines_of(text, spans):
            unit.findings.append(_secret_rule().finding(rel, f"likely {kind} (value not shown)", line))
        if spans:
            fs.secret_files.add(rel)
            fs.secret_values[rel] = secrets.values(text, spans)
    if fs.secret_files & read:
        known = frozenset().union(*(fs.secret_values.get(rel, frozenset()) for rel in read))
        unit.items = [(index, _redacted(item, known)) for index, item in unit.items]
        unit.findings = [_redacted(finding, known) for finding in unit.findings]


def _secret_rule():
    from skilldex.rules import scan as rules

    return rules.SECRET


# Names and paths are never rewritten: a folder named auth:keycloak-client stays itself in every output.
KEEP = frozenset({"name", "path", "dir_name", "target", "paths", "code", "rule"})


def _redacted(model, known: frozenset[str] = frozenset()):
    from skilldex import secrets

    data = model.model_dump(mode="json")
    clean = secrets.redact_data(data, known, KEEP)
    return model if clean == data else type(model).model_validate(clean)


def assemble(fs: RepoFS, units: list[Unit], walk_findings: list, name: str | None = None) -> Catalogue:
    """The catalogue of a repo from its units: items by provider, then by path; findings by place."""
    from skilldex.models import Catalogue

    ordered = sorted(
        ((index, position, item) for position, unit in enumerate(units) for index, item in unit.items),
        key=lambda entry: (entry[0], entry[1]),
    )
    seen: set = set()
    findings = []
    for finding in [*walk_findings, *(f for unit in units for f in unit.findings)]:
        key = (finding.code, finding.path, finding.line, finding.message)
        if key not in seen:  # a shared file (plugin.json) read by two units reports once
            seen.add(key)
            findings.append(finding)
    findings.sort(key=lambda f: (f.path, f.line or 0, f.code))
    return Catalogue(
        repo=name or fs.root.name, root=str(fs.root), items=[item for _, _, item in ordered], findings=findings
    )


def scan_repo(root: Path | str, name: str | None = None) -> Catalogue:
    """Index everything the repo at `root` already has. Bad files become findings, never exceptions."""
    fs = open_repo(root)
    walk_findings = list(fs.findings)
    fs.findings.clear()
    from skilldex.scan.parallel import scan_units

    units = scan_units(fs, fs.files, providers())
    return assemble(fs, units, walk_findings, name)
