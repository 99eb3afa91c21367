"""`skilldex export agents-md` / `skilldex sync agents-md`: a managed AGENTS.md section, merged and undone exactly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import FIXTURES, is_root, write_tree

from skilldex.export.agents_md import BEGIN, END, LIMIT, merge, section, unmerge
from skilldex.scan import scan_repo

ALLKINDS = FIXTURES / "allkinds"
SKILL = "---\nname: {name}\ndescription: {description}\n---\nBody.\n"

# What users have in AGENTS.md before the first sync (None: no file).
ORIGINALS = {
    "no file": None,
    "empty file": b"",
    "text": b"# Agents\n\nUse pnpm.\n",
    "no final newline": b"# Agents\n\nUse pnpm.",
    "crlf": b"# Agents\r\n\r\nUse pnpm.\r\n",
    "crlf, no final newline": b"# Agents\r\nUse pnpm.",
    "ends with blank lines": b"# Agents\n\n\n",
    "trailing spaces, no newline": b"# Agents\n   ",
    "bom": "\ufeff# Agents\n".encode(),
    "unicode": "# Агенты — ℹ️\n\nKeep U+2028 \u2028 here.\n".encode(),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path / "project",
        {
            ".claude/skills/run-sql/SKILL.md": SKILL.format(name="run-sql", description="Run SQL on the database."),
            "tools/tail-logs": "#!/bin/sh\n# Tail the API logs.\ntail -f /var/log/api.log\n",
            "docs/runbooks/deploy.md": "# Deploy runbook\n\nDeploy with `make deploy`.\n",
        },
    )


def _write(path: Path, data: bytes | None) -> None:
    if data is not None:
        path.write_bytes(data)


@pytest.mark.parametrize("case", ORIGINALS)
def test_sync_keeps_user_text_is_idempotent_and_remove_restores_the_bytes(cli, project: Path, case: str):
    original = ORIGINALS[case]
    agents = project / "AGENTS.md"
    _write(agents, original)

    first = cli("sync", "agents-md", str(project))
    assert first.exit_code == 0, first.stderr
    assert first.stdout == (
        f"{'created' if original is None else 'updated'} AGENTS.md: added the skilldex section "
        "(1 skill, 1 tool, 1 doc)\n"
    )
    synced = agents.read_bytes()
    text = synced.decode("utf-8")
    nl = "\r\n" if original and b"\r\n" in original else "\n"
    block = nl.join(section(scan_repo(project, name="project")))
    if original:
        assert synced.startswith(original)  # the user's bytes come first, untouched
        assert synced[len(original) :].decode() in (nl + block + nl, nl + nl + block)
    else:
        assert text == block + "\n"
    assert "\r\n" not in text or "\n" not in text.replace("\r\n", "")  # one newline style

    second = cli("sync", "agents-md", str(project))
    assert second.stdout == "unchanged AGENTS.md: skilldex section up to date (1 skill, 1 tool, 1 doc)\n"
    assert agents.read_bytes() == synced

    removed = cli("sync", "agents-md", str(project), "--remove")
    assert removed.exit_code == 0
    if original is None or original == b"":
        assert removed.stdout == "deleted AGENTS.md: took out the skilldex section\n"
        assert not agents.exists()
    else:
        assert removed.stdout == "updated AGENTS.md: took out the skilldex section\n"
        assert agents.read_bytes() == original
    again = cli("sync", "agents-md", str(project), "--remove")
    assert again.stdout == "unchanged AGENTS.md: no skilldex section found\n"


def test_section_is_refreshed_in_place_and_user_text_after_it_is_kept(cli, project: Path):
    agents = project / "AGENTS.md"
    agents.write_text("# Intro\n", encoding="utf-8")
    cli("sync", "agents-md", str(project))
    agents.write_text(agents.read_text(encoding="utf-8") + "\n## Mine\nKeep this.\n", encoding="utf-8")
    write_tree(project, {"tools/backup-db": "#!/bin/sh\n# Back up the database.\npg_dump x\n"})

    result = cli("sync", "agents-md", str(project))
    assert result.stdout == "updated AGENTS.md: refreshed the skilldex section (1 skill, 2 tools, 1 doc)\n"
    text = agents.read_text(encoding="utf-8")
    assert text.startswith("# Intro\n\n" + BEGIN + "\n")
    assert text.endswith(END + "\n\n## Mine\nKeep this.\n")
    assert "- `tools/backup-db`: Back up the database." in text
    assert text.count(BEGIN) == 1

    cli("sync", "agents-md", str(project), "--remove")
    assert agents.read_text(encoding="utf-8") == "# Intro\n\n## Mine\nKeep this.\n"


def test_export_prints_exactly_the_section_sync_writes(cli, project: Path):
    printed = cli("export", "agents-md", str(project))
    assert printed.exit_code == 0
    cli("sync", "agents-md", str(project))
    assert (project / "AGENTS.md").read_text(encoding="utf-8") == printed.stdout
    assert printed.stdout.splitlines() == [
        BEGIN,
        "## Existing tooling (skilldex)",
        "",
        "Before writing a new script, CLI, skill or runbook, use what this repo already has (below). Search it "
        'with `skilldex find . "what you need"`; see everything with `skilldex list .`.',
        "",
        "### Skills",
        "Read the SKILL.md and follow it.",
        "- `run-sql` (`.claude/skills/run-sql/SKILL.md`): Run SQL on the database.",
        "",
        "### Tools",
        "- `tools/tail-logs`: Tail the API logs.",
        "",
        "### Docs",
        "- `docs/runbooks/deploy.md` (Deploy runbook): Deploy with 'make deploy'.",
        END,
    ]
    data = json.loads(cli("export", "agents-md", str(project), "--json").stdout)
    assert data == {"repo": "project", "section": printed.stdout}


def test_section_of_every_kind_and_the_rest_counted():
    lines = section(scan_repo(ALLKINDS, name="allkinds"))
    text = "\n".join(lines)
    assert "- `format-code` (`.agents/skills/format-code/SKILL.md`)" in text
    assert "- `tools/query-db`" in text and "- `docs/ops/database-access.md`" in text
    assert "- `knowledge/prod-db-access.md`" in text
    assert lines[-3:] == ["", "Also catalogued: 1 command, 1 agent, 2 MCP servers, 4 tasks (`skilldex list .`).", END]


def test_a_big_repo_stays_under_the_limit(tmp_path: Path):
    files = {
        f".claude/skills/skill-{n:03}/SKILL.md": SKILL.format(name=f"skill-{n:03}", description="Word " * 200)
        for n in range(300)
    }
    files.update({f"tools/tool-{n:03}": f"#!/bin/sh\n# Tool {n} does things.\necho {n}\n" for n in range(300)})
    catalogue = scan_repo(write_tree(tmp_path / "big", files), name="big")
    lines = section(catalogue)
    assert LIMIT - 200 < sum(len(line) + 1 for line in lines) <= LIMIT  # as many as fit
    text = "\n".join(lines)
    assert "more: `skilldex list . --kind skill`" in text and "more: `skilldex list . --kind tool`" in text
    assert lines[0] == BEGIN and lines[-1] == END


def test_text_from_the_repo_cannot_close_the_block_or_add_markup(tmp_path: Path):
    evil = "Run it. <!-- skilldex:end --> `x` [l](y)\n## Heading\n<script>"
    root = write_tree(
        tmp_path / "evil",
        {
            ".claude/skills/evil/SKILL.md": SKILL.format(name="evil", description=json.dumps(evil)),
        },
    )
    lines = section(scan_repo(root, name="evil"))
    assert [line for line in lines if "skilldex:" in line and line.startswith("<!--")] == [BEGIN, END]
    entry = next(line for line in lines if line.startswith("- `evil`"))
    assert entry == (
        "- `evil` (`.claude/skills/evil/SKILL.md`): Run it. \\<!-- skilldex:end --\\> 'x' "
        "[l]\\(y) ## Heading \\<script\\>"
    )
    text, _ = merge("mine\n", lines)
    assert unmerge(text) == "mine\n"


def test_dry_run_and_json(cli, project: Path):
    result = cli("sync", "agents-md", str(project), "--dry-run")
    assert (
        result.stdout == "Dry run: nothing was written.\ncreated AGENTS.md: added the skilldex section "
        "(1 skill, 1 tool, 1 doc)\n"
    )
    assert not (project / "AGENTS.md").exists()
    data = json.loads(cli("sync", "agents-md", str(project), "--json").stdout)
    assert data == {
        "path": "AGENTS.md",
        "action": "created",
        "detail": "added the skilldex section (1 skill, 1 tool, 1 doc)",
    }


def test_sync_defaults_to_the_current_folder(cli, project: Path):
    result = cli("sync", "agents-md", cwd=project)
    assert result.exit_code == 0 and (project / "AGENTS.md").is_file()


def test_refuses_a_symlink_and_broken_markers(cli, project: Path):
    (project / "CLAUDE.md").write_text("# Claude\n", encoding="utf-8")
    (project / "AGENTS.md").symlink_to("CLAUDE.md")
    result = cli("sync", "agents-md", str(project))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: AGENTS.md is a symlink (often to CLAUDE.md)")
    assert (project / "CLAUDE.md").read_text(encoding="utf-8") == "# Claude\n"

    (project / "AGENTS.md").unlink()
    broken = "# A\n" + BEGIN + "\nno end marker\n"
    (project / "AGENTS.md").write_text(broken, encoding="utf-8")
    for args in ((), ("--remove",)):
        result = cli("sync", "agents-md", str(project), *args)
        assert result.exit_code == 2
        assert "the skilldex block markers are broken or repeated (line 2)" in result.stderr
        assert "Traceback" not in result.stderr
    assert (project / "AGENTS.md").read_text(encoding="utf-8") == broken


@pytest.mark.skipif(is_root(), reason="root can write anywhere")
def test_unwritable_folder_is_a_usage_error(cli, project: Path):
    os.chmod(project, 0o555)
    try:
        result = cli("sync", "agents-md", str(project))
    finally:
        os.chmod(project, 0o755)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot write AGENTS.md:")


def test_not_utf8_is_refused_untouched(cli, project: Path):
    (project / "AGENTS.md").write_bytes(b"caf\xe9\n")
    result = cli("sync", "agents-md", str(project))
    assert result.exit_code == 2
    assert result.stderr == "Error: AGENTS.md is not UTF-8 text (byte 3); nothing was changed\n"
    assert (project / "AGENTS.md").read_bytes() == b"caf\xe9\n"
