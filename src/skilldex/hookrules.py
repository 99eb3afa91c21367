"""Commands the repo's own PreToolUse hooks block (.claude/settings*.json, plugin hooks), read statically, never run.

A hook that denies a Bash command is the repo's rule for agents as surely as a "never run npm" line in CLAUDE.md:
what it blocks is marked forbidden and never recommended. Read: the handler's `if: Bash(pattern)` filter, and the
patterns its inline command or script compares the command with before it exits 2 or answers "deny" (shell
`case` arms, `grep`/`=~`/`==` tests, Python and JavaScript regexes and string tests).
"""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
from collections.abc import Callable

SETTINGS = (".claude/settings.json", ".claude/settings.local.json", "hooks/hooks.json", ".claude-plugin/plugin.json")
MAX_PATTERNS = 200  # a hook script names a handful; more is not a rule list an agent reads
WINDOW = 4  # lines after a test within which its branch must block
MAX_LINE = 500
Rule = tuple[re.Pattern[str], str]  # (what a blocked command matches, the file that says so)

_BLOCKS = re.compile(r"\bexit\s+2\b|sys\.exit\(\s*2\s*\)|process\.exit(?:Code\s*=\s*|\()\s*2\b|[\"']deny[\"']")
_ENDS = re.compile(r"^\s*(fi|else|elif\b|;;|esac|})")
_WORD = r"""(?:[^()\s|"']|"[^"\n]*"|'[^'\n]*')+"""  # unambiguous: a quote only ever opens a quoted part
_CASE_ARM = re.compile(rf"^\s*\(?({_WORD}(?:\s*\|\s*{_WORD})*)\)")
_GREP = re.compile(r"\bgrep\s+(?:-[a-zA-Z]+\s+)*(?:-e\s+)?(['\"])(.+?)\1")
_REGEX_TEST = re.compile(r"=~\s*(['\"]?)(.+?)\1\s*\]\]")
_GLOB_TEST = re.compile(r"==\s*(\S+?)\s*\]\]")
_PY_RE = re.compile(r"re\.(?:search|match|fullmatch)\(\s*r?(['\"])(.+?)\1")
_JS_RE = re.compile(r"/((?:\\.|[^/\\\n])+)/[gimsuy]*\.test\(")
_STARTS = re.compile(r"\.(?:startswith|startsWith)\(\s*(['\"])(.+?)\1")
_CONTAINS = re.compile(r"(['\"])([^'\"]{3,60})\1\s+in\s+\w*(?:cmd|command)\b|\.includes\(\s*(['\"])([^'\"]{3,60})\3")
_PERMISSION = re.compile(r"^Bash\((.+)\)$")


def rules(read: Callable[[str], str | None]) -> list[Rule]:
    """Every blocking rule of the repo's hook settings; `read(rel)` gives a repo file's text or None."""
    found: list[Rule] = []
    for source in SETTINGS:
        text = read(source)
        if not text:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: nested thousands deep
            continue  # a settings file Claude Code cannot read blocks nothing
        hooks = data.get("hooks") if isinstance(data, dict) else None
        groups = hooks.get("PreToolUse") if isinstance(hooks, dict) else None
        for group in groups if isinstance(groups, list) else []:
            if isinstance(group, dict):
                found += _group_rules(group, source, read)
    return found[:MAX_PATTERNS]


MAX_COMMAND = 1000


def blocked_by(found: list[Rule], command: str | None) -> str | None:
    """The file whose hook blocks this command line, or None."""
    if command:
        for pattern, source in found:
            if pattern.search(command[:MAX_COMMAND]):
                return source
    return None


def _group_rules(group: dict, source: str, read: Callable[[str], str | None]) -> list[Rule]:
    matcher = group.get("matcher")
    for_bash = matcher in (None, "", "*") or (isinstance(matcher, str) and _names_bash(matcher))
    found: list[Rule] = []
    handlers = group.get("hooks")
    for handler in handlers if isinstance(handlers, list) else []:
        if not isinstance(handler, dict) or handler.get("type", "command") != "command":
            continue
        when = handler.get("if")
        only = _PERMISSION.match(when.strip()) if isinstance(when, str) else None
        if not (for_bash or only) or (when and not only):
            continue  # a hook on other tools, or filtered to one: it never sees a shell command
        command = handler.get("command")
        command = command if isinstance(command, str) else ""
        script = _script(command, handler.get("args"))
        where = script or source
        text = (read(script) if script else None) or command
        if matcher in (None, "", "*") and not only and "command" not in text:
            continue  # a hook on every tool that never reads the command line blocks no command
        if only and _BLOCKS.search(text):
            found.append((_from_permission(only.group(1)), where))
        found += [(pattern, where) for pattern in patterns(text)]
    return found


def _names_bash(matcher: str) -> bool:
    if re.fullmatch(r"[\w\s,|-]+", matcher):
        return "Bash" in re.split(r"[\s,|]+", matcher)
    try:
        return re.search(matcher, "Bash") is not None
    except re.error:
        return False


def _script(command: str, args: object) -> str | None:
    """The repo file a hook command runs (`.claude/hooks/x.sh`, `python3 "$CLAUDE_PROJECT_DIR"/hooks/x.py`)."""
    try:
        words = (
            shlex.split(command) + [a for a in args if isinstance(a, str)]
            if isinstance(args, list)
            else shlex.split(command)
        )
    except ValueError:
        return None
    for word in words[:3]:
        word = re.sub(r"^\$\{?(?:CLAUDE_PROJECT_DIR|CLAUDE_PLUGIN_ROOT)\}?/", "", word).removeprefix("./")
        if "/" in word and re.search(r"\.(sh|bash|py|js|mjs|cjs|ts)$", word) and not word.startswith(("/", "$")):
            return word
    return None


def _from_permission(pattern: str) -> re.Pattern[str]:
    """`npm run test:*`, `npm *`: a permission rule's pattern, a prefix match of the command."""
    pattern = pattern.strip()
    if pattern.endswith(":*"):
        pattern = pattern[:-2] + "*"
    return re.compile("^" + _translated(pattern), re.S)


def patterns(text: str) -> list[re.Pattern[str]]:
    """The command patterns a hook script tests before a branch that blocks (exit 2 or deny)."""
    lines = text.splitlines()
    found: list[re.Pattern[str]] = []
    for index, line in enumerate(lines):
        if line.lstrip().startswith("#") or len(line) > MAX_LINE:
            continue  # a comment; a line longer than any hook's test (minified code) is not read
        if not _branch_blocks(lines, index):
            continue
        arm = _CASE_ARM.match(line)
        if arm and not line.lstrip().startswith(("if ", "[[", "case ", "*)")):
            found += [glob for g in re.split(r"\s*\|\s*", arm.group(1)) if (glob := _glob(g)) is not None]
        for hit in _GREP.finditer(line):
            found += _compiled(hit.group(2))
        for hit in _REGEX_TEST.finditer(line):
            found += _compiled(hit.group(2))
        for hit in _GLOB_TEST.finditer(line):
            glob = _glob(hit.group(1))
            found += [glob] if glob is not None else []
        for hit in (*_PY_RE.finditer(line), *_JS_RE.finditer(line)):
            found += _compiled(hit.group(hit.lastindex or 1))
        for hit in _STARTS.finditer(line):
            found.append(re.compile("^" + re.escape(hit.group(2))))
        for hit in _CONTAINS.finditer(line):
            found.append(re.compile(re.escape(hit.group(2) or hit.group(4))))
    return [p for p in found if not p.search("")][:MAX_PATTERNS]  # a pattern matching nothing in particular


def _branch_blocks(lines: list[str], index: int) -> bool:
    """This line's test leads to a block: `exit 2` on it, or on the next lines before its branch ends."""
    if _BLOCKS.search(lines[index]):
        return True
    for line in lines[index + 1 : index + 1 + WINDOW]:
        if _ENDS.match(line) and not _BLOCKS.search(line):
            return False
        if _BLOCKS.search(line):
            return True
    return False


def _glob(pattern: str) -> re.Pattern[str] | None:
    """A shell glob as the whole command matches it (`"cd "*`, `*"npm test"*`); None for a catch-all."""
    plain = re.sub(r"\"([^\"]*)\"|'([^']*)'", lambda m: (m.group(1) or m.group(2) or "").replace("*", "\0"), pattern)
    if not plain.strip("*?\0 ") or "$" in plain:
        return None
    return re.compile("^" + _translated(plain).replace("\0", r"\*") + "$", re.S)


def _translated(glob: str) -> str:
    """fnmatch's regex for a glob without its `(?s:...)\\Z` wrapper (the same on every supported Python)."""
    return re.sub(r"^\(\?s:(.*)\)\\[Zz]$", r"\1", fnmatch.translate(glob), flags=re.S)


_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{?]|\\\d|\(\?[<=!]")
MAX_REGEX = 200


def _compiled(regex: str) -> list[re.Pattern[str]]:
    """The repo's regex, when it is one that cannot run away: no quantified group holding a quantifier, no
    backreference or lookaround (the repo wrote it; it must not make skilldex slow), no shell variable."""
    if len(regex) > MAX_REGEX or _NESTED.search(regex) or re.search(r"\$\{?\w", regex):
        return []
    try:
        return [re.compile(regex)]
    except re.error:
        return []
