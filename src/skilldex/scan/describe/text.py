"""Text helpers shared by the describers: paragraphs, clipping, option lines, mutating flags."""

from __future__ import annotations

import re
from collections.abc import Iterable

from skilldex.models import Flag

MAX_DESCRIPTION_CHARS = 400
MAX_USAGE_CHARS = 4000

# Flag names (dashes stripped, lowercase, "_" read as "-") that switch a tool from looking to changing.
MUTATING_WORDS = frozenset({
    "mutate", "mutating", "mutations", "apply", "force", "write", "writes", "execute", "exec",
    "commit", "yes", "assume-yes", "confirm", "no-confirm", "no-dry-run", "no-dryrun", "delete",
    "destroy", "destructive", "drop", "prune", "purge", "overwrite", "fix", "autofix", "push",
    "deploy", "migrate", "run", "wet-run", "wet", "live", "for-real", "really",
    "i-know-what-im-doing", "i-know-what-i-am-doing", "i-am-sure", "wipe", "truncate", "reset",
    "remove", "rm", "clean", "publish", "release", "upload", "update", "upgrade", "install",
    "uninstall", "in-place", "inplace", "rewrite", "save", "kill", "rollback", "restore", "seed",
    "ddl",
})
# "--apply-migrations" style: these verbs mean a change whatever follows them.
MUTATING_PREFIXES = (
    "apply-", "force-", "write-", "delete-", "destroy-", "drop-", "prune-", "purge-", "overwrite-",
    "fix-", "push-", "migrate-", "mutate-", "wipe-", "truncate-", "remove-",
)
# Qualifiers that leave the meaning of the rest unchanged ("--allow-writes", "--really-delete").
PERMISSION_PREFIXES = ("allow-", "enable-", "do-", "really-", "i-want-to-")
NOT_MUTATING = frozenset({"force-color", "force-colors", "force-colour", "force-tty", "force-interactive"})
# A switch that previews instead of acting: the tool changes things when it is absent.
DRY_RUN_WORDS = frozenset({
    "dry-run", "dryrun", "dry", "noop", "no-op", "simulate", "pretend", "what-if", "whatif",
    "just-print", "no-act", "recon", "check", "check-only", "no-write", "no-changes", "read-only",
    "readonly",
})
HELP_FLAGS = frozenset({"-h", "--help", "-help", "-?", "/?"})

_MUTATING_HELP = re.compile(
    r"\b(?:actually|really)\s+(?:apply|write|delete|run|execute|perform|make|change|modify|commit"
    r"|push|do)\b|\ballow\s+(?:insert|update|delete|drop|ddl|writes?|mutations?|changes"
    r"|modifications|destructive)\b|\bdisable\s+(?:the\s+)?dry[- ]?run\b",
    re.IGNORECASE,
)
_DRY_HELP = re.compile(
    r"\bdry[- ]?run\b|\bdo(?:n'?t| not)\s+(?:actually\s+)?(?:write|change|modify|apply|delete"
    r"|make|commit|push|execute|run)\b|\bwithout\s+(?:making|applying|writing)\b|\bwhat\s+would\b",
    re.IGNORECASE,
)
_FORCE_HELP = re.compile(r"\b(?:force|overwrite)", re.IGNORECASE)

_OPT_TOKEN = (
    r"-{1,2}[A-Za-z?][\w.?-]*(?:=\S*|\[=[^\]\s]*\]"
    r"|[ ](?:<[^<>\n]*>|\[[^\[\]\n]*\]|\{[^{}\n]*\}|[A-Z][A-Z0-9_-]*(?!\w)))?"
)
OPTION_LINE = re.compile(rf"^(\s*)({_OPT_TOKEN}(?:\s*[,|/]\s*{_OPT_TOKEN}|\s+{_OPT_TOKEN})*)(.*)$")
_NAME = re.compile(r"-{1,2}[A-Za-z?][\w.?-]*")
USAGE_LINE = re.compile(r"^\s*(?:usage|synopsis)\b\s*(?::|$)", re.IGNORECASE)
SECTION_LINE = re.compile(
    r"^\s*(?:options|optional arguments|positional arguments|arguments|args|flags|commands"
    r"|subcommands|examples?|environment(?: variables)?|env|exit (?:status|codes)|see also|notes?"
    r"|requirements|dependencies|output|returns|author|authors)\s*:?\s*$"
    r"|^\s*(?:options|arguments|flags|commands|examples?|environment|notes?|requires)\s*:",
    re.IGNORECASE,
)
_META_LINE = re.compile(
    r"^\s*(?:(?:author|authors|date|created|modified|updated|last[ -]modified|version|maintainer"
    r"|e-?mail|script|name|file|filename|revision|owner|license)\s*:|copyright\b|©|\(c\)\s*\d"
    r"|spdx-|all rights reserved)",
    re.IGNORECASE,
)
_KEY_LINE = re.compile(r"^\s*[A-Za-z][\w -]{0,30}:(?:\s|$)")
_DESCRIPTION_KEY = re.compile(r"^\s*(?:description|purpose|summary|about|desc)\s*:\s*(.*)$", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"(?:copyright\b|\(c\)|©|spdx-|licensed\b|license:|@license|all rights reserved"
    r"|this (?:file|program|software|library|script) is (?:part of|free software|licensed"
    r"|distributed)|permission is hereby granted|the above copyright|you may not use"
    r"|unless required by|distributed under|you should have received|redistribution and use"
    r"|the software is provided|https?://\S+$)",
    re.IGNORECASE,
)


def collapse(text: str) -> str:
    return " ".join(text.split())


def clip(text: str, limit: int = MAX_DESCRIPTION_CHARS) -> str:
    """One line of at most `limit` characters, cut after a sentence or else a word (marked `…`)."""
    text = collapse(text)
    if len(text) <= limit:
        return text
    head = text[:limit]
    sentence = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    if sentence >= limit // 2:
        return head[: sentence + 1]
    space = head.rfind(" ", 0, limit - 1)
    head = head[:space] if space > 0 else head[: limit - 1]
    return head.rstrip(" ,;:-") + "…"


def clip_usage(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    text = "\n".join(_dedent(lines)).strip("\n")
    if len(text) > MAX_USAGE_CHARS:
        cut = text.rfind("\n", 0, MAX_USAGE_CHARS)
        text = text[: cut if cut > 0 else MAX_USAGE_CHARS] + "\n…"
    return text


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] for line in lines]


def paragraphs(lines: Iterable[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line.rstrip())
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _prose(par: list[str]) -> str:
    """The prose of a paragraph: usage lines, section headings, option lists and metadata removed."""
    kept: list[str] = []
    skip_below: int | None = None
    for line in par:
        if skip_below is not None and _indent(line) > skip_below:
            continue
        skip_below = None
        if USAGE_LINE.match(line) or SECTION_LINE.match(line) or OPTION_LINE.match(line):
            if kept:
                break
            skip_below = _indent(line)
        elif not _META_LINE.match(line):
            kept.append(line)
    return collapse(" ".join(kept))


def strip_name(text: str, names: Iterable[str]) -> str:
    """`deploy.sh - Deploy the app` -> `Deploy the app`; a bare name says nothing."""
    for name in names:
        if not name:
            continue
        if text.lower() == name.lower():
            return ""
        match = re.match(rf"{re.escape(name)}\s*(?:[-:—–]|--)\s+(.*)$", text, re.IGNORECASE)
        if match:
            return match.group(1)
    return text


def prose_description(lines: list[str], names: Iterable[str] = ()) -> str:
    """The first paragraph of `lines` that describes rather than licenses, lists or shows usage."""
    names = [n for n in names if n]
    for index, line in enumerate(lines):
        match = _DESCRIPTION_KEY.match(line)
        if match:  # a `Description: ...` field beats free text
            parts = [match.group(1)]
            for more in lines[index + 1 :]:
                if not more.strip() or _KEY_LINE.match(more):
                    break
                parts.append(more)
            return collapse(" ".join(parts))
    for par in paragraphs(lines):
        text = strip_name(_prose(par), names)
        if text and not _BOILERPLATE.match(text):
            return text
    return ""


def usage_block(lines: list[str]) -> str | None:
    """The `Usage:` line of some text and the lines that continue it (indented, or up to a blank)."""
    for index, line in enumerate(lines):
        if not USAGE_LINE.match(line):
            continue
        bare = not line.split(":", 1)[-1].strip() if ":" in line else True
        block = [line]
        for more in lines[index + 1 :]:
            if bare and len(block) == 1 and not more.strip():
                continue  # "Usage:" then a blank line, then the forms
            if not more.strip() or not (bare or _indent(more) > _indent(line)):
                break
            block.append(more)
        return "\n".join(block) if len(block) > 1 or not bare else None
    return None


def options_from_text(text: str) -> list[Flag]:
    """Flags documented as option lines (`  -f, --force   overwrite files`) in help or usage text."""
    flags: list[Flag] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = OPTION_LINE.match(line[:1000])
        if not match:
            continue
        rest = match.group(3)
        if rest and not re.match(r"\s|[:=]", rest):
            continue
        names = _NAME.findall(match.group(2))
        help_parts = [re.sub(r"^[\s:=—–-]+", "", rest).strip()] if rest.strip() else []
        for following in lines[index + 1 : index + 6]:
            if not following.strip() or _indent(following) <= _indent(line) or OPTION_LINE.match(following):
                break
            help_parts.append(following.strip())
        flags.append(Flag(flags=names, help=collapse(" ".join(help_parts)) or None))
    return flags


def _norm(name: str) -> str:
    return name.lstrip("-+/").lower().replace("_", "-")


def _word_kind(word: str) -> str | None:
    for prefix in PERMISSION_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix):
            word = word[len(prefix) :]
    if word in NOT_MUTATING:
        return None
    if word in MUTATING_WORDS:
        return "mutating"
    if word in DRY_RUN_WORDS or "dry-run" in word or "dryrun" in word:
        return "dry-run"
    if word.startswith("no-") and (word[3:] in MUTATING_WORDS or word[3:].startswith(MUTATING_PREFIXES)):
        return "dry-run"  # --no-push: the tool pushes unless told not to
    if word.startswith(MUTATING_PREFIXES):
        return "mutating"
    return None


def classify(names: list[str], help: str | None) -> str | None:
    """'mutating', 'dry-run' (a switch that previews: the tool changes things) or None."""
    for name in names:  # the first name that means something decides: --dry-run/--no-dry-run previews
        kind = _word_kind(_norm(name))
        if kind:
            return kind
    long_names = [n for n in names if len(_norm(n)) > 1]
    if not long_names:
        letters = {_norm(n) for n in names}
        if "y" in letters:
            return "mutating"
        if "f" in letters and help and _FORCE_HELP.search(help):
            return "mutating"
    if help and _MUTATING_HELP.search(help):
        return "mutating"
    if help and _DRY_HELP.search(help):
        return "dry-run"
    return None


def merge_flags(*groups: Iterable[Flag]) -> list[Flag]:
    """One Flag per option: entries sharing a name are joined, the first help text wins."""
    out: list[Flag] = []
    for group in groups:
        for flag in group:
            names = [n for n in dict.fromkeys(flag.flags) if n]
            if not names:
                continue
            target = next((o for o in out if set(o.flags) & set(names)), None)
            if target is None:
                out.append(Flag(flags=names, help=flag.help or None))
            else:
                target.flags.extend(n for n in names if n not in target.flags)
                target.help = target.help or flag.help or None
    return out


def finish(info):
    """Clip text, drop --help, mark mutating flags and the tool (ToolInfo in, same ToolInfo out)."""
    flags = []
    dry_run = False
    for flag in merge_flags(info.flags):
        if set(flag.flags) <= HELP_FLAGS:
            continue
        help_text = collapse(flag.help) if flag.help else None
        kind = classify(flag.flags, help_text)
        dry_run = dry_run or kind == "dry-run"
        flags.append(Flag(flags=flag.flags, help=help_text or None, mutating=kind == "mutating"))
    info.flags = flags
    info.mutating = dry_run or any(f.mutating for f in flags)
    info.description = clip(info.description or "")
    if not info.description:
        info.description_source = None
    info.usage = clip_usage(info.usage)
    info.subcommands = [s for s in dict.fromkeys(info.subcommands) if s]
    return info
