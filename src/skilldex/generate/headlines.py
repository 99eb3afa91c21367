"""Which items headline each infrastructure need of a repo, best first.

An item qualifies for a need when it carries the need's capability tag. Those whose name says the need
come first (`deploy-lambda` before a skill that mentions deploys in passing); then the order is
`skilldex find` relevance to the need's plain-language intent plus a bonus that grows with how often
the repo's own skills, commands, agents, docs and knowledge objects name the item: that guidance is
the best evidence of which tool people actually use (a retired script is named, if at all, in passing).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from skilldex import capabilities, hookrules
from skilldex.importance import HEADLINE_FLOOR, grams, score
from skilldex.models import Catalogue
from skilldex.prominence import citations
from skilldex.scan import ScanError, open_repo
from skilldex.search import find
from skilldex.search.documents import documents


@dataclass(frozen=True)
class Area:
    capability: str
    title: str  # section heading, as in the seed's infrastructure-access-patterns.md
    need: str  # what the agent needs to do, for applies-when and "When you need to"
    intent: str  # the words ranked with `skilldex find`


AREAS = (
    Area("database", "Database access", "query or change the database", "sql query database"),
    Area("migrations", "Migrations", "apply or check schema migrations", "migrations migrate schema"),
    Area("logs", "Logs", "read or tail the logs", "logs tail"),
    Area("deploy", "Deploy", "deploy, release or roll back", "deploy release rollback"),
    Area("secrets", "Secrets", "read or rotate secrets and credentials", "secrets credentials password rotate"),
    Area("monitoring", "Monitoring", "check errors, metrics, alerts and health", "monitoring metrics alerts errors"),
    Area("access", "Access", "reach production hosts or services", "access login ssh tunnel port-forward"),
    Area("backup", "Backups", "back up or restore data", "backup snapshot restore"),
    Area(
        "infrastructure",
        "Infrastructure",
        "change infrastructure such as clusters and containers",
        "infrastructure cluster kubernetes terraform",
    ),
    Area("cloud", "Cloud", "work with cloud resources", "cloud aws gcp azure"),
    Area("storage", "Storage", "work with buckets, uploads and the CDN", "storage bucket upload"),
    Area("data", "Data", "seed, backfill or export data", "seed backfill etl data"),
    Area("ci", "CI", "run or fix the CI pipeline", "ci pipeline workflow"),
)
AREA_BY_CAPABILITY = {area.capability: area for area in AREAS}

# The seed's three questions per need: which skill to use, which tool to run, which doc to read.
GROUPS = (("skill", "command", "agent"), ("tool", "task", "mcp-server"), ("doc", "knowledge"))
_GUIDANCE_KINDS = {"skill", "command", "agent", "doc", "knowledge"}
IMPORTANCE_WEIGHT = 0.5  # per point of the repo's evidence (skilldex.importance), next to find relevance
ENDORSEMENT_WEIGHT = 2.0  # times log2(1 + mentions): the tenth mention adds far less than the first
_DISTINCT = re.compile(r"[-_./]")


def _handles(item) -> set[str]:
    """The words by which guidance would name this item."""
    names: set[str] = set()
    if item.kind in ("tool", "doc", "knowledge"):
        names.add(item.path)
        base = item.path.rsplit("/", 1)[-1]
        if _DISTINCT.search(base):
            names.add(base)
    elif item.kind in ("skill", "command"):
        names.add("/" + item.name)
        if _DISTINCT.search(item.name):
            names.add(item.name)
    elif item.kind == "task" and item.run:
        names.add(" ".join(item.run.split()[-3:]))
    elif item.kind == "agent" and _DISTINCT.search(item.name):
        names.add(item.name)
    return {name.lower() for name in names if len(name) > 2}


def endorsements(catalogue: Catalogue) -> list[int]:
    """For each item, how often the repo's guidance (skills, commands, agents, docs, knowledge) names it."""
    owners: dict[str, list[int]] = {}
    for index, item in enumerate(catalogue.items):
        for handle in _handles(item):
            owners.setdefault(handle, []).append(index)
    counts = [0] * len(catalogue.items)
    for j, (item, doc) in enumerate(zip(catalogue.items, documents(catalogue), strict=True)):
        if item.kind not in _GUIDANCE_KINDS:
            continue
        named: dict[int, int] = {}  # item -> mentions in this doc (its path and its bare name count once)
        for gram, count in grams(" ".join((doc["description"], doc["headings"], doc["body"]))).items():
            for index in owners.get(gram, ()):
                if index != j:
                    named[index] = max(named.get(index, 0), count)
        for index, count in named.items():
            counts[index] += count
    return counts


def importance(catalogue: Catalogue) -> list[int]:
    """For each item, the repo's evidence for it (skilldex.importance), as the brief ranks it; computed from this
    catalogue, so what generate leaves out (its own earlier output) weighs nothing."""

    docs = documents(catalogue)
    items = [(i.kind, i.name, i.path, i.description, i.run) for i in catalogue.items]
    cited = citations([(i.kind, i.name, i.path, i.description) for i in catalogue.items])
    commands = [(getattr(i, "command", None) or "") if i.kind == "task" else "" for i in catalogue.items]
    installed = [getattr(i, "installed_by", None) or "" for i in catalogue.items]
    bodies = [d["body"] for d in docs]
    return [points for points, _ in score(items, bodies, commands, cited, _hook_rules(catalogue), installed)]


def _hook_rules(catalogue: Catalogue) -> list:
    """What the repo's hooks block (skilldex.hookrules), read from its folder when it is still there."""
    try:
        fs = open_repo(catalogue.root)
    except ScanError:
        return []
    return hookrules.rules(lambda rel: fs.read_text(file) if (file := fs.file(rel)) is not None else None)


def ranked(catalogue: Catalogue) -> dict[str, list]:
    """capability -> every item tagged with it, best first (AREAS capabilities only, when present); internal
    helpers, records and what the repo's rules forbid come last, as in the brief."""

    bonus = [ENDORSEMENT_WEIGHT * math.log2(1 + n) for n in endorsements(catalogue)]
    evidence = importance(catalogue)
    result: dict[str, list] = {}
    for area in AREAS:
        tagged = [(i, item) for i, item in enumerate(catalogue.items) if area.capability in item.capabilities]
        if not tagged:
            continue
        relevance: dict[tuple[str, str, str], float] = {}
        for hit in find([catalogue], area.intent, limit=len(catalogue.items)):
            key = (hit.kind, hit.path, hit.name)
            relevance[key] = max(relevance.get(key, 0.0), hit.score)
        keyed = []
        for i, item in tagged:
            named = area.capability in capabilities.infer(item.name)
            weight = evidence[i]
            score = relevance.get((item.kind, item.path, item.name), 0.0) + bonus[i] + IMPORTANCE_WEIGHT * weight
            # Usable, then named for the need first; rounded so float noise never reorders ties (kind, path, name).
            keyed.append(
                ((weight <= HEADLINE_FLOOR, not named, -round(score, 6), item.kind, item.path, item.name, i), item)
            )
        keyed.sort(key=lambda pair: pair[0])
        result[area.capability] = [item for _, item in keyed]
    return result


def headline(items: list, per_group: int) -> list:
    """The best `per_group` items of each group (skill-like, runnable, docs), groups in that order."""
    chosen = []
    for kinds in GROUPS:
        chosen.extend([item for item in items if item.kind in kinds][:per_group])
    return chosen
