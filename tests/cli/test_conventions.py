"""CLI conventions on the real `skilldex` process: --json, one-line usage errors, help, completion, pipes."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import PROJECT, terminal_output, write_tree

from skilldex.cli.app import app, register

register()
NO_JSON = {"mcp", "completion", "hook session-start", "hook prompt", "hook pre-write"}  # protocols and scripts
SKILL = "---\nname: deploy\ndescription: Deploys the API. Use when shipping a release.\n---\n# Deploy\n"


def skilldex(*args: str, cwd: Path = PROJECT, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SKILLDEX_WORKSPACE", "COLUMNS")}
    return subprocess.run(
        [sys.executable, "-m", "skilldex", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def on_a_terminal(*args: str, cwd: Path = PROJECT) -> str:
    """What the command prints when its stdout is a terminal (a pseudo-terminal 100 columns wide)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("SKILLDEX_WORKSPACE", None)
    with subprocess.Popen(
        [sys.executable, "-m", "skilldex", *args],
        cwd=cwd,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
    ) as process:
        os.close(follower)
        text = terminal_output(leader, process)
    return re.sub(r"\x1b\[[0-9;]*m", "", text)  # colours off


def commands() -> dict[str, object]:
    """Every command of the Click tree by its path ('knowledge check'), groups left out."""
    from typer.main import get_command

    found = {}

    def walk(command, path):
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, f"{path} {name}".strip())
        else:
            found[path] = command

    walk(get_command(app), "")
    return found


# -- --json wherever data is printed -------------------------------------------------------------


def test_every_command_that_prints_data_takes_json():
    missing = [
        path
        for path, command in commands().items()
        if path not in NO_JSON and not any("--json" in p.opts for p in command.params)
    ]
    assert missing == []


@pytest.mark.parametrize("args", [["validate", "examples/credentialmate"], ["knowledge", "check"]])
def test_json_is_the_same_as_format_json(args):
    as_json, as_format = skilldex(*args, "--json"), skilldex(*args, "--format", "json")
    assert (as_json.returncode, as_json.stdout) == (as_format.returncode, as_format.stdout)
    assert json.loads(as_json.stdout)["summary"]["files"] >= 7


def test_rule_and_startup_print_json():
    rule = json.loads(skilldex("rule", "SKD012", "--json").stdout)
    assert (rule["code"], rule["name"], rule["severity"]) == ("SKD012", "invalid-frontmatter-yaml", "error")
    assert rule["profiles"] == {"agentskills": "error", "claude-code": "error", "claude-upload": "error"}
    assert rule["doc"].startswith("## What it does")
    brief = json.loads(skilldex("startup", "--json").stdout)
    assert list(brief) == ["brief"] and "tools/rds-query" in brief["brief"]


# -- every usage error is one `Error:` line, exit 2 ------------------------------------------------


def no_such(option: str, command: str, suggestion: str = "") -> re.Pattern[str]:
    """Click words it `No such option: --x` or `No such option '--x'`, with its suggestion after, by version."""
    hint = f".*{re.escape(suggestion)}.*" if suggestion else ""
    return re.compile(f"Error: No such option:? '?{re.escape(option)}'?{hint}; see '{re.escape(command)} -h'\n")


@pytest.mark.parametrize(
    "args, message",
    [
        (["validate", ".", "--bogus"], no_such("--bogus", "skilldex validate")),
        (["validate"], "Error: Missing argument 'PATHS'; see 'skilldex validate -h'"),
        (
            ["validate", ".", "--format", "xml"],
            "Error: unknown --format 'xml'; choose one of: text, json, github, sarif",
        ),
        (
            ["list", "credentialmate", "--kind", "skills"],
            "Error: Invalid value for '--kind' / '-k': 'skills' is not one of: skill, command, agent, mcp-server, "
            "tool, task, doc, knowledge; see 'skilldex list -h'",
        ),
        (["knowledge", "check", "--jsn"], no_such("--jsn", "skilldex knowledge check", "--json")),
        (
            ["doctor", ".", "--select", "SKD2"],
            "Error: --select SKD2: no doctor rule code starts with it; `skilldex rules SKD6` lists them",
        ),
        (["bogus"], "Error: No such command 'bogus'; see 'skilldex -h'"),
        (["--bogus"], no_such("--bogus", "skilldex")),
        # the fast path's commands hand what they cannot answer to the full parser, which says it the same way
        (["find", "credentialmate", "db", "--limit", "x"], "Error: Invalid value for '--limit' / '-n': "),
        (["find", "credentialmate", "db", "--bogus"], no_such("--bogus", "skilldex find")),
        (["startup", "--format", "xml"], "Error: --format must be text or claude-hook, not 'xml'"),
        (["startup", "--bogus"], no_such("--bogus", "skilldex startup")),
        (["hook", "bogus"], "Error: No such command 'bogus'; see 'skilldex hook -h'"),
        (["completion", "tcsh"], "Error: unknown shell 'tcsh'; choose one of: bash, zsh, fish, powershell, pwsh"),
        (["list", "/missing/repo"], "Error: /missing/repo: no such folder"),
        (["list", "README.md"], "Error: README.md is a file, not a repo folder; give the folder that holds the repo"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args, message):
    result = skilldex(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert re.match(message if isinstance(message, re.Pattern) else re.escape(message), result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")


def test_a_bare_command_group_shows_its_help():
    result = skilldex("knowledge")
    assert "Usage: skilldex knowledge [OPTIONS] COMMAND [ARGS]..." in result.stderr + result.stdout
    assert "Error" not in result.stderr


# -- a path that holds no skill, command or agent is reported as such --------------------------------


def test_validate_a_file_that_is_no_manifest(tmp_path):
    root = write_tree(tmp_path, {".git/HEAD": "x\n", "README.md": "# Read me\n"})
    result = skilldex("validate", "README.md", cwd=root)
    assert (result.returncode, result.stdout) == (0, "Checked 0 files: nothing to check.\n")
    assert result.stderr == "skilldex: skipped README.md: not a skill (SKILL.md), command or agent file\n"
    data = json.loads(skilldex("validate", "README.md", "--json", cwd=root).stdout)
    assert (data["summary"]["files"], data["not_checked"]) == (0, ["README.md"])


def test_validate_an_empty_folder(tmp_path):
    root = write_tree(tmp_path, {".git/HEAD": "x\n", "empty/notes.txt": "x\n"})
    result = skilldex("validate", "empty", cwd=root)
    assert (result.returncode, result.stdout) == (0, "Checked 0 files: nothing to check.\n")
    assert result.stderr == "skilldex: warning: empty: no skill (SKILL.md), command or agent file in this folder\n"
    agentskills = skilldex("validate", "empty", "--profile", "agentskills", cwd=root)
    assert agentskills.stderr == "skilldex: warning: empty: no skill (SKILL.md) file in this folder\n"


def test_validate_with_something_to_check_says_nothing_of_the_rest(tmp_path):
    root = write_tree(tmp_path, {".git/HEAD": "x\n", ".claude/skills/deploy/SKILL.md": SKILL})
    result = skilldex("validate", ".", cwd=root)
    assert (result.returncode, result.stdout, result.stderr) == (0, "Checked 1 file: all valid, no findings.\n", "")


# -- shell completion -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shell, first",
    [
        ("bash", "_skilldex_completion() {"),
        ("zsh", "#compdef skilldex"),
        ("fish", "complete --command skilldex"),
    ],
)
def test_completion_prints_the_shells_script(shell, first):
    result = skilldex("completion", shell)
    assert result.returncode == 0
    assert result.stdout.startswith(first)
    assert f"_SKILLDEX_COMPLETE=complete_{shell}" in result.stdout


def test_the_completion_protocol_answers_commands_and_options():
    bash = skilldex(env={"_SKILLDEX_COMPLETE": "complete_bash", "COMP_WORDS": "skilldex val", "COMP_CWORD": "1"})
    assert bash.stdout.split() == ["validate"]
    zsh = skilldex(env={"_SKILLDEX_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "skilldex validate . --pro"})
    assert '"--profile":' in zsh.stdout
    helped = skilldex("-h").stdout
    assert "--install-completion" in helped and "--show-completion" in helped


# -- clean help ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(commands()))
def test_every_commands_help_has_an_example_and_no_type_tags(path):
    result = skilldex(*path.split(), "-h")
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout
    assert "<bool>" not in result.stdout and "<str>" not in result.stdout
    assert "╭" not in result.stdout  # piped: plain text, no boxes
    # rich markup escapes are rich's business (typer < 0.20 escapes its own `[required]` even in plain help)
    assert not re.search(r"\\\[(?!required|default)", result.stdout)


def test_piped_help_keeps_each_example_on_one_line():
    shown = skilldex("validate", "-h").stdout
    assert (
        "\n    skilldex validate skills/ --profile claude-upload --select SKD2,SKD4 --format sarif > skills.sarif\n"
        in (shown)
    )


def test_help_on_a_terminal_has_no_bool_tags():
    shown = on_a_terminal("validate", "-h")
    assert "╭" in shown and "--no-fix" in shown  # the rich help, as a person sees it
    assert "<bool>" not in shown
    assert "--format   -f      FORMAT" in shown


# -- plain text when piped -------------------------------------------------------------------------


def test_list_piped_is_plain_lines(tmp_path):
    root = write_tree(
        tmp_path / "repo",
        {
            ".claude/skills/deploy/SKILL.md": SKILL,
            "tools/rotate": "#!/bin/sh\n# Rotate the database password.\nexec aws secretsmanager rotate-secret\n",
        },
    )
    (root / "tools/rotate").chmod(0o755)
    result = skilldex("list", str(root), cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"repo  ({root})",
        "",
        "Skills (1)",
        "  deploy  Deploys the API. Use when shipping a release.",
        "      /deploy  .claude/skills/deploy/SKILL.md  deploy",
        "",
        "Tools (1)",
        "  rotate  Rotate the database password.",
        "      tools/rotate  database, secrets",
    ]


def test_list_on_a_terminal_is_still_a_table():
    shown = on_a_terminal("list", "credentialmate")
    assert re.search(r"^┃ Name +┃ What it does +┃ Run / path +┃", shown, re.M) and "rds-query" in shown
