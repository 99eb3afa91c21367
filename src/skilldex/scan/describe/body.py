"""Scripts with no header comment: the comment that opens their body, or what an exec-only wrapper runs.

Rails' generated `bin/setup` says what it is for inside `FileUtils.chdir APP_ROOT do` ("This script is a way
to set up or update your development environment automatically."), and `bin/dev` is often one line, `exec
foreman start -f Procfile.dev "$@"`, which says all there is to say.
"""

from __future__ import annotations

import re

from skilldex.scan.describe.text import prose_description

MAX_BODY_LINES = 60  # a comment further down explains a step, not the script
MAX_WRAPPER_LINES = 15  # code lines: past this a script does more than hand over
# A block that speaks of the script itself counts wherever it sits in the first lines.
_SELF = re.compile(r"\bthis (?:script|file|tool|program|command)\b|^(?:script|tool) (?:to|that|for)\b", re.I)
_BOILERPLATE = re.compile(
    r"^(?:add necessary [\w ]{0,30}steps to this file|add your own tasks? in files placed in)\b", re.IGNORECASE
)
# Lines that only prepare (options, requires, constants, the working folder): a comment right after them, set
# apart by a blank line, is the header written below them.
_PREAMBLE = re.compile(
    r"^(?:set\s+[-+]\w|shopt\s|cd\s|pushd\s|source\s|\.\s|trap\s|umask\s|IFS="
    r"|(?:export\s+|readonly\s+|declare\s+-\w+\s+)?[A-Za-z_]\w*="
    r"|require(?:_relative)?\b|load\s|[A-Z][A-Z0-9_]*\s*=|\$std(?:out|err)\.sync\b|STD(?:OUT|ERR)\.sync\b"
    r"|use\s+(?:strict|warnings|utf8)\b)"
)
_FORWARDED = re.compile(r'(?<!\s)\s+(?:"\$(?:@|\*|\{@\}|\{\*\})"|\$(?:@|\*|\{@\}|\{\*\}))\s*;?\s*$')
# After the literal: a comma, or the end of the call; each optional part takes its own spaces, so a run of
# spaces is not split three ways (`\s*\)?\s*;?\s*$` was cubic in it)
_RUBY_STRING = re.compile(r"""\s*(?:"((?:[^"\\#]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*(,|(?:\)\s*)?(?:;\s*)?$)""")


def body_comment(lines: list[str], names: list[str]) -> str:
    """The description in the first comment block of the body, when it is about the script: it says "this
    script", or it follows only preparation lines and stands apart from the code below it."""
    start = 1 if lines and lines[0].startswith("#!") else 0
    prepared = True  # only preparation lines so far
    index = start
    end = min(len(lines), start + MAX_BODY_LINES)
    while index < end:
        line = lines[index].strip()
        if not line.startswith("#") or line.startswith("#!"):
            prepared = prepared and (not line or bool(_PREAMBLE.match(line)))
            index += 1
            continue
        block: list[str] = []
        while index < len(lines) and lines[index].strip().startswith("#"):
            text = lines[index].strip().lstrip("#").strip()
            block.append("" if _BOILERPLATE.match(text) else text)
            index += 1
        apart = index >= len(lines) or not lines[index].strip()
        described = prose_description(block, names)
        if described and (_SELF.search(" ".join(block)) or (prepared and apart)):
            return described
        prepared = False
    return ""


def exec_target(lines: list[str], language: str) -> str:
    """ "Runs: foreman start -f Procfile.dev" for a short script that ends by handing over with `exec`."""
    code = [
        line
        for line in lines[1 if lines and lines[0].startswith("#!") else 0 :]
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not code or len(code) > MAX_WRAPPER_LINES:
        return ""
    last = code[-1]
    if not last.startswith("exec") or not re.match(r"exec\b\s*\(?", last):
        return ""
    rest = last[4:].strip()
    if language == "shell" or not rest.startswith(("(", '"', "'")):
        command = _FORWARDED.sub("", " " + rest).strip()
        if not command or re.match(r"\d*[<>]|-", command):  # `exec >log 2>&1`, `exec -a name`: no hand-over
            return ""
    else:
        command = " ".join(_literals(rest.removeprefix("(")))
    return f"Runs: {command}" if command else ""


def _literals(arguments: str) -> list[str]:
    """The string literals a Ruby/Perl `exec` call starts with, up to the first computed argument."""
    words: list[str] = []
    position = 0
    while len(words) < 20:
        match = _RUBY_STRING.match(arguments, position)
        if not match:
            break
        words.append(match.group(1) if match.group(1) is not None else match.group(2))
        position = match.end()
        if match.group(3) != ",":
            break
    return words
