"""Options a shell script really handles: `case` arms, getopts/getopt specs, `== --flag` tests."""

from __future__ import annotations

import re

from skilldex.models import Flag

MAX_ALTERNATIVES = 50  # names read per `case` arm

_CASE_START = re.compile(r"^\s*case\b.*\bin\b")
_ESAC = re.compile(r"\besac\b")
_ALT = r"[\"']?[^\s|()\"';]+[\"']?"
_CASE_ARM = re.compile(rf"^\s*(?:\(\s*)?({_ALT}(?:\s*\|\s*{_ALT})*)\s*\)")  # one \s* per space run: linear
_CASE_NAME = re.compile(r"^(-{1,2}[A-Za-z0-9][\w-]*)")
_GETOPTS = re.compile(r"\bgetopts\s+(?:\"([^\"]*)\"|'([^']*)'|([^\s;\"']+))")
_GETOPT = re.compile(r"(?<![\w-])getopt\s")
_GETOPT_SPEC = re.compile(r"(?:(--longoptions|--long|-l)|--options|-o)[= ]\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s;\"']+))")
_COMPARE = re.compile(r"(?:==?|!=)\s*\*?[\"']?\s*(--[A-Za-z][\w-]*)")


def code_flags(lines: list[str], skip: set[int]) -> list[Flag]:
    """Options the script really handles: `case` arms, getopts/getopt specs, `== --flag` tests."""
    flags: list[Flag] = []
    depth = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in skip or stripped.startswith("#"):
            continue
        # Each pattern needs a word or sign the line must hold ("case", "--", "getopt", "esac"): `in` tests
        # are far cheaper than running every regex on every line.
        if "case" in line and _CASE_START.match(line):
            depth += 1
        elif depth and (arm := _CASE_ARM.match(line)):
            names = _arm_names(arm.group(1))
            if names:
                flags.append(Flag(flags=names))
        if "--" in line and "=" in line:
            for match in _COMPARE.finditer(line):
                flags.append(Flag(flags=[match.group(1)]))
        if "getopt" in line:
            for match in _GETOPTS.finditer(line):
                spec = next(g for g in match.groups() if g is not None)
                flags.extend(Flag(flags=[f"-{c}"]) for c in re.findall(r"[A-Za-z0-9]", spec))
        if "getopt" in line and _GETOPT.search(line):
            window = re.sub(r"\\\n", " ", "\n".join(lines[index : index + 6])).split("\n", 1)[0]
            for spec in _GETOPT_SPEC.finditer(window):
                value = next(g for g in spec.groups()[1:] if g is not None)
                if spec.group(1):
                    flags.extend(Flag(flags=[f"--{n}"]) for n in re.findall(r"[\w-]+", value))
                else:
                    flags.extend(Flag(flags=[f"-{c}"]) for c in re.findall(r"[A-Za-z0-9]", value))
        if depth and "esac" in line and _ESAC.search(line):
            depth -= 1
    return flags


def _arm_names(pattern: str) -> list[str]:
    """`-f|--force` -> [-f, --force]; `--since=*` -> [--since]; `-*` and `--verb*` globs -> []."""
    names = []
    for alternative in pattern.split("|")[:MAX_ALTERNATIVES]:
        alternative = alternative.strip().strip("\"'")
        match = _CASE_NAME.match(alternative)
        if match and alternative[match.end() :][:1] in ("", "="):
            names.append(match.group(1))
    # GNU-style abbreviations (`--v|--ve|--ver|--version`) collapse to the full name
    return [n for n in names if not (n.startswith("--") and any(o != n and o.startswith(n) for o in names))]
