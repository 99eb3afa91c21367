"""What a CLI tool is for, read statically from its source text (nothing is ever run or imported): the file's
language, then that language's describer from DESCRIBERS (`base.ToolInfo` is what each returns)."""

from __future__ import annotations

import posixpath
import re

from skilldex.models import Flag
from skilldex.scan.describe import go, javascript, php, powershell, python, ruby, shell
from skilldex.scan.describe.base import ToolInfo
from skilldex.scan.describe.flags import HELP_FLAGS, MAX_FLAGS, classify, merge_flags
from skilldex.scan.describe.text import clip, clip_usage, collapse

EXTENSIONS = {
    ".py": "python",
    ".pyw": "python",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".ksh": "shell",
    ".dash": "shell",
    ".fish": "shell",
    ".bats": "shell",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "typescript",
    ".rb": "ruby",
    ".pl": "perl",
    ".pm": "perl",
    ".ps1": "powershell",
    ".psm1": "powershell",
    ".php": "php",
    ".lua": "lua",
    ".tcl": "tcl",
    ".bat": "batch",
    ".cmd": "batch",
    ".go": "go",
}
INTERPRETERS = {
    "python": "python",
    "pypy": "python",
    "uv": "python",
    "uvx": "python",
    "pipx": "python",
    "sh": "shell",
    "bash": "shell",
    "zsh": "shell",
    "ksh": "shell",
    "dash": "shell",
    "ash": "shell",
    "mksh": "shell",
    "fish": "shell",
    "busybox": "shell",
    "node": "javascript",
    "nodejs": "javascript",
    "bun": "javascript",
    "zx": "javascript",
    "deno": "typescript",
    "ts-node": "typescript",
    "tsx": "typescript",
    "esno": "typescript",
    "ruby": "ruby",
    "jruby": "ruby",
    "perl": "perl",
    "pwsh": "powershell",
    "powershell": "powershell",
    "php": "php",
    "lua": "lua",
    "luajit": "lua",
    "tclsh": "tcl",
}
# The reader of each language (module: `MAX_CHARS` it reads, `describe(filename, text, language)`)
DESCRIBERS = {
    "python": python,
    "javascript": javascript,
    "typescript": javascript,
    "php": php,
    "go": go,
    "powershell": powershell,
    "ruby": ruby,
    "shell": shell,
    "perl": shell,
    "tcl": shell,  # comments and usage lines are shell's: `#` lines, `puts "Usage: ..."`
}
# Launchers whose first non-option argument is the real interpreter (`npx tsx`, `env -S node`).
LAUNCHERS = {"env", "npx", "pnpx", "bunx", "command", "exec"}


def _interpreter(text: str) -> str | None:
    first = text[:500].split("\n", 1)[0]
    if not first.startswith("#!"):
        return None
    nix = re.search(r"^#!\s*nix-shell\s+.*?-i\s+(\S+)", text[:2000], re.MULTILINE)
    words = nix.group(1).split() if nix else first[2:].split()
    while words:
        name = posixpath.basename(words[0].replace("\\", "/")).lower()
        name = re.sub(r"(?:\.exe)?$", "", name)
        words = words[1:]
        if name in LAUNCHERS:
            # skip options and VAR=value settings; `-S` just lets the rest of the line split
            while words and (words[0].startswith("-") or "=" in words[0]):
                words = words[1:]
            continue
        return re.sub(r"[\d.]+$", "", name) or name
    return None


def detect_language(filename: str, text: str) -> str:
    """From the file extension first, then the shebang line; 'unknown' when neither says."""
    extension = posixpath.splitext(filename.replace("\\", "/").rsplit("/", 1)[-1])[1].lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    interpreter = _interpreter(text.lstrip("\ufeff"))
    return INTERPRETERS.get(interpreter or "", "unknown")


def describe(filename: str, text: str) -> ToolInfo:
    """Everything the source says about the tool: purpose, usage, flags, subcommands, mutating."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    language = detect_language(filename, text)
    try:
        info = _dispatch(filename, text, language)
    except Exception as exc:  # a heuristic tripping on strange input must never stop a scan
        return ToolInfo(language=language, parse_error=(1, f"could not analyse the source: {exc!r}"))
    return finish(info)


def _dispatch(filename: str, text: str, language: str) -> ToolInfo:
    """The language's describer, on as much of the file as it reads; any other file that opens with a `#`
    comment is described by it, as a shell script's would be."""
    describer = DESCRIBERS.get(language) or (shell if text.startswith("#") else None)
    if describer is None:
        return ToolInfo(language=language)
    return describer.describe(filename, text[: describer.MAX_CHARS], language)


def finish(info: ToolInfo) -> ToolInfo:
    """Clip text, drop --help, merge duplicate flags, mark mutating flags and the tool (describe() does it;
    also for ToolInfo built elsewhere, such as a framework command's)."""
    flags, dry_run = [], False
    for flag in merge_flags(info.flags)[:MAX_FLAGS]:
        if set(flag.flags) <= HELP_FLAGS:
            continue
        help_text = collapse(flag.help) if flag.help else None
        kind = classify(flag.flags, help_text)
        dry_run = dry_run or kind == "dry-run"
        flags.append(Flag(flags=flag.flags, help=help_text or None, mutating=kind == "mutating"))
    info.flags = flags
    info.mutating = dry_run or any(f.mutating for f in flags)
    info.description = clip(info.description or "")
    info.description_source = info.description_source if info.description else None
    info.usage = clip_usage(info.usage)
    info.subcommands = [s for s in dict.fromkeys(info.subcommands) if s]
    return info
