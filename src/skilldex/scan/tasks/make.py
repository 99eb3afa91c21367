"""make: Makefile targets with their `## help` text or the comment lines above them, read as text."""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass, field

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks import make_syntax as syntax
from skilldex.scan.tasks.make_vars import Defaults, note, programs, references
from skilldex.scan.tasks.parsing import clean_description, join_commands

MAKEFILES = ("Makefile", "makefile", "GNUmakefile")  # the names make reads without `-f`
HELP = "Lists the targets and what they do."  # a self-documenting Makefile's grep/awk/perl `help` target

_OPENERS = {"ifeq", "ifneq", "ifdef", "ifndef"}
_CONDITIONALS = _OPENERS | {"else", "endif"}
_DIRECTIVES = {"include", "-include", "sinclude", "vpath", "undefine", "unexport", "load", "-load"}
_DIRECTIVES |= {"export", "override", "private"}  # before an assignment, never a target


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
    for line_no, line in syntax.logical_lines(text.lstrip("\ufeff")):
        if define_depth:
            define_depth += syntax.define_step(line.split())
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
            conditional = conditional + 1 if words[0] in _OPENERS else max(conditional - (words[0] == "endif"), 0)
            comments, phony_gate = [], None
            continue
        if syntax.define_step(words) > 0:
            define_depth, rule, comments = 1, None, []
            continue
        if words[0] in _DIRECTIVES:
            if words[0] in syntax.DEFINE_PREFIXES and len(words) > 1:  # `export ENV ?= staging`
                kind, head, rest, operator = syntax.classify(stripped[len(words[0]) :].strip())
                if kind == "assign":
                    defaults.assign(head, operator, rest, bool(conditional), forced=words[0] == "override")
            rule, comments = None, []
            continue
        kind, head, rest, operator = syntax.classify(stripped)
        if kind == "assign":
            if head == ".RECIPEPREFIX":
                prefix = rest[:1] or "\t"
            defaults.assign(head, operator, rest, bool(conditional))
            rule, comments = None, []
            continue
        if kind != "rule":
            rule, comments = None, []
            continue
        parsed = syntax.rule_tail(rest)
        if parsed is None:  # `target: VAR = value` sets a variable, it does not define the target
            setting = rest.split("=", 1)[0].rstrip("?+!:").split()
            if setting:
                defaults.target_assign(syntax.words(head), setting[-1])
            rule, comments = None, []
            continue
        prereqs, inline_recipe, help_text = parsed
        tokens = syntax.words(head)
        if tokens == [".PHONY"]:
            phony_gate = (phony_gate or set()) | set(syntax.words(prereqs))
            rule = None
            continue
        names = [token.rstrip("&") for token in tokens if syntax.is_task_name(token)]
        if not help_text and comments and (phony_gate is None or phony_gate & set(names)):
            help_text = " ".join(c.removeprefix(_SECTION) for c in comments)
        rule = _Rule(names, clean_description(help_text), line_no, prerequisites=syntax.words(prereqs.split("|", 1)[0]))
        if inline_recipe:
            rule.recipe.append(inline_recipe)
        if names:
            rules.append(rule)
        comments, phony_gate = [], None
    return _merge(rules, defaults)


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
    names = [p for p in rule.prerequisites if syntax.is_task_name(p) and "/" not in p and "." not in p]
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
        shared = _recipe_command([programs(line, defaults) for line in rule.recipe])
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
