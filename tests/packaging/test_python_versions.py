"""Every supported Python: one TOML reader with the tomli fallback, and TOML task files scan on this one."""

from __future__ import annotations

import re
import sys

from support import PROJECT

from skilldex import tomlfile
from skilldex.scan import scan_repo

_TOML_IMPORT = re.compile(r"^\s*(?:import|from)\s+(tomllib|tomli)\b", re.MULTILINE)


def test_only_tomlfile_imports_a_toml_parser():
    importers = sorted(
        str(path.relative_to(PROJECT))
        for folder in ("src", "tests", "benchmarks")
        for path in (PROJECT / folder).rglob("*.py")
        if _TOML_IMPORT.search(path.read_text(encoding="utf-8"))
    )
    assert importers == ["src/skilldex/tomlfile.py"]


def test_the_reader_is_the_standard_one_where_there_is_one():
    expected = "tomllib" if sys.version_info >= (3, 11) else "tomli"
    assert tomlfile.tomllib.__name__ == expected
    assert tomlfile.loads("\ufeff[tool]\nx = 1\n") == {"tool": {"x": 1}}


def test_toml_task_files_scan_on_this_python(tmp_path):
    """The 3.10 crash: mise.toml, tox.toml and .cargo/config.toml stopped the scan with ModuleNotFoundError."""
    (tmp_path / ".cargo").mkdir()
    (tmp_path / "mise.toml").write_text('[tasks.build]\nrun = "cargo build"\n', encoding="utf-8")
    (tmp_path / "tox.toml").write_text('[env.docs]\ncommands = [["sphinx-build", "docs", "out"]]\n', encoding="utf-8")
    (tmp_path / ".cargo" / "config.toml").write_text('[alias]\nxt = "run -p xtask --"\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project.scripts]\nmytool = "pkg.cli:main"\n', encoding="utf-8")
    catalogue = scan_repo(tmp_path)
    assert catalogue.findings == []
    assert sorted((i.runner, i.name) for i in catalogue.items if i.kind == "task") == [
        ("cargo", "xt"),
        ("mise", "build"),
        ("python-scripts", "mytool"),
        ("tox", "docs"),
    ]
