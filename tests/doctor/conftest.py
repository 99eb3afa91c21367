"""Fixtures for doctor: an empty HOME, repos in tmp_path, git histories with fixed dates, a doctor runner."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import write_tree

from skilldex.doctor import doctor_repos
from skilldex.workspace import RepoRef


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch) -> Path:
    """An empty HOME, so the personal skills of whoever runs the tests never leak in."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def make_repo(tmp_path: Path):
    """make_repo({path: text}, name="repo") -> a real folder holding those files."""

    def make(files: dict[str, str | bytes], name: str = "repo") -> Path:
        root = tmp_path / name
        root.mkdir(exist_ok=True)
        return write_tree(root, files)

    return make


@pytest.fixture
def doctor():
    """doctor(root, ...) -> the Report for that one repo, paths relative to it."""

    def run(*roots: Path, **options):
        refs = [RepoRef(root.name, root) for root in roots]
        return doctor_repos(refs, cwd=str(roots[0]), **options)

    return run


def git_env(date: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        }
    )
    if date:
        env.update({"GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"})
    return env


def git(root: Path, *args: str, date: str | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=git_env(date), check=True, timeout=60
    )
    return done.stdout.strip()


@pytest.fixture
def gitcmd():
    """gitcmd(root, *args, date=None): run git in root with a fixed identity (and date), return stdout."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return git


@pytest.fixture
def history(make_repo):
    """history([(date, {path: text or None to delete}, [(old, new) renames])...]) -> a git repo with those
    commits, in order, each dated at noon UTC; returns (root, [commit shas])."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def build(commits, name: str = "repo") -> tuple[Path, list[str]]:
        root = make_repo({}, name)
        git(root, "init", "-q", "-b", "main")
        shas = []
        for commit in commits:
            date, files, *rest = commit
            for old, new in rest[0] if rest else []:
                git(root, "mv", old, new)
            write_tree(root, {p: t for p, t in files.items() if t is not None})
            for path in (p for p, t in files.items() if t is None):
                git(root, "rm", "-q", path)
            git(root, "add", "-A")
            git(root, "commit", "-q", "--allow-empty", "-m", f"commit {len(shas) + 1}", date=date)
            shas.append(git(root, "rev-parse", "HEAD"))
        return root, shas

    return build
