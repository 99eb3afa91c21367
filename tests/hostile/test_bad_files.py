"""Issue 22 items 7, 8 and 10: reads never leave the root, one bad file never stops the repo, hooks stay small.

Item 7: a doc swapped for a symlink to an outside file (or a folder on its way swapped for a link out)
between the walk and the read is not read; the swap is done deterministically between the two.
Item 8: each bad file becomes a finding and the rest of the repo (a tool beside it) is still catalogued,
through the real CLI and the persistent index. Item 10: a hook run from / or a home folder exits 0 at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import skilldex_cli, write_tree

from skilldex.index.workspaces import project_root
from skilldex.scan.fs import RepoFS

OUTSIDE = "OUTSIDE-" + "c0ffee"
TOOL = "#!/bin/sh\n# Rotate the staging certificates.\necho\n"


def _cli(args: list[str], cwd: Path, stdin: str = "", home: Path | None = None) -> subprocess.CompletedProcess:
    return skilldex_cli(args, cwd, stdin, home)


# -- item 7 ---------------------------------------------------------------------------------------


def test_a_file_swapped_for_a_link_out_after_the_walk_is_not_read(tmp_path: Path):
    write_tree(tmp_path / "outside", {"secret.md": f"# Secret\n{OUTSIDE}\n", "real/b.md": f"{OUTSIDE}\n"})
    root = write_tree(
        tmp_path / "repo", {"docs/a.md": "# A\ninside\n", "real/b.md": "inside b\n", "docs/in.md": "# In\n"}
    )
    os.symlink("../real/b.md", root / "docs" / "link.md")  # a link that stays inside: still read
    fs = RepoFS.open(root)
    files = {f.rel: f for f in fs.files}
    assert fs.read_text(files["docs/link.md"]) == "inside b\n"

    (root / "docs" / "a.md").unlink()
    os.symlink(tmp_path / "outside" / "secret.md", root / "docs" / "a.md")  # swapped between walk and read
    (root / "real").rename(tmp_path / "moved")
    os.symlink(tmp_path / "outside" / "real", root / "real")  # a folder on the way swapped for a link out

    assert fs.read_text(files["docs/a.md"]) is None
    assert fs.head(files["real/b.md"]) == b""
    assert fs.read_text(files["real/b.md"]) is None
    messages = {(f.path, f.code, f.message) for f in fs.findings}
    assert ("docs/a.md", "SKD001", "cannot read: a symlink that leaves the repo") in messages
    assert ("real/b.md", "SKD001", "cannot read: the file is outside the repo") in messages
    assert fs.read_text(files["docs/in.md"]) == "# In\n"


def test_the_search_index_body_is_read_through_the_same_door(tmp_path: Path):
    from skilldex.search.documents import _body

    write_tree(tmp_path / "outside", {"x.md": f"{OUTSIDE}\n"})
    root = write_tree(tmp_path / "repo", {"docs/x.md": "inside\n"})
    assert _body(root, "docs/x.md") == "inside\n"
    (root / "docs" / "x.md").unlink()
    os.symlink(tmp_path / "outside" / "x.md", root / "docs" / "x.md")
    assert _body(root, "docs/x.md") == ""


# -- item 8 ---------------------------------------------------------------------------------------

BAD_FILES: dict[str, tuple[dict[str, str | bytes], str, str]] = {
    "non-utf8 name": ({os.fsdecode(b"src/\xff.c"): "int main(){}\n"}, "SKD009", "src/\\xff.c"),
    "huge integer in .mcp.json": (
        {".mcp.json": '{"mcpServers": {"a": {"command": "x", "n": ' + "9" * 4400 + "}}}"},
        "SKD030",
        ".mcp.json",
    ),
    "deep nesting in .mcp.json": ({".mcp.json": "[" * 30_000}, "SKD030", ".mcp.json"),
    "deep nesting in plugin.json": ({".claude-plugin/plugin.json": "[" * 30_000}, "", ""),
    "30,000 minus signs in noxfile.py": (
        {"noxfile.py": "import nox\n@nox.session\ndef a(s):\n    x = " + "-" * 30_000 + "1\n"},
        "SKD031",
        "noxfile.py",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_one_bad_file_is_a_finding_and_the_rest_is_catalogued(tmp_path: Path, case: str):
    files, code, path = BAD_FILES[case]
    root = tmp_path / "repo"
    root.mkdir()
    for rel, content in files.items():
        target = os.path.join(os.fsencode(root), os.fsencode(rel))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    write_tree(root, {".git/HEAD": "ref: refs/heads/main\n", "tools/rotate-certs": TOOL})
    home = tmp_path / "home"
    home.mkdir()

    listed = _cli(["list", ".", "--json"], root)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert [i["path"] for i in data["items"] if i["kind"] == "tool"] == ["tools/rotate-certs"]
    if code:
        assert [(f["code"], f["path"]) for f in data["findings"] if f["code"] == code] == [(code, path)]
    for args in (["find", ".", "rotate the staging certificates"], ["startup"], ["show", ".", "rotate-certs"]):
        result = _cli(args, root, home=home)
        assert result.returncode == 0 and "rotate-certs" in result.stdout, (args, result.stderr)
        assert "Traceback" not in result.stderr
    hook = _cli(["hook", "prompt"], root, json.dumps({"prompt": "rotate the staging certificates", "cwd": str(root)}))
    assert hook.returncode == 0 and hook.stderr == ""  # it used to say "prompt hook skipped: ..." here


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('{"x": ' + "7" * 5000 + "}\n", "a number of 5,000 digits is more than skilldex reads"),
        ('{"a": NaN}\n', "NaN is not JSON"),
        ('{"a": [1, -Infinity]}\n', "-Infinity is not JSON"),
        ("[" * 30_000, "nested too deeply to read"),
    ],
)
def test_init_refuses_settings_it_cannot_read_exactly(tmp_path: Path, settings: str, message: str):
    project = write_tree(
        tmp_path / "project", {".git/HEAD": "ref: refs/heads/main\n", ".claude/settings.json": settings}
    )
    result = _cli(["init"], project)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: .claude/settings.json") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (project / ".claude" / "settings.json").read_text() == settings  # nothing rewritten
    assert not (project / "CLAUDE.md").exists()


# -- item 10 --------------------------------------------------------------------------------------


def test_project_root_stops_below_slash_and_home(tmp_path: Path, monkeypatch):
    home = write_tree(tmp_path / "home", {".claude/settings.json": "{}\n", "notes/todo.md": "x\n"})
    monkeypatch.setenv("HOME", str(home))
    project = write_tree(home / "code" / "api", {".git/HEAD": "ref: refs/heads/main\n", "src/a.py": ""})
    assert project_root(os.sep) is None
    assert project_root(home) is None
    assert project_root(tmp_path) is None  # above the home folder
    assert project_root(home / "notes") == str(home / "notes")  # ~/.claude does not make ~ the project
    assert project_root(project / "src") == str(project)


@pytest.mark.parametrize("where", ["/", "home"])
@pytest.mark.parametrize("hook", ["prompt", "pre-write", "session-start"])
def test_a_hook_from_slash_or_home_exits_at_once(tmp_path: Path, where: str, hook: str):
    home = write_tree(tmp_path / "home", {".claude/settings.json": "{}\n", "tools/deploy": TOOL})
    cwd = Path(os.sep) if where == "/" else home
    payload = {
        "prompt": "rotate the staging certificates",
        "cwd": str(cwd),
        "tool_name": "Write",
        "tool_input": {"file_path": str(cwd / "rotate.sh"), "content": "#!/bin/sh\n# Rotate certs\n"},
    }
    args = ["startup", "--format", "claude-hook"] if hook == "session-start" else ["hook", hook]
    env_home = {"HOME": str(home)}
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "skilldex", *args],
        cwd=cwd,
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env={**os.environ, **env_home},
        timeout=60,
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 0 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "too big to index whole" in result.stderr
    assert elapsed < 10  # a bound, not a benchmark: indexing / took 8 s and more before
