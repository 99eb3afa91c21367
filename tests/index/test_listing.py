"""`list --json` from a fresh index equals the catalogue built as models, walk findings included."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import FIXTURES, PROJECT

from skilldex.index.listing import catalogue_json
from skilldex.index.refresh import catalogue, repo_index

SOURCES = [FIXTURES / "allkinds", PROJECT / "examples" / "credentialmate", PROJECT / "examples" / "karematch"]
OLD = 1_600_000_000


def age(root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        for name in [*files, *dirs]:
            os.utime(os.path.join(folder, name), (OLD, OLD), follow_symlinks=False)
    os.utime(root, (OLD, OLD))


@pytest.fixture(params=SOURCES, ids=[s.name for s in SOURCES])
def repo(request, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(request.param, root, symlinks=True)
    os.symlink("nowhere/at/all.md", root / "dangling.md")  # a walk finding, which the index must keep too
    age(root)
    return root.resolve()


def test_the_stored_json_is_the_catalogue(repo: Path):
    built = catalogue(repo, name="named").model_dump(mode="json")
    assert any(f["path"] == "dangling.md" for f in built["findings"])
    assert catalogue_json(str(repo), "named") == built
    skills = catalogue_json(str(repo), "named", ["skill", "tool"])
    assert skills["items"] == [i for i in built["items"] if i["kind"] in ("skill", "tool")]
    assert skills["findings"] == built["findings"]


def test_a_change_makes_it_stale_until_any_refresh(repo: Path):
    catalogue(repo)
    (repo / "dangling.md").unlink()
    (repo / "tools").mkdir(exist_ok=True)
    (repo / "tools" / "new-tool.sh").write_text("#!/bin/sh\n# Rotate the logs.\necho rotate\n")
    assert catalogue_json(str(repo), "repo") is None
    age(repo)
    repo_index(repo).close()  # the fast path's refresh (find, startup, hooks) keeps the walk's findings current
    built = catalogue(repo).model_dump(mode="json")
    assert not any(f["path"] == "dangling.md" for f in built["findings"])
    assert catalogue_json(str(repo), "repo") == built


def test_show_answers_the_same_from_the_index_and_from_models(repo: Path, capsys, monkeypatch):
    from skilldex.cli import answers
    from skilldex.errors import UsageError

    def shown() -> list[str]:
        out = []
        for query in [*(i.path for i in items), *(i.name for i in items), "nothing-like-this"]:
            for as_json in (False, True):
                try:
                    answers.show(None, str(repo), query, as_json)
                except UsageError as exc:  # several items at one path, or none: the message
                    print("Error:", exc)
                out.append(capsys.readouterr().out)
        return out

    items = catalogue(repo).items
    assert catalogue_json(str(repo), repo.name) is not None
    from_index = shown()
    monkeypatch.setenv("SKILLDEX_NO_CACHE", "1")
    assert catalogue_json(str(repo), repo.name) is None
    assert from_index == shown()
    assert sum(text.startswith("{") for text in from_index) >= len(items) // 2  # not all errors
