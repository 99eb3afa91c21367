"""Literal values given to secret-looking keys: `password = "..."`, `DB_PASSWORD := x`, `--password x`, YAML blocks.

The keyword is found first (plain alternation on the lowercased text), then the key around it and the value
after it are read in place: linear in the text, where one regex with `[\\w.-]*` on both sides is not. A value is
read as the syntax around it says: quoted (to its closing quote, whatever it holds), a YAML block or plain
scalar on the lines below, a line continued with a backslash, or a bare run.
"""

from __future__ import annotations

import math
import re

from skilldex.lazyre import Lazy  # the patterns compile on first use: most texts never reach most of them

# (password|passwd|passphrase|pass|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth, factored by
# first letter: no two alternatives match at one place, so it finds the same words, about twice as fast.)
_KEYWORD = Lazy(r"p(?:ass(?:word|wd|phrase)?|wd|rivate[_-]?key)|secret|token|a(?:pi[_-]?key|ccess[_-]?key|uth)")
KEYWORD_LITERALS = ("pass", "pwd", "private", "secret", "token", "api", "access", "auth")  # one is in every match
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
# Between key and value: `=`, `:`, `=>` and make's `:=`, `::=`, `?=`, `+=`, `!=`; after a flag (`--password x`)
# also blanks, or the comma between two items of a JSON or YAML list.
_SEPARATOR = Lazy(r"[\"']?[ \t]*(::=|:=|\?=|\+=|!=|=>|=|:)[ \t]*")
_FLAG_SEPARATOR = Lazy(r"(?:=|[ \t]+|[\"'][ \t]*,\s*(?=[\"']))")  # also ["--password", "x"]
_BARE = Lazy(r"[^\s\"'`,;(){}\[\]<>]+")
_BLOCK = Lazy(r"[|>][-+0-9]{0,3}[ \t]*(?:#[^\n]*)?(?=\n)")
_VALUE_END = Lazy(r"&\w+=|\\[ntr\"'\\]")
_NAMESPACED = Lazy(r"[a-z]+(?:[-_:.][a-z]+)*(?:/[\w.-]+)*")
_MAPPING_LINE = Lazy(r"[ \t]*(?:- |[\w.\"'-]+[ \t]*:(?:[ \t]|$))")
MAX_QUOTED = 2000
MAX_LINES = 40  # lines of a YAML block read for one value

REFERENCE = Lazy(
    r"^(?:\$|%|<|\{\{|\$\{|env\b|os\.|process\.|getenv|secrets?\.|vars\.|arn:|ssm:|vault:|ref\+|!|\*+$|x+$"
    r"|true$|false$|null$|none$|required$|optional$|string$|str$|changeme$|redacted|example|your[_-]|placeholder"
    r"|password$|passwd$|pass$|secret$|pwd$|\.\.\.|<)",
    re.IGNORECASE,
)
_ENV_NAME = Lazy(r"[A-Z]+(?:_[A-Z0-9]+)+|[A-Z]{2,}")  # PASSWORD, DB_PASS: a name standing for the value
_PASSWORD_KEY = Lazy(r"password|passwd|passphrase|pwd|(?:^|[^a-z])pass(?:[^a-z]|$)|(?:db|pg|sql|root)pass$")
_NAMES_A_PLACE = Lazy(
    r"[\w.-]*?_?(?:file|path|env|var|name|field|column|policy|length|hash|id|arn|stdin|prompt|type|mode|url|dir)"
)


def entropy(value: str) -> float:
    counts: dict[str, int] = {}
    for char in value:
        counts[char] = counts.get(char, 0) + 1
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def random_looking(value: str, minimum: float) -> bool:
    kinds = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)))
    return kinds >= 2 and entropy(value) >= minimum


def placeholder(value: str) -> bool:
    """A reference to a value kept elsewhere ($DB_PASS, {{ secret }}, <password>) or a stand-in for one."""
    return bool(REFERENCE.match(value) or _ENV_NAME.fullmatch(value))


def _identifier(value: str) -> bool:
    """Words joined by - _ . / : (keycloak-confidential-client/SKILL.md): a name or a path, not a random value."""
    words = [w for w in re.split(r"[-_./:]+", value) if w]
    return len(words) >= 3 and all(w.isalpha() for w in words)


_SCHEME = Lazy(r"(?:bearer|basic|token|bot|digest)\s+", re.IGNORECASE)
_INTERPOLATED = ("${", "{{", "$(", "#{", "%(")  # part of the value is filled in elsewhere: not a literal
# Code, not a literal: a.b.c attribute chains, snake_case and camelCase names, &references, keywords.
_CODE = Lazy(
    r"[A-Za-z_]+(?:\.[A-Za-z_]\w*)+|[a-z]+_[a-z0-9_]+|[a-z]+(?:[A-Z][a-z]+)+|(?:[A-Z][a-z]+){2,}|&[\w.]+"
    r"|lambda|await|new|function"
)


def assigned_secret(key: str, value: str) -> bool:
    value = _SCHEME.sub("", value, count=1) if _SCHEME.match(value) else value  # "Bearer x": judge x
    value = value.rstrip(":.,")
    if placeholder(value) or value.lower() == key.lower().lstrip("-") or any(m in value for m in _INTERPOLATED):
        return False
    lowered = key.lower()
    if "author" in lowered and not re.search(r"token|secret|pass|key", lowered):
        return False  # `author: Jane <jane@example.com>`: auth is in the word, not in the key's meaning
    if _CODE.fullmatch(value) or re.fullmatch(r"(?:/[\w.@-]+){2,}/?", value):
        return False  # a variable (new_password, var.admin_password, self.faker) or a file (/run/secrets/db)
    if _NAMES_A_PLACE.fullmatch(lowered.lstrip("-")):
        return False  # `password_file: /run/secrets/db`, `NEXTAUTH_URL`, `private_key_path` say where a secret is
    if _PASSWORD_KEY.search(lowered):
        # a prose word after "Password:" is not a password; a real one mixes in digits, symbols or case
        return len(value) >= 6 and (not value.isalpha() or (not value.islower() and not value.istitle()))
    # secret/token/key: only values that look random, never names, paths or words (`credmate/prod/db-credentials`)
    if any(c.isspace() for c in value):
        return False  # a token holds no blanks: this is prose or a list (`secrets: |` over a table of paths)
    if re.fullmatch(r"[a-z0-9._:-]+(?:/[a-z0-9._:-]+)+/?", value.strip("/")) or _identifier(value):
        return False  # a lowercase path such as credmate/prod/db-credentials names a secret
    if re.search(r"(?:file|path|dir|directory|filename)$", lowered) and re.match(r"[~/.]|\w:\\", value):
        return False  # `signing.secretKeyRingFile=/Users/me/.gnupg/secring.gpg` says where the key is kept
    return len(value) >= 16 and random_looking(value.strip(".,"), 3.5)


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _indent(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return end - start


def _quoted(text: str, at: int) -> tuple[int, int] | None:
    """(start, end) of the text inside the quote at `at`, up to its closing quote (escapes skipped)."""
    quote, end, limit = text[at], at + 1, min(len(text), at + 1 + MAX_QUOTED)
    newlines = 0
    while end < limit:
        char = text[end]
        if char == "\\":
            end += 2
            continue
        if char == quote:
            return at + 1, end
        if char == "\n":
            newlines += 1
            if newlines > 2:  # a quoted value folded over a line or two, not a stray quote in prose
                return None
        end += 1
    return None


def _lines_below(text: str, at: int, indent: int, block: bool) -> list[tuple[int, int]]:
    """Spans of the lines after `at` indented deeper than `indent`: a YAML block, or a plain scalar's folded lines."""
    spans: list[tuple[int, int]] = []
    line = text.find("\n", at) + 1
    while 0 < line < len(text) and len(spans) < MAX_LINES:
        end = text.find("\n", line)
        end = len(text) if end == -1 else end
        content = line + _indent(text, line)
        if content == end:  # a blank line belongs to a block, ends a plain scalar
            if not block:
                break
        elif content - line <= indent or (not block and _MAPPING_LINE.match(text, line)):
            break
        else:
            spans.append((content, len(text[content:end].rstrip()) + content))
        line = end + 1
    return spans


def _value(text: str, at: int, key_start: int, separator: str) -> list[tuple[int, int]]:
    """Spans of the value that starts at `at` (after the separator)."""
    char = text[at] if at < len(text) else "\n"
    if char in "\"'":
        quoted = _quoted(text, at)
        return [quoted] if quoted else []
    line = _line_start(text, key_start)
    indent = _indent(text, line)
    # the lines below hold the value only when the key opens its line (YAML), not after `if password:`
    yaml_key = separator == ":" and text[line + indent : key_start] in ("", "- ", '"', "'")
    if char in "|>" and yaml_key and _BLOCK.match(text, at):
        return _lines_below(text, at, indent, block=True)
    if char == "\\" and text.startswith("\\\n", at):  # the value continues on the next line
        below = at + 2 + _indent(text, at + 2)
        return _value(text, below, below, separator) if below < len(text) and text[below] != "\n" else []
    if char in "\r\n#" and yaml_key:  # YAML: a plain scalar on the lines below
        return _lines_below(text, at, indent, block=False)
    bare = _BARE.match(text, at)
    if not bare or text[bare.end() : bare.end() + 1] in ("(", "[", "<"):
        return []  # nothing, a call such as get_password(), or a type such as Omit<User, "password">
    # inside a URL's query (?token=x&type=y) or a string with escapes ("token: x\n"), the value ends there
    end = _VALUE_END.search(text, at, bare.end())
    return [(at, end.start() if end else bare.end())]


def assignments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each literal value given to a secret-looking key in `text`."""
    found: list[tuple[int, int, str]] = []
    last_key_end = -1
    lowered = text.lower()
    if not any(literal in lowered for literal in KEYWORD_LITERALS):
        return found
    for match in _KEYWORD.finditer(lowered):
        start, end = match.start(), match.end()
        if end <= last_key_end:
            continue  # the same key again (`api_key_token`)
        while start > 0 and text[start - 1] in _KEY_CHARS:
            start -= 1
        while end < len(text) and text[end] in _KEY_CHARS:
            end += 1
        last_key_end = end
        if text[max(0, start - 2) : start] in ("${", "$(") or text[max(0, start - 1) : start] == "$":
            continue  # ${DB_PASSWORD:?not set} reads a variable, it assigns nothing
        key = text[start:end]
        separator = _SEPARATOR.match(text, end)
        if separator is None and key.startswith("-"):
            separator = _FLAG_SEPARATOR.match(text, end)
        if separator is None:
            continue
        spans = _value(text, separator.end(), start, separator.group(1) if separator.lastindex else "")
        value = " ".join(text[s:e].strip() for s, e in spans).strip()
        if separator.group(0) == ":" and _NAMESPACED.fullmatch(value):
            continue  # auth:keycloak-client, password:reset names a thing (a skill folder, a task); it sets nothing
        if value and assigned_secret(key, value):
            found.extend((s, e, f"literal value of '{key}'") for s, e in spans if e > s)
    return found
