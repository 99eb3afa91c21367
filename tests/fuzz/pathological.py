"""Pathological ~30 KB inputs for every file kind skilldex reads, and a child that times each one.

Run as a script (`python pathological.py OUT_DIR [KIND ...]`) it writes one repo per input under OUT_DIR,
scans it (and runs doctor on the kinds doctor reads), and prints one JSON line per input as it finishes:
a runaway pattern cannot be interrupted inside `re`, so the test runs this in a child and kills it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

SIZE = 30_000

# Runs that make backtracking patterns retry: one character, or a short unit, repeated to SIZE.
UNITS = [
    "#",
    "/",
    "-",
    "`",
    "[",
    "{",
    "(",
    '"',
    "'",
    ":",
    "=",
    " ",
    "\t",
    "\\",
    "$",
    "*",
    "|",
    "a",
    ".",
    "!",
    "\n",
    " \n",
    "a ",
    "a-",
    "a:",
    "a=",
    "-a",
    "--a ",
    "# ",
    "//",
    "[]",
    "()",
    "{}",
    "a.",
    "*[",
    "\\\\n",
    "x,",
    "python --a",
    "eyJ-",
    "#[",
    "a@",
    ":a",
    "$(",
    "${",
    "%",
    "<",
    "@",
]

# Where each kind's file goes, and the text before the run that takes its parser into its inner loops.
KINDS: dict[str, tuple[str, list[str]]] = {
    "skill": (".claude/skills/x/SKILL.md", ["---\nname: x\ndescription: ", "---\nname: x\ndescription: d\n---\n"]),
    "command": (".claude/commands/x.md", ["---\ndescription: ", "---\ndescription: d\n---\n"]),
    "agent": (".claude/agents/x.md", ["---\nname: x\ndescription: "]),
    "mcp": (".mcp.json", ['{"mcpServers": {"a": {"command": "', ""]),
    "tool-sh": ("tools/x.sh", ["#!/bin/sh\n# ", '#!/bin/sh\ncase "$1" in\n  ']),
    "tool-py": ("tools/x.py", ['#!/usr/bin/env python3\n"""', "#!/usr/bin/env python3\nx = "]),
    "tool-js": ("tools/x.js", ["#!/usr/bin/env node\n// ", "#!/usr/bin/env node\nconst o = {"]),
    "tool-rb": ("bin/x", ["#!/usr/bin/env ruby\n# ", "#!/usr/bin/env ruby\nputs ", '#!/usr/bin/env ruby\nexec "x"']),
    "tool-go": ("cmd/x/main.go", ['package main\n\nimport "', "package main\n// "]),
    "tool-ps1": ("tools/x.ps1", ["# ", "param(\n"]),
    "makefile": ("Makefile", ["", "x: ## ", "x:\n\t", "# ", "X ?= "]),
    "justfile": ("justfile", ["", "x:\n  ", "[", "# "]),
    "package.json": ("package.json", ['{"scripts": {"x": "', ""]),
    "pyproject": ("pyproject.toml", ["", '[project.scripts]\nx = "', "[tool.poe.tasks]\n"]),
    "taskfile": ("Taskfile.yml", ["version: '3'\ntasks:\n  x:\n    desc: ", ""]),
    "noxfile": ("noxfile.py", ["import nox\n@nox.session\ndef x(s):\n    ", ""]),
    "tox": ("tox.ini", ["[tox]\n", "[testenv:x]\ndescription = "]),
    "rakefile": ("Rakefile", ['desc "', "task "]),
    "composer": ("composer.json", ['{"scripts": {"x": "', ""]),
    "deno": ("deno.jsonc", ['{"tasks": {"x": "', "// "]),
    "mise": ("mise.toml", ['[tasks.x]\nrun = "', ""]),
    "procfile": ("Procfile", ["web: ", ""]),
    "mix.exs": ("mix.exs", ["defp aliases do\n  ", 'defp aliases do\n  [x: "', ""]),
    "mix-task": ("lib/mix/tasks/x.ex", ['defmodule Mix.Tasks.X do\n  @shortdoc "', '@moduledoc """']),
    "gradle": ("build.gradle", ['tasks.register("x") {\n  description = "', ""]),
    "compose": ("docker-compose.yml", ["services:\n  x:\n    command: ", "# "]),
    "cargo-xtask": ("xtask/src/main.rs", ["#[derive(Parser)]\n", "enum Cmd {\n", "match "]),
    "cargo-config": (".cargo/config.toml", ['[alias]\nx = "', ""]),
    "django": ("app/management/commands/x.py", ['class Command(BaseCommand):\n    help = "', ""]),
    "laravel": ("app/Console/Commands/X.php", ["protected $signature = '", "protected $description = '"]),
    "workflow": (".github/workflows/x.yml", ["on:\n  workflow_dispatch:\nname: ", "jobs:\n  x:\n    run: "]),
    "doc": ("docs/x.md", ["# T\n\n```sh\n", "# ", "[", "", "Run `"]),
    "doc-rst": ("docs/x.rst", ["", ".. code-block:: sh\n\n   "]),
    "readme": ("README.md", ["# T\n\n", "```\n"]),
    "knowledge": (".claude/knowledge/x.md", ["---\ntitle: ", "---\ntitle: t\ndont:\n  - ", ""]),
    "plugin": (".claude-plugin/plugin.json", ['{"name": "', ""]),
}
DOCTOR_KINDS = {"doc", "readme", "skill", "command", "makefile", "package.json", "workflow", "knowledge"}


def inputs(kinds: list[str] | None = None, units: list[str] | None = None):
    """(kind, repo-relative path, text) for every kind and every run after every prefix."""
    for kind, (rel, prefixes) in KINDS.items():
        if kinds and kind not in kinds:
            continue
        for prefix in prefixes:
            for unit in units or UNITS:
                yield kind, rel, prefix + unit * (SIZE // len(unit)) + "!\n"


def main(out: Path, kinds: list[str]) -> None:
    from skilldex.doctor import doctor_repos
    from skilldex.scan import scan_repo
    from skilldex.workspace import RepoRef

    skip = int(os.environ.get("PATHOLOGICAL_SKIP", "0"))  # inputs a killed child already answered
    units = json.loads(os.environ.get("PATHOLOGICAL_UNITS", "null"))
    for number, (kind, rel, text) in enumerate(inputs(kinds, units)):
        if number < skip:
            continue
        root = out / f"{number}"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        print(json.dumps({"kind": kind, "input": text[:40], "start": True}), flush=True)
        start, cpu = time.perf_counter(), time.process_time()
        scan_repo(root)
        if kind in DOCTOR_KINDS:
            doctor_repos([RepoRef("x", root)], use_git=False, cwd=str(root), home=out)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu  # CPU time: fair on a busy machine
        print(json.dumps({"kind": kind, "input": text[:40], "seconds": seconds, "cpu": cpu}), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])


def measure(out: Path, kinds: list[str], bound: float, units: list[str] | None = None) -> list[dict]:
    """Every input's seconds, run in a child; an input still running after `bound` s is killed, recorded as
    None, and the child restarted after it. Returns one dict per input (kind, input, seconds, cpu)."""
    import subprocess
    import threading

    done: list[dict] = []
    total = sum(1 for _ in inputs(kinds, units))
    while len(done) < total:
        skip = len(done)
        child = subprocess.Popen(
            [sys.executable, __file__, str(out / f"run{skip}"), *kinds],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PATHOLOGICAL_SKIP": str(skip), "PATHOLOGICAL_UNITS": json.dumps(units)},
        )
        timer: threading.Timer | None = None
        current = None
        for line in child.stdout:  # type: ignore[union-attr]
            record = json.loads(line)
            if timer:
                timer.cancel()
            if record.get("start"):
                current = record
                timer = threading.Timer(bound, child.kill)
                timer.start()
            else:
                done.append(record)
                current = None
        child.wait()
        if timer:
            timer.cancel()
        if current is not None:
            done.append({**current, "seconds": None, "cpu": None})
        elif len(done) < total and child.returncode != 0:
            raise RuntimeError(f"the child failed after {len(done)} inputs")
    return done
