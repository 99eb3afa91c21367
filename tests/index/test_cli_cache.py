"""`skilldex cache info|clear` and `skilldex list --json` through the index, in-process and as a real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilldex.cli.app import app, register
from skilldex.scan import scan_repo

register()
runner = CliRunner()

FILES = {
    ".claude/skills/deploy/SKILL.md": "---\nname: deploy\ndescription: Deploy the app.\n---\nSee [g](guide.md).\n",
    "tools/backup.sh": "#!/bin/sh\n# Back up the database.\necho backup\n",
    ".claude/skills/broken/SKILL.md": "---\nname: [\n---\nBody\n",
}


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """cli(*args) -> Result, run from an empty folder with no workspace file around."""
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    monkeypatch.chdir(workdir)

    def run(*args: str, **env: str):
        return runner.invoke(app, list(args), env={"SKILLDEX_WORKSPACE": "", **env})

    return run


def _info(cli) -> dict:
    result = cli("cache", "info", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_info_lists_the_repo_after_list_and_clear_removes_it(cli, project, cache):
    project.write(FILES)
    assert _info(cli) == {"cache_dir": str(cache), "bytes": 0, "repos": []}

    cold = cli("list", str(project.root), "--json")
    warm = cli("list", str(project.root), "--json")
    assert (cold.exit_code, warm.exit_code) == (0, 0), cold.output
    assert warm.stdout == cold.stdout
    data = json.loads(cold.stdout)
    assert data == scan_repo(project.root, "repo").model_dump(mode="json")
    assert [i["path"] for i in data["items"]] == [
        ".claude/skills/broken/SKILL.md",
        ".claude/skills/deploy/SKILL.md",
        "tools/backup.sh",
    ]

    info = _info(cli)
    assert info["cache_dir"] == str(cache) and info["bytes"] > 0
    (entry,) = info["repos"]
    assert entry["bytes"] > 0
    del entry["bytes"]
    assert entry == {"path": project.db, "root": os.path.realpath(project.root), "files": 3, "items": 3, "usable": True}

    cleared = cli("cache", "clear", "--json")
    assert cleared.exit_code == 0, cleared.output
    assert project.db in json.loads(cleared.stdout)["removed"]
    assert not os.path.exists(project.db)
    assert list(cache.rglob("*.sqlite3*")) == []
    assert _info(cli)["repos"] == []

    again = cli("list", str(project.root), "--json")  # rebuilt from nothing: the same answer
    assert again.stdout == cold.stdout
    uncached = cli("list", str(project.root), "--json", SKILLDEX_NO_CACHE="1")
    assert uncached.stdout == cold.stdout


def test_info_flags_a_corrupt_index_and_list_rebuilds_it(cli, project):
    project.write(FILES)
    first = cli("list", str(project.root), "--json")
    Path(project.db).write_bytes(b"garbage" * 1000)
    assert [(r["root"], r["usable"]) for r in _info(cli)["repos"]] == [(None, False)]
    assert cli("list", str(project.root), "--json").stdout == first.stdout
    assert [(r["root"], r["usable"], r["files"]) for r in _info(cli)["repos"]] == [
        (os.path.realpath(project.root), True, 3)
    ]


def test_list_json_as_a_real_command_is_identical_cold_and_warm(project, cache):
    project.write(FILES)
    env = {**os.environ, "SKILLDEX_CACHE_DIR": str(cache), "SKILLDEX_WORKSPACE": ""}
    command = [str(Path(sys.executable).parent / "skilldex"), "list", str(project.root), "--json"]  # this venv's
    cold = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project.root.parent, timeout=60)
    assert os.path.isfile(project.db), cold.stderr
    warm = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project.root.parent, timeout=60)
    assert (cold.returncode, warm.returncode) == (0, 0), cold.stderr
    assert warm.stdout == cold.stdout
    assert json.loads(warm.stdout) == scan_repo(project.root, "repo").model_dump(mode="json")
