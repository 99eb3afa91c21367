"""Bad input to `skilldex init`: a clear `Error: ...`, exit 2, and not one byte written."""

from __future__ import annotations

import os
import sys

import pytest
from support import is_root

NOTHING = "fix it and run again (nothing was changed)"


def _fails(init, root, snapshot, *args: str) -> str:
    before = snapshot(root)
    result = init(root, *args, expect=2)
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert snapshot(root) == before
    return result.stderr.strip()


# Python 3.13's json names a trailing comma itself, where the comma is; older ones point past it.
TRAILING_COMMA = (
    ".claude/settings.json:2:18: not valid JSON (Illegal trailing comma before end of object); "
    if sys.version_info >= (3, 13)
    else ".claude/settings.json:3:1: not valid JSON (Expecting property name enclosed in double quotes); "
)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('{\n  "model": "opus",\n}\n', TRAILING_COMMA + NOTHING),
        ('{"model": "opus"', ".claude/settings.json:1:17: not valid JSON (Expecting ',' delimiter); " + NOTHING),
        ("[1, 2]\n", ".claude/settings.json:1:1: the top level should be an object, not a list; " + NOTHING),
        ('{\n  "hooks": []\n}\n', '.claude/settings.json:2:12: "hooks" should be an object, not a list; ' + NOTHING),
        ('{\n  "hooks": null\n}\n', '.claude/settings.json:2:12: "hooks" should be an object, not null; ' + NOTHING),
        (
            '{"hooks": {"Stop": [], "SessionStart": {"matcher": "x"}}}',
            '.claude/settings.json:1:40: "hooks"."SessionStart" should be a list, not an object; ' + NOTHING,
        ),
    ],
)
def test_bad_settings_name_file_line_and_column(project, init, snapshot, settings, message):
    root = project({".claude/settings.json": settings, "CLAUDE.md": "# Mine\n"})
    assert _fails(init, root, snapshot) == f"Error: {message}"


def test_settings_that_are_not_utf8(project, init, snapshot):
    root = project({".claude/settings.json": b'{"model": "caf\xe9"}'})
    assert _fails(init, root, snapshot) == (
        "Error: .claude/settings.json is not UTF-8 text (byte 14); nothing was changed"
    )


def test_symlinked_settings_are_refused(project, init, snapshot):
    root = project({"shared/settings.json": "{}\n"})
    (root / ".claude").mkdir()
    (root / ".claude/settings.json").symlink_to("../shared/settings.json")
    assert _fails(init, root, snapshot) == (
        "Error: .claude/settings.json is a symlink; skilldex init does not write through links. Replace it with a "
        "regular file and run again (nothing was changed)"
    )


def test_symlinked_claude_folder_is_refused(project, init, snapshot):
    root = project({"dotfiles/settings.json": "{}\n"})
    (root / ".claude").symlink_to("dotfiles")
    assert "Error: .claude is a symlink" in _fails(init, root, snapshot)


def test_symlinked_claude_md_gets_the_agents_md_hint(project, init, snapshot):
    root = project({"AGENTS.md": "# Agents\n"})
    (root / "CLAUDE.md").symlink_to("AGENTS.md")
    assert _fails(init, root, snapshot) == (
        "Error: CLAUDE.md is a symlink; skilldex init does not write through links. If it points to AGENTS.md, "
        "make CLAUDE.md a regular file containing the line `@AGENTS.md` (the import Claude Code documents) "
        "and run again (nothing was changed)"
    )


def test_a_folder_where_the_settings_file_belongs(project, init, snapshot):
    root = project({".claude/settings.json/oops.txt": "x"})
    assert _fails(init, root, snapshot) == (
        "Error: .claude/settings.json is a folder, not a file; move it aside and run again (nothing was changed)"
    )


def test_a_file_where_the_claude_folder_belongs(project, init, snapshot):
    root = project({".claude": "not a folder"})
    assert _fails(init, root, snapshot) == (
        "Error: .claude is not a folder; move it aside and run again (nothing was changed)"
    )


@pytest.mark.skipif(is_root(), reason="root reads and writes anything")
def test_unreadable_settings(project, init, snapshot):
    root = project({".claude/settings.json": "{}\n"})
    before = snapshot(root)
    (root / ".claude/settings.json").chmod(0)
    try:
        result = init(root, expect=2)
    finally:
        (root / ".claude/settings.json").chmod(0o644)
    assert result.stderr == "Error: cannot read .claude/settings.json: Permission denied; nothing was changed\n"
    assert snapshot(root) == before


@pytest.mark.skipif(is_root(), reason="root reads and writes anything")
def test_read_only_project_writes_nothing(project, init, snapshot):
    root = project({"CLAUDE.md": "# Mine\n"})
    root.chmod(0o555)
    try:
        message = _fails(init, root, snapshot)
    finally:
        root.chmod(0o755)
    assert message == f"Error: cannot write .claude/settings.json: {root} is not writable; nothing was changed"


@pytest.mark.parametrize(
    "claude",
    [
        "# Mine\n<!-- skilldex:begin -->\nno end\n",
        "# Mine\n<!-- skilldex:end -->\n",
        "<!-- skilldex:begin -->\na\n<!-- skilldex:end -->\n<!-- skilldex:begin -->\nb\n<!-- skilldex:end -->\n",
    ],
)
def test_broken_block_markers(project, init, snapshot, claude):
    root = project({"CLAUDE.md": claude})
    message = _fails(init, root, snapshot)
    assert message.startswith("Error: CLAUDE.md: the skilldex block markers are broken or repeated (line ")


def test_unknown_hook_lists_the_valid_ones(project, init, snapshot):
    root = project()
    assert _fails(init, root, snapshot, "--hooks", "startup,pre-edit") == (
        "Error: unknown hook 'pre-edit'; choose from: startup, prompt, pre-write, all"
    )
    assert _fails(init, root, snapshot, "--hooks", ",") == (
        "Error: --hooks needs at least one of: startup, prompt, pre-write, all"
    )


def test_remove_takes_no_hooks(project, init, snapshot):
    root = project()
    assert _fails(init, root, snapshot, "--remove", "--hooks", "prompt").startswith(
        "Error: --remove takes out everything init added; it takes no --hooks"
    )


def test_missing_project_folder(project, init, tmp_path):
    result = init(tmp_path / "nope", expect=2)
    assert (
        result.stderr == f"Error: {tmp_path / 'nope'} is not a folder; give the project folder "
        "(default: the current one)\n"
    )
    assert init.calls == []


def test_settings_broken_after_init_stop_remove_before_any_write(project, init, snapshot):
    root = project({"CLAUDE.md": "# Mine\n"})
    init(root)
    (root / ".claude/settings.json").write_text('{"hooks": ')
    message = _fails(init, root, snapshot, "--remove")
    assert message.startswith("Error: .claude/settings.json:1:11: not valid JSON (Expecting value)")


def test_damaged_state_file(project, init, snapshot):
    root = project()
    init(root)
    (root / ".claude/skilldex/init-state.json").write_text("{not json")
    message = _fails(init, root, snapshot, "--remove")
    assert message.startswith("Error: .claude/skilldex/init-state.json is damaged (")
    assert os.path.exists(root / ".claude/settings.json")


def test_hostile_nesting_is_an_error_not_a_crash(project, init, snapshot):
    root = project({".claude/settings.json": '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"})
    assert _fails(init, root, snapshot) == (
        "Error: .claude/settings.json: nested too deeply to read; fix it and run again (nothing was changed)"
    )


def test_bom_settings_edited_after_init_keep_their_hooks_object(project, init):
    root = project({".claude/settings.json": '\ufeff{\n  "hooks": {\n    "Stop": []\n  }\n}\n'})
    init(root)
    path = root / ".claude/settings.json"
    path.write_bytes(path.read_bytes().replace(b'"Stop": []', b'"Stop": [],\n    "Notification": []'))
    init(root, "--remove")
    assert path.read_bytes().decode() == '\ufeff{\n  "hooks": {\n    "Stop": [],\n    "Notification": []\n  }\n}\n'
