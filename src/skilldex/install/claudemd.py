"""The managed block skilldex keeps in CLAUDE.md: add it, refresh it in place, take it out."""

from __future__ import annotations

import re

from skilldex.errors import UsageError

BEGIN = "<!-- skilldex:begin (managed by `skilldex init`; edit outside this block) -->"
END = "<!-- skilldex:end -->"
INDEX_PATH = ".claude/skilldex/INDEX.md"
# Claude Code strips HTML comments from CLAUDE.md, so the markers cost no context.
BLOCK = [
    BEGIN,
    "## Existing tooling first (skilldex)",
    "- Before building any script, tool, Lambda or skill: check the target repos' existing skills, tools and docs.",
    f'- Index: `{INDEX_PATH}`; ask with `skilldex find REPO "what you need"`.',
    END,
]


def _lines(text: str) -> list[str]:
    """Lines with their endings; only \\n splits (str.splitlines would also split on U+2028 and friends)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


def _newline(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def find_block(text: str, rel: str) -> tuple[int, int] | None:
    """(first, last) line index of the block, or None; broken or repeated markers are a UsageError."""
    begins, ends = [], []
    for number, line in enumerate(_lines(text)):
        stripped = line.strip()
        if stripped.startswith("<!-- skilldex:begin"):
            begins.append(number)
        elif stripped.startswith("<!-- skilldex:end"):
            ends.append(number)
    if not begins and not ends:
        return None
    if len(begins) == 1 and len(ends) == 1 and begins[0] < ends[0]:
        return begins[0], ends[0]
    where = ", ".join(f"line {n + 1}" for n in sorted(begins + ends))
    raise UsageError(
        f"{rel}: the skilldex block markers are broken or repeated ({where}); keep one "
        f"'<!-- skilldex:begin ... -->' ... '{END}' pair (or delete them) and run again"
    )


def add_block(text: str | None, rel: str) -> tuple[str, str]:
    """(new text, what happened: 'added', 'replaced' or 'present'); text outside the block is untouched."""
    if not text:
        return "\n".join(BLOCK) + "\n", "added"
    nl = _newline(text)
    lines = _lines(text)
    span = find_block(text, rel)
    if span is None:
        head = text if text.endswith("\n") else text + nl
        if head.strip() and not head.endswith(nl + nl):
            head += nl
        return head + nl.join(BLOCK) + nl, "added"
    first, last = span
    ending = lines[last][len(lines[last].rstrip("\r\n")) :]
    new = nl.join(BLOCK) + ending
    old = "".join(lines[first : last + 1])
    if old == new:
        return text, "present"
    return "".join(lines[:first]) + new + "".join(lines[last + 1 :]), "replaced"


def remove_block(text: str, rel: str, had_final_newline: bool = True) -> str:
    """The text without the block and the blank line add_block put before it."""
    span = find_block(text, rel)
    if span is None:
        return text
    lines = _lines(text)
    first, last = span
    after = lines[last + 1 :]
    before = lines[:first]
    if before and not before[-1].strip() and (not after or not after[0].strip()):
        before = before[:-1]
    result = "".join(before + after)
    if not after and not had_final_newline and result.endswith("\n"):
        result = result[:-2] if result.endswith("\r\n") else result[:-1]
    return result
