"""Mentions in one line of prose: code spans, links, "/name skill" and "the name skill".

Prose counts only inside backticks and links (`tools/x`, [runbook](runbooks/db.md)), bare words never, except a
skill named with "skill" beside it; a path needs a folder (`docs/x.md`): `tools/` alone names a kind of folder.
A backticked word before "command" is a CLI (`` `gh` commands``), not a skill.
"""

from __future__ import annotations

import re

from skilldex.doctor.shell import NAME, TOOL_PATH, Mention, command_mentions, mask
from skilldex.doctor.wording import (
    CREATED_AFTER,
    EXAMPLE_LABEL,
    HYPOTHETICAL_AFTER,
    NEGATED,
    SETTING_BEFORE,
    SOMEONE_ELSES,
    creates,
    quoted,
    writes,
)

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
    r"(?!\s*[(,]?\s*(?:e\.g\.|for example|such as|like\b))"  # "the service-level skill (e.g., `gws-gmail`)": a kind
)

# A link target may hold balanced parentheses, as CommonMark allows: `src/app/(marketing)/page.tsx`.
_LINK = re.compile(r"!?\[[^\[\]\n]*\]\(\s*(?:<([^>\n]+)>|((?:[^()\s]|\([^()\s]*\))+))(?:\s+[\"'][^\"']*[\"'])?\s*\)")

_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")

_FILE_PATH = re.compile(r"^(?:\./)?(?:[\w@.+-]+/)+(?:[\w@.+-]*\.[A-Za-z][A-Za-z0-9]{0,7})?$")

_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|app|ai|co|gov|edu|cloud|sh|me)/")

# A table row whose action cell says the file is to be made: `| src/x.ts | CREATE | types |` (a plan's word in
# capitals; `| /tldr | **Create** |` names an operation).
_CREATE_ROW = re.compile(r"^\s*\|.*\|\s*[*_`]*(?:CREATE|NEW|ADD)[*_`]*\s*\|")

# Where a line lists commands: `- `/deploy` ...`, `| `/deploy` |`, `1. `/deploy``.
_LIST_START = re.compile(r"^\s*(?:[-*+]|\d+[.)]|\|)?\s*[*_]*$")

_LINE_SUFFIX = re.compile(r"(?::\d+(?::\d+)?|#L\d+(?:-L?\d+)?)$")

INVOKE_VERBS = frozenset({"use", "run", "invoke", "call", "try", "trigger", "load", "via", "with", "ask", "see"})

# Verbs that order the agent to run what follows ("use `/x`", "Follow the `/x` skill"): only then is a missing skill
# an error. "see", "with", "runs", "running" name it in passing ("Integrates with `/x`", "see also `/x`").
ORDER_VERBS = frozenset(
    {"use", "run", "invoke", "call", "try", "trigger", "load", "via", "type", "execute", "follow", "launch", "then"}
)

# A numbered step (`1. `/deploy``): an order, where a bulleted `- `/deploy` - what it does` lists what exists.
_STEP_START = re.compile(r"^\s*\d+[.)]\s*[*_]*$")

# Words that make a backticked `/name` a route or a path rather than a command.
_ROUTE_WORDS = re.compile(
    r"\b(?:endpoints?|routes?|urls?|uris?|https?|requests?|responds?|returns|GET|POST|PUT|PATCH|DELETE|"
    r"pages?|paths?|folders?|directory|directories|dirs?|mount(?:ed)?|volumes?|handlers?)\b",
    re.IGNORECASE,
)


def prose_mentions(line: str, number: int, preceding: str = "") -> list[Mention]:
    """Mentions in one line of prose (`preceding`: the paragraph so far): code spans, links, "/name skill"
    and "the name skill"."""
    found: list[Mention] = []
    if "`" in line:
        elsewhere = _linked_elsewhere(line)
        spans = list(_CODE_SPAN.finditer(line))
        for index, span in enumerate(spans):
            if not any(start <= span.start() < end for start, end in elsewhere):
                mentions = _span(line, span, number, preceding)
                if _alternatives(line, spans, index):  # "in `tests/e2e/` or `e2e/`": wherever the project keeps them
                    mentions = [m for m in mentions if m.kind != "file"]
                found.extend(mentions)
        if _CREATE_ROW.search(line):  # `| src/x/models.ts | CREATE | ... |`: a plan's table of files to make
            found = [m for m in found if m.kind == "skill"]
        masked = mask(line, _CODE_SPAN)
    else:
        masked = line
    lowered = line.lower()
    if "skill" not in lowered and "command" not in lowered:
        return _unique(found + _links(masked, number))
    for match in _PLAIN_SLASH.finditer(masked):
        if not creates(preceding + " " + line[: match.start()]):  # "- [ ] Create /x command"
            ordered = _verb_before(line[: match.start()], ORDER_VERBS)
            found.append(Mention("skill", match.group(1), number, match.start(1), command=ordered))
    for match in _THE_SKILL.finditer(line) if "the" in lowered else ():
        verb, opening, name, closing = match.groups()
        formatted = bool(opening or closing)
        invoked = (verb or "").lower() in INVOKE_VERBS and _imperative(verb, line[: match.start(1)])
        ordered = invoked and verb.lower() in ORDER_VERBS
        before = line[: match.start(3)]
        if (formatted or ("-" in name and invoked)) and not creates(preceding + " " + before) and not quoted(before):
            found.append(Mention("skill", name, number, match.start(3) + 1, command=ordered))
    return _unique(found + _links(masked, number))


# What may stand before an instruction's verb: the start of a line, list item or sentence ("**Use the x skill**",
# "- [ ] Run the x skill", "If it fails, use the x skill"). "Ralph will use the x skill" describes, not instructs.
_INSTRUCTION_START = re.compile(
    r"(?:^|[.:;,!?)]\s)[\s>*_#+\-\d.)|\[\]x]*$|\b(?:then|and|please|first|always|now|must|should|to)\s+[*_]*$",
    re.IGNORECASE,
)


def _imperative(verb: str, before: str) -> bool:
    """Whether the verb starts an instruction; `via` and `with` follow one ("Deploy via the x skill")."""
    return verb.lower() in ("via", "with") or bool(_INSTRUCTION_START.search(before))


# "`docs/adr/` or `docs/decisions/`", "`tests/e2e/` или `e2e/`": places to look in, whichever the project has.
_OR = re.compile(r"^[\s*_,]*(?:or|или|oder|ou|o|或)[\s*_]*$", re.IGNORECASE)


def _alternatives(line: str, spans: list[re.Match], index: int) -> bool:
    """Whether the span and a neighbouring one are offered as alternatives (joined by "or")."""
    before = index > 0 and _OR.match(line[spans[index - 1].end() : spans[index].start()])
    after = index + 1 < len(spans) and _OR.match(line[spans[index].end() : spans[index + 1].start()])
    return bool(before or after)


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
    targets = [
        (m.group(1) or m.group(2), m.start(1) if m.group(1) else m.start(2), m.end()) for m in _LINK.finditer(masked)
    ]
    definition = _LINK_DEFINITION.match(masked)
    if definition:
        targets.append((definition.group(1), definition.start(1), len(masked)))
    for target, start, end in targets:
        path = _LINE_SUFFIX.sub("", target.split("#", 1)[0].split("?", 1)[0])
        if path and not _external(path) and not HYPOTHETICAL_AFTER.match(masked[end:]):  # "[manual/](manual/) (TBD)"
            kind = "tool" if TOOL_PATH.fullmatch(path) else "file"
            found.append(Mention(kind, path.removeprefix("./"), number, start + 1, link=True))
    return found


def _span(line: str, span: re.Match, number: int, preceding: str) -> list[Mention]:
    """What one code span mentions, unless its sentence says to create it."""
    found = _span_mentions(line, span, number)
    before = line[: span.start()]
    if found and (
        creates(preceding + " " + before)
        or EXAMPLE_LABEL.search(before)
        or HYPOTHETICAL_AFTER.match(line[span.end() :])
    ):
        return []
    if SETTING_BEFORE.search(before):
        return []  # "`MEMORY_FILE` pointing to `.ai-state/memory.json`": where a program keeps its state at run time
    if NEGATED.search(before):
        return []  # "(no `.ai-state/TOPOLOGY.md` to check)", "there is no `/x` command": said not to exist
    return [m for m in found if m.kind != "skill" or not (quoted(before) or SOMEONE_ELSES.search(before))]


def written(line: str, preceding: str = "") -> list[str]:
    """Paths of the line's code spans that its sentence says are created, written or saved ("write
    `docs/agents/x.md`"): what the doc's procedure makes, as written (a folder with its slash). Scripts are run,
    not made."""
    found = []
    for span in _CODE_SPAN.finditer(line) if "`" in line else ():
        path = _LINE_SUFFIX.sub("", span.group(2).strip())
        if (
            _FILE_PATH.match(path)
            and "/" in path.rstrip("/")
            and not TOOL_PATH.fullmatch(path)
            and writes(preceding + " " + line[: span.start()])
        ):
            found.append(path.removeprefix("./"))
    return found


def _span_mentions(line: str, span: re.Match, number: int) -> list[Mention]:
    content = span.group(2).strip()
    column = span.start(2) + 1
    before, after = line[: span.start()], line[span.end() :]
    slash = _SPAN_SLASH.match(content)
    if slash:
        listed = _LIST_START.match(before) and not _ROUTE_WORDS.search(line)
        if _AFTER_SKILL.match(after) or _verb_before(before) or listed:
            ordered = _verb_before(before, ORDER_VERBS) or bool(listed and _STEP_START.match(before))
            return [Mention("skill", slash.group(1), number, column, command=ordered)]
        return []
    if _SPAN_NAME.match(content) and _AFTER_SKILL_WORD.match(after):
        return [] if _FROM_ELSEWHERE.match(after) else [Mention("skill", content, number, column)]
    if " " in content or "\t" in content:
        return command_mentions(content, number, column)[0]
    path = _LINE_SUFFIX.sub("", content)
    if CREATED_AFTER.match(after) or _external(path):
        return []
    if TOOL_PATH.fullmatch(path):
        return [Mention("tool", path.removeprefix("./"), number, column)]
    if _FILE_PATH.match(path) and not _DOMAIN.match(path) and "/" in path.rstrip("/"):
        return [Mention("file", path.removeprefix("./"), number, column)]
    return []


_NAMING_VERBS = INVOKE_VERBS | {"type", "typing", "runs", "running", "then"}


def _verb_before(before: str, verbs: frozenset[str] = _NAMING_VERBS) -> bool:
    # "with `/run`, `/show`": the words of the line, not those of the code spans before
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", _CODE_SPAN.sub(" ", before)[-32:])]
    while words and words[-1] in ("the", "a", "an"):  # "Use the `/x` skill"
        words.pop()
    return bool(words) and words[-1] in verbs


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
