"""One file through every provider: `scan_unit` returns what each found in it, the findings raised meanwhile,
and the other paths it consulted, so that the persistent index can redo only changed units."""

from __future__ import annotations

from skilldex.rules import scan as rules
from skilldex.scan.context import ScanContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from skilldex.scan.fs import RepoFile, RepoFS


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
    # lazy: `skilldex validate` uses this module without scan.agents
    from skilldex.scan import agents, commands, docs, knowledge, mcp, skills, tools, workflows
    from skilldex.scan.ci import provider as ci
    from skilldex.scan.tasks import provider as tasks

    return (skills, commands, agents, mcp, tools, tasks, workflows, ci, docs, knowledge)


def scan_unit(fs: RepoFS, file: RepoFile, provider_modules: tuple | None = None) -> Unit:
    """Run every provider on one file, capturing its findings and the other paths it consulted."""
    from skilldex import capabilities  # lazy: validate imports this module's package for its helpers, never to scan

    unit = Unit(file.rel)
    context = ScanContext(file.rel)
    fs.unit, fs.deps = context, context.deps
    try:
        with capabilities.own_name(fs.root.name):
            for index, provider in enumerate(provider_modules or providers()):
                found = provider.scan_file(fs, file)
                if found:  # most files are nothing to most providers
                    unit.items.extend((index, item) for item in found)
    finally:
        fs.unit, fs.deps = None, None
    unit.deps = context.deps - {file.rel}
    unit.read = file.rel in fs.content_read
    unit.findings = context.findings  # providers file them with fs.report, into the context
    _guard_secrets(fs, unit)
    return unit


def _guard_secrets(fs: RepoFS, unit: Unit) -> None:
    """Report secrets in the texts this unit read, and redact their values from its items and findings, wherever
    in them each appears (a value found after `password:` is redacted from a description that repeats it)."""
    if unit.rel not in fs._texts and not unit.deps:
        return  # nothing read: nothing to search
    from skilldex import secrets  # lazy: `skilldex list` uses this module without secrets

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
    return rules.SECRET


# Names and paths are never rewritten: a folder named auth:keycloak-client stays itself in every output.
KEEP = frozenset({"name", "path", "dir_name", "target", "paths", "code", "rule"})


def _redacted(model, known: frozenset[str] = frozenset()):
    from skilldex import secrets  # lazy: `skilldex list` uses this module without secrets

    data = model.model_dump(mode="json")
    clean = secrets.redact_data(data, known, KEEP)
    return model if clean == data else type(model).model_validate(clean)
