"""Issue 8 end to end: one hostile repo, every command, and no secret value in any output.

The repo holds every hostile case at once (symlinks out and in loops, a FIFO, binary and non-UTF-8
text, an oversized file, a YAML alias bomb, tools that would leave a marker if run) plus planted
secrets of each kind. Every command runs on it as a user would; all they print and write, and the
index on disk, must be free of the planted values and of anything read from outside the repo.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import write_tree

SECRETS = {
    "aws": "AKIA" + "Q4ZXW7PLMN3KV8RT",
    "aws-secret": "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzqKEYs9A2b",
    "github": "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2",
    "slack": "xoxb-" + "2718281828-3141592653-q1w2e3r4t5y6",
    "stripe": "sk_live_" + "51HxQmZpLk3vBn7YtR2sD4fG",
    "anthropic": "sk-ant-" + "api03-Mq7Rk2Vx9Lp4Nz8Wc3Bt6Hy1",
    "connection": "Tr0ub4dor" + "And3Horses",
    "password": "Plum" + "Tree#2026",
    "entropy": "q8Z2xK91LmN0pQrS" + "tUvWxYz12345aB",
    "private-key": "MIIEpAIBAAKCAQEA" + "7QmZx2nP4vL9sK1tR8wE3yU6iO0aS5dF",
}
OUTSIDE = "OUTSIDE-THE-ROOT-" + "7f3a9c"


def hostile(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "EXECUTED"
    outside = write_tree(
        tmp_path / "outside",
        {"secret.md": f"# Outside\n\n{OUTSIDE}\n", "skills/x/SKILL.md": f"---\nname: x\ndescription: {OUTSIDE}\n---\n"},
    )
    touch = f"open({str(marker)!r}, 'w').write('x')"
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)
    ]
    root = write_tree(
        tmp_path / "repo",
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            "README.md": "# Hostile\n",
            ".claude/skills/prod-db/SKILL.md": (
                "---\nname: prod-db\ndescription: Query the production database with "
                f"postgres://admin:{SECRETS['connection']}@prod-db.internal:5432/app\n---\n"
                f'Use the token {SECRETS["github"]} and password = "{SECRETS["password"]}".\n'
            ),
            ".claude/skills/bomb/SKILL.md": "---\n" + "\n".join(lines) + "\ndescription: boom\n---\n",
            ".claude/skills/latin1/SKILL.md": b"---\nname: latin1\ndescription: caf\xe9 tools\n---\n",
            ".claude/skills/binary/SKILL.md": b"---\x00\x01\x02binary",
            ".claude/commands/deploy.md": f"---\ndescription: Deploy with SLACK={SECRETS['slack']}\n---\nDeploy.\n",
            ".mcp.json": json.dumps(
                {
                    "mcpServers": {
                        "db": {
                            "command": "npx",
                            "args": ["server-postgres", f"postgres://app:{SECRETS['connection']}@db/x"],
                            "env": {"STRIPE_KEY": SECRETS["stripe"]},
                        }
                    }
                }
            ),
            "tools/deploy.sh": (
                f"#!/bin/sh\n# Deploy the API. Uses AWS_ACCESS_KEY_ID={SECRETS['aws']}\n"
                f"# Usage: deploy.sh [--apply]\ntouch {marker}\n"
            ),
            "tools/sync.py": (
                "#!/usr/bin/env python3\n"
                f'"""Sync the bucket with aws_secret_access_key = {SECRETS["aws-secret"]}."""\n'
                f"{touch}\nimport argparse\n"
            ),
            "tools/ask.js": (
                f"#!/usr/bin/env node\n// Ask the model with ANTHROPIC_API_KEY={SECRETS['anthropic']}\n"
                f"require('fs').writeFileSync({str(marker)!r}, 'x')\n"
            ),
            "Makefile": (
                f"X := $(shell touch {marker})\n"
                f'release: ## Release with API_KEY = "{SECRETS["entropy"]}"\n\ttouch {marker}\n'
            ),
            "package.json": json.dumps({"scripts": {"preinstall": f"touch {marker}", "build": f"touch {marker}"}}),
            "setup.py": touch + "\n",
            "conftest.py": touch + "\n",
            "noxfile.py": touch + "\nimport nox\n@nox.session\ndef tests(session):\n    pass\n",
            "docs/runbook.md": (
                f"# Production runbook\n\nDeploy the database.\n\n```\n-----BEGIN RSA PRIVATE KEY-----\n"
                f"{SECRETS['private-key']}\n-----END RSA PRIVATE KEY-----\n```\n"
            ),
            "docs/huge.md": "# Ops\n" + "x" * (1024 * 1024 + 10),
            "scripts/blob.sh": b"#!/bin/sh\n\x00\x00ELF",
        },
    )
    os.symlink(outside / "secret.md", root / "docs" / "outside.md")
    os.symlink(outside / "skills", root / ".claude" / "linked-skills")
    os.symlink(root / "docs", root / "docs" / "loop")
    os.symlink(root / "nowhere", root / "docs" / "broken.md")
    os.mkfifo(root / "tools" / "pipe.sh")
    return root, marker


def run(args: list[str], root: Path, cache: Path, payload: dict | None = None) -> str:
    env = {**os.environ, "SKILLDEX_CACHE_DIR": str(cache), "SKILLDEX_WORKSPACE": ""}
    done = subprocess.run(
        [sys.executable, "-m", "skilldex", *args],
        input=json.dumps(payload or {}),
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=60,
    )
    assert "Traceback" not in done.stderr, (args, done.stderr)
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    root, marker = hostile(tmp_path)
    cache, out = tmp_path / "cache", tmp_path / "generated"
    r = str(root)
    commands = [
        ["list", r],
        ["list", r, "--json"],
        ["show", r, "prod-db"],
        ["show", r, "prod-db", "--json"],
        ["show", r, "deploy.sh", "--json"],
        ["show", r, "db", "--json"],
        ["find", r, "query the production database"],
        ["find", r, "deploy release", "--json"],
        ["startup"],
        ["startup", "--format", "claude-hook"],
        ["validate", r],
        ["validate", r, "--format", "json"],
        ["validate", r, "--format", "sarif"],
        ["validate", r, "--profile", "claude-upload", "--format", "github"],
        ["generate", "skill", r, "--out", str(out / "skill")],
        ["generate", "knowledge", r, "--out", str(out / "kn")],
        ["doctor", r, "--json"],
        ["cache", "info", "--json"],
    ]
    printed = {" ".join(c[:2]) + f" #{i}": run(c, root, cache) for i, c in enumerate(commands)}
    printed["hook prompt"] = run(
        ["hook", "prompt"], root, cache, {"prompt": "query the production database", "cwd": r, "session_id": "s"}
    )
    printed["hook pre-write"] = run(
        ["hook", "pre-write"],
        root,
        cache,
        {
            "tool_name": "Write",
            "session_id": "s",
            "cwd": r,
            "tool_input": {
                "file_path": str(root / "tools" / "query_prod_db.py"),
                "content": '"""Query the production database."""\n',
            },
        },
    )
    written = {str(p): p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file()}
    stored = {str(p): p.read_bytes().decode("latin-1") for p in cache.rglob("*") if p.is_file()}
    return root, marker, printed, written, stored


def test_no_planted_secret_appears_in_any_output_file_or_the_index(outputs):
    _, _, printed, written, stored = outputs
    assert written, "generate wrote nothing"
    for where, text in [*printed.items(), *written.items(), *stored.items()]:
        for kind, value in SECRETS.items():
            assert value not in text, f"{kind} secret leaked into {where}"
    assert any("[redacted]" in text for text in printed.values())


def test_nothing_outside_the_root_is_read(outputs):
    _, _, printed, written, stored = outputs
    for where, text in [*printed.items(), *written.items(), *stored.items()]:
        assert OUTSIDE not in text, where


def test_nothing_in_the_repo_was_run(outputs):
    _, marker, *_ = outputs
    assert not marker.exists()


def test_each_hostile_case_is_a_finding(outputs):
    _, _, printed, *_ = outputs
    listed = json.loads(
        next(text for key, text in printed.items() if key.startswith("list") and text.lstrip().startswith("{"))
    )
    found = {(f["code"], f["path"]) for f in listed["findings"]}
    expected = {
        ("SKD005", "docs/outside.md"),
        ("SKD005", ".claude/linked-skills"),  # symlinks out: not followed
        ("SKD006", "docs/broken.md"),  # broken symlink
        ("SKD007", "tools/pipe.sh"),  # FIFO: never opened
        ("SKD002", ".claude/skills/latin1/SKILL.md"),  # invalid UTF-8
        ("SKD003", ".claude/skills/binary/SKILL.md"),  # binary with a text name
        ("SKD004", "docs/huge.md"),  # over the size cap
        ("SKD012", ".claude/skills/bomb/SKILL.md"),  # YAML alias bomb
        ("SKD040", ".claude/skills/prod-db/SKILL.md"),
        ("SKD040", ".mcp.json"),
        ("SKD040", "tools/deploy.sh"),
        ("SKD040", "tools/sync.py"),
        ("SKD040", "tools/ask.js"),
        ("SKD040", "Makefile"),
        ("SKD040", "docs/runbook.md"),
        ("SKD040", ".claude/commands/deploy.md"),
    }
    assert expected <= found, sorted(expected - found)
    loop = [f for f in listed["findings"] if f["path"].startswith("docs/loop")]
    assert len(loop) <= 1  # the loop is walked once at most, never forever


def test_secret_findings_say_where_but_not_what(outputs):
    _, _, printed, *_ = outputs
    listed = json.loads(
        next(text for key, text in printed.items() if key.startswith("list") and text.lstrip().startswith("{"))
    )
    secret = [f for f in listed["findings"] if f["code"] == "SKD040"]
    assert {(f["path"], f["line"]) for f in secret} >= {
        (".claude/skills/prod-db/SKILL.md", 3),
        (".claude/skills/prod-db/SKILL.md", 5),
        ("tools/deploy.sh", 2),
        ("docs/runbook.md", 6),
    }
    assert all(f["message"].endswith("(value not shown)") for f in secret)
