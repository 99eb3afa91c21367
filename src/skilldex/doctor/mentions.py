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
Which names are real (built-ins, `/tmp`, routes) is decided by the checks. This module walks the doc (fences,
headings, planned sections, code blocks); `prose` reads a line of prose, `wording` judges what its sentence says.
"""

from __future__ import annotations

import re
from dataclasses import replace

from skilldex.doctor.prose import prose_mentions, written
from skilldex.doctor.shell import CLONED, NAME, SHELL_LANGS, UNKNOWN, Mention, script_walk
from skilldex.doctor.wording import INDEFINITE, NEGATED, PLANNED_HEADING, creates, planned_label

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)")

_BLOCK_SLASH = re.compile(r"^\s*(?:>\s*)?/(" + NAME + r")(?:\s+[^/\s][^/]*)?\s*$")

SLASH_BLOCK_LANGS = SHELL_LANGS | {"text", "txt", "plain", "plaintext", "markdown", "md", "prompt", "claude"}


def markdown_mentions(text: str, skill: bool = False) -> list[Mention]:
    """Every mention in a markdown file (frontmatter and HTML comments skipped), in line order; in a `skill`, the
    scripts of a "Common Commands" card are named, not run (the card is often a copied skill's, for any project)."""
    lines = text.splitlines()
    found: list[Mention] = []
    fence: str | None = None
    language = ""
    block: list[tuple[int, int, str]] = []
    in_comment = False
    planned: int | None = None  # the level of a heading over planned or missing work, while under it
    generic: int | None = None  # the level of a "Common Commands" heading: a reference card, not steps to run
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
                shown = block and block[0][2].startswith("#!") and creates(intro)  # a script to write, shown whole
                if planned is None and not shown and not planned_label(intro):
                    mentions, now = _code_block(language, block, moved)
                    if generic is not None:  # named for reference: a missing script there is not an order
                        mentions = [replace(m, command=False) if m.kind == "tool" else m for m in mentions]
                    found.extend(mentions)
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
            if planned is None and PLANNED_HEADING.search(heading.group(2)):
                planned = level  # "## What's NOT in v1", "## Future work": nothing below promises it exists
            if generic is not None and level <= generic:
                generic = None
            if generic is None and skill and _GENERIC_HEADING.search(heading.group(2)):
                generic = level
        paragraph = "" if not raw.strip() or raw.lstrip().startswith("#") else paragraph
        if planned is None:
            found.extend(prose_mentions(raw, number, paragraph))
        paragraph = (paragraph + " " + raw.strip())[-400:]  # a sentence's start, not the whole paragraph
    if fence is not None and planned is None:
        found.extend(_code_block(language, block, moved)[0])
    web = len(_WEB_WORDS.findall(text)) >= WEB_DOC_WORDS
    return [
        m
        for m in found
        if m.kind != "skill"
        or _said_as_skill(lines[m.line - 1], m, web)
        and not _github_page(lines, m)
        and not _route_cell(lines, m)
    ]


def written_paths(text: str) -> frozenset[str]:
    """The paths the doc's prose says are created, written or saved (outside code blocks): a skill's own output,
    which it names elsewhere too ("does this skill's prior output already exist?")."""
    lines = text.splitlines()
    found: set[str] = set()
    fence: str | None = None
    for raw in lines[_body_start(lines) :]:
        opening = _FENCE.match(raw)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None:
            fence = None if raw.strip().startswith(fence) and not raw.strip().strip(fence[0]) else fence
        elif "`" in raw:
            found.update(written(raw))  # the line's own verb: a list's items each say their own
    return frozenset(found)


# The pages of a repository on GitHub: "Open the GitHub repo ... 3. `/releases` — last release date".
GITHUB_PAGES = frozenset(
    {"releases", "issues", "pulls", "actions", "wiki", "tags", "branches", "commits", "discussions", "security"}
    | {"pulse", "graphs", "network", "stargazers", "forks", "contributors", "milestones", "labels", "projects"}
)


def _github_page(lines: list[str], mention: Mention) -> bool:
    """A `/releases` near a line about GitHub is that repo page, not a command."""
    if mention.target not in GITHUB_PAGES:
        return False
    start = max(0, mention.line - 1 - 3)
    return any("github" in line.lower() for line in lines[start : mention.line])


# A table column headed Route, URL, Page, Path, Endpoint or Screen lists an app's pages: `/dashboard` there is one.
_ROUTE_HEADER = re.compile(r"^\W*(?:routes?|urls?|uris?|pages?|paths?|endpoints?|screens?|écrans?)\W*$", re.IGNORECASE)


def _route_cell(lines: list[str], mention: Mention) -> bool:
    """Whether the mention stands in a table column whose header says it holds routes or pages."""
    line = lines[mention.line - 1]
    if not line.lstrip().startswith("|"):
        return False
    column = line[: (mention.column or 1) - 1].count("|") - 1
    top = mention.line - 1
    while top > 0 and lines[top - 1].lstrip().startswith("|"):
        top -= 1
    header = [cell.strip() for cell in lines[top].strip().strip("|").split("|")]
    return 0 <= column < len(header) and bool(_ROUTE_HEADER.match(header[column]))


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")

# "## Common Commands", "### Useful commands" in a skill: a card of commands of the kind a project has (often a copied
# skill's, for the project it runs in), not a procedure to follow. A CLAUDE.md's card is this repo's own.
_GENERIC_HEADING = re.compile(r"^\W*(?:common|useful|handy|typical|frequently[- ]used)\s+commands\b", re.IGNORECASE)

# A doc about HTTP (endpoints, requests, GET/POST) lists routes: there `/profile` is a page of the app under
# test, and only a line that says skill, command or Claude names a skill.
_WEB_WORDS = re.compile(r"\b(?:endpoints?|HTTP|GET|POST|PUT|PATCH|DELETE|requests?|responses?|URLs?|curl|headers?)\b")

WEB_DOC_WORDS = 8

_SKILL_WORDS = re.compile(r"\b(?:skills?|(?:slash )?commands?|claude)\b", re.IGNORECASE)


def _said_as_skill(line: str, mention: Mention, web: bool) -> bool:
    before = line[: max(0, (mention.column or 1) - 2)]
    return not NEGATED.search(before) and not INDEFINITE.search(before) and (not web or bool(_SKILL_WORDS.search(line)))


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
