"""What a markdown doc mentions: skills written as commands or named in prose, tools, files, links.

Precision over recall, because a false "missing skill" teaches people to ignore doctor:
- prose counts only inside backticks and links (`tools/x`, [runbook](runbooks/db.md)); bare words never;
  a path needs a folder (`docs/x.md`, `backend/alembic/`): `tools/` alone names a kind of folder;
- shell code blocks (bash, sh, console, unlabelled) are commands (`python3 tools/x --flag`): the tools
  and scripts they run count, quoted arguments do not; `$ `-prompted blocks are read on prompted lines
  only, so sample output is not; other languages (python, yaml, json, text) are samples, never read;
- a `/name` is a skill when written as a command: `/name` before "skill"/"command", a backticked
  `` `/name` `` after run/use/invoke/type/see or opening a list item or table cell, a code-block line
  that is only `/name args`, `claude -p "/name"`; "the `name` skill" and "use the some-name skill"
  name one in prose. A bare `` `/name` `` mid-sentence ("both answering `/deploy`") is an example;
- a sentence that says to create, write or generate something, gives it "for example", as a default, a
  proposal or a quotation, or negates it ("there is no `/x` command"), does not promise that it exists;
- a backticked word before "command" is a CLI (`` `gh` commands``); in blocks listing URL paths and in docs
  about HTTP, `/name` is a route unless its line says skill, command or Claude.
Which names are real (built-ins, `/tmp`, routes) is decided by the checks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from skilldex.doctor.shell import (
    CLONED,
    NAME,
    SHELL_LANGS,
    TOOL_PATH,
    UNKNOWN,
    Mention,
    command_mentions,
    mask,
    script_walk,
)

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")  # opens at a whole run only: linear on ````…
_SPAN_SLASH = re.compile(r"^/(" + NAME + r")(?:\s+([^/].*))?$")
_SPAN_NAME = re.compile(r"^(" + NAME + r")$")
_AFTER_SKILL = re.compile(r"^[*_]*\s+(?:slash\s+)?(?i:skill|command)s?\b")
# "`gh` commands", "the `seed` command": a word without a slash before "command" names a CLI, not a skill.
_AFTER_SKILL_WORD = re.compile(r"^[*_]*\s+(?i:skill)s?\b")
# "the `langfuse` skill from `langfuse/skills`": another repo's skill, installed separately.
_FROM_ELSEWHERE = re.compile(r"^[`*_]*\s+(?i:skill)s?\s+(?:from|in|of)\s+[`\[]?[\w.-]+/[\w.-]+")
_PLAIN_SLASH = re.compile(r"(?<![\w/.:~\\-])/(" + NAME + r")(?![\w/.:-])[*_]*\s+(?:slash\s+)?(?i:skill|command)s?\b")
_THE_SKILL = re.compile(
    r"(?:\b([A-Za-z]+)\s+)?\b(?i:the)\s+([`*_\"'“‘]*)(" + NAME + r")([`*_\"'”’]*)\s+(?i:skill)(?![\w-])"
)
_BLOCK_SLASH = re.compile(r"^\s*(?:>\s*)?/(" + NAME + r")(?:\s+[^/\s][^/]*)?\s*$")
_LINK = re.compile(r"!?\[[^\[\]\n]*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_FILE_PATH = re.compile(r"^(?:\./)?(?:[\w@.+-]+/)+(?:[\w@.+-]*\.[A-Za-z][A-Za-z0-9]{0,7})?$")
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|app|ai|co|gov|edu|cloud|sh|me)/")
# Where a line lists commands: `- `/deploy` ...`, `| `/deploy` |`, `1. `/deploy``.
_LIST_START = re.compile(r"^\s*(?:[-*+]|\d+[.)]|\|)?\s*[*_]*$")
_LINE_SUFFIX = re.compile(r"(?::\d+(?::\d+)?|#L\d+(?:-L?\d+)?)$")

INVOKE_VERBS = frozenset({"use", "run", "invoke", "call", "try", "trigger", "load", "via", "with", "ask", "see"})
SLASH_BLOCK_LANGS = SHELL_LANGS | {"text", "txt", "plain", "plaintext", "markdown", "md", "prompt", "claude"}
# Words that make a backticked `/name` a route or a path rather than a command.
_ROUTE_WORDS = re.compile(
    r"\b(?:endpoints?|routes?|urls?|uris?|https?|requests?|responds?|returns|GET|POST|PUT|PATCH|DELETE|"
    r"pages?|paths?|folders?|directory|directories|dirs?|mount(?:ed)?|volumes?|handlers?)\b",
    re.IGNORECASE,
)
# A sentence that tells you to make the file (it need not exist yet), or gives it as an example.
# ... or as an example, a proposal or a plan: none of these promise that it exists.
_CREATE_WORDS = frozenset(
    {
        "example",
        "examples",
        "sample",
        "propose",
        "proposed",
        "proposal",
        "future",
        "parked",
        "planned",
        "todo",
        "hypothetical",
        "idea",
        "would",
        "could",
        "default",  # "(default: `.ai-state/memory.json`)": a setting
        "create",
        "creates",
        "created",
        "creating",
        "generate",
        "generates",
        "generated",
        "generating",
        "write",
        "writes",
        "writing",
        "written",
        "output",
        "outputs",
        "outputted",
        "produce",
        "produces",
        "produced",
        "save",
        "saves",
        "saved",
        "saving",
        "touch",
        "download",
        "downloads",
        "downloaded",
        "export",
        "exports",
        "exported",
        "copy",
        "copies",
        "copied",
        "become",
        "becomes",
        "cache",
        "caches",
        "cached",
        "caching",
    }
)
_PHRASE_WORDS = frozenset(
    {"go", "goes", "rename", "renames", "renamed", "move", "moves", "moved", "will", "new", "for", "such", "not"}
)
_CREATE_PHRASES = re.compile(
    r"\b(?:go(?:es)? (?:in|into|to)|rename[sd]? (?:\w+ )?to|move[sd]? (?:\w+ )?to|will be|new file|"
    r"for example|for instance|such as|will (?:add|create|write|build|implement|introduce|ship)|not yet)\b"
)
_CREATED_AFTER = re.compile(
    r"^\W{0,3}\(?(?:generated|auto-generated|created by|not committed|git-?ignored)", re.IGNORECASE
)


def markdown_mentions(text: str) -> list[Mention]:
    """Every mention in a markdown file (frontmatter and HTML comments skipped), in line order."""
    lines = text.splitlines()
    found: list[Mention] = []
    fence: str | None = None
    language = ""
    block: list[tuple[int, int, str]] = []
    in_comment = False
    planned: int | None = None  # the level of a heading over planned or missing work, while under it
    moved: str | None = None  # where an earlier shell block of this section `cd`'d to and stayed
    section = moved_level = 0  # the level of the heading over the current line, and over that `cd`
    paragraph = ""  # the paragraph's earlier lines: a sentence that says "create" may start there
    intro = ""  # the prose line before a code block
    for index in range(_body_start(lines), len(lines)):
        raw, number = lines[index], index + 1
        opening = _FENCE.match(raw)
        if fence is None and opening:
            fence, language, block, intro = opening.group(1), opening.group(2).lower(), [], paragraph
            paragraph = ""
            continue
        if fence is not None:
            stripped = raw.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                if planned is None and not (block and block[0][2].startswith("#!") and _creates(intro)):
                    mentions, now = _code_block(language, block, moved)
                    found.extend(mentions)  # else: a script to write, shown whole
                    moved_level = section if now != moved else moved_level
                    moved = now
                fence = None
            else:
                block.append((number, 1, raw))
            continue
        if in_comment or raw.lstrip().startswith("<!--"):
            in_comment = "-->" not in raw
            continue
        heading = _HEADING.match(raw)
        if heading:
            level = len(heading.group(1))
            if moved is not None and (level < moved_level or level <= 2):
                moved = None  # a new section of the doc: its commands start from the top again
            section = level
            if planned is not None and level <= planned:
                planned = None
            if planned is None and _PLANNED_HEADING.search(heading.group(2)):
                planned = level  # "## What's NOT in v1", "## Future work": nothing below promises it exists
        paragraph = "" if not raw.strip() or raw.lstrip().startswith("#") else paragraph
        if planned is None:
            found.extend(prose_mentions(raw, number, paragraph))
        paragraph = (paragraph + " " + raw.strip())[-400:]  # a sentence's start, not the whole paragraph
    if fence is not None and planned is None:
        found.extend(_code_block(language, block, moved)[0])
    web = len(_WEB_WORDS.findall(text)) >= WEB_DOC_WORDS
    return [m for m in found if m.kind != "skill" or _said_as_skill(lines[m.line - 1], m, web)]


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
# Sections about work not done: "What's NOT in v1", "Future work", "Planned", "Roadmap", "TODO", "Out of scope".
_PLANNED_HEADING = re.compile(
    r"\b(?:not (?:yet|in|included|implemented|supported)|planned|future|roadmap|to-?do|deferred|backlog|ideas|"
    r"wish-?list|proposed|proposals?|upcoming|coming soon|out of scope|unimplemented|tracked separately|"
    r"not done|open questions|won'?t do)\b",
    re.IGNORECASE,
)


# A doc about HTTP (endpoints, requests, GET/POST) lists routes: there `/profile` is a page of the app under
# test, and only a line that says skill, command or Claude names a skill.
_WEB_WORDS = re.compile(r"\b(?:endpoints?|HTTP|GET|POST|PUT|PATCH|DELETE|requests?|responses?|URLs?|curl|headers?)\b")
WEB_DOC_WORDS = 8
_SKILL_WORDS = re.compile(r"\b(?:skills?|(?:slash )?commands?|claude)\b", re.IGNORECASE)
# "There is no `/sentinel-review` command", "never `/deploy`": the doc says it does not exist.
_NEGATED = re.compile(r"\b(?:no|not|never|without|instead of)\W{0,3}$", re.IGNORECASE)


def _said_as_skill(line: str, mention: Mention, web: bool) -> bool:
    before = line[: max(0, (mention.column or 1) - 2)]
    return (
        not _NEGATED.search(before) and not _INDEFINITE.search(before) and (not web or bool(_SKILL_WORDS.search(line)))
    )


# "build a /go skill", "a name like ... a `/worktree` command", "a single `/add-feature` command": some command of
# that shape, not this repo's.
_INDEFINITE = re.compile(r"\b(?:a|an|another|one|single|some)\W{0,3}$", re.IGNORECASE)


def _body_start(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 400)):
            if lines[index].strip() == "---":
                return index + 1
    return 0


def _code_block(
    language: str, block: list[tuple[int, int, str]], moved: str | None = None
) -> tuple[list[Mention], str | None]:
    """The block's mentions, and where its reader stands after it (`moved`: after the blocks before it)."""
    found: list[Mention] = []
    prompted = any(text.lstrip().startswith("$ ") for _, _, text in block)
    if language in SLASH_BLOCK_LANGS and not _lists_routes(block):
        for number, _, text in block:
            match = _BLOCK_SLASH.match(text)
            if match and not text.lstrip().startswith("$"):
                found.append(Mention("skill", match.group(1), number, match.start(1), command=True))
    if language in SHELL_LANGS:
        lines = block if language or prompted else [b for b in block if _looks_like_command(b[2])]
        mentions, end = script_walk(lines, prompted=prompted)
        if moved is not None:
            mentions = [replace(m, after=moved) if m.base is None and m.kind != "skill" else m for m in mentions]
        found.extend(mentions)
        # a clone of this repo stands at its root; `cd $DIR`, `cd ~/x` say nowhere a later block can be judged from
        moved = moved if end is None else None if end in ("", CLONED, UNKNOWN) else end
    return found, moved


# `/api/graphql`, `/robots.txt`, `GET /users`: a block with such lines lists URL paths, and its `/name` lines too.
_ROUTE_LINE = re.compile(
    r"^\s*(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD)\s+)?/[\w.-]*(?:/[\w./{}:-]*|\.\w+)\s*(?:#.*)?$|#.*\b(?:endpoint|route|url|page)"
)


# A folder tree: `├── x`, or a line that starts with a path of two folders (`/project-worktrees/feature-a (...)`).
_TREE_LINE = re.compile(r"[├└│]──|^\s*/[\w.-]+(?:/[\w.-]+)+/?(?:\s+[^/\s]|\s*$)")
_FOLDER_LINE = re.compile(r"^(\s*)/[\w.-]+/?\s*(?:#.*)?$")


def _lists_routes(block: list[tuple[int, int, str]]) -> bool:
    """Whether the block lists URL paths or a folder tree: then its `/name` lines are routes or folders."""
    return any(_ROUTE_LINE.match(text) or _TREE_LINE.search(text) for _, _, text in block) or _nested(block)


def _nested(block: list[tuple[int, int, str]]) -> bool:
    """`/packages` over an indented `  /server  # API`: commands are never nested under one another."""
    indents = [len(m.group(1)) for m in (_FOLDER_LINE.match(text) for _, _, text in block) if m]
    return any(indent > min(indents[:i]) for i, indent in enumerate(indents) if i)


_COMMAND_START = re.compile(r"^\s*(?:\$ )?(?:\./|[a-z][\w.-]*(?:/[\w.-]+)*(?:\s|$))")


def _looks_like_command(text: str) -> bool:
    # Unlabelled fences also hold output, diagrams and config: keep lines that start like a command.
    return bool(_COMMAND_START.match(text)) and not text.rstrip().endswith((":", ","))


def prose_mentions(line: str, number: int, preceding: str = "") -> list[Mention]:
    """Mentions in one line of prose (`preceding`: the paragraph so far): code spans, links, "/name skill"
    and "the name skill"."""
    found: list[Mention] = []
    if "`" in line:
        elsewhere = _linked_elsewhere(line)
        for span in _CODE_SPAN.finditer(line):
            if not any(start <= span.start() < end for start, end in elsewhere):
                found.extend(_span(line, span, number, preceding))
        masked = mask(line, _CODE_SPAN)
    else:
        masked = line
    lowered = line.lower()
    if "skill" not in lowered and "command" not in lowered:
        return _unique(found + _links(masked, number))
    for match in _PLAIN_SLASH.finditer(masked):
        if not _creates(preceding + " " + line[: match.start()]):  # "- [ ] Create /x command"
            found.append(Mention("skill", match.group(1), number, match.start(1), command=True))
    for match in _THE_SKILL.finditer(line) if "the" in lowered else ():
        verb, opening, name, closing = match.groups()
        formatted = bool(opening or closing)
        invoked = (verb or "").lower() in INVOKE_VERBS
        before = line[: match.start(3)]
        if (formatted or ("-" in name and invoked)) and not _creates(preceding + " " + before) and not _quoted(before):
            found.append(Mention("skill", name, number, match.start(3) + 1, command=invoked))
    return _unique(found + _links(masked, number))


def _linked_elsewhere(line: str) -> list[tuple[int, int]]:
    """Where a link's text points at a URL (`` [`scripts/x.sh`](https://github.com/o/other/...) ``): the path it
    shows is the other repo's."""
    if "](" not in line or "://" not in line:
        return []
    return [(m.start(), m.end()) for m in _LINK.finditer(line) if "://" in (m.group(1) or m.group(2) or "")]


def _links(masked: str, number: int) -> list[Mention]:
    """Relative targets of markdown links and link definitions (`[x]: path`)."""
    if "](" not in masked and "]:" not in masked:
        return []
    found = []
    targets = [(m.group(1) or m.group(2), m.start(1) if m.group(1) else m.start(2)) for m in _LINK.finditer(masked)]
    definition = _LINK_DEFINITION.match(masked)
    if definition:
        targets.append((definition.group(1), definition.start(1)))
    for target, start in targets:
        path = _LINE_SUFFIX.sub("", target.split("#", 1)[0].split("?", 1)[0])
        if path and not _external(path):
            kind = "tool" if TOOL_PATH.fullmatch(path) else "file"
            found.append(Mention(kind, path.removeprefix("./"), number, start + 1, link=True))
    return found


def _span(line: str, span: re.Match, number: int, preceding: str) -> list[Mention]:
    """What one code span mentions, unless its sentence says to create it."""
    found = _span_mentions(line, span, number)
    before = line[: span.start()]
    if found and (
        _creates(preceding + " " + before)
        or _EXAMPLE_LABEL.search(before)
        or _HYPOTHETICAL_AFTER.match(line[span.end() :])
    ):
        return []
    if _SETTING_BEFORE.search(before):
        return []  # "`MEMORY_FILE` pointing to `.ai-state/memory.json`": where a program keeps its state at run time
    if _NEGATED.search(before):
        return []  # "(no `.ai-state/TOPOLOGY.md` to check)", "there is no `/x` command": said not to exist
    return [m for m in found if m.kind != "skill" or not (_quoted(before) or _SOMEONE_ELSES.search(before))]


# "a `scripts/rotate_pdf.py` script would be helpful": a path the sentence only imagines.
_HYPOTHETICAL_AFTER = re.compile(
    r"^[^.;:!?]{0,40}\b(?:would|could|might|planned|to be (?:created|added|written|implemented|built)|not yet|"
    r"coming soon|TBD|TODO)\b",
    re.IGNORECASE,
)
# An environment variable's value: `VAR` pointing to, set to, defaulting to `path`.
_SETTING_BEFORE = re.compile(r"`[A-Z][A-Z0-9_]{2,}`\s+(?:pointing|points|set|defaults?|defaulting)\s+(?:to|at)\s+$")
# "chub's own `get-api-docs` skill", "the upstream `x` skill": a skill of someone else, not this repo's.
_SOMEONE_ELSES = re.compile(r"(?:\b\w+['’]s(?:\s+own)?|\b(?:upstream|third-party|community))\s+[*_]*$", re.IGNORECASE)


# "✓ **Good**: `scripts/helper.py`", "Bad: ...": a line showing how names should look.
_EXAMPLE_LABEL = re.compile(r"[✓✗✔✘✅❌]|\b(?:good|bad|correct|wrong|avoid)\W{0,4}:", re.IGNORECASE)


def _quoted(before: str) -> bool:
    """Whether a mention stands inside a quotation ("a rule can say \"load the `x` skill\""): an example
    of wording, not an instruction of this doc."""
    return (before.count('"') % 2 == 1) or before.count("“") > before.count("”")


def _span_mentions(line: str, span: re.Match, number: int) -> list[Mention]:
    content = span.group(2).strip()
    column = span.start(2) + 1
    before, after = line[: span.start()], line[span.end() :]
    slash = _SPAN_SLASH.match(content)
    if slash:
        listed = _LIST_START.match(before) and not _ROUTE_WORDS.search(line)
        if _AFTER_SKILL.match(after) or _verb_before(before) or listed:
            return [Mention("skill", slash.group(1), number, column, command=True)]
        return []
    if _SPAN_NAME.match(content) and _AFTER_SKILL_WORD.match(after):
        return [] if _FROM_ELSEWHERE.match(after) else [Mention("skill", content, number, column)]
    if " " in content or "\t" in content:
        return command_mentions(content, number, column)[0]
    path = _LINE_SUFFIX.sub("", content)
    if _CREATED_AFTER.match(after) or _external(path):
        return []
    if TOOL_PATH.fullmatch(path):
        return [Mention("tool", path.removeprefix("./"), number, column)]
    if _FILE_PATH.match(path) and not _DOMAIN.match(path) and "/" in path.rstrip("/"):
        return [Mention("file", path.removeprefix("./"), number, column)]
    return []


def _verb_before(before: str) -> bool:
    words = re.findall(r"[A-Za-z]+", before[-24:])
    return bool(words) and words[-1].lower() in INVOKE_VERBS | {"type", "typing", "runs", "running", "then"}


_WORD = re.compile(r"[a-z]+")


def _creates(before: str) -> bool:
    text = before[-300:].lower().replace("e.g.", "for example").replace("i.e.", "that is")
    cut = max(text.rfind(end) for end in (". ", "! ", "? ", "; "))
    sentence = text[cut + 2 :] if cut >= 0 else text
    words = set(_WORD.findall(sentence))
    return bool(words & _CREATE_WORDS) or bool(words & _PHRASE_WORDS and _CREATE_PHRASES.search(sentence))


def _external(target: str) -> bool:
    return (
        "://" in target
        or target.startswith(("mailto:", "#", "/", "~", "$", "{", "<", "data:", "tel:"))
        or any(char in target for char in "*?[]{}<>$%|")
    )


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: dict[tuple, Mention] = {}
    for m in mentions:
        seen.setdefault((m.kind, m.target.rstrip("/"), m.line), m)
    return list(seen.values())
