"""Which flags change things: the mutating word list, dry-run switches, and merging flag lists."""

from __future__ import annotations

import re
from collections.abc import Iterable

from skilldex.models import Flag

MAX_FLAGS = 200

# Flag names (dashes stripped, lowercase, "_" read as "-") that switch a tool from looking to changing.
MUTATING_WORDS = frozenset(
    {
        "mutate",
        "mutating",
        "mutations",
        "apply",
        "force",
        "write",
        "writes",
        "execute",
        "exec",
        "commit",
        "yes",
        "assume-yes",
        "confirm",
        "no-confirm",
        "no-dry-run",
        "no-dryrun",
        "delete",
        "destroy",
        "destructive",
        "drop",
        "prune",
        "purge",
        "overwrite",
        "fix",
        "autofix",
        "push",
        "deploy",
        "migrate",
        "run",
        "wet-run",
        "wet",
        "live",
        "for-real",
        "really",
        "i-know-what-im-doing",
        "i-know-what-i-am-doing",
        "i-am-sure",
        "wipe",
        "truncate",
        "reset",
        "remove",
        "rm",
        "clean",
        "publish",
        "release",
        "upload",
        "update",
        "upgrade",
        "install",
        "uninstall",
        "in-place",
        "inplace",
        "rewrite",
        "save",
        "kill",
        "rollback",
        "restore",
        "seed",
        "ddl",
    }
)
# "--apply-migrations" style: these verbs mean a change whatever follows them.
MUTATING_PREFIXES = (
    "apply-",
    "force-",
    "write-",
    "delete-",
    "destroy-",
    "drop-",
    "prune-",
    "purge-",
    "overwrite-",
    "fix-",
    "push-",
    "migrate-",
    "mutate-",
    "wipe-",
    "truncate-",
    "remove-",
)
# Qualifiers that leave the meaning of the rest unchanged ("--allow-writes", "--really-delete").
PERMISSION_PREFIXES = ("allow-", "enable-", "do-", "really-", "i-want-to-")
NOT_MUTATING = frozenset({"force-color", "force-colors", "force-colour", "force-tty", "force-interactive"})
# A switch that previews instead of acting: the tool changes things when it is absent.
DRY_RUN_WORDS = frozenset(
    {
        "dry-run",
        "dryrun",
        "dry",
        "noop",
        "no-op",
        "simulate",
        "pretend",
        "what-if",
        "whatif",
        "just-print",
        "no-act",
        "recon",
        "check",
        "check-only",
        "no-write",
        "no-changes",
        "read-only",
        "readonly",
    }
)
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
    by_name: dict[str, Flag] = {}
    for group in groups:
        for flag in group:
            names = [n for n in dict.fromkeys(flag.flags) if n]
            target = next((by_name[n] for n in names if n in by_name), None)
            if not names:
                continue
            if target is None:
                target = Flag(flags=names, help=flag.help or None)
                out.append(target)
            else:
                target.flags.extend(n for n in names if n not in target.flags)
                target.help = target.help or flag.help or None
            by_name.update(dict.fromkeys(names, target))
    return out
