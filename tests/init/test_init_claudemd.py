"""The CLAUDE.md block: appended after user text, refreshed in place, line endings kept, removed cleanly."""

from __future__ import annotations

from skilldex.install import claudemd

LINES = claudemd.BLOCK


def _block(nl: str = "\n") -> str:
    return nl.join(LINES) + nl


def test_block_is_short_and_points_at_the_index():
    assert len(LINES) <= 10
    assert LINES[0] == "<!-- skilldex:begin (managed by `skilldex init`; edit outside this block) -->"
    assert LINES[-1] == "<!-- skilldex:end -->"
    text = "\n".join(LINES)
    assert (
        "Before building any script, tool, Lambda or skill: check the target repos' existing skills, tools "
        "and docs." in text
    )
    assert "`.claude/skilldex/INDEX.md`" in text and 'skilldex find REPO "what you need"' in text


def test_block_goes_after_user_text_with_one_blank_line(project, init):
    root = project({"CLAUDE.md": "# Project\n\nUse pnpm.\n@AGENTS.md\n"})
    init(root)
    assert (root / "CLAUDE.md").read_text() == "# Project\n\nUse pnpm.\n@AGENTS.md\n\n" + _block()


def test_crlf_without_final_newline_stays_crlf(project, init, snapshot):
    root = project({"CLAUDE.md": b"# Project\r\n@README.md"})
    before = snapshot(root)
    init(root)
    assert (root / "CLAUDE.md").read_bytes() == b"# Project\r\n@README.md\r\n\r\n" + _block("\r\n").encode()
    init(root, "--remove")
    assert snapshot(root) == before


def test_an_older_block_is_replaced_in_place_between_user_text(project, init, snapshot):
    old = "# Top\r\n\r\n<!-- skilldex:begin -->\r\nold words\r\n<!-- skilldex:end -->\r\n\r\n## After\r\ntext\r\n"
    root = project({"CLAUDE.md": old.encode()})
    before = snapshot(root)
    result = init(root)
    assert "updated CLAUDE.md: replaced an older skilldex block\n" in result.stdout
    expected = "# Top\r\n\r\n" + _block("\r\n") + "\r\n## After\r\ntext\r\n"
    assert (root / "CLAUDE.md").read_bytes() == expected.encode()
    assert "unchanged CLAUDE.md: skilldex block already present\n" in init(root).stdout
    init(root, "--remove")
    assert snapshot(root) == before


def test_block_at_the_end_without_final_newline_is_refreshed_without_adding_one(project, init):
    root = project({"CLAUDE.md": "# Top\n\n<!-- skilldex:begin -->\nold\n<!-- skilldex:end -->"})
    init(root)
    assert (root / "CLAUDE.md").read_text() == "# Top\n\n" + _block().rstrip("\n")


def test_dot_claude_claude_md_is_used_when_it_is_the_only_one(project, init, snapshot):
    root = project({".claude/CLAUDE.md": "# Project memory\n"})
    before = snapshot(root)
    result = init(root)
    assert "updated .claude/CLAUDE.md: added the skilldex block" in result.stdout
    assert not (root / "CLAUDE.md").exists()
    assert (root / ".claude/CLAUDE.md").read_text() == "# Project memory\n\n" + _block()
    init(root, "--remove")
    assert snapshot(root) == before


def test_remove_after_user_edits_keeps_text_before_and_after_the_block(project, init):
    root = project({"CLAUDE.md": "# Mine\nno final newline"})
    init(root)
    path = root / "CLAUDE.md"
    path.write_text("Intro I added.\n" + path.read_text() + "\n## Later\nadded after init\n")
    result = init(root, "--remove")
    assert (
        "updated CLAUDE.md: edited since init: removed only skilldex's part, kept your edits; took out the "
        "skilldex block\n" in result.stdout
    )
    assert path.read_text() == "Intro I added.\n# Mine\nno final newline\n\n## Later\nadded after init\n"


def test_remove_block_restores_a_missing_final_newline():
    text = "# Mine\nlast line\n\n" + _block()
    assert claudemd.remove_block(text, "CLAUDE.md", had_final_newline=False) == "# Mine\nlast line"
    assert claudemd.remove_block(text, "CLAUDE.md") == "# Mine\nlast line\n"


def test_unicode_line_separators_are_not_line_breaks(project, init, snapshot):
    root = project({"CLAUDE.md": "Notes\u2028still one line\x0cform feed\n"})
    before = snapshot(root)
    init(root)
    assert (root / "CLAUDE.md").read_text() == "Notes\u2028still one line\x0cform feed\n\n" + _block()
    init(root, "--remove")
    assert snapshot(root) == before
