"""GNU make's line syntax, read without make: logical lines, `define` blocks, and where a line's `=`, `:`, `;`
or `#` sits outside `$(...)` references, which tells an assignment from a rule."""

from __future__ import annotations

from collections.abc import Iterator

from skilldex.scan.tasks.parsing import split_lines

DEFINE_PREFIXES = {"override", "export", "private"}


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first physical line, text) with backslash-newline continuations joined by one space."""
    lines = split_lines(text)
    index = 0
    while index < len(lines):
        start = index
        joined = lines[index]
        parts: list[str] = []
        while _continues(joined) and index + 1 < len(lines):
            parts.append(joined[:-1].rstrip())
            index += 1
            joined = lines[index].lstrip()
        parts.append(joined)
        index += 1
        yield start + 1, " ".join(parts) if len(parts) > 1 else parts[0]


def _continues(line: str) -> bool:
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def define_step(words: list[str]) -> int:
    """+1 for a `define` line (optionally `override`/`export` prefixed), -1 for `endef`."""
    while len(words) > 1 and words[0] in DEFINE_PREFIXES:
        words = words[1:]
    if not words:
        return 0
    if words[0] == "define":
        return 1
    return -1 if words[0] == "endef" else 0


def _top_level(text: str) -> Iterator[tuple[int, str]]:
    """Characters outside `$(...)`/`${...}` references and not escaped by a backslash."""
    depth = 0
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        nxt = text[index + 1] if index + 1 < length else ""
        if char == "$" and nxt in ("(", "{"):
            depth += 1
            index += 2
            continue
        if char == "$" and nxt == "$":
            index += 2
            continue
        if depth:
            if char in "({":
                depth += 1
            elif char in ")}":
                depth -= 1
        elif char == "\\":
            index += 2
            continue
        else:
            yield index, char
        index += 1


def classify(line: str) -> tuple[str, str, str, str]:
    """("assign", name, value, operator) | ("rule", targets, text after the colon, "") | ("other", "", "", "")."""
    for index, char in _top_level(line):
        if char == "#":
            break
        if char == "=":
            name = line[:index].rstrip()
            operator = name[-1:] + "=" if name.endswith(("?", "+", "!")) else "="
            return "assign", name.rstrip("?+!").strip(), line[index + 1 :].lstrip(), operator
        if char == ":":
            end = index
            while end < len(line) and line[end] == ":":
                end += 1
            if line.startswith("=", end):  # `:=`, `::=`, `:::=`
                return "assign", line[:index].strip(), line[end + 1 :].lstrip(), line[index : end + 1]
            return "rule", line[:index], line[end:], ""
    return "other", "", "", ""


def rule_tail(rest: str) -> tuple[str, str, str] | None:
    """(prerequisites, inline recipe, `##` help) or None for a target-specific variable."""
    for index, char in _top_level(rest):
        if char == "=":
            return None
        if char == ";":
            return rest[:index], rest[index + 1 :].strip(), ""
        if char == "#":
            comment = rest[index:]
            help_text = comment.lstrip("#").strip() if comment.startswith("##") else ""
            return rest[:index], "", help_text
    return rest, "", ""


def words(text: str) -> list[str]:
    """Whitespace-separated words, keeping `$(call a, b)` together."""
    words: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "({":
            depth += 1
        elif char in ")}" and depth:
            depth -= 1
        if char.isspace() and not depth:
            if current:
                words.append("".join(current))
            current = []
            continue
        current.append(char)
    if current:
        words.append("".join(current))
    return [word for word in words if word != "&"]


def is_task_name(token: str) -> bool:
    # Special targets and old-style suffix rules start with ".", pattern rules have "%", and
    # names built from variables cannot be known without expanding them.
    token = token.rstrip("&")  # `a b&: c` declares grouped targets
    return bool(token) and not token.startswith(".") and "%" not in token and "$" not in token
