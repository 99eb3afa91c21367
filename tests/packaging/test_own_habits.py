"""The habits this repo ships, run on itself: its own pre-commit config, mypy's configuration, CI's lint."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml
from support import PROJECT

from skilldex import tomlfile

CONFIG = PROJECT / ".pre-commit-config.yaml"
PYPROJECT = tomlfile.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


def _hooks() -> dict[str, dict]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_real_pre_commit_accepts_the_config():
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(CONFIG)], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_config_runs_ruff_mypy_and_skilldex_from_the_venv_ci_pins():
    hooks = _hooks()
    assert list(hooks) == ["ruff-check", "ruff-format", "mypy", "skilldex-validate"]
    assert [hook["entry"].split()[0] for hook in hooks.values()] == [
        ".venv/bin/ruff",
        ".venv/bin/ruff",
        ".venv/bin/mypy",
        ".venv/bin/skilldex",
    ]
    pins = {re.split(r"[=<>]", r, maxsplit=1)[0]: r for r in PYPROJECT["project"]["optional-dependencies"]["test"]}
    assert pins["ruff"].startswith("ruff==") and pins["mypy"].startswith("mypy==")


def test_every_skill_the_plugin_ships_is_validated_on_commit():
    pattern = re.compile(_hooks()["skilldex-validate"]["files"])
    skills = sorted(p.relative_to(PROJECT).as_posix() for p in (PROJECT / "skills").rglob("SKILL.md"))
    assert skills and all(pattern.search(rel) for rel in skills)
    assert not pattern.search("src/skilldex/SKILL.md") and not pattern.search("skills/README.md")


def test_mypy_checks_the_package_on_the_oldest_supported_python():
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy["files"] == ["src/skilldex"] and mypy["check_untyped_defs"] is True
    assert f">={mypy['python_version']}" == PYPROJECT["project"]["requires-python"]


def test_ci_runs_ruff_check_ruff_format_and_mypy_through_make_lint():
    # .ci/run's static checks are the `lint` target's recipe; a line commented out there leaves CI
    assert "make lint " in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", (PROJECT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert recipe is not None
    commands = [line.strip() for line in recipe.group(1).splitlines()]
    assert commands == [
        "$(BIN)/ruff check src tests hooks benchmarks",
        "$(BIN)/ruff format --check src tests hooks benchmarks",
        "$(BIN)/mypy",
    ]
