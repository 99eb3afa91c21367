"""Audit every regex in skilldex for super-linear backtracking (ReDoS).

Which patterns: every re.Pattern the modules hold at module level (so ones built by concatenation or
f-strings count) and every string literal in src/ that could be a pattern (regexploit's own extractor).
Static: regexploit (PyPI, `pip install regexploit`) judges each one; its attack string is then timed at
two lengths, and a pattern whose time grows faster than the input and passes 50 ms is slow.
Dynamic: every compiled pattern is also searched in 20,000-character runs of each character it names
(and of pairs of them), which finds the quadratic "retry at every start" cases regexploit leaves out.

    .venv/bin/python benchmarks/redos_audit.py            # exit 1 when a pattern is slow
"""

from __future__ import annotations

import ast
import importlib
import itertools
import json
import os
import pkgutil
import re
import signal
import sys
import time
import warnings
from pathlib import Path

import skilldex

SHORT, LONG = 2_000, 8_000
RUN = 20_000
SLOW_SECONDS = 0.05
PATTERN_SECONDS = 30  # an exponential pattern never returns: each one is audited in a child, killed past this
SRC = Path(skilldex.__file__).parent
# Patterns the code only applies with .match/.fullmatch at one position (a line, a value, after a keyword):
# a search's retry at every start never happens to them, so the dynamic probe times .match instead.
ANCHORED = {
    "skilldex.doctor.workflows._PROMPT",
    "skilldex.scan.describe.body._RUBY_STRING",
    "skilldex.scan.describe.javascript._NEXT_STR",
    "skilldex.scan.describe.shell_flags._CASE_ARM",
    "skilldex.scan.describe.text._AFTER_NAME",
    "skilldex.scan.describe.text._META_LINE",
    "skilldex.scan.docs._RST_CODE",
    "skilldex.scan.tasks.rust_subcommands._VARIANT",
    "skilldex.scan.tasks.compose._COMMENTED_YAML",
    "skilldex.scan.tasks.just._ATTR_NAME",
    "skilldex.scan.tasks.procfile._PROCESS",
    "skilldex.scan.tasks.parsing._TOML_HEADER",
    "skilldex.scan.tasks.parsing._TOML_KEY_LINE",
    "skilldex.secrets._VALUE",
    "skilldex.frontmatter.plain._KEY",
}


def compiled() -> dict[str, re.Pattern]:
    """Every re.Pattern held at module level (directly or in a tuple, list, set or dict), by location."""
    found: dict[str, re.Pattern] = {}
    for info in pkgutil.walk_packages(skilldex.__path__, "skilldex."):
        try:
            module = importlib.import_module(info.name)
        except Exception as exc:  # a module needing an optional extra is reported, not fatal
            print(f"skipped {info.name}: {exc}", file=sys.stderr)
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.setdefault(f"{info.name}.{name}", value)
            elif isinstance(value, (tuple, list, set, frozenset, dict)):
                items = value.values() if isinstance(value, dict) else value
                for index, item in enumerate(_flatten(items)):
                    if isinstance(item, re.Pattern):
                        found.setdefault(f"{info.name}.{name}[{index}]", item)
    return found


def _flatten(values, depth: int = 0):
    for value in values:
        if isinstance(value, (tuple, list)) and depth < 2:
            yield from _flatten(value, depth + 1)
        else:
            yield value


def literals() -> dict[str, tuple[str, int]]:
    """String literals in src/ that could be patterns, as regexploit's extractor finds them."""
    from regexploit.languages.python_node_visitor import PythonNodeVisitor

    found: dict[str, tuple[str, int]] = {}
    for path in sorted(SRC.rglob("*.py")):
        visitor = PythonNodeVisitor()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        for regex in visitor.patterns:
            found.setdefault(f"{path.relative_to(SRC.parent)}:{regex.lineno}", (regex.pattern, regex.flags))
    return found


def _attack(redos, length: int) -> str:
    repeated, killer = redos.repeated_character, redos.killer
    if killer and (both := repeated & killer):
        repeated, killer = both, None
    return redos.example_prefix + repeated.example() * length + (killer.example() if killer else "")


def _seconds(pattern: re.Pattern, text: str, anchored: bool = False) -> float:
    start = time.perf_counter()
    if anchored:
        pattern.match(text)
    else:
        for _ in pattern.finditer(text):
            pass
    return time.perf_counter() - start


def static(where: str, pattern: re.Pattern) -> list[str]:
    from regexploit.ast.sre import SreOpParser
    from regexploit.redos import find

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = SreOpParser().parse_sre(pattern.pattern, pattern.flags)
    slow = []
    for redos in (r for r in find(parsed) if r.starriness > 2):
        try:
            short, long = _attack(redos, SHORT), _attack(redos, LONG)
        except Exception:  # a character class regexploit cannot give an example of
            continue
        anchored = where in ANCHORED
        t_short, t_long = _seconds(pattern, short, anchored), _seconds(pattern, long, anchored)
        if t_long > SLOW_SECONDS and t_long > 6 * max(t_short, 1e-6):
            slow.append(f"{where}: regexploit attack {t_short:.3f}s at {SHORT:,}, {t_long:.3f}s at {LONG:,}")
    return slow


def dynamic(where: str, pattern: re.Pattern) -> list[str]:
    chars = sorted({c for c in pattern.pattern if c.isprintable() and c != "\\"} | {" ", "\n", "a", "-", "."})
    probes = [c * RUN for c in chars] + [(a + b) * (RUN // 2) for a, b in itertools.combinations(chars[:24], 2)]
    slow = []
    anchored = where in ANCHORED
    for text in probes:
        seconds = _seconds(pattern, text, anchored)
        if seconds > SLOW_SECONDS and _seconds(pattern, text * 2, anchored) > 3 * seconds:
            slow.append(f"{where}: {seconds:.3f}s on {text[:6]!r}... ({len(text):,} chars)")
            break
    return slow


def audit_one(where: str, pattern: re.Pattern) -> tuple[list[str], bool]:
    """(slow lines, whether regexploit could parse it), in a forked child killed after PATTERN_SECONDS."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the re module cannot be interrupted, so a runaway search dies with its process
        os.close(read)
        try:
            parsed, slow = True, []
            try:
                slow += static(where, pattern)
            except Exception:  # possessive/atomic syntax is outside regexploit's parser (and linear by design)
                parsed = False
            if where.startswith("skilldex."):
                slow += dynamic(where, pattern)
            os.write(write, json.dumps([slow, parsed]).encode())
        finally:
            os._exit(0)
    os.close(write)
    deadline = time.monotonic() + PATTERN_SECONDS
    while time.monotonic() < deadline and os.waitpid(pid, os.WNOHANG) == (0, 0):
        time.sleep(0.01)
    else:
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read)
            return [f"{where}: no answer in {PATTERN_SECONDS} s on an attack string"], True
    with os.fdopen(read, "rb") as handle:
        slow, parsed = json.loads(handle.read() or b"[[], true]")
    return slow, parsed


def main() -> int:
    patterns = compiled()
    for where, (text, flags) in literals().items():
        try:
            patterns.setdefault(where, re.compile(text, flags))
        except (re.error, ValueError):
            continue  # a string that is not a pattern
    slow: list[str] = []
    unparsed = 0
    seen: set[tuple[str, int]] = set()
    for where, pattern in sorted(patterns.items()):
        if (pattern.pattern, pattern.flags) in seen:
            continue
        seen.add((pattern.pattern, pattern.flags))
        found, parsed = audit_one(where, pattern)
        slow += found
        unparsed += not parsed
    print(f"{len(seen)} patterns audited ({unparsed} outside regexploit's parser); {len(slow)} slow")
    for line in slow:
        print("SLOW", line)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
