"""make: Makefile targets with their `## help` text or the comment lines above them, read as text."""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.make_vars import Defaults, note, references
from skilldex.scan.tasks.parsing import clean_description, join_commands, split_lines

MAKEFILES = ("Makefile", "makefile", "GNUmakefile")  # the names make reads without `-f`
HELP = "Lists the targets and what they do."  # a self-documenting Makefile's grep/awk/perl `help` target

_OPENERS = {"ifeq", "ifneq", "ifdef", "ifndef"}
_CONDITIONALS = _OPENERS | {"else", "endif"}
_DIRECTIVES = {"include", "-include", "sinclude", "vpath", "undefine", "unexport", "load", "-load"}
_DIRECTIVES |= {"export", "override", "private"}  # before an assignment, never a target
_DEFINE_PREFIXES = {"override", "export", "private"}


@dataclass
class Target(base.TaskDef):
    """A target, with (variable, default) of the variables its recipe uses that the Makefile gives a plain
    default (`ENV ?= staging`)."""

    defaults: tuple[tuple[str, str], ...] = ()


@dataclass
class _Rule:
    names: list[str]
    description: str
    line: int
    recipe: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)


def parse_makefile(text: str) -> list[Target]:
    """GNU Makefile targets in file order; variables, pattern and special targets skipped."""
    rules: list[_Rule] = []
    defaults = Defaults()
    conditional = 0  # how deep in ifeq/ifdef blocks the line is
    comments: list[str] = []  # the contiguous comment lines directly above the current line
    phony_gate: set[str] | None = None  # `.PHONY: x` between a comment and `x:` keeps it
    rule: _Rule | None = None  # the rule whose recipe lines may follow
    define_depth = 0
    prefix = "\t"
    for line_no, line in _logical_lines(text.lstrip("\ufeff")):
        if define_depth:
            define_depth += _define_step(line.split())
            continue
        if rule is not None and line.startswith(prefix):
            rule.recipe.append(line[len(prefix) :])
            continue
        stripped = line.strip()
        if not stripped:
            comments, phony_gate = [], None
            continue
        if stripped.startswith("#"):
            _add_comment(comments, stripped)
            continue
        words = stripped.split()
        if words[0] in _CONDITIONALS:  # may sit inside a recipe, so the rule stays open
            conditional = conditional + 1 if words[0] in _OPENERS else \
                max(conditional - (words[0] == "endif"), 0)
            comments, phony_gate = [], None
            continue
        if _define_step(words) > 0:
            define_depth, rule, comments = 1, None, []
            continue
        if words[0] in _DIRECTIVES:
            if words[0] in _DEFINE_PREFIXES and len(words) > 1:  # `export ENV ?= staging`
                kind, head, rest, operator = _classify(stripped[len(words[0]):].strip())
                if kind == "assign":
                    defaults.assign(head, operator, rest, bool(conditional), forced=words[0] == "override")
            rule, comments = None, []
            continue
        kind, head, rest, operator = _classify(stripped)
        if kind == "assign":
            if head == ".RECIPEPREFIX":
                prefix = rest[:1] or "\t"
            defaults.assign(head, operator, rest, bool(conditional))
            rule, comments = None, []
            continue
        if kind != "rule":
            rule, comments = None, []
            continue
        parsed = _rule_tail(rest)
        if parsed is None:  # `target: VAR = value` sets a variable, it does not define the target
            setting = rest.split("=", 1)[0].rstrip("?+!:").split()
            if setting:
                defaults.target_assign(_words(head), setting[-1])
            rule, comments = None, []
            continue
        prereqs, inline_recipe, help_text = parsed
        tokens = _words(head)
        if tokens == [".PHONY"]:
            phony_gate = (phony_gate or set()) | set(_words(prereqs))
            rule = None
            continue
        names = [token.rstrip("&") for token in tokens if _is_task_name(token)]
        if not help_text and comments and (phony_gate is None or phony_gate & set(names)):
            help_text = " ".join(c.removeprefix(_SECTION) for c in comments)
        rule = _Rule(names, clean_description(help_text), line_no, prerequisites=_words(prereqs.split("|", 1)[0]))
        if inline_recipe:
            rule.recipe.append(inline_recipe)
        if names:
            rules.append(rule)
        comments, phony_gate = [], None
    return _merge(rules, defaults)


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
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


def _define_step(words: list[str]) -> int:
    """+1 for a `define` line (optionally `override`/`export` prefixed), -1 for `endef`."""
    while len(words) > 1 and words[0] in _DEFINE_PREFIXES:
        words = words[1:]
    if not words:
        return 0
    if words[0] == "define":
        return 1
    return -1 if words[0] == "endef" else 0


_SECTION = "\0"  # marks a banner's title among the comments above a target
_BANNER = re.compile(r"^[=\-*~_+#]{3,}\s*|(?<!\s)\s*(?<![=\-*~_+#])[=\-*~_+#]{3,}$")  # one start per run


def _add_comment(comments: list[str], stripped: str) -> None:
    if stripped.startswith("##@"):  # a section header for `make help`, not a target's description
        comments.clear()
        return
    body = stripped.lstrip("#")
    body = body[1:] if body.startswith(">") else body  # the `#> text` variant
    banner = _BANNER.search(body.strip())
    body = _BANNER.sub("", body.strip())  # `# ===== Testing =====` -> `Testing`
    if not any(char.isalnum() for char in body):
        return  # rulers like `# ----` carry nothing
    if banner:  # a section's title: it describes the target only when no comment of its own follows
        comments[:] = [_SECTION + body.strip()]
    else:
        comments[:] = [c for c in comments if not c.startswith(_SECTION)] + [body.strip()]


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


def _classify(line: str) -> tuple[str, str, str, str]:
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


def _rule_tail(rest: str) -> tuple[str, str, str] | None:
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


def _words(text: str) -> list[str]:
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


def _is_task_name(token: str) -> bool:
    # Special targets and old-style suffix rules start with ".", pattern rules have "%", and
    # names built from variables cannot be known without expanding them.
    token = token.rstrip("&")  # `a b&: c` declares grouped targets
    return bool(token) and not token.startswith(".") and "%" not in token and "$" not in token


def _recipe_command(recipe: list[str]) -> str | None:
    return join_commands(line.strip().lstrip("@-+").strip() for line in recipe)


_AUTOMATIC_TARGET = re.compile(r"\$@|\$\(@\)|\$\{@\}")
# `@echo "--> Fetching release registry"`: the message a recipe opens with says what it does.
_ECHO = re.compile(r"""^[@+-]*\s*(?:echo|printf)\s+(?:-e\s+)?(["']?)([^"'$`\\\n]{8,160})\1\s*$""")
_ECHO_DECORATION = re.compile(r"^[\W_]+|[\s.:=>*-]+$")


def _echoed(recipe: list[str]) -> str:
    """The opening `echo` of a recipe as a description, arrows and dots trimmed; "" when it has none."""
    if not recipe:
        return ""
    match = _ECHO.match(recipe[0].strip())
    if not match:
        return ""
    text = _ECHO_DECORATION.sub("", match.group(2).strip())
    return clean_description(text) if len(text.split()) >= 2 else ""


_AGGREGATE = "\0"


def _aggregate(rule: _Rule) -> str:
    """`build: locale assets` with no recipe: what it does is make those targets."""
    names = [p for p in rule.prerequisites if _is_task_name(p) and "/" not in p and "." not in p]
    if rule.recipe or not names or len(names) != len(rule.prerequisites):
        return ""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return f"Makes {shown}."


def _merge(rules: list[_Rule], defaults: Defaults) -> list[Target]:
    """One task per name; the first definition with a description wins, commands fill gaps; the variables
    named are those of the recipe whose command is kept."""
    tasks: dict[str, Target] = {}
    guessed: dict[str, str] = {}  # from an opening echo or the prerequisites: used only when nothing says more
    for rule in rules:
        shared = _recipe_command(rule.recipe)
        used = references(rule.recipe)
        made = _aggregate(rule)
        guess = _echoed(rule.recipe) or (_AGGREGATE + made if made else "")
        for name in rule.names:
            command = _AUTOMATIC_TARGET.sub(name, shared) if shared else shared  # `./do.sh $@` for each target
            if guess:
                guessed.setdefault(name, guess)
            task = tasks.get(name)
            if task is None:
                tasks[name] = Target(name, rule.description, rule.line, command, defaults.used(name, used))
                continue
            if not task.description and rule.description:
                task.description, task.line = rule.description, rule.line
                if command:
                    task.command, task.defaults = command, defaults.used(name, used)
            elif task.command is None:
                task.command, task.defaults = command, defaults.used(name, used)
    for name, task in tasks.items():
        guess = guessed.get(name, "")
        if not task.description and guess and not (guess.startswith(_AGGREGATE) and task.command):
            task.description = guess.removeprefix(_AGGREGATE)  # "Makes x" only when nothing else is run
    return list(tasks.values())


class Runner(base.Runner):
    files = dict.fromkeys(MAKEFILES, parse_makefile)

    def run(self, fs: RepoFS, file: RepoFile, task: base.TaskDef) -> str:
        folder, name = posixpath.dirname(file.rel), shlex.quote(task.name)
        return f"make -C {shlex.quote(folder)} {name}" if folder else f"make {name}"

    def describe(self, task: base.TaskDef, run: str) -> str:
        description = super().describe(task, run) if task.description or task.name != "help" else HELP
        defaults = task.defaults if isinstance(task, Target) else ()
        return f"{description} {note(defaults, run)}".strip() if defaults else description
