"""PowerShell scripts: comment-based help (.SYNOPSIS, .PARAMETER) and the param() block."""

from __future__ import annotations

import re

from skilldex.models import Flag
from skilldex.scan.describe import shell
from skilldex.scan.describe.base import MAX_TEXT_CHARS, ToolInfo
from skilldex.scan.describe.text import prose_description

MAX_CHARS = MAX_TEXT_CHARS

MAX_PARAM_BLOCK_CHARS = 20_000

_KEYWORD = re.compile(r"^\s*\.([A-Za-z]+)\b[ \t]*(.*)$")
_PARAM = re.compile(r"(?<![\w$-])param\s*\(", re.IGNORECASE)
_DECLARED = re.compile(r"(?:^[ \t]*|[\](,]\s*)\$(\w+)", re.MULTILINE)  # ^\s* would rerun over every blank line


def describe(filename: str, text: str, language: str = "powershell") -> ToolInfo:
    sections = _help_sections(text)
    if not sections:
        info = shell.describe(filename, text, "powershell")
    else:
        info = ToolInfo(language="powershell")
        base = filename.replace("\\", "/").rsplit("/", 1)[-1]
        for key in ("SYNOPSIS", "DESCRIPTION"):
            info.description = prose_description(sections.get(key, []), [base, base.rsplit(".", 1)[0]])
            if info.description:
                info.description_source = "comment-help"
                break
    help_for = {
        key.split(" ", 1)[1].strip().lower(): " ".join(" ".join(v).split())
        for key, v in sections.items()
        if key.startswith("PARAMETER ")
    }
    for name in _parameters(text):
        info.flags.append(Flag(flags=[f"-{name}"], help=help_for.get(name.lower()) or None))
    if re.search(r"SupportsShouldProcess(?!\s*=\s*\$false)", text, re.IGNORECASE):
        # CmdletBinding(SupportsShouldProcess) gives the script -WhatIf: it changes things by default
        info.flags.append(Flag(flags=["-WhatIf"], help="Show what would happen without changing anything."))
    return info


def _help_sections(text: str) -> dict[str, list[str]]:
    """`.SYNOPSIS` / `.PARAMETER Name` sections of the first comment-based help block."""
    for block in _comment_blocks(text):
        lines = block.split("\n")
        if any(_KEYWORD.match(line) for line in lines):
            break
    else:
        head = text.split("\n")[:200]
        lines = [re.sub(r"^\s*# ?", "", line) for line in head if line.lstrip().startswith("#")]
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        keyword = _KEYWORD.match(line)
        if keyword:
            name = keyword.group(1).upper()
            if name == "PARAMETER":
                name = f"PARAMETER {keyword.group(2).strip()}"
            current = sections.setdefault(name, [])
            if not name.startswith("PARAMETER") and keyword.group(2).strip():
                current.append(keyword.group(2))
        elif current is not None:
            current.append(line)
    return sections


def _comment_blocks(text: str):
    """`<# ... #>` bodies, found with str.find so an unclosed `<#` costs one scan, not one per `<#`."""
    start = text.find("<#")
    while start >= 0:
        end = text.find("#>", start + 2)
        if end < 0:
            return
        yield text[start + 2 : end]
        start = text.find("<#", end + 2)


def _parameters(text: str) -> list[str]:
    """Names declared in the script's top `param(...)` block."""
    match = _PARAM.search(text)
    if not match:
        return []
    depth, start = 1, match.end()
    for index in range(start, min(len(text), start + MAX_PARAM_BLOCK_CHARS)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return list(dict.fromkeys(_DECLARED.findall(text[start:index])))
    return []
