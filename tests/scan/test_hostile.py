"""Bad input: every broken file becomes a finding with code, path and line; the scan never stops."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from support import is_root, write_tree

from skilldex.models import Catalogue
from skilldex.scan import scan_repo

GOOD = "---\nname: ok\ndescription: A fine skill.\n---\nBody.\n"


def codes(catalogue: Catalogue) -> list[tuple[str, str, int | None]]:
    return [(f.code, f.path, f.line) for f in catalogue.findings]


def skill(catalogue: Catalogue, path: str):
    return next(i for i in catalogue.items if i.kind == "skill" and i.path == path)


def test_missing_frontmatter_is_a_finding_and_body_gives_description(repo):
    root = repo({".claude/skills/deploy/SKILL.md": "# Deploy\n\nShip the API with scripts/deploy.sh.\n"})
    cat = scan_repo(root)
    assert codes(cat) == [("SKD010", ".claude/skills/deploy/SKILL.md", 1)]
    item = skill(cat, ".claude/skills/deploy/SKILL.md")
    assert (item.name, item.description, item.description_source) == (
        "deploy",
        "Ship the API with scripts/deploy.sh.",
        "body",
    )


def test_unclosed_frontmatter(repo):
    root = repo({".claude/skills/a/SKILL.md": "---\nname: a\ndescription: x\n# Title\n"})
    cat = scan_repo(root)
    assert codes(cat) == [("SKD011", ".claude/skills/a/SKILL.md", 1)]
    assert skill(cat, ".claude/skills/a/SKILL.md").name == "a"


def test_invalid_yaml_reports_line_and_column_and_keeps_the_body(repo):
    text = "---\nname: db\ndescription: Use this skill when: the db is down\n---\nRestart the database.\n"
    cat = scan_repo(repo({".claude/skills/db/SKILL.md": text}))
    [finding] = cat.findings
    assert (finding.code, finding.rule, finding.line, finding.column) == ("SKD012", "invalid-frontmatter-yaml", 3, 33)
    assert "mapping values are not allowed" in finding.message
    item = skill(cat, ".claude/skills/db/SKILL.md")
    # Claude Code loads it with empty metadata (SKD012 says so), but what the skill is for is its description
    # line, not a line of the body (issue 19: a frontmatter description always wins).
    assert (item.name, item.description, item.description_source) == (
        "db",
        "Use this skill when: the db is down",
        "frontmatter",
    )


def test_frontmatter_that_is_not_a_mapping(repo):
    cat = scan_repo(repo({".claude/skills/l/SKILL.md": "---\n- a\n- b\n---\nbody\n"}))
    assert codes(cat) == [("SKD013", ".claude/skills/l/SKILL.md", 2)]


def test_bom_before_frontmatter(repo):
    cat = scan_repo(repo({".claude/skills/b/SKILL.md": "\ufeff" + GOOD}))
    assert codes(cat) == [("SKD014", ".claude/skills/b/SKILL.md", 1)]
    assert cat.items[0].description_source == "frontmatter"  # read past the mark, nothing lost


def test_yaml_alias_bomb_is_rejected_quickly(repo):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    bomb = "---\n" + "\n".join(lines) + "\ndescription: boom\n---\n"
    start = time.monotonic()
    cat = scan_repo(repo({".claude/skills/bomb/SKILL.md": bomb}))
    assert time.monotonic() - start < 5
    [finding] = cat.findings
    assert finding.code == "SKD012" and "alias" in finding.message


def test_lowercase_skill_md_is_found_but_flagged_not_loaded(repo):
    cat = scan_repo(repo({".claude/skills/lower/skill.md": GOOD, "docs/skill.md": "# Not a skill\n"}))
    assert codes(cat) == [("SKD020", ".claude/skills/lower/skill.md", None)]
    item = skill(cat, ".claude/skills/lower/skill.md")
    assert item.loaded_by_claude_code is False
    assert "git mv .claude/skills/lower/skill.md .claude/skills/lower/SKILL.md" in cat.findings[0].fix
    assert [i.path for i in cat.items if i.kind == "skill"] == [".claude/skills/lower/skill.md"]


def test_skill_nested_too_deep(repo):
    cat = scan_repo(repo({".claude/skills/database/run-sql/SKILL.md": GOOD}))
    assert codes(cat) == [("SKD021", ".claude/skills/database/run-sql/SKILL.md", None)]
    item = skill(cat, ".claude/skills/database/run-sql/SKILL.md")
    assert (item.scope, item.loaded_by_claude_code) == ("project", False)


def test_binary_skill_file_is_a_finding_not_an_item(repo):
    cat = scan_repo(repo({".claude/skills/bin/SKILL.md": b"\x00\x01\x02ELF" * 10, ".claude/skills/ok/SKILL.md": GOOD}))
    assert codes(cat) == [("SKD003", ".claude/skills/bin/SKILL.md", None)]
    assert [i.path for i in cat.items] == [".claude/skills/ok/SKILL.md"]


def test_non_utf8_file_is_read_with_replacements(repo):
    data = "---\nname: cafe\ndescription: Caf\xe9 orders.\n---\n".encode("latin-1")
    cat = scan_repo(repo({".claude/skills/cafe/SKILL.md": data}))
    assert codes(cat) == [("SKD002", ".claude/skills/cafe/SKILL.md", 3)]
    assert skill(cat, ".claude/skills/cafe/SKILL.md").description == "Caf\ufffd orders."


def test_huge_file_is_skipped_with_a_finding(repo):
    huge = GOOD + ("x" * 100 + "\n") * 11_000
    cat = scan_repo(repo({".claude/skills/huge/SKILL.md": huge}))
    assert codes(cat) == [("SKD004", ".claude/skills/huge/SKILL.md", None)]
    assert cat.items == []


def test_symlink_outside_the_repo_is_not_followed(tmp_path):
    outside = write_tree(tmp_path / "outside", {"secret/SKILL.md": GOOD, "tool.sh": "#!/bin/sh\n# leak\n"})
    root = write_tree(tmp_path / "repo", {".claude/skills/ok/SKILL.md": GOOD})
    (root / ".claude/skills/linked").symlink_to(outside / "secret")
    (root / "tools").mkdir()
    (root / "tools/leak.sh").symlink_to(outside / "tool.sh")
    cat = scan_repo(root)
    assert codes(cat) == [("SKD005", ".claude/skills/linked", None), ("SKD005", "tools/leak.sh", None)]
    assert [i.path for i in cat.items] == [".claude/skills/ok/SKILL.md"]


def test_symlink_inside_the_repo_is_followed_and_loops_terminate(tmp_path):
    root = write_tree(tmp_path / "repo", {"skills/shared/SKILL.md": GOOD.replace("ok", "shared")})
    (root / ".claude/skills").mkdir(parents=True)
    (root / ".claude/skills/shared").symlink_to(root / "skills/shared")
    (root / "skills/shared/loop").symlink_to(root / "skills")
    (root / ".claude/skills/dangling").symlink_to(root / "nowhere")
    (root / "self").symlink_to(root / "self")
    cat = scan_repo(root)
    assert sorted((i.path, i.scope) for i in cat.items) == [
        (".claude/skills/shared/SKILL.md", "project"),
        ("skills/shared/SKILL.md", "pack"),
    ]
    assert codes(cat) == [("SKD006", ".claude/skills/dangling", None), ("SKD006", "self", None)]
    assert "loops" in cat.findings[1].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_reported_and_never_opened(repo):
    root = repo({".claude/skills/ok/SKILL.md": GOOD})
    (root / "tools").mkdir()
    os.mkfifo(root / "tools/pipe")
    os.mkfifo(root / ".claude/skills/ok/SKILL.md.fifo")
    cat = scan_repo(root)  # would hang forever if the FIFO were opened for reading
    assert codes(cat) == [("SKD007", ".claude/skills/ok/SKILL.md.fifo", None), ("SKD007", "tools/pipe", None)]


def _scan_as(uid: int, root: Path) -> dict:
    """Scan in a forked child that dropped to `uid` (root cannot be denied a read otherwise)."""
    scan_repo(root)  # import every provider before dropping privileges
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            payload = scan_repo(root).model_dump_json().encode()
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as incoming:
        data = incoming.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0
    return json.loads(data)


def test_unreadable_file_and_folder_are_findings():
    base = Path(tempfile.mkdtemp(prefix="skilldex-perm-"))
    try:
        base.chmod(0o755)
        root = write_tree(
            base / "repo",
            {
                ".claude/skills/ok/SKILL.md": GOOD,
                ".claude/skills/locked/SKILL.md": GOOD,
                "tools/private/run.sh": "#!/bin/sh\n# private\n",
            },
        )
        for folder in [base, *[p for p in base.rglob("*") if p.is_dir()]]:
            folder.chmod(0o755)
        (root / ".claude/skills/locked/SKILL.md").chmod(0o000)
        (root / "tools/private").chmod(0o000)
        data = _scan_as(65534, root) if is_root() else json.loads(scan_repo(root).model_dump_json())
        found = [(f["code"], f["path"]) for f in data["findings"]]
        assert found == [("SKD001", ".claude/skills/locked/SKILL.md"), ("SKD001", "tools/private")]
        assert [i["path"] for i in data["items"]] == [".claude/skills/ok/SKILL.md"]
    finally:
        for path in [base, *base.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755)
        import shutil

        shutil.rmtree(base)


def test_a_scan_never_stops_at_the_first_bad_file(repo):
    root = repo(
        {
            ".claude/skills/a/SKILL.md": "---\nname: [\n---\n",
            ".claude/skills/b/SKILL.md": b"\x00\x00",
            ".claude/skills/c/skill.md": GOOD,
            ".claude/skills/d/SKILL.md": GOOD.replace("ok", "d"),
            ".mcp.json": "{not json",
        }
    )
    cat = scan_repo(root)
    assert [f.code for f in cat.findings] == ["SKD012", "SKD003", "SKD020", "SKD030"]  # sorted by path
    assert sorted(i.name for i in cat.items) == ["a", "d", "ok"]


def test_missing_repo_folder_is_a_usage_error(tmp_path):
    from skilldex.scan import ScanError

    with pytest.raises(ScanError, match="does not exist"):
        scan_repo(tmp_path / "nope")


def test_nothing_in_the_scanned_repo_is_executed_or_imported(tmp_path):
    marker = tmp_path / "executed"
    touch = f"open({str(marker)!r}, 'w').write('x')"
    root = write_tree(
        tmp_path / "repo",
        {
            "tools/evil.py": f'#!/usr/bin/env python3\n"""Looks harmless."""\n{touch}\nimport argparse\n',
            "tools/evil.sh": f"#!/bin/sh\n# Looks harmless.\ntouch {marker}\n",
            "tools/evil.js": (
                f"#!/usr/bin/env node\n// Looks harmless.\nrequire('fs').writeFileSync({str(marker)!r}, 'x')\n"
            ),
            "Makefile": f"X := $(shell touch {marker})\nall: ## build\n\ttouch {marker}\n",
            "package.json": f'{{"scripts": {{"preinstall": "touch {marker}", "build": "touch {marker}"}}}}',
            "setup.py": touch + "\n",
            "conftest.py": touch + "\n",
            ".claude/skills/x/SKILL.md": f"---\nname: x\ndescription: y\n---\n!`touch {marker}`\n",
        },
    )
    cat = scan_repo(root)
    assert not marker.exists()
    assert {i.path for i in cat.items if i.kind == "tool"} == {"tools/evil.py", "tools/evil.sh", "tools/evil.js"}
    assert {i.description for i in cat.items if i.kind == "tool"} == {"Looks harmless."}


def test_exists_answers_like_the_disk_for_walked_skipped_and_missing_paths(tmp_path):
    from skilldex.scan.fs import RepoFS

    root = write_tree(
        tmp_path / "repo",
        {
            "docs/a.md": "x",
            "empty/.keep": "",
            "venv2/pyvenv.cfg": "home = /usr\n",
            "venv2/lib/x.py": "",
            "node_modules/pkg/index.js": "",
            "deep/" + "/".join(f"d{i}" for i in range(14)) + "/f.txt": "",
        },
    )
    (root / "hollow").mkdir()
    os.mkfifo(root / "docs" / "pipe")
    fs = RepoFS.open(root)
    for rel in [
        "docs/a.md",
        "docs",
        "empty",
        "hollow",
        "venv2",
        "venv2/lib/x.py",
        "node_modules/pkg/index.js",
        "deep/" + "/".join(f"d{i}" for i in range(14)),
        "docs/pipe",
        "docs/missing.md",
        "nope/x",
        "",
        "docs/../docs/a.md",
        "../repo/docs/a.md",
    ]:
        real = os.path.realpath(root / rel)
        expected = (real == str(fs.root) or real.startswith(str(fs.root) + os.sep)) and os.path.exists(real)
        assert fs.exists(rel) == expected, rel
