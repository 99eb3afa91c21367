"""Property tests: random and mutated tooling files never crash the scanner or the validator.

Every input yields items or findings (or, for files that define nothing, nothing) and no exception
escapes. Examples are derandomised so CI runs the same cases every time.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilldex.scan import scan_repo
from skilldex.validate.run import validate_paths

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

GOOD_SKILL = (
    "---\nname: deploy\ndescription: Deploys the API. Use when shipping.\nallowed-tools: Bash Read\n"
    "metadata:\n  owner: ops\n  tags: [a, b]\n---\n# Deploy\n\nRun `scripts/deploy.sh`.\n"
)
GOOD_MCP = json.dumps({"mcpServers": {"db": {"command": "npx", "args": ["-y", "server"], "env": {"A": "b"}}}})
GOOD_PACKAGE = json.dumps({"name": "x", "scripts": {"build": "tsc", "test": "vitest"}, "packageManager": "pnpm@9"})
GOOD_MAKEFILE = "include other.mk\n.PHONY: build\nbuild: ## Build it\n\tgo build ./...\ntest: build\n\tgo test\n"
GOOD_SCRIPT = '#!/usr/bin/env python3\n"""Rotate the keys."""\nimport argparse\np = argparse.ArgumentParser()\n'
YAMLISH = st.sampled_from(
    list(":-[]{}#&*!|>'\"%@`?,\n\t \\")
    + ["---", "\n---\n", "key: value", "- item", "\ufeff", "\x00", "\u2028", "\r\n", "&a", "*a", "<<: *a"]
)


def mutated(base: str):
    """The base text with random insertions, deletions and replacements of YAML-significant pieces."""
    edits = st.lists(
        st.tuples(st.integers(0, len(base)), st.integers(0, 3), st.one_of(YAMLISH, st.text(max_size=8))), max_size=6
    )
    return edits.map(lambda ops: _apply(base, ops))


def _apply(text: str, ops) -> str:
    for position, cut, insert in ops:
        position = min(position, len(text))
        text = text[:position] + insert + text[position + cut :]
    return text


def scan_one(rel: str, content: str | bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        catalogue = scan_repo(folder)
        report = validate_paths([folder], cwd=folder) if rel.endswith(".md") else None
        return catalogue, report


def _kinds(catalogue, rel: str) -> set[str]:
    return {i.kind for i in catalogue.items if i.path == rel}


@SETTINGS
@given(mutated(GOOD_SKILL))
def test_mutated_skill_files_give_a_skill_or_a_finding(text):
    rel = ".claude/skills/deploy/SKILL.md"
    catalogue, report = scan_one(rel, text)
    assert "skill" in _kinds(catalogue, rel) or any(f.path == rel for f in catalogue.findings)
    assert len(report.files) == 1


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_as_a_skill_file_never_crash(data):
    rel = ".claude/skills/x/SKILL.md"
    catalogue, report = scan_one(rel, data)
    assert "skill" in _kinds(catalogue, rel) or any(f.path == rel for f in catalogue.findings)
    assert report is not None


@SETTINGS
@given(st.sampled_from([".claude/commands/ship.md", ".claude/agents/reviewer.md"]), mutated(GOOD_SKILL))
def test_mutated_commands_and_agents(rel, text):
    catalogue, report = scan_one(rel, text)
    assert _kinds(catalogue, rel) or any(f.path == rel for f in catalogue.findings)


@SETTINGS
@given(mutated(GOOD_MCP))
def test_mutated_mcp_json_gives_servers_or_a_finding(text):
    catalogue, _ = scan_one(".mcp.json", text)
    assert _kinds(catalogue, ".mcp.json") or any(f.path == ".mcp.json" for f in catalogue.findings)


@SETTINGS
@given(mutated(GOOD_PACKAGE))
def test_mutated_package_json_gives_tasks_or_a_finding_or_nothing_to_run(text):
    catalogue, _ = scan_one("package.json", text)
    try:
        data = json.loads(text)
        has_scripts = isinstance(data, dict) and isinstance(data.get("scripts"), dict) and bool(data["scripts"])
    except ValueError:
        has_scripts = False
    if has_scripts or not text.strip():
        assert (
            _kinds(catalogue, "package.json")
            or any(f.path == "package.json" for f in catalogue.findings)
            or not text.strip()
        )
    else:
        assert not _kinds(catalogue, "package.json") or any(f.path == "package.json" for f in catalogue.findings)


@SETTINGS
@given(mutated(GOOD_MAKEFILE))
def test_mutated_makefiles_never_crash(text):
    catalogue, _ = scan_one("Makefile", text)
    assert all(i.kind == "task" for i in catalogue.items)


@SETTINGS
@given(st.sampled_from(["tools/rotate.py", "tools/rotate.sh", "scripts/rotate.js", "bin/rotate"]), mutated(GOOD_SCRIPT))
def test_mutated_scripts_are_tools_or_findings(rel, text):
    catalogue, _ = scan_one(rel, text)
    assert (
        "tool" in _kinds(catalogue, rel)
        or any(f.path == rel for f in catalogue.findings)
        or (rel == "bin/rotate" and not text.startswith("#!"))
    )  # a bin/ file without shebang or exec bit is data
