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
from dataclasses import replace

from skilldex.doctor.places import shipped_skill_root
from skilldex.doctor.repo import Document, RepoContext
from skilldex.doctor.shell import UNKNOWN, Mention
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
            files = _answering_files(ctx, doc, mention)
            after = mention.after
            moved = after is not None
            if after is not None:  # an earlier block `cd`'d there: the reader may still stand in it, or came back
                if after == UNKNOWN or not ctx.fs.exists(after):
                    continue
                files = list(dict.fromkeys(_answering_files(ctx, doc, replace(mention, base=after)) + files))
            if not files:
                continue
            for path in files:
                if path not in known:
                    known[path] = _defined(ctx, path, mention.runner or "")
            found, names = files[0], known[files[0]]
            if (
                names is None
                or mention.target in names
                or _built_by_rule(ctx, found, mention)
                or (mention.runner == "make" and mention.target in generated)
                or (
                    (moved or _from_above(doc, mention))
                    and any((other := known[path]) is None or mention.target in other for path in files[1:])
                )
            ):
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
    """ "Add a `make lint` target": the doc asks for it, it does not promise it exists."""
    lines = doc.text.split("\n")
    line = lines[mention.line - 1] if 0 < mention.line <= len(lines) else ""
    return bool(_ADDING.search(line[: mention.column or 0]))


FROM_ROOT_LINES = 6  # "Run from repo root:", a blank line, the fence and a few commands
_FROM_ROOT = re.compile(
    r"\b(?:from|in|at) the (?:repo(?:sitory)?(?:'s)? |project(?:'s)? |top[- ]level )?root\b|"
    r"\bfrom (?:the )?(?:repo|repository|project) root\b",
    re.IGNORECASE,
)


def _from_above(doc: Document, mention: Mention) -> bool:
    """Whether a command in a subfolder's doc runs from a folder above: its script is named for the folder
    (`npm run extension:build` in extension/README.md), or the lines before it say "from the repo root"."""
    folder = posixpath.basename(posixpath.dirname(doc.rel)).lower()
    if folder and re.match(re.escape(folder) + r"[:\-_]", mention.target.lower()):
        return True
    lines = doc.text.split("\n")
    return bool(_FROM_ROOT.search(" ".join(lines[max(0, mention.line - FROM_ROOT_LINES) : mention.line])))


def _built_by_rule(ctx: RepoContext, path: str, mention: Mention) -> bool:
    """`make hello` next to hello.c: make's built-in rules build it without a target."""
    if mention.runner != "make":
        return False
    return any(f.name.split(".", 1)[0] == mention.target for f in ctx.fs.files_in(posixpath.dirname(path)))


def _answering_files(ctx: RepoContext, doc: Document, mention: Mention) -> list[str]:
    """The Makefiles or package.json files the command may read, nearest first: the one of the folder it runs
    in, then (with no `cd` before it) the root's, where its reader may stand."""
    folder = posixpath.dirname(doc.rel) if doc.kind != "workflow" else ""
    if mention.base is not None:
        folders = [mention.base] + ([posixpath.join(folder, mention.base)] if folder else [])
    else:
        folders = [folder, ""]
    names = [mention.file] if mention.file else MAKEFILES if mention.runner == "make" else ("package.json",)
    found: list[str] = []
    for where in dict.fromkeys(folders):
        for name in names:
            path = posixpath.normpath(posixpath.join(where, name))
            if not path.startswith("..") and ctx.fs.file(path) is not None:
                found.append(path)
                break
    return found


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
