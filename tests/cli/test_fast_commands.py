"""The fast path (before Typer loads): what each command imports, and that it answers exactly as Typer does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import write_tree

from skilldex.cli.app import app, register
from skilldex.cli.spec import COMMANDS, GLOBAL, parse, parse_global

register()
HEAVY = ("pydantic", "typer", "click", "rich", "yaml")
_DRIVER = """
import atexit, json, os, sys
def _dump():
    with open(os.environ["MODULES_OUT"], "w") as out:
        loaded = {m.split(".")[0] for m in sys.modules} | set(sys.modules)  # packages, and modules by full name
        json.dump(sorted(loaded & set(os.environ["HEAVY"].split())), out)
atexit.register(_dump)
sys.argv = ["skilldex", *json.loads(os.environ["ARGV"])]
if os.environ.get("TYPER_ONLY"):  # the same command through the Typer app, never the fast path
    from skilldex.cli.app import app, register
    register()
    app(prog_name="skilldex")
from skilldex.cli import main
raise SystemExit(main())
"""
SKILL = "---\nname: {name}\ndescription: Deploys {name}. Use when shipping {name}.\n---\n# {name}\n"


def run(
    args: list[str], cwd: Path, typer_only: bool = False, heavy: tuple[str, ...] = HEAVY
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """The real process; also which of `heavy` (packages, or modules by full name) it imported."""
    out = cwd.parent / f"modules-{os.getpid()}.json"  # outside the repo: writing there would stale its index
    env = {k: v for k, v in os.environ.items() if k not in ("SKILLDEX_WORKSPACE", "COLUMNS")}
    env.update(ARGV=json.dumps(args), MODULES_OUT=str(out), HEAVY=" ".join(heavy))
    if typer_only:
        env["TYPER_ONLY"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    modules = json.loads(out.read_text())
    out.unlink()
    return done, modules


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write_tree(
        root,
        {
            ".claude/skills/deploy/SKILL.md": SKILL.format(name="deploy"),
            ".claude/skills/backup/SKILL.md": SKILL.format(name="backup"),
            ".claude/skills/broken/SKILL.md": "---\nname: Broken Name\n---\nno description\n",
            "scripts/rotate_keys.sh": "#!/bin/sh\n# Rotate the API keys.\necho rotate\n",
        },
    )
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for folder, dirs, files in os.walk(root):  # older than the index's racy window, so a second run is warm
        for name in [*dirs, *files, "."]:
            os.utime(os.path.join(folder, name), (1_700_000_000, 1_700_000_000))
    return root


# (arguments, heavy modules its warm answer may load); {repo} is the repo folder
NEEDS = [
    (["--version"], set()),
    (["rules"], set()),
    (["rules", "SKD2", "--json"], set()),
    (["rule", "SKD012"], set()),
    (["rule", "invalid-frontmatter-yaml", "--json"], set()),
    (["find", "{repo}", "rotate", "keys"], set()),
    (["find", "--limit=2", "-k", "tool", "{repo}", "rotate", "--json"], set()),
    (["startup"], set()),
    (["-w", "{repo}", "startup", "-f", "claude-hook"], set()),
    (["hook", "prompt"], set()),
    (["validate", "{repo}/.claude/skills/deploy"], set()),  # findings are plain; plain frontmatter needs no YAML
    (["validate", "{repo}", "--json"], set()),
    (["validate", "{repo}/.claude/skills/broken/SKILL.md", "--format", "sarif"], set()),
    (["validate", "{repo}/.claude/skills", "--format", "github", "--profile", "claude-upload"], set()),
    (["list", "{repo}", "--json"], set()),  # the stored JSON of a fresh index
    (["list", "{repo}", "--json", "--kind", "tool"], set()),
    (["list", "{repo}"], {"pydantic", "yaml"}),  # plain lines are rendered from models
    (["show", "{repo}", "deploy"], set()),
    (["show", "{repo}", "rotate_keys", "--json"], set()),
    (["doctor", "{repo}", "--no-git"], {"pydantic", "yaml"}),
]


@pytest.mark.parametrize(("args", "allowed"), NEEDS, ids=[" ".join(a) for a, _ in NEEDS])
def test_a_fast_command_imports_only_what_its_warm_answer_needs(repo: Path, args: list[str], allowed: set[str]):
    argv = [a.format(repo=repo) for a in args]
    run(argv, repo)  # warms the index
    done, modules = run(argv, repo)
    assert done.returncode in (0, 1), done.stderr
    assert set(modules) <= allowed, f"{argv} imported {modules}"


# what a warm brief or find never needs: the scorer and what it reads (run only when the index is written), the
# scanner, the models, the secret and markdown tables
SCAN_ONLY = (
    "skilldex.importance",
    "skilldex.hookrules",
    "skilldex.markdown",
    "skilldex.secrets",
    "skilldex.scan.unit",
    "skilldex.models",
)


@pytest.mark.parametrize("args", [["startup"], ["find", "{repo}", "rotate", "keys"], ["hook", "prompt"]], ids=" ".join)
def test_a_warm_brief_or_find_loads_nothing_the_scan_needs(repo: Path, args: list[str]):
    argv = [a.format(repo=repo) for a in args]
    run(argv, repo)  # warms the index
    done, modules = run(argv, repo, heavy=SCAN_ONLY)
    assert done.returncode == 0, done.stderr
    assert modules == []
    _, cold = run(["validate", str(repo / ".claude/skills/deploy")], repo, heavy=SCAN_ONLY)
    assert "skilldex.markdown" in cold  # what loading them looks like: the check above can fail


def test_validate_loads_the_yaml_parser_only_for_frontmatter_the_plain_reader_declines(repo: Path, tmp_path: Path):
    other = tmp_path / "other"  # its own repo: a new skill in `repo` would stale the index its collision check reads
    write_tree(other, {".claude/skills/folded/SKILL.md": "---\nname: folded\ndescription: >\n  Deploys it.\n---\n"})
    done, modules = run(["validate", str(other / ".claude/skills/folded"), "--json"], other)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["files"] == 1
    assert modules == ["yaml"]  # a folded scalar needs the parser (so the check above can fail), never pydantic
    run(["validate", str(repo / ".claude/skills/deploy")], repo)  # warms the index
    done, modules = run(["validate", str(repo / ".claude/skills/deploy"), "--json"], repo)
    assert done.returncode == 0 and modules == []


def test_help_still_comes_from_typer(repo: Path):
    done, modules = run(["validate", "--help"], repo)
    assert done.returncode == 0 and "Usage: skilldex validate" in done.stdout
    assert "typer" in modules  # the check above can fail: this is what loading Typer looks like


SAME = [
    ["--version"],
    ["rules", "SKD1"],
    ["rules", "--json", "SKD20"],
    ["rules", "nothing"],
    ["rule", "SKD012", "--json"],
    ["rule", "no-such-rule"],
    ["validate", ".claude/skills"],
    ["validate", ".claude/skills/broken/SKILL.md", "--format", "github"],
    ["validate", ".", "--json", "--select", "SKD2", "--ignore=SKD201"],
    ["validate", "--profile", "agentskills", ".", "--no-fix"],
    ["validate", ".", "--profile", "nope"],
    ["validate", "missing"],
    ["validate", "scripts"],
    ["validate", ".", "-f", "yaml"],
    ["list", ".", "--json", "-k", "skill"],
    ["list", "."],
    ["list", "nowhere"],
    ["show", ".", "deploy", "--json"],
    ["show", ".", "rotate_keys"],
    ["show", ".", "nothing-like-it"],
    ["doctor", ".", "--no-git", "--format", "json"],
    ["doctor", "--no-git"],
    ["-w", "nowhere.yaml", "list", "."],
    ["--workspace=nowhere.yaml", "list", "."],
    ["-w"],
    ["--version", "rules"],
    ["-w", "nowhere.yaml", "--version"],
    ["find", ".", "rotate", "keys"],
    ["find", ".", "rotate", "--limit", "1", "--json"],
    ["find", "--limit=2", "-k", "skill", ".", "deploy"],
    ["find", ".", "deploy", "-n", "0"],
    ["find", ".", "deploy", "--limit", "+3"],
    ["find", ".", "deploy", "--kind", "nope"],
    ["find", ".", "--", "-deploy"],
    ["find", "."],
    ["startup"],
    ["startup", "-f", "claude-hook"],
    ["startup", "--format=text"],
    ["startup", "--format", "xml"],
    ["startup", "--json"],
    ["hook", "session-start"],
    ["hook", "prompt"],
    ["hook", "pre-write", "extra"],
    ["hook", "nope"],
]


@pytest.mark.parametrize("args", SAME, ids=[" ".join(a) for a in SAME])
def test_the_fast_path_answers_exactly_as_typer_does(repo: Path, args: list[str]):
    typer_done, typer_modules = run(args, repo, typer_only=True)
    fast_done, fast_modules = run(args, repo)
    assert "typer" in typer_modules
    assert (fast_done.returncode, fast_done.stdout, fast_done.stderr) == (
        typer_done.returncode,
        typer_done.stdout,
        typer_done.stderr,
    )


def _typer_params(name: str) -> list:
    """The parameters of the app ("") or of one of its commands ("find", "hook prompt")."""
    import typer.main

    command = typer.main.get_command(app)
    for part in name.split():
        command = command.commands[part]
    return command.params


# The app's options the fast path leaves to Typer (it never sees them: parse_global declines them).
LEFT_TO_TYPER = {frozenset({"--install-completion"}), frozenset({"--show-completion"})}


@pytest.mark.parametrize("name", ["", *sorted(COMMANDS)])
def test_the_declarations_are_the_typer_commands_options(name: str):
    """Every option and argument the fast path parses is the Typer command's, with the same spellings, shape and
    default: change one side only and this fails."""
    spec = COMMANDS[name] if name else GLOBAL
    options = {
        frozenset(p.opts + p.secondary_opts): (not p.is_flag, bool(p.multiple), p.name)
        for p in _typer_params(name)
        if p.param_type_name == "option" and p.name != "help"
    }
    declared = {frozenset(o.names): (o.value, o.many, o.dest) for o in spec.options}
    if not name:
        assert set(options) - set(declared) == LEFT_TO_TYPER
        options = {k: v for k, v in options.items() if k not in LEFT_TO_TYPER}
    assert {k: v[:2] for k, v in options.items()} == {k: v[:2] for k, v in declared.items()}
    for option in spec.options:
        param = next(p for p in _typer_params(name) if set(p.opts) == set(option.names))
        assert param.default == option.default or (option.many and not param.default)
    arguments = [p for p in _typer_params(name) if p.param_type_name == "argument"]
    assert [p.name for p in arguments] == list(spec.arguments)
    assert sum(p.required for p in arguments) == spec.required
    assert bool(arguments and arguments[-1].nargs == -1) == spec.variadic


def test_every_typer_command_the_fast_path_answers_is_declared():
    """The fast path answers only what cli/spec.py declares: fast.py itself names no option but help's."""
    import ast

    import skilldex.cli.fast as fast

    source = ast.parse(Path(fast.__file__).read_text(encoding="utf-8"))
    named = {
        node.value
        for node in ast.walk(source)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("-")
    }
    assert named == {"-h", "--help"}
    for name in COMMANDS:  # and each declared command is one the app has
        assert _typer_params(name) is not None


def test_the_global_options_parse_as_click_does():
    assert parse_global(["-w", "ws.yaml", "find", "r", "x"]) == (
        {"workspace": "ws.yaml", "version": False},
        "find",
        ["r", "x"],
    )
    assert parse_global(["--workspace=ws.yaml", "hook", "prompt"]) == (
        {"workspace": "ws.yaml", "version": False},
        "hook prompt",
        [],
    )
    assert parse_global(["--version", "--bogus"]) == ({"workspace": None, "version": True}, None, [])
    for declined in (["-w"], ["--bogus", "list"], ["--version=1"], ["-wws.yaml", "list"], ["hook"], ["--", "list"]):
        assert parse_global(declined) is None, declined


@pytest.mark.parametrize(
    "argv",
    [
        ["x", "--help"],
        ["x", "-h"],
        ["x", "--bogus"],
        ["x", "--format"],
        ["x", "--json=yes"],
        ["x", "-jf"],
        [],
    ],
)
def test_anything_the_declarations_do_not_cover_goes_to_typer(argv: list[str]):
    assert parse(COMMANDS["validate"], argv) is None


def test_the_declarations_parse_as_click_does():
    values = parse(
        COMMANDS["validate"], ["a", "--select", "SKD2", "-p", "agentskills", "--select=SKD3", "--", "--json"]
    )
    assert values == {
        "fmt": "text",
        "as_json": False,
        "select": ["SKD2", "SKD3"],
        "ignore": [],
        "no_fix": False,
        "profile": "agentskills",
        "paths": ["a", "--json"],
    }
    assert parse(COMMANDS["rules"], []) == {"as_json": False, "prefix": None}
    assert parse(COMMANDS["show"], ["r"]) is None  # the item is required


def test_the_collector_is_off_only_while_the_fast_path_answers(capsys):
    """A fast command runs without the cyclic collector (a short process); a command left to Typer gets it back
    (`skilldex mcp` serves for hours)."""
    import gc

    from skilldex.cli import fast

    try:
        assert fast.run(["rule", "SKD012"]) == 0 and not gc.isenabled()
        assert fast.run(["mcp", "--help"]) is None and gc.isenabled()
    finally:
        gc.enable()
    assert "SKD012" in capsys.readouterr().out
