"""How much a repo's people use each item, from evidence in the repo itself, and why: what the brief lists first.

Computed when the index is written (every description and body may name any item). Evidence for: named in the
repo's guidance (README, CLAUDE.md, AGENTS.md, CONTRIBUTING, .claude/rules), a task with its own description,
named by other skills, commands, agents and docs. Evidence against: a script only sourced by another one or only
run by tasks (an internal helper: its caller is the entry point), a plan, proposal, investigation or change
record (findable, never what to use first), a proof of concept.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections import Counter
from collections.abc import Sequence

from skilldex import capabilities
from skilldex.evidence import (
    BROAD,
    CITED,
    COPY,
    DOCUMENTED,
    FORBIDDEN,
    GUIDE,
    HEADLINE_FLOOR,
    HOW_TO,
    INSTALLED,
    INTERNAL,
    MAX_CITED,
    RECORD,
    SERVICE,
)
from skilldex.hookrules import Rule, blocked_by
from skilldex.markdown import linked_paths

_GUIDE_NAMES = re.compile(
    r"^(readme|claude|agents|contributing|gemini|developers?|development|getting[-_]started)"
    r"(\.[a-z]+)*$",
    re.IGNORECASE,
)
# The root guides an agent or a newcomer reads before anything else (Claude Code and other agents load the agent
# files by themselves): about everything. CONTRIBUTING.md or DEVELOPMENT.md is read for what it explains.
_READ_FIRST = re.compile(r"^(readme|claude|agents|gemini)(\.[a-z]+)*$", re.IGNORECASE)
# Spelled in capitals like README, a file named for a process is that process's guide for the repo's people
_HOW_TO = re.compile(
    r"^(RELEASING|RELEASE|DEPLOYING|DEPLOYMENT|DEPLOY|TESTING|UPGRADING|SELF[-_]HOST(ING)?|OPERATIONS|RUNBOOK|"
    r"ONBOARDING|SETUP|INSTALL(ING|ATION)?|DEV(ELOPMENT|ELOPING)?|CONTRIBUTING|TROUBLESHOOTING)\.(md|mdx|rst)$"
)
_RECORD_DIRS = frozenset(
    {
        "plans",
        "plan",
        "proposals",
        "proposal",
        "rfcs",
        "rfc",
        "adr",
        "adrs",
        "decisions",
        "investigations",
        "brainstorms",
        "brainstorm",
        "reports",
        "postmortems",
        "post-mortems",
        "rca",
        "rcas",
        "archive",
        "archived",
        "drafts",
        "retros",
        "retrospectives",
        "incidents",
        "research",
        "specs",
        "changes",
        "changelog",
        "history",
    }
)
_RECORD_WORDS = re.compile(
    r"(^|[-_ .])(plan|plans|proposal|rfc|rca|postmortem|post-mortem|investigation|summary|improvements?|"
    r"changelog|release[-_ ]?log|release[-_ ]?notes|history|errata|before[-_]after|checklist|comparison|audit|fix|"
    r"analysis|retro|retrospective|brainstorm|roadmap|todo|progress|status|report|review)([-_ .]|$)"
    r"|^adr[-_ ]?\d|^\d{3,4}[-_]",
    re.IGNORECASE,
)
_POC_DIRS = frozenset(
    {
        "poc",
        "pocs",
        "spike",
        "spikes",
        "scratch",
        "sandbox",
        "experiments",
        "experimental",
        "hello-world",
        "playground",
        "prototype",
        "prototypes",
        "wip",
    }
)
_SITE_DIRS = frozenset({"website", "docs-site", "docsite", "doc-site", "docusaurus"})
_DOCS_DIRS = frozenset({"docs", "doc", "documentation", "site"})
_SDK_DIRS = frozenset({"sdk", "sdks", "clients"})
_CI_DIRS = frozenset({"ci", ".github", ".circleci", ".buildkite", ".gitlab", "ci-scripts"})
_HELPER_DIRS = _CI_DIRS | {"helpers", "helper_scripts", "helper-scripts", "_helpers"}
_REPO_GUIDE_DIRS = frozenset({"docs", "doc", ".github", "documentation"})
_SOURCED = re.compile(r"(?:^|[\s;&|(])(?:source|\.)\s+[\"']?([^\s\"';&|)]+)", re.MULTILINE)
_EDGES = "`'\"()[]{}<>,;:!?*"
_RUNNER_FILES = re.compile(
    r"^(taskfile(\.dist)?\.ya?ml|makefile|gnumakefile|justfile|\.justfile|mod\.just|[\w-]+\.just)$", re.IGNORECASE
)


def is_guide(path: str) -> bool:
    """Whether a doc is guidance the repo's people and agents read first."""
    base = path.rsplit("/", 1)[-1]
    return bool(_GUIDE_NAMES.match(base)) or path.startswith(".claude/rules/")


def guide_scope(path: str) -> str:
    """What a guide speaks for: one below the root guides its own folder (`terraform/README.md` the terraform
    scripts, `docs/guides/manual-testing/getting-started.md` its test pages; a nested AGENTS.md its tree), so what
    it names elsewhere (a docs index listing reference pages) it does not. The root's guides, `.claude/rules`
    and those in a top-level `docs/` or `.github/` (where repo-wide guides live) speak for the whole repo."""
    folder = path.rpartition("/")[0]
    if not folder or path.startswith(".claude/rules/") or folder.lower() in _REPO_GUIDE_DIRS:
        return ""
    return f"{folder}/"


def is_record(kind: str, path: str) -> bool:
    """A plan, proposal, ADR, investigation, report or change record: a doc about the past or a maybe-future."""
    if kind not in ("doc", "knowledge"):
        return False
    folders = [p.lower() for p in path.split("/")[:-1]]
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return any(f in _RECORD_DIRS for f in folders) or bool(_RECORD_WORDS.search(stem))


def is_site_page(kind: str, path: str) -> bool:
    """A page of the product's documentation website (docs/content/**, website/**, *.mdx, an SDK's docs): how to
    use the product, for its users; findable, never what an agent working on the repo uses first."""
    if kind != "doc":
        return False
    folders = [p.lower() for p in path.split("/")[:-1]]
    if path.lower().endswith(".mdx") or any(f in _SITE_DIRS for f in folders):
        return True
    for n, folder in enumerate(folders):
        if folder in _DOCS_DIRS and (
            any(f in ("content", "pages") for f in folders[n + 1 :]) or any(f in _SDK_DIRS for f in folders[:n])
        ):
            return True
    return False


# docker-entrypoint, entrypoint.sh, docker/entrypoint-initializer.sh, entrypoint.d/10-x.sh: what a container runs
_ENTRYPOINT = re.compile(r"(^|/)(docker[-_])?entrypoint([-_.][^/]*)?$|(^|/)entrypoints?\.d/", re.IGNORECASE)
_STORES = frozenset({"database", "storage"})
_MODULE_DIRS = frozenset({"modules", "module"})
# rake's `data_migration:eu_plaid_webhooks`, `one_off:fix_x`, `backfill:y`: each written to run once
_ONE_OFF = re.compile(r"(data[-_]?migrations?|one[-_]?off|one[-_]?time|onetime|backfills?)[:.]", re.IGNORECASE)


def is_module_reference(kind: str, path: str) -> bool:
    """The README of a reusable module (`1-org/modules/centralized-logging/README.md`, Terraform's and the like):
    what the module takes and gives, for whoever calls it; the stage or root that uses it is where to start."""
    parts = path.lower().split("/")
    return kind == "doc" and len(parts) >= 3 and parts[-3] in _MODULE_DIRS and parts[-1].startswith("readme")


def is_poc(path: str) -> bool:
    return any(p.lower() in _POC_DIRS for p in path.split("/")[:-1])


def grams(text: str) -> Counter[str]:
    """Every word and run of two or three words, punctuation trimmed, counted, for exact name lookups."""
    # "run `make test`." ends a sentence after the backtick: trim again once the full stop is gone
    words = [w.strip(_EDGES).removeprefix("./").rstrip(".").strip(_EDGES).lower() for w in text.split()]
    words = [w for w in words if w]
    found = Counter(words)
    for size in (2, 3):
        found.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return found


def links(body: str, path: str) -> set[str]:
    """The repo paths a markdown body links to (`[guide](./docs/setup.md#install)`), from the repo's root: a link
    names its target as surely as its path written out."""
    folder = posixpath.dirname(path)
    found = set()
    for target in linked_paths(body):
        resolved = posixpath.normpath(posixpath.join(folder, target))
        if not resolved.startswith(".."):
            found.add(resolved.lower())
    return found


def handles(kind: str, name: str, path: str, run: str | None) -> tuple[set[str], str]:
    """The words by which guidance names an item, and the folder a guide must also name (a per-package task)."""
    names: set[str] = set()
    folder = ""
    base = path.rsplit("/", 1)[-1]
    if kind in ("tool", "doc", "knowledge"):
        names.add(path)
        if re.search(r"[-_.]", base) and len(base) > 4:
            names.add(base)
    elif kind in ("skill", "command"):
        names.add("/" + name)
        if re.search(r"[-_]", name):
            names.add(name)
    elif kind == "agent" and re.search(r"[-_]", name):
        names.add(name)
    elif kind == "task" and run:
        command = run
        if command.startswith("cd ") and " && " in command:
            folder, _, command = command[3:].partition(" && ")
            folder = folder.strip("'\"")
        words = command.split()
        if words[:3] == ["gh", "workflow", "run"] and len(words) > 3:
            names.add(words[3])
        elif len(words) <= 3:
            names.add(" ".join(words))
            if len(words) == 3 and words[1] == "run" and words[0] in ("npm", "pnpm", "yarn", "bun"):
                names.update({f"{words[0]} {words[2]}", f"{words[0]} run {words[2]}"})
        elif words[:1] == ["task"] and ":" in name:
            names.add(f"task {name}")
    return {n.lower() for n in names if len(n) > 2}, folder.lower()


def score(
    items: Sequence[tuple[str, str, str, str, str | None]],
    bodies: Sequence[str],
    commands: Sequence[str],
    cited: Sequence[int],
    blocked: Sequence[Rule] = (),
    installed: Sequence[str] = (),
) -> list[tuple[int, str]]:
    """(importance, why) for each (kind, name, path, description, run) item, from the item bodies (docs, skills,
    tools...), task commands and description citations of the same repo, the command patterns its hooks
    block (skilldex.hookrules), and the manifest that installed each skill a package ships ("" for the repo's own)."""
    owners: dict[str, list[int]] = {}
    folders: list[str] = []
    for index, (kind, name, path, _, run) in enumerate(items):
        found, folder = handles(kind, name, path, run)
        folders.append(folder)
        for handle in found:
            owners.setdefault(handle, []).append(index)
    guides: dict[int, list[str]] = {}
    citers: Counter[int] = Counter()
    for j, ((kind, _, path, _, _), body) in enumerate(zip(items, bodies, strict=True)):
        if not body or kind not in ("doc", "knowledge", "skill", "command", "agent"):
            continue
        guide = kind == "doc" and is_guide(path)
        lowered = body.lower() if guide else ""
        scope = guide_scope(path) if guide else ""
        said = grams(body)
        said.update(links(body, path))
        named = {i for gram in said for i in owners.get(gram, ()) if i != j}
        for i in named:
            if guide and not items[i][2].startswith(scope):
                continue  # a nested guide's page list beyond its folder (a docs index) is no guidance for them
            if guide and (not folders[i] or folders[i] in lowered):
                guides.setdefault(i, []).append(path)
            elif not guide:
                citers[i] += 1
    internal, run_by = _internal(items, bodies, commands)
    forbidden = _forbidden(items, bodies, owners)
    for i, (kind, _, _, _, run) in enumerate(items):
        hook = blocked_by(list(blocked), run) if blocked and kind in ("task", "tool") else None
        if hook and i not in forbidden:
            forbidden[i] = f"a hook in {hook}"
    root_tasks = {name for kind, name, path, _, _ in items if kind == "task" and "/" not in path}
    tool_paths = {path for kind, _, path, _, _ in items if kind == "tool"}
    result = []
    for i, (kind, _, path, description, _) in enumerate(items):
        points, why = 0, []
        if i in guides:
            points += GUIDE
            why.append("named in " + ", ".join(sorted(set(guides[i]))[:3]))
        compose = kind == "task" and " compose " in f" {items[i][4] or ''} "
        # a compose service named for the data store it runs (`postgres`, `minio`): a text saying "postgres" speaks
        # of the database, not of this service; only guidance naming it says to use the service itself
        store = compose and bool(_STORES & set(capabilities.infer(items[i][1])))
        times = 0 if store else citers[i] + cited[i]
        if times:  # the tenth citation says less than the first
            points += min(MAX_CITED * 2, round(CITED * 1.5 * math.log2(1 + times)))
            why.append(f"cited by {times} other item{'s' if times > 1 else ''}")
        if kind == "task" and not compose and description and not description.startswith("Runs: "):
            points += DOCUMENTED
            why.append("a documented task")
        if kind == "doc" and _HOW_TO.match(path.rsplit("/", 1)[-1]) and not is_site_page(kind, path):
            points += HOW_TO
            why.append("a how-to named for what it explains")
        run = items[i][4] or ""
        pipeline = not run or run.startswith("gh workflow run ")  # CI's, named like a task
        script = path in tool_paths  # a subcommand of a script (`scripts/run vite`): no package's copy
        if kind == "task" and "/" in path and items[i][1] in root_tasks and not (compose or pipeline or script):
            # the root task runs it with the others: the root one is what to use first, whoever names the copy
            points = min(points + COPY, HEADLINE_FLOOR)
            why.append("a package's own copy of a root task: use the root one")
        elif compose and i not in guides:
            points += SERVICE
            why.append("a compose service: the stack's part, not a command to use")
        if kind == "doc" and "/" not in path and _READ_FIRST.match(path):  # the agent reads it anyway; about all
            points = min(points + BROAD, HEADLINE_FLOOR)
            why.append("the repo's own guide: read first, about everything rather than one need")
        if i in forbidden:  # whatever else names it: the rules win
            points = FORBIDDEN
            why.append(f"forbidden by {forbidden[i]}")
        elif i in internal and (
            (not citers[i] and any(j in guides or _documented(items[j]) for j in run_by.get(i, ())))
            or (
                i not in guides
                and (
                    not _independent(i, times, run_by, items)
                    or internal[i].startswith(("sourced", "kept in", "the entrypoint"))
                )
            )
        ):
            # named by guidance: used directly; a sourced file is a library whoever names it; a script a documented
            # task runs is that task's helper (the task is the entry point), unless skills or docs tell people to
            # run it themselves
            points = min(points + INTERNAL, HEADLINE_FLOOR)  # whatever names it: never a headline
            if internal[i].startswith("sourced"):  # a library: a step further from use than the script sourcing it
                points -= 1
            why.append(f"an internal helper ({internal[i]}): use its caller")
        elif i < len(installed) and installed[i]:
            # a framework's or package's skill, copied in by its installer: real and findable, but about the
            # package; the repo's own tooling comes first, whatever the package's skill says it covers
            points = min(points + INSTALLED, HEADLINE_FLOOR)
            why.append(f"installed by a package ({installed[i]}): not written for this repo")
        elif is_record(kind, path):
            points += RECORD
            why.append("a plan, proposal or record: findable, not what to use first")
        elif is_site_page(kind, path):
            points += RECORD
            why.append("a page of the product's documentation site: for its users, not what to use first")
        elif is_module_reference(kind, path):
            points = min(points + RECORD, HEADLINE_FLOOR)
            why.append("a module's reference (what it takes and gives): read when using it, not what to use first")
        elif kind == "task" and _ONE_OFF.match(items[i][1]):
            points += RECORD
            why.append("a one-off data migration: run once, long ago; findable, not what to use first")
        elif is_poc(path):
            points += RECORD
            why.append("a proof of concept")
        result.append((points, "; ".join(why)))
    return result


def _independent(
    i: int, times: int, run_by: dict[int, list[int]], items: Sequence[tuple[str, str, str, str, str | None]]
) -> int:
    """Citations of a script beyond its callers' own "Runs: scripts/x.sh" descriptions, which only say they run it."""
    return times - sum(items[j][3].startswith("Runs: ") for j in run_by.get(i, ()))


def _documented(item: tuple[str, str, str, str, str | None]) -> bool:
    """A task its author described (not only "Runs: ..."): an entry point of its own."""
    kind, _, _, description, _ = item
    return kind == "task" and bool(description) and not description.startswith("Runs: ")


def _internal(
    items: Sequence[tuple[str, str, str, str, str | None]], bodies: Sequence[str], commands: Sequence[str]
) -> tuple[dict[int, str], dict[int, list[int]]]:
    """Tools another script sources, or that only tasks run: index -> who uses them; and the tasks that run each."""
    tools: dict[str, list[int]] = {}
    for i, (kind, _, path, _, _) in enumerate(items):
        if kind == "tool":
            tools.setdefault(path.rsplit("/", 1)[-1], []).append(i)
    found: dict[int, str] = {}
    run_by: dict[int, list[int]] = {}
    if not tools:
        return found, run_by
    runners = {
        path.rsplit("/", 1)[0] + "/": path
        for kind, _, path, _, _ in items
        if kind == "task" and "/" in path and _RUNNER_FILES.match(path.rsplit("/", 1)[-1])
    }
    for i, (kind, _, path, _, _) in enumerate(items):
        home = next((h for h in runners if kind == "tool" and path.startswith(h)), None)
        if home is not None:  # scripts kept beside a task file (.taskfiles/dr/scripts/x.sh) are its helpers
            found[i] = f"kept for the tasks of {runners[home]}"
    for i, (kind, _, path, _, _) in enumerate(items):
        if kind == "tool" and i not in found and _ENTRYPOINT.search(path):
            found[i] = "the entrypoint of a container image: the image runs it"
    for i, (kind, _, path, _, _) in enumerate(items):
        kept = next((f for f in path.lower().split("/")[:-1] if f in _HELPER_DIRS), None)
        if kind == "tool" and kept and i not in found:  # hack/ci/start-api.sh: what the CI jobs run, set up by them
            found[i] = f"kept in {kept}/ for {'CI' if kept in _CI_DIRS else 'other scripts'}"
    for j, (kind, name, path, _, _) in enumerate(items):
        if kind == "tool" and bodies[j]:
            for target in _SOURCED.findall(bodies[j]):
                for i in tools.get(target.rsplit("/", 1)[-1], ()):
                    if i != j:
                        found.setdefault(i, f"sourced by {path}")
        elif kind == "task" and commands[j]:
            for word in commands[j].replace("}}", "} ").split():
                word = word.strip(_EDGES).removeprefix("./")
                base = word.rsplit("/", 1)[-1]
                for i in tools.get(base, ()):  # `sh hack/ci/x.sh` runs that x.sh, not scripts/x.sh
                    if "/" in word and not ("{" in word or items[i][2].endswith(word)):
                        continue
                    if "/" not in word and not re.search(r"[-_.]", base):
                        continue  # a bare everyday word (`run`, `dev`) in a command is no script: `scripts/run` is
                    found.setdefault(i, f"run by task {name}")
                    run_by.setdefault(i, []).append(j)
    scripts = {path: i for i, (kind, _, path, _, _) in enumerate(items) if kind == "tool" and i in found}
    for i, (kind, _, path, _, _) in enumerate(items):
        script = scripts.get(path) if kind == "task" else None
        if script is not None:  # `scripts/dpu.sh deploy`: a subcommand of a helper is as internal as its script
            found.setdefault(i, found[script])
            run_by.setdefault(i, list(run_by.get(script, ())))
    return found, run_by


_NEGATIVE = re.compile(
    r"\b(never|don'?t|do not|must not|mustn'?t|should not|avoid|forbidden|not allowed|"
    r"prohibited|blocks?|blocked)\b|❌|⛔",
    re.IGNORECASE,
)
_NEGATIVE_HEADING = re.compile(
    r"^#+\s*(don'?t|do not|never|avoid|forbidden|anti-?patterns?|what not to do)\b", re.IGNORECASE
)
_INSTEAD = re.compile(r"\b(instead|use the|use `|rather)\b|✅|\bdo:", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\s+-\s+")
_TICKED = re.compile(r"`([^`\n]{2,60})`")


def _forbidden(
    items: Sequence[tuple[str, str, str, str, str | None]], bodies: Sequence[str], owners: dict[str, list[int]]
) -> dict[int, str]:
    """Items the repo's guidance (CLAUDE.md, AGENTS.md, .claude/rules, knowledge Don'ts) tells agents not to
    run: named in a sentence that forbids, before any "instead"; `npm` alone forbids every npm-run task."""
    found: dict[int, str] = {}
    prefixes: dict[str, str] = {}
    allowed: set[str] = set()  # "invoke `dotnet run --project cli -- <command>`" next to "never run `dotnet`"
    for j, ((kind, _, path, _, _), body) in enumerate(zip(items, bodies, strict=True)):
        if not body or not (kind == "knowledge" or (kind == "doc" and is_guide(path))):
            continue
        for ticked in _TICKED.findall(body):
            words = [w for w in ticked.lower().split() if not w.startswith("<")]
            if len(words) >= 3:
                allowed.add(" ".join(words))
        for unit, under_dont in _negative_units(body):
            sentences = _SENTENCES.split(unit)
            for said in [_INSTEAD.split(t, 1)[0] for t in sentences if under_dont or _NEGATIVE.search(t)]:
                _named_in(said, j, path, owners, found, prefixes)
    if prefixes:
        for i, (kind, _, _, _, run) in enumerate(items):
            command = (run or "").split(" && ")[-1].lower()
            if any(command.startswith(a) and a not in prefixes for a in allowed):
                continue  # the repo spells this longer form out as the way to run it
            for prefix, path in prefixes.items():
                if kind in ("task", "tool") and (command == prefix or command.startswith(prefix + " ")):
                    found.setdefault(i, path)
    return found


def _named_in(
    said: str, j: int, path: str, owners: dict[str, list[int]], found: dict[int, str], prefixes: dict[str, str]
) -> None:
    """Record the items and the command prefixes (`npm`, `kubectl apply`) a forbidding sentence names."""
    for i in {i for gram in grams(said) for i in owners.get(gram, ()) if i != j}:
        found.setdefault(i, path)
    for ticked in _TICKED.findall(said):
        words = ticked.strip().lower().split()
        if 1 <= len(words) <= 3 and re.fullmatch(r"[a-z][\w.-]*", words[0]):
            prefixes.setdefault(" ".join(words), path)


def _negative_units(body: str) -> list[tuple[str, bool]]:
    """The paragraphs and list items of a markdown body that forbid something, and whether they sit under a
    Don't heading (then every sentence forbids)."""
    units: list[tuple[str, bool]] = []
    current: list[str] = []
    under_dont = False

    def close() -> None:
        text = " ".join(current)
        if text and (under_dont or _NEGATIVE.search(text)):
            units.append((text, under_dont))
        current.clear()

    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            close()
            under_dont = bool(_NEGATIVE_HEADING.match(stripped))
        elif not stripped or stripped.startswith(("- ", "* ", "+ ")) or re.match(r"\d+\.\s", stripped):
            close()
            if stripped:
                current.append(stripped)
        else:
            current.append(stripped)
    close()
    return units
