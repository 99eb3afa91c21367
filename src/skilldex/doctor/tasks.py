"""Make targets and package.json scripts that docs run but the repo does not define (SKD615).

Precision first: a Makefile is judged only when its targets can all be read from it (no `include` of other
makefiles, no targets named by variables, no catch-all `%:` rule), and a command is checked against the one file
that answers it, found the way the shell would: the folder a `cd`, `working-directory` or `make -C` names, else
the doc's own folder, else the repo root. No such file: nothing to say (it may be generated, or another repo's).
"""

from __future__ import annotations

import difflib
import json
import posixpath
import re

from skilldex.doctor.places import shipped_skill_root
from skilldex.doctor.repo import Document, RepoContext
from skilldex.doctor.shell import Mention
from skilldex.models import Finding
from skilldex.rules import doctor as rules
from skilldex.scan.tasks.make import parse_makefile

MAKEFILES = ("GNUmakefile", "makefile", "Makefile")  # GNU make's own search order
_INCLUDE = re.compile(r"^[ \t]*-?s?include[ \t]+(.*)$", re.MULTILINE)
_ENV_FILE = re.compile(r"(?:^|/)\.?[\w.-]*env(?:\.[\w-]+)?$")  # `-include .env`: variables, never targets
# A rule whose target is built from a variable or a pattern (`$(BINS):`, `%:`, `build-%:`), or `.DEFAULT:`.
_UNKNOWN_RULE = re.compile(r"^(?:[^\t#=\n:$%]*[$%][^#=\n:]*|\.DEFAULT[ \t]*)::?(?!=)", re.MULTILINE)
_TEMPLATE_MAKEFILE = re.compile(r"^(?:GNUmakefile|[Mm]akefile)\.(?:jinja2?|j2|tmpl|tpl|template|mustache|hbs|ejs)$")
_ADDING = re.compile(r"\b(?:add|adds|adding|added|define|defines|defining|rename[sd]?|new)\b", re.IGNORECASE)


def check(ctx: RepoContext) -> list[Finding]:
    """SKD615 for every doc or workflow that runs a target or script its folder's file does not define."""
    known: dict[str, set[str] | None] = {}
    findings: list[Finding] = []
    generated = _templated_targets(ctx)
    for doc in ctx.documents:
        seen: dict[tuple[str, str], tuple[Mention, set[str], list[int]]] = {}
        if shipped_skill_root(doc.rel) is not None:
            continue  # `npm run dev` in a skill shipped to other projects runs in their package.json
        for mention in doc.mentions:
            if mention.kind != "task" or _adding(doc, mention):
                continue
            found = _answering_file(ctx, doc, mention)
            if found is None:
                continue
            if found not in known:
                known[found] = _defined(ctx, found, mention.runner or "")
            names = known[found]
            if names is None or mention.target in names or _built_by_rule(ctx, found, mention) or \
                    (mention.runner == "make" and mention.target in generated):
                continue
            first = seen.setdefault((found, mention.target), (mention, names, []))
            if mention.line != first[0].line and mention.line not in first[2]:
                first[2].append(mention.line)
        findings += [_finding(doc, m, path, names, lines) for (path, _), (m, names, lines) in seen.items()]
    return findings


def _templated_targets(ctx: RepoContext) -> set[str]:
    """Targets of Makefile templates (`template/Makefile.jinja`): a project template's docs speak of the
    Makefile it generates."""
    targets: set[str] = set()
    for file in ctx.fs.files:
        if _TEMPLATE_MAKEFILE.match(file.name):
            text = ctx.fs.read_text(file)
            targets |= {task.name for task in parse_makefile(text)} if text else set()
    return targets


def _adding(doc: Document, mention: Mention) -> bool:
    """"Add a `make lint` target": the doc asks for it, it does not promise it exists."""
    lines = doc.text.split("\n")
    line = lines[mention.line - 1] if 0 < mention.line <= len(lines) else ""
    return bool(_ADDING.search(line[: mention.column or 0]))


def _built_by_rule(ctx: RepoContext, path: str, mention: Mention) -> bool:
    """`make hello` next to hello.c: make's built-in rules build it without a target."""
    if mention.runner != "make":
        return False
    return any(f.name.split(".", 1)[0] == mention.target for f in ctx.fs.files_in(posixpath.dirname(path)))


def _answering_file(ctx: RepoContext, doc: Document, mention: Mention) -> str | None:
    """The repo path of the Makefile or package.json the command reads, if the repo has one there."""
    folder = posixpath.dirname(doc.rel) if doc.kind != "workflow" else ""
    if mention.base is not None:
        folders = [mention.base] + ([posixpath.join(folder, mention.base)] if folder else [])
    else:
        folders = [folder, ""] if folder else [""]
    names = [mention.file] if mention.file else MAKEFILES if mention.runner == "make" else ("package.json",)
    for where in dict.fromkeys(folders):
        for name in names:
            path = posixpath.normpath(posixpath.join(where, name))
            if not path.startswith("..") and ctx.fs.file(path) is not None:
                return path
    return None


def _defined(ctx: RepoContext, path: str, runner: str) -> set[str] | None:
    """Every target or script the file defines, or None when they cannot all be known from it alone."""
    file = ctx.fs.file(path)
    text = ctx.fs.read_text(file) if file is not None else None
    if text is None:
        return None
    if runner == "make":
        return _make_targets(text)
    try:
        scripts = json.loads(text).get("scripts")
    except (ValueError, AttributeError, RecursionError):
        return None
    return set(scripts) if isinstance(scripts, dict) else set()


def _make_targets(text: str) -> set[str] | None:
    for include in _INCLUDE.finditer(text):
        if not all(_ENV_FILE.search(word) for word in include.group(1).split("#", 1)[0].split()):
            return None  # targets may come from the included makefile
    if _UNKNOWN_RULE.search(text) or "$(eval" in text or "${eval" in text:
        return None
    return {task.name for task in parse_makefile(text)}


def _finding(doc: Document, mention: Mention, path: str, names: set[str], lines: list[int]) -> Finding:
    what = "target" if mention.runner == "make" else "script"
    command = f"make {mention.target}" if mention.runner == "make" else f"{mention.runner} run {mention.target}"
    message = f"runs `{command}`, but {path} defines no {what} '{mention.target}'"
    if lines:
        message += f"; also on line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
    close = difflib.get_close_matches(mention.target, sorted(names), n=1, cutoff=0.6)
    fix = None
    if close:
        message += f"; closest: '{close[0]}'"
        fix = f"Fix the {what} name (did you mean '{close[0]}'?), or add '{mention.target}' to {path}."
    return rules.MISSING_TASK.finding(doc.rel, message, mention.line, mention.column, fix=fix)
