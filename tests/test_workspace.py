"""skilldex.yaml: found by walking up, given explicitly, or by env; both file shapes; clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilldex.workspace import WorkspaceError, load_workspace, open_workspace, resolve_repo


def make(tmp_path: Path, text: str) -> Path:
    (tmp_path / "cm").mkdir(exist_ok=True)
    file = tmp_path / "skilldex.yaml"
    file.write_text(text)
    return file


def test_repos_mapping_relative_to_the_file(tmp_path):
    ws = load_workspace(make(tmp_path, "repos:\n  credentialmate: cm\n"))
    assert ws.repos["credentialmate"].path == (tmp_path / "cm").resolve()
    assert ws.repos["credentialmate"].declared == "cm"


def test_flat_mapping_as_in_the_issue(tmp_path):
    ws = load_workspace(make(tmp_path, "credentialmate: ./cm\nother: {path: cm}\n"))
    assert sorted(ws.repos) == ["credentialmate", "other"]


def test_found_by_walking_up(tmp_path):
    make(tmp_path, "repos: {credentialmate: cm}\n")
    deep = tmp_path / "cm" / "a" / "b"
    deep.mkdir(parents=True)
    ws = open_workspace(cwd=deep)
    assert ws is not None and ws.file == (tmp_path / "skilldex.yaml").resolve()


def test_explicit_and_env_take_precedence(tmp_path, monkeypatch):
    make(tmp_path, "repos: {credentialmate: cm}\n")
    other = tmp_path / "other"
    other.mkdir()
    (other / "skilldex.yaml").write_text("repos: {k: .}\n")
    assert sorted(open_workspace(str(other), cwd=tmp_path).repos) == ["k"]
    monkeypatch.setenv("SKILLDEX_WORKSPACE", str(other / "skilldex.yaml"))
    assert sorted(open_workspace(cwd=tmp_path).repos) == ["k"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("repos: [a, b]\n", "'repos' must map names to paths"),
        ("repos:\n  a: 3\n", "repo 'a' needs a path"),
        ("repos: {a: [\n", "invalid YAML"),
        ("- a\n", "expected a mapping"),
    ],
)
def test_bad_workspace_files_say_what_is_wrong(tmp_path, text, message):
    with pytest.raises(WorkspaceError, match=message.replace("[", r"\[")) as caught:
        load_workspace(make(tmp_path, text))
    assert str(tmp_path / "skilldex.yaml") in str(caught.value)


def test_resolve_name_path_and_missing_folder(tmp_path):
    ws = load_workspace(make(tmp_path, "repos: {cm: cm, gone: nowhere}\n"))
    assert resolve_repo("cm", ws).name == "cm"
    assert resolve_repo(str(tmp_path / "cm"), ws).name == "cm"  # a path inside the workspace keeps its name
    with pytest.raises(WorkspaceError, match="names 'gone' at .* but that folder does not exist"):
        resolve_repo("gone", ws)
    with pytest.raises(WorkspaceError, match="Did you mean 'cm'"):
        resolve_repo("cmx", ws)
