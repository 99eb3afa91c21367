"""What the repo's PreToolUse hooks block is forbidden: marked, never in the brief, read without running the hook."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from skilldex import hookrules
from skilldex.index.refresh import repo_index
from skilldex.startup import render

BASH_GUARD = """#!/bin/bash
# Blocks direct npm and dotnet invocations and points at the developer CLI.
input=$(cat)
cmd=$(echo "$input" | sed -n 's/.*"command":"\\([^"]*\\)".*/\\1/p')
case "$cmd" in
    "cd "*|*" && cd "*) echo "Do not change directory." >&2; exit 2 ;;
    *"npm run build"*) echo "Use the build skill" >&2; exit 2 ;;
    *"dotnet test"*)
        echo "Use the test skill" >&2
        exit 2
        ;;
    *) exit 0 ;;
esac
"""

SETTINGS = {
    "hooks": {
        "PreToolUse": [
            {"matcher": "Bash", "hooks": [{"type": "command", "command": ".claude/hooks/guard.sh"}]},
            {
                "matcher": "Bash",
                "hooks": [
                    {
                        "type": "command",
                        "if": "Bash(make nuke*)",
                        "command": "echo 'make nuke wipes the cluster' >&2; exit 2",
                    }
                ],
            },
            {"matcher": "Write", "hooks": [{"type": "command", "command": "python3 .claude/hooks/no_writes.py"}]},
        ]
    }
}


def _repo(repo) -> object:
    return repo(
        {
            ".claude/settings.json": json.dumps(SETTINGS),
            ".claude/hooks/guard.sh": BASH_GUARD,
            ".claude/hooks/no_writes.py": "import sys, re\nif re.search(r'make test', sys.stdin.read()):\n"
            "    sys.exit(2)\n",
            "Makefile": "test: ## Run the tests\n\tpytest\nnuke: ## Delete every namespace\n\tkubectl delete ns --all\n"
            "build: ## Build the images\n\tdocker build .\n",
            "apps/web/package.json": json.dumps({"scripts": {"build": "vite build", "lint": "eslint ."}}),
            "package.json": json.dumps({"scripts": {"build": "vite build"}}),
        }
    )


def _rows(root):
    index = repo_index(root, "svc")
    try:
        return {(r.kind, r.path, r.name): r for r in index.rows}, render([index])
    finally:
        index.close()


def test_commands_a_hook_blocks_are_forbidden_and_left_out_of_the_brief(repo):
    rows, brief = _rows(_repo(repo))
    web_build = rows[("task", "apps/web/package.json", "build")]  # `cd apps/web && npm run build`
    assert web_build.importance == -20 and web_build.why.endswith("; forbidden by a hook in .claude/hooks/guard.sh")
    assert rows[("task", "apps/web/package.json", "lint")].why.endswith("a hook in .claude/hooks/guard.sh")  # cd
    assert rows[("task", "package.json", "build")].why.endswith("forbidden by a hook in .claude/hooks/guard.sh")
    nuke = rows[("task", "Makefile", "nuke")]
    assert nuke.why == "a documented task; forbidden by a hook in .claude/settings.json"  # its `if` filter
    assert rows[("task", "Makefile", "test")].importance > 0  # only a Write hook names it
    assert "make nuke" not in brief and "npm run" not in brief
    assert "- not for agents: 4 items the repo's rules (CLAUDE.md, AGENTS.md, knowledge, hooks) say not" in brief
    assert "Run: `make test`" in brief and "Run: `make build`" in brief


def test_the_hook_really_blocks_what_is_read_from_it(repo, tmp_path):
    """The statically read patterns agree with what bash makes of the script for the same commands."""
    root = _repo(repo)
    found = hookrules.rules(lambda rel: (root / rel).read_text() if (root / rel).is_file() else None)
    for command in (
        "cd apps/web && npm run build",
        "npm run build",
        "dotnet test",
        "make test",
        "npm run lint",
        "pytest -q",
        "make nuke",
    ):
        payload = json.dumps({"tool_name": "Bash", "tool_input": {"command": command}}, separators=(",", ":"))
        ran = subprocess.run(
            ["bash", str(root / ".claude/hooks/guard.sh")],
            input=payload,
            text=True,
            capture_output=True,
            env={"PATH": os.environ["PATH"]},
            check=False,
        )
        from_script = [p for p, source in found if source == ".claude/hooks/guard.sh"]
        assert (ran.returncode == 2) == any(p.search(command) for p in from_script), command


@pytest.mark.parametrize(
    ("script", "blocked", "allowed"),
    [
        (
            'if echo "$cmd" | grep -qE \'^(npm|npx) \'; then\n  echo "use pnpm" >&2\n  exit 2\nfi\n',
            ["npm run build", "npx prisma migrate"],
            ["pnpm build"],
        ),
        (
            'if [[ "$cmd" =~ ^terraform\\ apply ]]; then exit 2; fi\n',
            ["terraform apply -auto-approve"],
            ["terraform plan"],
        ),
        ('if [[ "$cmd" == kubectl* ]]; then\n  exit 2\nfi\n', ["kubectl delete pod x"], ["make kube"]),
        (
            'import json, re, sys\ncmd = json.load(sys.stdin)["tool_input"]["command"]\n'
            'if re.search(r"\\bpsql\\b", cmd):\n    print("use tools/db-query", file=sys.stderr)\n    sys.exit(2)\n',
            ["psql -h prod"],
            ["tools/db-query"],
        ),
        (
            "const cmd = input.tool_input.command;\nif (/^docker\\s+system\\s+prune/.test(cmd)) {\n"
            "  process.exit(2);\n}\n",
            ["docker system prune -af"],
            ["docker ps"],
        ),
        (
            'if cmd.startswith("rm -rf"):\n    print(json.dumps({"permissionDecision": "deny"}))\n',
            ["rm -rf /"],
            ["rm x"],
        ),
        ('if "git push --force" in cmd:\n    sys.exit(2)\n', ["git push --force origin"], ["git push"]),
    ],
)
def test_patterns_in_the_branch_that_blocks(script, blocked, allowed):
    found = hookrules.patterns(script)
    assert all(any(p.search(c) for p in found) for c in blocked)
    assert not any(p.search(c) for p in found for c in allowed)


@pytest.mark.parametrize(
    "script",
    [
        'if echo "$cmd" | grep -q npm; then\n  echo "npm is slow here" >&2\nfi\nexit 0\n',  # warns, allows
        'if echo "$cmd" | grep -q npm; then\n  exit 0\nelse\n  exit 2\nfi\n',  # an allow-list: not readable
        'if [[ "$cmd" =~ (a+)+$ ]]; then exit 2; fi\n',  # a regex that could run away: ignored
        'if echo "$cmd" | grep -q "$BLOCKED"; then exit 2; fi\n',  # a variable: unknown statically
        'case "$cmd" in\n  *) exit 2 ;;\nesac\n',  # blocks everything: no command in particular
    ],
)
def test_what_cannot_be_read_as_a_command_pattern_blocks_nothing(script):
    assert hookrules.patterns(script) == []


def test_settings_that_block_nothing(repo):
    root = repo(
        {
            ".claude/settings.json": "{not json",
            ".claude/settings.local.json": json.dumps(
                {
                    "hooks": {
                        "PreToolUse": [
                            {
                                "matcher": "Edit|Write",
                                "hooks": [{"type": "command", "command": "grep -q npm && exit 2"}],
                            },
                            {
                                "hooks": [{"type": "command", "command": ".claude/hooks/remind.sh"}]
                            },  # every tool, reads no command
                        ]
                    }
                }
            ),
            ".claude/hooks/remind.sh": "#!/bin/sh\nif grep -qi 'pre-existing'; then exit 2; fi\n",
        }
    )
    assert hookrules.rules(lambda rel: (root / rel).read_text() if (root / rel).is_file() else None) == []


def test_a_plugins_hooks_file_and_the_local_settings_count(repo):
    guard = 'case "$cmd" in\n  *"helm uninstall"*) exit 2 ;;\nesac\n'
    root = repo(
        {
            "hooks/hooks.json": json.dumps(
                {
                    "hooks": {
                        "PreToolUse": [
                            {
                                "matcher": "Bash",
                                "hooks": [
                                    {"type": "command", "command": 'bash "${CLAUDE_PLUGIN_ROOT}"/hooks/guard.sh'}
                                ],
                            }
                        ]
                    }
                }
            ),
            "hooks/guard.sh": guard,
            ".claude/settings.local.json": json.dumps(
                {
                    "hooks": {
                        "PreToolUse": [
                            {
                                "matcher": "Bash",
                                "hooks": [{"type": "command", "if": "Bash(npm run test:*)", "command": "exit 2"}],
                            }
                        ]
                    }
                }
            ),
        }
    )
    found = hookrules.rules(lambda rel: (root / rel).read_text() if (root / rel).is_file() else None)
    assert hookrules.blocked_by(found, "helm uninstall web") == "hooks/guard.sh"
    assert hookrules.blocked_by(found, "npm run test:unit") == ".claude/settings.local.json"
    assert hookrules.blocked_by(found, "npm run lint") is None


@pytest.mark.parametrize("unit", ['"', "'", "\\/", "=~", "| ", '"a"', "(", "grep '", "re.search(r'", "/a", "$"])
def test_a_pathological_hook_script_is_read_in_bounded_time(tmp_path, unit):
    """Runs of a unit, as one long line and as 30 KB of short lines, each before a block: the patterns are
    unambiguous and long lines are not read, so no regex runs away (a child is killed after 20 s)."""
    script = tmp_path / "hook.sh"
    line = unit * (400 // len(unit))
    script.write_text((line + " exit 2\n") * (30_000 // len(line)) + unit * 30_000 + " exit 2\n")
    code = "import sys; from skilldex.hookrules import patterns; patterns(open(sys.argv[1]).read())"
    done = subprocess.run([sys.executable, "-c", code, str(script)], capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
