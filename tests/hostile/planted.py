"""A repo with a planted secret of every shape in every kind of file skilldex reads, and every output it gives.

Each planted value starts with its own marker (Qz001v, Qz002v, ...), so a value cut short by an output's
length cap is still caught. Used by tests/hostile/test_planted_secrets.py and benchmarks/secrets_planted.py
(which runs the same corpus against another source tree for a before/after figure).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

TAIL = "Kp7mW2xRt9"


class Planter:
    """Hands out values, remembering which shape went into which file."""

    def __init__(self) -> None:
        self.planted: dict[str, tuple[str, str, str]] = {}  # marker -> (file, shape, value)

    def __call__(self, file: str, shape: str, middle: str = "", length: int = 0) -> str:
        marker = f"Qz{len(self.planted) + 1:03d}v"
        value = marker + middle + TAIL
        if length:  # filled with letters and digits drawn at random (seeded: the same corpus every run)
            draw = random.Random(len(self.planted))
            value += "".join(
                draw.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                for _ in range(length - len(value))
            )
        self.planted[marker] = (file, shape, value)
        return value


def build(root: Path) -> dict[str, tuple[str, str, str]]:
    """Write the corpus under `root`; {marker: (file, shape, value)}."""
    v = Planter()
    files: dict[str, str] = {}
    f = ".claude/skills/db-admin/SKILL.md"
    odd = v(f, "connection string, password with / ' <", "/a'b<c")
    files[f] = (
        "---\nname: db-admin\n"
        f"description: Administer the cache at redis://:{v(f, 'connection string, empty user')}@cache.internal:6379"
        f" and the database at postgres://app:{odd}@db/app.\n"
        f"metadata:\n  owner: platform\n  db_password: {v(f, 'metadata mapping')}\n---\n"
        f"Connect with `psql --password {v(f, '--password x')}` or `mysql -u app -p{v(f, 'mysql -px')} app`.\n\n"
        "The metadata's password is also written here: " + v.planted["Qz003v"][2] + ".\n"
    )
    f = ".claude/skills/auth:keycloak-confidential-client/SKILL.md"  # a name and path that must stay whole
    files[f] = (
        "---\nname: keycloak-confidential-client\ndescription: 'Set up a Keycloak confidential client"
        f" (client_secret: {v(f, 'client_secret: x', length=32)}) for a service.'\n---\nCreate the client.\n"
    )
    f = ".claude/commands/deploy.md"
    files[f] = (
        f"---\ndescription: Deploy after docker login -u ci -p {v(f, 'docker login -p')} registry.example.com\n---\n"
        f"Call the API with `Authorization: Bearer {v(f, 'Authorization: Bearer')}`.\n"
    )
    f = ".claude/agents/dba.md"
    odd = v(f, "quoted, space ; , ( } `", " a;b,c(d}e`f")
    files[f] = (
        f"---\nname: dba\ndescription: 'Database admin. Logs in with password = \"{odd}\"'\n"
        f'---\nYou are a DBA. The admin secret is SECRET_KEY="{v(f, "quoted, over 200", length=230)}".\n'
    )
    f = "Makefile"
    files[f] = (
        f"DB_PASSWORD = {v(f, 'make =, repeated by value')}\n"
        f"ADMIN_PASSWORD := {v(f, 'make :=')}\n"
        f"ROOT_PASSWORD ?= {v(f, 'make ?=')}\n"
        f"EXTRA_PASSWORD += {v(f, 'make +=')}\n\n"
        '## Migrate the production database\nmigrate:\n\tpsql "postgres://app:$(DB_PASSWORD)@db/app" -f m.sql\n\n'
        f"## Load the schema\nschema:\n\tmysql -u root -p{v(f, 'mysql -px in a recipe')} app < schema.sql\n"
    )
    f = "package.json"
    files[f] = (
        json.dumps(
            {
                "name": "app",
                "scripts": {
                    "db:dump": f"mysqldump -u root -p{v(f, 'mysqldump -px')} app > dump.sql",
                    "registry:login": f"docker login -u ci --password {v(f, 'docker login --password')} ghcr.io",
                    "seed": f"node seed.js --password={v(f, '--password=x')}",
                    "cache": f"redis-cli -u redis://:{v(f, 'connection string in a script')}@cache:6379 ping",
                },
            },
            indent=2,
        )
        + "\n"
    )
    f = "pyproject.toml"
    files[f] = (
        '[project]\nname = "app"\nversion = "1"\n\n[tool.poe.tasks]\n'
        f'migrate = "alembic -x url=postgresql://app:{v(f, "connection string in poe")}@db/app upgrade head"\n'
        f"upload = {{ cmd = \"az storage blob upload --sas-token 'sv=2022&sig={v(f, 'SAS sig=', '%2B')}%3D'\", "
        'help = "Upload the build" }\n'
        f"[tool.pdm.scripts]\nping = \"curl -H 'Authorization: Bearer {v(f, 'Bearer in pdm')}' https://api.x\"\n"
    )
    f = "justfile"
    files[f] = (
        f'export DB_PASSWORD := "{v(f, "just :=, quoted over 200", " long ", length=260)}"\n\n'
        f'# Back up with the admin token\nbackup:\n    curl -H "Authorization: token {v(f, "Authorization: token")}"'
        " https://api.example.com/backup\n"
    )
    f = "Taskfile.yml"
    files[f] = (
        "version: '3'\nvars:\n  PASSWORD: |\n"
        f"    {v(f, 'YAML block scalar')}\n"
        "tasks:\n  upload:\n"
        f"    desc: Upload with the storage key AccountKey={v(f, 'Azure AccountKey=', 'Ab1+Cd2/Ef3')}==\n"
        "    cmds:\n      - az storage blob upload --connection-string"
        f' "DefaultEndpointsProtocol=https;AccountName=x;AccountKey={v(f, "Azure connection string", length=86)}=="\n'
    )
    f = "tools/rotate.sh"
    files[f] = (
        "#!/bin/sh\n# Rotate the database credentials.\n"
        f"# Example: rotate.sh --password {v(f, '--password x in a comment')}\n"
        f"export PGPASSWORD=\\\n{v(f, 'backslash-continued line')}\n"
        "psql -c 'select 1'\n"
    )
    f = "tools/sync.py"
    files[f] = (
        "#!/usr/bin/env python3\n"
        f'"""Sync the bucket.\n\nConfig:\n    password:\n        {v(f, "YAML folded lines")}\n"""\n'
        "import argparse\n"
    )
    f = "docs/runbook.md"
    files[f] = (
        "# Production database runbook\n\n"
        f"Connect with postgres://admin:{v(f, 'connection string over 128', length=150)}@db.internal/app.\n\n"
        "```sh\n"
        f"docker login -u ops -p {v(f, 'docker login -p in a code block')} registry.example.com\n"
        "```\n\n```yaml\ndatabase:\n  password: >-\n"
        f"    {v(f, 'YAML folded block')}\n```\n"
    )
    f = ".mcp.json"
    files[f] = (
        json.dumps(
            {
                "mcpServers": {
                    "db": {
                        "command": "npx",
                        "args": ["server-postgres", "--password", v(f, "--password as the next JSON arg")],
                        "env": {"DB_PASSWORD": v(f, "env mapping")},
                    },
                    "api": {
                        "type": "http",
                        "url": "https://api.example.com/mcp",
                        "headers": {"Authorization": f"Bearer {v(f, 'Authorization header in JSON')}"},
                    },
                }
            },
            indent=2,
        )
        + "\n"
    )
    f = "compose.yaml"
    files[f] = (
        "services:\n  db:\n    image: postgres:16\n    environment:\n"
        f"      POSTGRES_PASSWORD: {v(f, 'compose environment')}\n"
        f"  cache:\n    image: redis:7\n    command: redis-server --requirepass {v(f, '--requirepass x')}\n"
    )
    f = ".github/workflows/deploy.yml"
    files[f] = (
        "name: Deploy\non:\n  workflow_dispatch:\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
        f"      - run: docker login -u ci -p {v(f, 'docker login -p in a workflow')} ghcr.io\n"
        f"      - run: 'curl -H \"Authorization: Bearer {v(f, 'Bearer in a workflow')}\" https://api.x/deploy'\n"
    )
    f = "knowledge/prod-db.md"
    files[f] = (
        "---\ntitle: Production database access\ntags: [database, production]\nupdated: 2026-02-02\n---\n"
        f'## Do\nUse `psql "postgres://app:{v(f, "connection string in a Do line")}@db/app"`.\n\n'
        f"## Don't\nDon't type password = \"{v(f, 'quoted in a Dont line', ' x')}\" by hand.\n"
    )
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "tools/rotate.sh").chmod(0o755)
    (root / "tools/sync.py").chmod(0o755)
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n")
    return v.planted


def run(args: list[str], cwd: Path, cache: Path, payload: dict | None = None, pythonpath: str = "") -> str:
    env = {**os.environ, "SKILLDEX_CACHE_DIR": str(cache), "SKILLDEX_WORKSPACE": ""}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    done = subprocess.run(
        [sys.executable, "-m", "skilldex", *args],
        input=json.dumps(payload or {}),
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    return done.stdout + done.stderr


def _mcp(root: Path, cache: Path, names: list[str], pythonpath: str) -> str:
    """The MCP server's replies to list_tooling, find_tooling and show_item, over plain JSON-RPC on stdio."""
    calls = [
        ("list_tooling", {"repo": str(root)}),
        ("find_tooling", {"repo": str(root), "intent": "database password"}),
    ]
    calls += [("show_item", {"repo": str(root), "name": name}) for name in names]
    lines = [
        {
            "jsonrpc": "2.0",
            "id": 0,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "t", "version": "1"},
            },
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
    ]
    lines += [
        {"jsonrpc": "2.0", "id": n + 1, "method": "tools/call", "params": {"name": name, "arguments": args}}
        for n, (name, args) in enumerate(calls)
    ]
    env = {**os.environ, "SKILLDEX_CACHE_DIR": str(cache), "SKILLDEX_WORKSPACE": ""}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    with subprocess.Popen(
        [sys.executable, "-m", "skilldex", "mcp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env=env,
    ) as server:
        assert server.stdin is not None and server.stdout is not None
        replies = []
        for message in lines:  # one at a time: the server stops reading at end of input, answered or not
            server.stdin.write(json.dumps(message) + "\n")
            server.stdin.flush()
            if "id" in message:
                replies.append(server.stdout.readline())
        server.stdin.close()
        server.wait(timeout=60)
    return "".join(replies)


def outputs(tmp_path: Path, pythonpath: str = "") -> tuple[Path, dict[str, tuple[str, str, str]], dict[str, str]]:
    """Build the corpus and run every command on it: (root, planted, {where: text}) with the index's bytes."""
    root = tmp_path / "repo"
    root.mkdir()
    planted = build(root)
    cache, out = tmp_path / "cache", tmp_path / "generated"
    r = str(root)

    def cli(*args: str, payload: dict | None = None) -> str:
        return run(list(args), root, cache, payload, pythonpath)

    texts = {"list": cli("list", r), "list --json": cli("list", r, "--json")}
    try:
        names = sorted({item["name"] for item in json.loads(texts["list --json"])["items"]})
    except (ValueError, KeyError):
        names = []
    for name in ("db-admin", "dba", "db", "migrate", "upload", "rotate.sh"):  # the MCP server shows every item
        texts[f"show {name}"] = cli("show", r, name, "--json") + cli("show", r, name)
    for intent in ("database password login", "upload storage credentials"):
        texts[f"find {intent}"] = cli("find", r, intent, "--json", "--limit", "20") + cli("find", r, intent)
    texts["startup"] = cli("startup") + cli("startup", "--format", "claude-hook")
    texts["hook prompt"] = cli(
        "hook", "prompt", payload={"prompt": "log in to the database with the password", "cwd": r, "session_id": "s"}
    )
    texts["hook pre-write"] = cli(
        "hook",
        "pre-write",
        payload={
            "tool_name": "Write",
            "session_id": "s2",
            "cwd": r,
            "tool_input": {
                "file_path": str(root / "tools" / "rotate_db_password.sh"),
                "content": "#!/bin/sh\n# Rotate the database credentials.\n",
            },
        },
    )
    texts["validate"] = cli("validate", r, "--format", "json") + cli("validate", r)
    texts["doctor"] = cli("doctor", r, "--json") + cli("doctor", r)
    texts["export backstage"] = cli("export", "backstage", r)
    texts["export agents-md"] = cli("export", "agents-md", r)
    texts["export prompt"] = cli("export", "prompt", r)
    texts["generate"] = cli("generate", "skill", r, "--out", str(out / "skill")) + cli(
        "generate", "knowledge", r, "--out", str(out / "kn")
    )
    texts["mcp"] = _mcp(root, cache, names, pythonpath)
    for path in sorted(p for base in (out, cache) if base.exists() for p in base.rglob("*") if p.is_file()):
        texts[f"file {path.relative_to(tmp_path)}"] = path.read_bytes().decode("latin-1")
    return root, planted, texts


def leaks(planted: dict[str, tuple[str, str, str]], texts: dict[str, str]) -> dict[str, list[str]]:
    """{marker: [outputs where it appears]} for every planted value that got out."""
    found: dict[str, list[str]] = {}
    for where, text in texts.items():
        for marker in planted:
            if marker in text:
                found.setdefault(marker, []).append(where)
    return found
