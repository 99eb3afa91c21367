"""JavaScript/TypeScript tools, read with regexes: leading comment, commander, yargs, meow, parseArgs."""

from __future__ import annotations

import bisect
import itertools
import re

from skilldex.models import Flag
from skilldex.scan.describe.base import MAX_TEXT_CHARS, ToolInfo
from skilldex.scan.describe.flags import merge_flags
from skilldex.scan.describe.text import (
    options_from_text,
    prose_description,
    synopsis_flags,
    usage_block,
)

MAX_CHARS = MAX_TEXT_CHARS
MAX_LEADING_COMMENTS = 10
MAX_OBJECT_CHARS = 4000
MAX_OBJECTS = 50  # object literals scanned per file, each up to MAX_OBJECT_CHARS

# template literals span lines, so their length is bounded to keep unterminated ones cheap
_STR = r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.){0,4000}`"""
_STRS = rf"(?:{_STR})(?:\s*\+\s*(?:{_STR}))*"
_CALL = re.compile(rf"\.(command|description|summary|option|requiredOption|usage|name|scriptName)\(\s*({_STRS}|\[)")
_NEXT_STR = re.compile(rf"\s*,\s*({_STRS})")
_NEW_OPTION = re.compile(rf"\bnew\s+Option\(\s*({_STRS})(?:\s*,\s*({_STRS}))?")
_BOUNDARY = re.compile(r";|\n(?=[ \t]*[^\s.])")
_DASHED = re.compile(r"-{1,2}[A-Za-z0-9][\w-]*")
_DIRECTIVE = re.compile(
    r"^\s*(?:eslint|global\s|globals\s|jshint|jslint|istanbul|c8\s|@ts-|@flow|prettier-ignore|deno-"
    r"|tslint|biome-ignore|<reference|#region|#endregion|@jsx|@vitest-environment|@jest-environment)"
)
_PREAMBLE = re.compile(r"\s+|(['\"])use strict\1;?")
_TAG = re.compile(r"^@(\w+)\s*(.*)$")
KEPT_TAGS = {"file", "fileoverview", "overview", "description", "desc", "summary", "brief"}
_MEOW = re.compile(rf"\bmeow\(\s*(`(?:[^`\\]|\\.){{0,{MAX_OBJECT_CHARS * 4}}}`)")
_ARGV_TEST = re.compile(r"(?:\.includes\(\s*|\.indexOf\(\s*|===?\s*)([\"'])(--[A-Za-z][\w-]*)\1")
# `case '-i': case '--inc':` in a hand-written argv loop: one option per run of cases
_CASE_RUN = re.compile(r"(?:\bcase\s+([\"'])-{1,2}[A-Za-z][\w-]*\1\s*:\s*)+")
_OBJECT_ENTRY = re.compile(rf"(?:({_STR})|(?<![\w$])([A-Za-z_$][\w$]*))\s*:\s*\{{([^{{}}]*)\}}")


def unquote(literal: str) -> str:
    """The value of JS string literals joined with `+` (escapes decoded, templates kept raw)."""
    parts = re.findall(_STR, literal)
    escapes = {"n": "\n", "t": "\t", "r": ""}
    return "".join(re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), part[1:-1]) for part in parts)


def describe(filename: str, text: str, language: str = "javascript") -> ToolInfo:
    info = ToolInfo(language=language)
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    names = [base, base.split(".", 1)[0]]
    comment_usage = None
    for lines, source in _leading_comments(text):
        comment_usage = comment_usage or usage_block(lines)
        info.flags += options_from_text("\n".join(lines))
        if not info.description:
            info.description = prose_description(lines, names)
            info.description_source = source if info.description else None
    program = _program(text, base)
    if program["description"]:
        info.description, info.description_source = program["description"], program["framework"]
    meow = _MEOW.search(text)
    meow_help = meow.group(1)[1:-1] if meow else None  # a template literal: printed as written
    declared_usage: str | None = program["usage"] or meow_help
    info.usage = declared_usage or comment_usage
    if not info.description and declared_usage:
        info.description = prose_description(declared_usage.split("\n"), names)
        info.description_source = "usage" if info.description else None
    info.subcommands = program["subcommands"]
    info.flags = merge_flags(
        program["flags"],
        _parse_args_flags(text),
        [Flag(flags=[m.group(2)]) for m in _ARGV_TEST.finditer(text)],
        [Flag(flags=re.findall(r"-{1,2}[A-Za-z][\w-]*", m.group(0))) for m in _CASE_RUN.finditer(text)],
        options_from_text(meow_help or ""),
        info.flags,
        synopsis_flags(info.usage or ""),
    )
    return info


def _leading_comments(text: str):
    """Yield (lines, source) for each comment before the first statement (after a shebang)."""
    position = text.find("\n") + 1 if text.startswith("#!") else 0
    for _ in range(MAX_LEADING_COMMENTS):
        while True:
            match = _PREAMBLE.match(text, position)
            if not match or match.end() == position:
                break
            position = match.end()
        if text.startswith("/*", position):
            end = text.find("*/", position + 2)
            end = len(text) if end < 0 else end
            body, position = text[position + 2 : end], end + 2
            lines = _block_lines(body)
            if lines is not None:
                yield lines, "jsdoc"
        elif text.startswith("//", position):
            lines = []
            while text.startswith("//", position):
                end = text.find("\n", position)
                end = len(text) if end < 0 else end
                line = re.sub(r"^//+!? ?", "", text[position:end])
                if not _DIRECTIVE.match(line):
                    lines.append(line)
                position = end + 1
                while text.startswith((" ", "\t"), position):
                    position += 1
            yield lines, "header-comment"
        else:
            return


def _block_lines(body: str) -> list[str] | None:
    body = body[1:] if body[:1] in ("*", "!") else body
    if _DIRECTIVE.match(body):
        return None
    lines, keep = [], True
    for raw in body.split("\n"):
        line = re.sub(r"^\s*\*+ ?", "", raw).rstrip()
        tag = _TAG.match(line.strip())
        if tag:  # JSDoc tags: @file/@fileoverview text is the description, the others are dropped
            keep = tag.group(1).lower() in KEPT_TAGS
            line = tag.group(2)
        if keep:
            lines.append(line)
    return lines


def _program(text: str, base: str) -> dict:
    """commander/yargs chains: the root program's description and usage, subcommands, options."""
    boundaries = [m.start() for m in _BOUNDARY.finditer(text)]
    sub_variables: set[str] = set()
    found: dict = {"description": None, "usage": None, "name": None, "subcommands": [], "flags": []}
    yargs = re.search(r"\byargs\b", text) is not None
    for match in _CALL.finditer(text):
        method, literal = match.group(1), match.group(2)
        before = bisect.bisect_left(boundaries, match.start())  # boundaries ahead of this call
        head = text[boundaries[before - 1] + 1 if before else 0 : match.start()]
        receiver = re.match(r"\s*(?:(?:export\s+)?(?:const|let|var)\s+(\w+)\s*=\s*)?(?:await\s+)?(\w+)", head)
        on_sub = ".command(" in head or (receiver is not None and receiver.group(2) in sub_variables)
        if method == "command":
            if receiver and receiver.group(1):
                sub_variables.add(receiver.group(1))
            if literal == "[":
                first = re.compile(rf"\s*({_STR})").match(text, match.end())
                literal = first.group(1) if first else ""
            name = re.match(r"[\w:.-]+", unquote(literal).strip())
            if name:
                found["subcommands"].append(name.group(0))
        elif literal == "[":
            continue
        elif method in ("option", "requiredOption"):
            found["flags"].append(_option(text, match.end(), unquote(literal)))
        elif not on_sub and method in ("description", "summary") and found["description"] is None:
            found["description"] = unquote(literal)
        elif not on_sub and method in ("name", "scriptName") and found["name"] is None:
            found["name"] = unquote(literal)
        elif not on_sub and method == "usage" and found["usage"] is None:
            found["usage"] = unquote(literal)
    for match in _NEW_OPTION.finditer(text):
        help_text = unquote(match.group(2)) if match.group(2) else None
        found["flags"].append(Flag(flags=_DASHED.findall(unquote(match.group(1))), help=help_text))
    prog = found["name"] or base
    usage = found["usage"]
    if usage is not None:
        usage = usage.replace("$0", prog)
        if not yargs and not usage.lower().startswith("usage"):
            usage = f"Usage: {prog} {usage}"  # commander prints its usage after "Usage: <name>"
    found["usage"] = usage
    found["framework"] = "yargs" if yargs else "commander"
    return found


def _option(text: str, end: int, first: str) -> Flag:
    """`.option('-f, --force', 'help')` (commander) or `.option('force', {describe: ...})` (yargs)."""
    if first.lstrip().startswith("-"):
        after = _NEXT_STR.match(text, end)
        return Flag(flags=_DASHED.findall(first), help=unquote(after.group(1)) if after else None)
    names = [f"-{first}" if len(first) == 1 else f"--{first}"]
    body = _object_after(text, end)
    described = re.search(rf"\b(?:describe|description|desc)\s*:\s*({_STRS})", body)
    alias = re.search(rf"\balias\s*:\s*(\[[^\]]*\]|{_STR})", body)
    for name in re.findall(_STR, alias.group(1)) if alias else []:
        name = unquote(name)
        names.append(f"-{name}" if len(name) == 1 else f"--{name}")
    return Flag(flags=names, help=unquote(described.group(1)) if described else None)


def _object_after(text: str, end: int) -> str:
    """The `{...}` literal starting at or just after `end` (balanced braces, bounded)."""
    match = re.compile(r"\s*,?\s*\{").match(text, end)
    if not match:
        return ""
    depth, start = 0, match.end() - 1
    for index in range(start, min(len(text), start + MAX_OBJECT_CHARS)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start : index + 1]
    return text[start : start + MAX_OBJECT_CHARS]


def _parse_args_flags(text: str) -> list[Flag]:
    """node:util `parseArgs({options: {force: {type: 'boolean', short: 'f'}}})`."""
    if "parseArgs" not in text:
        return []
    flags: list[Flag] = []
    for match in itertools.islice(re.finditer(r"\boptions\s*[:=]\s*(?=\{)", text), MAX_OBJECTS):
        body = _object_after(text, match.end())[1:-1]
        for entry in _OBJECT_ENTRY.finditer(body):
            name = unquote(entry.group(1)) if entry.group(1) else entry.group(2)
            short = re.search(rf"\bshort\s*:\s*({_STR})", entry.group(3))
            names = [f"--{name}"] + ([f"-{unquote(short.group(1))}"] if short else [])
            flags.append(Flag(flags=names))
    return flags
