"""`discover-infrastructure/SKILL.md` for a set of repos, and `references/<repo>.md` with each full catalogue."""

from __future__ import annotations

from skilldex import capabilities
from skilldex.generate import entries
from skilldex.generate.headlines import AREA_BY_CAPABILITY, AREAS, headline
from skilldex.generate.repos import SKILL_MARKER as MARKER
from skilldex.generate.repos import Repo
from skilldex.generate.text import code, frontmatter, join_names, prose
from skilldex.models import KINDS

SKILL_NAME = "discover-infrastructure"
MAX_DESCRIPTION = 1024
MAX_BODY_LINES = 480  # the spec's guidance is under 500; leave room for a hand edit
HEADLINE_CHARS = 160
_NEEDS_IN_DESCRIPTION = 6


def files(repos: list[Repo]) -> dict[str, str]:
    """Relative path (under the output folder) -> content, for the skill folder."""
    out = {f"{SKILL_NAME}/SKILL.md": skill_md(repos)}
    for repo in repos:
        out[f"{SKILL_NAME}/references/{repo.slug}.md"] = reference_md(repo)
    return out


def description(repos: list[Repo]) -> str:
    """Third person, what and when, no angle brackets, within the spec's 1,024 characters."""
    needs = [area.title.lower() for area in AREAS if any(area.capability in r.ranked for r in repos)]
    needs = needs[:_NEEDS_IN_DESCRIPTION] or ["database access", "logs", "deploys", "secrets"]
    where = f"the {join_names([r.slug for r in repos])} repo{'s' if len(repos) > 1 else ''}"
    text = (
        f"Lists the infrastructure tooling that already exists in {where} (skills, CLIs, tasks, MCP servers "
        f"and runbooks for {', '.join(needs)}) with how to run each. Use when a task in "
        f"{'one of these repos' if len(repos) > 1 else 'this repo'} needs a database, logs, a deploy, secrets "
        "or other infrastructure, before writing any script, Lambda or tool to reach it."
    )
    return text[:MAX_DESCRIPTION]


def skill_md(repos: list[Repo]) -> str:
    head = [
        "# Discover existing infrastructure tooling",
        "",
        f"{MARKER} from the skilldex catalogues of {join_names([prose(r.name, 64) for r in repos])}. "
        "Regenerate it after the repos change. Paths and commands are relative to each repo's root.",
        "",
        "The repos below already have skills, CLIs, tasks and runbooks for their infrastructure. Reusing them takes "
        "minutes; rebuilding access (direct database connections, new scripts or Lambdas) costs hours and often "
        "fails against infrastructure that has moved.",
        "",
        "## How to use this",
        "",
        "1. Find the repo and the need below. Its headline items are the repo's own skill, tool or task, "
        "and doc for it, best first.",
        "2. Read the repo's reference file (linked under Repos) for everything else it has, by capability and kind.",
        "3. Read an item before running it: a skill's SKILL.md, a tool's usage. Items that change things can "
        "write to production: run them read-only first and ask the user before the write.",
        '4. Where skilldex is installed, `skilldex find REPO "what you need"` ranks every item against your '
        "words and `skilldex show REPO ITEM` prints one in full.",
        "5. Build something new only when nothing here or in the reference files fits, and tell the user what "
        "you checked first.",
        "",
        "## Repos",
        "",
    ]
    head += [_repo_line(repo) for repo in repos]
    budget = MAX_BODY_LINES - len(head) - 3
    sections = [_section(repo, per_group=1) for repo in repos]
    if sum(len(s) for s in sections) > budget:
        sections = [_section(repo, per_group=1, compact=True) for repo in repos]
    body = list(head)
    left_out = []
    for repo, section in zip(repos, sections, strict=True):
        if len(section) <= budget:
            body += section
            budget -= len(section)
        else:
            left_out.append(repo)
    if left_out:
        body += ["", f"Headline items of {len(left_out)} more repos are in their reference files (see Repos)."]
    if len(body) > MAX_BODY_LINES:  # only with hundreds of repos: the Repos list itself is too long
        body = body[: MAX_BODY_LINES - 1] + ["- ... more repos: see the files in references/"]
    return frontmatter({"name": SKILL_NAME, "description": description(repos)}) + "\n".join(body) + "\n"


def _repo_line(repo: Repo) -> str:
    counts = []
    for kind in KINDS:
        n = len(repo.catalogue.of_kind(kind))
        if n:
            counts.append(f"{n} {entries.NOUNS[kind][n > 1]}")
    what = ", ".join(counts) or "nothing catalogued"
    link = f"references/{repo.slug}.md"
    return f"- {prose(repo.name, 64)}: {what}. Full catalogue: [{link}]({link})"


def _section(repo: Repo, per_group: int, compact: bool = False) -> list[str]:
    lines = ["", f"## {prose(repo.name, 64)}"]
    if not repo.ranked:
        return [*lines, "", "No infrastructure tooling catalogued; see its reference file for what it has."]
    for capability, items in repo.ranked.items():
        chosen = headline(items, per_group)
        title = AREA_BY_CAPABILITY[capability].title
        if compact:
            handles = ", ".join(f"{entries.LABELS[i.kind].lower()} {code(entries.handle(i))}" for i in chosen)
            lines.append(f"- {title}: {handles}")
        else:
            lines += ["", f"### {title}", ""] + [entries.headline(i, HEADLINE_CHARS) for i in chosen]
    return lines


def reference_md(repo: Repo) -> str:
    items = repo.catalogue.items
    kinds = [k for k in KINDS if repo.catalogue.of_kind(k)]
    lines = [
        f"# {prose(repo.name, 64)}: everything skilldex catalogued",
        "",
        f"{MARKER} from the skilldex catalogue of this repo; nothing in the repo was run to produce it. "
        "Paths and commands are relative to the repo's root.",
        "",
        "Contents: By capability; "
        + "; ".join(f"{entries.KIND_TITLES[k]} ({len(repo.catalogue.of_kind(k))})" for k in kinds)
        + ".",
        "",
        "## By capability",
        "",
    ]
    order = [*repo.ranked, *(c for c in capabilities.VOCABULARY if c not in repo.ranked)]
    tagged_any = False
    for capability in order:
        tagged = repo.ranked.get(capability) or sorted(
            (i for i in items if capability in i.capabilities), key=lambda i: (i.kind, i.path, i.name)
        )
        if tagged:
            tagged_any = True
            lines.append(f"- {capability}: {', '.join(code(entries.handle(i)) for i in tagged)}")
    if not tagged_any:
        lines.append("No item carries a capability tag.")
    for kind in kinds:
        group = sorted(repo.catalogue.of_kind(kind), key=lambda i: (i.path, i.line or 0, i.name))
        lines += ["", f"## {entries.KIND_TITLES[kind]} ({len(group)})", ""]
        for item in group:
            lines += entries.detail(item)
    if not items:
        lines += ["", "skilldex found no skills, commands, agents, MCP servers, tools, tasks, docs or knowledge."]
    return "\n".join(lines) + "\n"
