"""What a sentence says about what it names: something to create, an example, a plan, a quotation, a negation,
someone else's. Such a sentence does not promise that the thing exists in the repo."""

from __future__ import annotations

import re

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

CREATED_AFTER = re.compile(
    r"^\W{0,3}\(?(?:generated|auto-generated|created by|not committed|git-?ignored)", re.IGNORECASE
)

# Sections about work not done: "What's NOT in v1", "Future work", "Planned", "Roadmap", "TODO", "Out of scope",
# and a plan's priorities ("Should Have", "Nice to Have": MoSCoW).
PLANNED_HEADING = re.compile(
    r"\b(?:not (?:yet|in|included|implemented|supported)|planned|future|roadmap|to-?do|deferred|backlog|ideas|"
    r"wish-?list|proposed|proposals?|upcoming|coming soon|out of scope|unimplemented|tracked separately|"
    r"not done|open questions|won'?t do|(?:must|should|could|won'?t|nice to) have|"
    r"(?:files?|tests?|modules?|components?|scripts?|docs?) to (?:create|write|add|build|implement))\b",
    re.IGNORECASE,
)

# "There is no `/sentinel-review` command", "never `/deploy`": the doc says it does not exist.
NEGATED = re.compile(r"\b(?:no|not|never|without|instead of)\W{0,3}$", re.IGNORECASE)

# "build a /go skill", "a name like ... a `/worktree` command", "a single `/add-feature` command": some command of
# that shape, not this repo's.
INDEFINITE = re.compile(r"\b(?:a|an|another|one|single|some)\W{0,3}$", re.IGNORECASE)

# "a `scripts/rotate_pdf.py` script would be helpful", "[manual/](manual/) (待完善)", "`/proxy-stop` (not implemented)",
# "run `scripts/sync.py` if it exists": a path or command the sentence only imagines, or does not count on.
HYPOTHETICAL_AFTER = re.compile(
    r"^[^.;:!?]{0,40}\b(?:would|could|might|planned|to be (?:created|added|written|implemented|built)|not yet|"
    r"not implemented|unimplemented|coming soon|TBD|TODO|if (?:it |they |one )?(?:exists?|present|any)|when present|"
    r"待完善|待补充|待定|未完成|予定)\b",  # CJK: "to be completed", "to be added", "planned"
    re.IGNORECASE,
)

# An environment variable's value: `VAR` pointing to, set to, defaulting to `path`.
SETTING_BEFORE = re.compile(r"`[A-Z][A-Z0-9_]{2,}`\s+(?:pointing|points|set|defaults?|defaulting)\s+(?:to|at)\s+$")

# "chub's own `get-api-docs` skill", "the upstream `x` skill": a skill of someone else, not this repo's.
SOMEONE_ELSES = re.compile(r"(?:\b\w+['’]s(?:\s+own)?|\b(?:upstream|third-party|community))\s+[*_]*$", re.IGNORECASE)

# "✓ **Good**: `scripts/helper.py`", "Bad: ...": a line showing how names should look.
EXAMPLE_LABEL = re.compile(r"[✓✗✔✘✅❌]|\b(?:good|bad|correct|wrong|avoid)\W{0,4}:", re.IGNORECASE)


# A label that opens what follows as a plan: "**Proposed (Automated):**", "Planned:", "Future:".
_PLANNED_LABEL = re.compile(r"^[*_\s]*[^.!?]{0,40}[*_\s]*:[*_\s]*$")


def planned_label(intro: str) -> bool:
    """Whether the prose just before a code block is a short label saying what follows is planned."""
    last = intro.strip()[-80:]
    return bool(_PLANNED_LABEL.match(last)) and bool(PLANNED_HEADING.search(last))


def quoted(before: str) -> bool:
    """Whether a mention stands inside a quotation ("a rule can say \"load the `x` skill\""): an example
    of wording, not an instruction of this doc."""
    return (before.count('"') % 2 == 1) or before.count("“") > before.count("”")


_WORD = re.compile(r"[a-z]+")


def creates(before: str) -> bool:
    sentence = _sentence(before)
    words = set(_WORD.findall(sentence))
    return bool(words & _CREATE_WORDS) or bool(words & _PHRASE_WORDS and _CREATE_PHRASES.search(sentence))


# Verbs by which a procedure makes a file ("write `docs/agents/x.md`", "saves the report to `out/x.md`"): narrower
# than `creates`, which also takes examples, defaults and plans.
_WRITE_WORDS = frozenset(
    {"write", "writes", "create", "creates", "generate", "generates", "save", "saves", "store", "stores"}
    | {"scaffold", "scaffolds", "produce", "produces"}
)


def writes(before: str) -> bool:
    """Whether the sentence ending in `before` says the procedure writes what follows."""
    return bool(set(_WORD.findall(_sentence(before))) & _WRITE_WORDS)


def _sentence(before: str) -> str:
    text = before[-300:].lower().replace("e.g.", "for example").replace("i.e.", "that is")
    cut = max(text.rfind(end) for end in (". ", "! ", "? ", "; "))
    return text[cut + 2 :] if cut >= 0 else text
