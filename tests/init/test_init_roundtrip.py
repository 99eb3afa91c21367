"""`skilldex init` then `--remove` gives back every file byte for byte; init twice equals init once."""

from __future__ import annotations

import json

import pytest

OURS = {"skilldex startup --format claude-hook", "skilldex hook prompt", "skilldex hook pre-write"}

USER = {
    "$schema": "https://json.schemastore.org/claude-code-settings.json",
    "permissions": {"allow": ["Bash(npm test:*)"], "deny": []},
    "env": {"FOO": "bar"},
    "model": "claude-sonnet-5",
    "hooks": {
        "SessionStart": [{"matcher": "startup", "hooks": [{"type": "command", "command": "echo welcome"}]}],
        "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./guard.sh", "timeout": 5}]}],
        "Stop": [{"hooks": [{"type": "command", "command": "notify-send done"}]}],
    },
}
UNICODE = {"env": {"GREETING": "grüß dich ✓ 日本語", "EMOJI": "🚀"}, "model": "claude-sonnet-5"}

SETTINGS = {
    "missing": None,
    "hooks-2-space": json.dumps(USER, indent=2) + "\n",
    "hooks-tabs": json.dumps(USER, indent="\t") + "\n",
    "hooks-4-space": json.dumps(USER, indent=4) + "\n",
    "compact-one-line": json.dumps(USER, separators=(",", ":")),
    "one-line-spaced": json.dumps(USER) + "\n",
    "no-trailing-newline": json.dumps(USER, indent=2),
    "crlf": json.dumps(USER, indent=2).replace("\n", "\r\n") + "\r\n",
    "unicode": json.dumps(UNICODE, indent=2, ensure_ascii=False) + "\n",
    "unicode-bom": "\ufeff" + json.dumps(UNICODE, indent=2, ensure_ascii=False) + "\n",
    "escaped-unicode": json.dumps(UNICODE, indent=2) + "\n",
    "empty-object": "{}\n",
    "empty-hooks": '{\n  "model": "opus",\n  "hooks": {}\n}\n',
    "empty-event-list": '{"hooks": {"SessionStart": [], "UserPromptSubmit": [ ]}}',
    "empty-file": "",
    "odd-spacing": '{ "hooks" :{\n\n   "SessionStart":[ {"hooks":[]} ] } ,"model":"x"   }\n\n',
}

CLAUDE = {
    "missing": None,
    "user-text": "# Project\n\nUse pnpm, never npm.\n@AGENTS.md\n\n## Notes\nmore text\n",
    "crlf-no-final-newline": "# Project\r\nSee @README for details\r\n@docs/rules.md",
    "old-block-between-user-text": (
        "# Top\n\n<!-- skilldex:begin -->\nold words\n<!-- skilldex:end -->\n\n## After\ntext\n"
    ),
    "empty": "",
}


def _without_skilldex(data: dict) -> dict:
    """The settings without skilldex's handlers, and without empty hook lists (compared on both sides)."""
    data = json.loads(json.dumps(data))
    for event, groups in list(data.get("hooks", {}).items()):
        data["hooks"][event] = [g for g in groups if not any(h.get("command") in OURS for h in g.get("hooks", []))]
        if not data["hooks"][event]:
            del data["hooks"][event]
    if data.get("hooks") == {}:
        del data["hooks"]
    return data


def _files(settings: str | None, claude: str | None) -> dict[str, str]:
    files = {"README.md": "hello\n", ".claude/commands/deploy.md": "Deploy it.\n"} if settings else {}
    if settings is not None:
        files[".claude/settings.json"] = settings
    if claude is not None:
        files["CLAUDE.md"] = claude
    return files


@pytest.mark.parametrize("claude", list(CLAUDE))
@pytest.mark.parametrize("settings", list(SETTINGS))
def test_init_twice_then_remove_restores_every_byte(project, init, snapshot, settings, claude):
    root = project(_files(SETTINGS[settings], CLAUDE[claude]))
    before = snapshot(root)

    first = json.loads(init(root, "--hooks", "all", "--json").stdout)
    after = snapshot(root)
    assert [(c["action"], c["path"]) for c in first["changes"]][:1] == [
        ("created" if settings == "missing" else "updated", ".claude/settings.json")
    ]
    text = (root / ".claude/settings.json").read_bytes().decode("utf-8").lstrip("\ufeff")
    data = json.loads(text)
    original = json.loads(SETTINGS[settings].lstrip("\ufeff")) if (SETTINGS[settings] or "").strip() else {}
    assert _without_skilldex(data) == _without_skilldex(original)
    groups = {(event, h["command"]) for event, gs in data["hooks"].items() for g in gs for h in g["hooks"]}
    assert {
        ("SessionStart", "skilldex startup --format claude-hook"),
        ("UserPromptSubmit", "skilldex hook prompt"),
        ("PreToolUse", "skilldex hook pre-write"),
    } <= groups
    assert "<!-- skilldex:end -->" in (root / "CLAUDE.md").read_text(encoding="utf-8")

    second = json.loads(init(root, "--hooks", "all", "--json").stdout)
    assert {c["action"] for c in second["changes"]} == {"unchanged"}
    assert snapshot(root) == after

    init(root, "--remove", "--json")
    assert snapshot(root) == before


@pytest.mark.parametrize("settings", ["missing", "hooks-tabs", "compact-one-line", "crlf", "unicode-bom"])
def test_startup_then_all_then_remove_restores_the_original_before_the_first_init(project, init, snapshot, settings):
    root = project(_files(SETTINGS[settings], CLAUDE["user-text"]))
    before = snapshot(root)
    init(root)
    once = (root / ".claude/settings.json").read_bytes()
    result = init(root, "--hooks", "all")
    assert (
        "added UserPromptSubmit hook 'skilldex hook prompt'; added PreToolUse hook 'skilldex hook pre-write' "
        "(matcher Write); SessionStart hook 'skilldex startup --format claude-hook' already present" in result.stdout
    )
    assert (root / ".claude/settings.json").read_bytes() != once
    init(root, "--remove")
    assert snapshot(root) == before


def test_remove_keeps_an_existing_claude_folder_and_its_files(project, init, snapshot):
    root = project({".claude/agents/reviewer.md": "---\nname: reviewer\n---\nReview.\n"})
    before = snapshot(root)
    init(root)
    assert (root / ".claude/settings.json").is_file() and (root / ".claude/skilldex/INDEX.md").is_file()
    result = init(root, "--remove")
    assert snapshot(root) == before
    assert "deleted .claude/skilldex/: empty folder init created" in result.stdout
    assert "deleted .claude/: " not in result.stdout


def test_init_keeps_file_modes_and_new_files_follow_the_umask(project, init):
    root = project({".claude/settings.json": "{}\n", "CLAUDE.md": "x\n"})
    (root / ".claude/settings.json").chmod(0o600)
    (root / "CLAUDE.md").chmod(0o640)
    init(root)
    assert (root / ".claude/settings.json").stat().st_mode & 0o777 == 0o600
    assert (root / "CLAUDE.md").stat().st_mode & 0o777 == 0o640
    import os

    mask = os.umask(0)
    os.umask(mask)
    assert (root / ".claude/skilldex/INDEX.md").stat().st_mode & 0o777 == 0o666 & ~mask
    init(root, "--remove")
    assert (root / ".claude/settings.json").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in (root / ".claude").iterdir()) == ["settings.json"]
