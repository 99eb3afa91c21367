"""Missing skills (SKD601): `/names` and skills docs tell the agent to use that nothing answers, at a severity
that says how surely it is a skill of this repo (`audience` then caps it by who the doc speaks to)."""

from __future__ import annotations

import difflib
import json
import posixpath
import re

from skilldex.doctor import names, places
from skilldex.doctor.repo import RepoContext
from skilldex.doctor.shell import Mention
from skilldex.models import Finding, Severity
from skilldex.rules import doctor as rules


def skill_findings(ctx: RepoContext, others: dict[str, dict[str, str]]) -> list[Finding]:
    """SKD601 for every skill mention no skill, command, personal skill or built-in answers."""
    findings = []
    closest: dict[str, tuple[str, str] | None] = {}
    elsewhere = {name for known in others.values() for name in known}
    product = names.product_terms(doc.text for doc in ctx.documents) - elsewhere
    plugins = names.external_plugins((doc.text for doc in ctx.documents), _own_marketplaces(ctx))
    for doc in ctx.documents:
        if names.other_agents_doc(doc.rel):
            continue  # `knowledge/cursor/plugins.md`: Cursor's `/add-plugin`, not a skill of Claude Code
        # `/verify` in a bot's or an app's docs is that product's command, unless a workspace repo has the skill
        addressed = names.addressed_to_claude(doc.rel, doc.kind, doc.text)
        installed = names.installed_commands(doc.text) if "plugin" in doc.text else set()
        outside = outside_skills(doc.text)
        made = to_create(doc.text, doc.rel)  # "Create `.claude/commands/x.md`:": the reader's own `/x`, once made
        lines: dict[str, list[Mention]] = {}
        text_lines: list[str] = []
        for mention in doc.mentions:
            if (
                mention.kind == "skill"
                and (addressed or mention.target in elsewhere)
                and mention.target not in (installed or ())
                and mention.target not in product
                and mention.target not in made
                and not (":" in mention.target and mention.target.split(":", 1)[0] in plugins)
                and _is_unknown_skill(ctx, mention.target, posixpath.dirname(doc.rel))
            ):
                text_lines = text_lines or doc.text.split("\n")
                if not names.for_other_agent(_heading(text_lines, mention.line)):
                    lines.setdefault(mention.target, []).append(mention)
        for name, mentions in lines.items():
            if name not in closest:
                closest[name] = closest_skill(ctx, name)
            found = _missing_skill(ctx, doc, name, mentions, others, closest[name])
            if places.inside_shipped_skill(doc.rel):  # a reference file of a skill shipped to other projects often
                found = found.model_copy(update={"severity": Severity.info})  # documents other tools' commands
            elif installed is None or name in outside:  # a plugin whose commands are not known here; a skill
                found = found.model_copy(update={"severity": Severity.warning})  # the doc places in a home folder
            findings.append(found)
    return findings


def _own_marketplaces(ctx: RepoContext) -> set[str]:
    """The names of the marketplaces this repo publishes (`.claude-plugin/marketplace.json`)."""
    found = set()
    for file in ctx.fs.files:
        if file.name == "marketplace.json" and file.rel.split("/")[-2:-1] == [".claude-plugin"]:
            try:
                data = json.loads(ctx.fs.read_text(file) or "")
            except ValueError:
                continue
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                found.add(data["name"])
    return found


def _heading(lines: list[str], line: int) -> str:
    """The nearest markdown heading above a line (a `# comment` in a code block may stand in: rare, harmless)."""
    return next((text for text in reversed(lines[: line - 1]) if text.startswith("#")), "")


# `~/.claude/skills/ticket-system/`, `/home/me/.claude/skills/x`: a skill kept in someone's home folder.
_HOME_SKILL = re.compile(
    r"(?:~|\$HOME|\$\{HOME\}|/home/[\w.-]+|/Users/[\w.-]+|/root)/\.claude/(?:skills|commands)/"
    r"([\w.-]+)"
)


def outside_skills(text: str) -> set[str]:
    """Skills and commands a doc places in a home folder: not this repo's, and their files are not either."""
    if ".claude/" not in text:
        return set()
    return {m.group(1).removesuffix(".md") for m in _HOME_SKILL.finditer(text)}


_TO_CREATE = re.compile(
    r"\b(?:create|add|make|write|save)\b[^`\n]{0,40}`(?:~/|\./)?\.claude/(?:commands|skills)/([\w.-]+?)(?:\.md|/)",
    re.IGNORECASE,
)
# In a commands or skills folder's own guide: "Create a file `deploy.md`:" makes the reader's `/deploy`.
_TO_CREATE_HERE = re.compile(r"\b(?:create|add|make|write|save)\b[^`\n]{0,40}`([\w.-]+?)\.md`", re.IGNORECASE)


def to_create(text: str, rel: str = "") -> set[str]:
    """Commands and skills a doc tells its reader to create: a guide's names, not this repo's promises."""
    made = {m.group(1) for m in _TO_CREATE.finditer(text)} if ".claude/" in text else set()
    if set(rel.split("/")[:-1]) & {"commands", "skills"}:
        made |= {m.group(1) for m in _TO_CREATE_HERE.finditer(text)}
    return made


def _is_unknown_skill(ctx: RepoContext, name: str, folder: str = "") -> bool:
    if ctx.knows_skill(name) or name in names.ROOT_DIRS or name in names.WEB_PATHS or names.placeholder(name):
        return False
    if ":" in name:  # plugin:skill; only judged when the plugin or command folder is the repo's own
        namespace = name.split(":", 1)[0]
        return any(key.startswith(namespace + ":") for key in ctx.invocable)
    # `/docs` meaning the repo's docs/ folder; `/guides` in docs/README.md meaning docs/guides/
    return not ctx.fs.exists(name) and not (folder and ctx.fs.exists(posixpath.join(folder, name)))


def _missing_skill(ctx, doc, name, mentions, others, close) -> Finding:
    first = mentions[0]
    more = sorted({m.line for m in mentions[1:]} - {first.line})
    message = f"mentions skill '/{name}', but no skill or command answers to it"
    message += " (not in the repo's skills and commands, ~/.claude/skills, nor a Claude Code built-in)"
    if more:
        message += f"; also on line{'s' if len(more) > 1 else ''} {', '.join(map(str, more))}"
    if close:
        message += f"; closest existing: {close[0]} ({close[1]})"
    elsewhere = [repo for repo, known in others.items() if name in known]
    if elsewhere:
        message += f"; workspace repo {', '.join(elsewhere)} has a skill of that name, not loaded in this repo"
    fix = f"Write the skill at .claude/skills/{name.split(':')[-1]}/SKILL.md"
    fix += (
        f", or change the doc to use {close[0].split()[-1]} if that does the job."
        if close
        else ", or remove the instruction from the doc."
    )
    found = rules.MISSING_SKILL.finding(doc.rel, message, first.line, first.column, fix=fix)
    if any(m.command for m in mentions):
        return found  # `/x` to type is an instruction
    # "the `x` skill" in prose is often another repo's or an upstream skill: a warning where it looks like one of
    # this repo's, else a note (an app's page, a bot's command, another tool's or plugin's skill)
    ours = elsewhere or family(ctx, name)
    return found.model_copy(update={"severity": Severity.warning if ours else Severity.info})


def family(ctx: RepoContext, name: str) -> bool:
    """Whether `/name` looks like one of this repo's commands: it shares a word with a skill or command of the repo
    (`/mcp-test` beside `/mcp-init`, `/rollback-release` beside `/release`), or a skills, commands or agents folder
    holds a file of that name (`.claude/skills/indicators.md`, which Claude Code does not load)."""
    words = _words(name)
    if any(words & _words(key) for key in ctx.invocable):
        return True
    wanted = name.split(":")[-1] + ".md"
    homes = {"skills", "commands", "agents"}
    return any(file.name == wanted and homes & set(file.rel.split("/")[:-1]) for file in ctx.fs.files)


def _words(name: str) -> set[str]:
    return {word for word in re.split(r"[-_:]", name) if len(word) >= 3}


def closest_skill(ctx: RepoContext, name: str) -> tuple[str, str] | None:
    """The nearest skill or command by name, else the nearest agent or tool: (label, path)."""
    pools = [
        {f"/{key}": path for key, path in ctx.invocable.items() if ":" not in key},
        {f"agent {i.name}": i.path for i in ctx.catalogue.items if i.kind == "agent"}
        | {f"tool {i.name}": i.path for i in ctx.catalogue.items if i.kind == "tool"},
    ]
    for pool in pools:
        keys = {label.split(" ")[-1].lstrip("/"): label for label in pool}
        match = difflib.get_close_matches(name, list(keys), n=1, cutoff=0.6)
        if match:
            label = keys[match[0]]
            return (f"skill {label}" if label.startswith("/") else label), pool[label]
    return _sharing_words(ctx, name)


def _sharing_words(ctx: RepoContext, name: str) -> tuple[str, str] | None:
    """The skill whose name (twice) and description share most words with `name`; at least two points."""
    wanted = {w for w in re.split(r"[-_:]", name) if len(w) > 2}
    best: tuple[int, str, str] | None = None
    for item in ctx.catalogue.of_kind("skill"):
        if not item.run:
            continue
        described = set(re.findall(r"[a-z0-9]+", item.description.lower()))
        score = 2 * len(wanted & set(re.split(r"[-_]", item.dir_name))) + len(wanted & described)
        if score >= 2 and (best is None or (score, best[1]) > (best[0], item.run)):
            best = (score, item.run, item.path)
    return (f"skill {best[1]}", best[2]) if best else None
