"""Packaging: a distribution name of its own, declared dependencies = imported ones, LICENSE, CHANGELOG, the
pre-commit rev the README names, and `make demo` without the test extras."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata

import pytest
from support import PROJECT

from skilldex import tomlfile

PYPROJECT = tomlfile.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT_TABLE = PYPROJECT["project"]
# Installing by the name "skilldex" from the package index gets an unrelated project.
_INDEX_INSTALL = re.compile(
    r"\b(?:pip3?|pipx|uv (?:tool|pip)) install(?:\s+-\S+)*\s+['\"]?skilldex(?![\w.-]*-index)\b(?!/)"
)
# Where users read install advice: docs, plugin files and the library's own messages.
_ADVICE = ["README.md", "docs", "CLAUDE.md", "CHANGELOG.md", ".claude-plugin", "hooks", "skills", "src/skilldex"]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_distribution_has_a_name_of_its_own_and_the_command_stays_skilldex():
    assert PROJECT_TABLE["name"] == "skilldex-index"
    assert PROJECT_TABLE["scripts"] == {"skilldex": "skilldex.cli:main"}
    assert (PROJECT / "src" / "skilldex" / "__init__.py").is_file()


def test_nothing_tells_anyone_to_install_skilldex_from_the_index():
    assert _INDEX_INSTALL.search("pip install skilldex") and _INDEX_INSTALL.search("pip install 'skilldex[mcp]'")
    assert _INDEX_INSTALL.search("pip install -U skilldex")
    assert not _INDEX_INSTALL.search("pipx install ./skilldex") and not _INDEX_INSTALL.search("pip install -e .")
    offenders = []
    for part in _ADVICE:
        root = PROJECT / part
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".md", ".json", ".py", ".sh", "") and "__pycache__" not in path.parts:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if _INDEX_INSTALL.search(line):
                        offenders.append(f"{path.relative_to(PROJECT)}:{number}: {line.strip()}")
    assert offenders == []


def _imports(folder) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    stdlib = sys.stdlib_module_names | {"tomllib"}  # 3.11's, imported on 3.11+ only
    return {name for name in found if name not in stdlib and name != "skilldex"}


# Python 3.10's packages_distributions() reads only top_level.txt, which some wheels do not ship.
_KNOWN = {"frontmatter": "python-frontmatter", "yaml": "pyyaml"}


def _distribution(module: str) -> str:
    installed = metadata.packages_distributions().get(module)
    return (installed[0] if installed else _KNOWN.get(module, module)).lower().replace("_", "-")


def test_every_runtime_import_is_declared_and_every_declared_dependency_imported():
    imported = {_distribution(module) for module in _imports(PROJECT / "src" / "skilldex")}
    declared = {_name(r) for r in PROJECT_TABLE["dependencies"]}
    extras = {_name(r) for r in PROJECT_TABLE["optional-dependencies"]["mcp"]}
    assert imported - extras == declared
    assert extras <= imported  # the mcp extra is what `skilldex mcp` imports


def test_every_test_import_is_declared():
    imported = {_distribution(m) for m in _imports(PROJECT / "tests")} - {"support", "conftest"}
    declared = {_name(r) for r in PROJECT_TABLE["dependencies"] + PROJECT_TABLE["optional-dependencies"]["test"]}
    local = {p.stem for p in (PROJECT / "tests").rglob("*.py")} | {p.name for p in (PROJECT / "tests").rglob("*")}
    assert {name for name in imported - declared if name not in local} == set()


def test_license_changelog_and_project_urls():
    assert PROJECT_TABLE["license"] == "MIT"
    license_text = (PROJECT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License\n") and "WITHOUT WARRANTY OF ANY KIND" in license_text
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and f"## [{PROJECT_TABLE['version']}]" in changelog
    urls = PROJECT_TABLE["urls"]
    assert set(urls) == {"Homepage", "Repository", "Issues", "Changelog"}
    assert all(url.startswith(urls["Repository"]) for url in urls.values())
    assert urls["Changelog"].endswith("/CHANGELOG.md")


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(PROJECT), *args], capture_output=True, text=True)


def test_the_readme_pre_commit_rev_exists_and_has_the_hooks_it_names():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("**pre-commit**", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    rev = re.search(r"^\s*rev:\s*(\S+)", snippet, re.MULTILINE).group(1)
    ids = re.findall(r"^\s*#?\s*- id:\s*(\S+)", snippet, re.MULTILINE)
    assert ids == ["skilldex-validate", "skilldex-validate-upload"]
    if shutil.which("git") is None or _git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout: the rev cannot be looked up")
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone may not hold the rev")
    assert _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode == 0, f"rev {rev} does not exist"
    hooks = _git("show", f"{rev}:.pre-commit-hooks.yaml").stdout
    assert all(f"- id: {hook_id}\n" in hooks for hook_id in ids)


def _make_plan(target: str, tmp_path) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not on PATH")
    # Run inside `make test` (CI), the outer make's flags and variables would reach this one: leave them out.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON", "VENV")}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"VENV={tmp_path / 'venv'}"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_demo_installs_only_the_runtime_dependencies(tmp_path):
    demo = _make_plan("demo", tmp_path)
    assert "pip install --quiet -e .\n" in demo and "[test]" not in demo and "npm" not in demo
    assert demo.rstrip().endswith("skilldex list credentialmate")
    test = _make_plan("test", tmp_path)
    assert "pip install --quiet -e '.[test]'" in test and test.rstrip().endswith("python -m pytest -q")


def test_the_readme_installs_like_a_python_cli_and_names_extras_that_exist():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    install = readme.split("## Install", 1)[1].split("\n## ", 1)[0]
    commands = [
        line.split("#")[0].strip()
        for block in install.split("```sh")[1:]
        for line in block.split("```")[0].splitlines()
        if line.strip()
    ]
    assert "pipx install ." in commands and "uv tool install ." in install and "skilldex-index" in install
    assert "python3 -m venv .venv && .venv/bin/python -m pip install -e '.[test]'" in commands
    # pip only ever installs into a venv; nothing installs into the user's or the system's Python.
    assert all(".venv" in c for c in commands if "pip install" in c)
    extras = set(re.findall(r"\.\[(\w+)\]", readme))
    assert extras and extras <= set(PROJECT_TABLE["optional-dependencies"])
