"""`skilldex init` twice with the real scan: the second run changes no byte, and INDEX.md names no machine path."""

from __future__ import annotations

import subprocess
from pathlib import Path

from typer.testing import CliRunner

from skilldex.cli.app import app, register

register()


def _init(project: Path, *args: str, workspace: str = ""):
    env = {
        "SKILLDEX_WORKSPACE": workspace,
        "SKILLDEX_CACHE_DIR": str(project.parent / "cache"),
        "CLAUDE_CONFIG_DIR": str(project.parent / "claude-user"),
    }
    result = CliRunner().invoke(app, ["init", str(project), *args], env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "proj"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_second_init_changes_nothing_even_when_init_created_claude_md(tmp_path):
    root = _project(tmp_path, {"tools/rds-query": "#!/bin/sh\n# Run SQL against the production database.\n"})
    _init(root)
    first = _tree(root)
    assert "CLAUDE.md" in first and ".claude/skilldex/INDEX.md" in first
    second = _init(root, "--json")
    assert '"action": "updated"' not in second.stdout and '"action": "created"' not in second.stdout
    assert _tree(root) == first
    index = first[".claude/skilldex/INDEX.md"].decode()
    assert "tools/rds-query (tool)" in index
    assert "CLAUDE.md" not in index  # the block init wrote is not catalogued as the repo's doc


def test_a_users_claude_md_stays_catalogued_without_the_block(tmp_path):
    root = _project(tmp_path, {"CLAUDE.md": "# Notes\n\nDeploy with `make deploy`; never push to prod by hand.\n"})
    _init(root)
    first = _tree(root)
    _init(root)
    assert _tree(root) == first
    index = first[".claude/skilldex/INDEX.md"].decode()
    assert "- CLAUDE.md (doc): Deploy with `make deploy`; never push to prod by hand." in index
    assert "Existing tooling first" not in index


def test_index_md_holds_no_absolute_path(tmp_path):
    root = _project(tmp_path, {"tools/q": "#!/bin/sh\n# Query the database.\n"})
    workspace = tmp_path / "skilldex.yaml"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "Makefile").write_text("deploy: ## Deploy the site\n\t./deploy.sh\n", encoding="utf-8")
    workspace.write_text(f"repos:\n  proj: proj\n  other: {tmp_path / 'other'}\n")  # one named by absolute path
    _init(root, workspace=str(workspace))
    index = (root / ".claude/skilldex/INDEX.md").read_text(encoding="utf-8")
    assert "## proj (.)\n" in index and "## other (../other)\n" in index
    assert str(tmp_path) not in index
