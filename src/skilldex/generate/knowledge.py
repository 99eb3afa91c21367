"""`infrastructure-access-patterns.md` in the seed's structure, and one knowledge object per repo and need."""

from __future__ import annotations

from skilldex.generate import entries
from skilldex.generate.headlines import AREA_BY_CAPABILITY, Area, headline
from skilldex.generate.repos import KNOWLEDGE_MARKER as MARKER
from skilldex.generate.repos import Repo
from skilldex.generate.text import code, frontmatter, join_names, prose

PATTERNS_FILE = "infrastructure-access-patterns.md"
PER_GROUP = 2  # per need: two skills, two tools or tasks, two docs at most
MORE_LIMIT = 12
LINE_CHARS = 240


def files(repos: list[Repo]) -> dict[str, str]:
    """Relative path (under the output folder) -> content."""
    out = {PATTERNS_FILE: patterns_md(repos)}
    for repo in repos:
        for capability, items in repo.ranked.items():
            out[f"{repo.slug}/{capability}.md"] = object_md(repo, AREA_BY_CAPABILITY[capability], items)
    return out


def _uses(items: list) -> list[str]:
    """`- Skill: ...`, `- Tool: ...`, `- Doc: ...` lines: the seed's three answers to one need."""
    return [_seed_line(item) for item in headline(items, PER_GROUP)]


def _seed_line(item) -> str:
    line = entries.headline(item, LINE_CHARS)  # "- Skill `x`: what. In `p`."
    label = entries.LABELS[item.kind]
    return line.replace(f"- {label} ", f"- {label}: ", 1)


def patterns_md(repos: list[Repo]) -> str:
    names = [r.slug for r in repos]
    tags = sorted({c for r in repos for c in r.ranked})
    meta = {
        "title": "Infrastructure access patterns",
        "tags": ["infrastructure", *[t for t in tags if t != "infrastructure"]],
        "repos": names,
        "applies-when": [
            "I need to reach a database, logs, a deploy pipeline or secrets in one of these repos",
            "I am about to write a script, Lambda or tool to reach infrastructure",
        ],
    }
    lines = [
        "# Infrastructure Access Patterns",
        "",
        f"{MARKER} from the skilldex catalogues of {join_names([prose(r.name, 64) for r in repos])}; "
        "regenerate it after the repos change. For each repo and need: the skill to use, the tool or task to "
        "run and the doc to read, best first. Paths and commands are relative to each repo's root.",
        "",
        "Check these before building access yourself; build only when nothing here fits.",
    ]
    for repo in repos:
        lines += ["", f"## {prose(repo.name, 64)}"]
        if not repo.ranked:
            lines += ["", "No infrastructure tooling catalogued (`skilldex list` shows what the repo has)."]
        for capability, items in repo.ranked.items():
            lines += ["", f"### {AREA_BY_CAPABILITY[capability].title}", "", *_uses(items)]
            more = f"{repo.slug}/{capability}.md"
            lines.append(f"- Everything tagged {capability}: [{more}]({more}) (next to this file)")
    return frontmatter(meta) + "\n".join(lines) + "\n"


def object_md(repo: Repo, area: Area, items: list) -> str:
    name = prose(repo.name, 64)
    meta = {
        "title": f"{repo.slug}: {area.title.lower()}",
        "tags": [area.capability, repo.slug] if area.capability != repo.slug else [area.capability],
        "repos": [repo.slug],
        "applies-when": [f"I need to {area.need} in {repo.slug}"],
    }
    chosen = headline(items, PER_GROUP)
    more = [i for i in items if i not in chosen]
    lines = [
        f"# {name}: {area.title.lower()}",
        "",
        f"{MARKER} from the skilldex catalogue of {name}; regenerate it after the repo changes. "
        "Paths and commands are relative to the repo's root.",
        "",
        "## When you need to",
        "",
        f"{area.need[0].upper()}{area.need[1:]} in {name}.",
        "",
        "## Do",
        "",
        *[_seed_line(item) for item in chosen],
    ]
    if more:
        shown = ", ".join(code(entries.handle(i)) for i in more[:MORE_LIMIT])
        rest = f" and {len(more) - MORE_LIMIT} more" if len(more) > MORE_LIMIT else ""
        lines += ["", f"Also tagged {area.capability}: {shown}{rest}."]
    lines += [
        "",
        "## Don't",
        "",
        "- Don't build new access (a script, a Lambda, a direct connection) before trying the items above.",
        "- Don't run an item that changes things without running it read-only first and asking the user.",
        "",
        "## How it works",
        "",
        f"skilldex read {name}'s skills, commands, agents, MCP servers, tools, tasks and docs without running "
        f"anything, tagged each with capabilities, and ranked those tagged {area.capability} by relevance and "
        "by how often the repo's own skills and docs name them.",
    ]
    return frontmatter(meta) + "\n".join(lines) + "\n"
