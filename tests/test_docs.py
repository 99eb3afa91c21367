"""The docs cannot drift: generated pages match the code, every command and rule is documented, links resolve."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from support import PROJECT

from skilldex import docgen
from skilldex.rules.catalogue import all_rules

DOCS = PROJECT / "docs"
README = PROJECT / "README.md"
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_CODE = re.compile(r"^```.*?^```|`[^`\n]*`", re.MULTILINE | re.DOTALL)  # links in code are examples, not links


def _pages() -> list:
    return [README, *sorted(DOCS.glob("*.md"))]


def test_the_generated_pages_are_in_step_with_the_code():
    assert docgen.stale(DOCS) == [], "run `make docs` and commit docs/"


def test_every_command_has_its_help_in_the_cli_reference():
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    paths = docgen.commands()
    assert ("list",) in paths and ("cache", "info") in paths and len(paths) >= 30
    for path in paths:
        help_text = docgen.help_text(path)
        usage, _, rest = help_text.partition("\n\n")
        assert usage.startswith(f"Usage: {' '.join(['skilldex', *path])} "), help_text
        assert rest.split("\n\n", 1)[0].strip(), f"skilldex {' '.join(path)} has no description"
        assert f"\n## {' '.join(['skilldex', *path])}\n\n```\n{help_text.rstrip()}\n```\n" in page


def test_every_command_is_explained_beyond_its_help():
    """A command only the generated reference names is undocumented: README or a docs page says what it is for."""
    prose = "\n".join(p.read_text(encoding="utf-8") for p in _pages() if p.name not in docgen.PAGES)
    missing = [" ".join(path) for path in docgen.commands()[1:] if f"skilldex {' '.join(path)}" not in prose]
    assert missing == []


def test_every_command_the_docs_run_exists():
    """`skilldex X Y ...` in a shell block of the README or a hand-written page names a real command."""
    paths = set(docgen.commands())
    groups = {path[:-1] for path in paths if len(path) > 1}
    unknown = []
    for page in _pages():
        if page.name in docgen.PAGES:
            continue
        for block in re.findall(r"^```sh\n(.*?)^```", page.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL):
            for line in block.splitlines():
                words = line.split("#")[0].split()
                if words[:1] != ["skilldex"] or len(words) < 2 or words[1].startswith("-"):
                    continue
                path = tuple(words[1:3]) if (words[1],) in groups else (words[1],)
                if path not in paths:
                    unknown.append(f"{page.name}: {line.strip()}")
    assert unknown == []


def test_every_rule_has_its_section_in_the_rules_page():
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    for r in all_rules():
        assert f"\n## {r.code}\n\n`{r.name}`, default severity **{r.severity.value}**." in page
        assert f"| [{r.code}](#{r.code.lower()}) | `{r.name}` |" in page


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_relative_links_resolve(page):
    text = _CODE.sub("", page.read_text(encoding="utf-8"))
    targets = [t for t in _LINK.findall(text) if not re.match(r"[a-z]+:|#", t)]
    assert [t for t in targets if not (page.parent / t.split("#")[0]).exists()] == []


def test_skilldex_doctor_finds_no_drift_in_its_own_docs():
    """The product's own check on its own docs: every path, link, script and skill they name exists."""
    result = subprocess.run(
        [sys.executable, "-m", "skilldex", "doctor", ".", "--no-git", "--json"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    findings = json.loads(result.stdout)["findings"]
    assert [f"{f['path']}:{f['line']}: {f['code']} {f['message']}" for f in findings] == []
    assert result.returncode == 0


def test_the_readme_stays_a_front_door():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200 and max(map(len, lines)) <= 160


def _docgen(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "skilldex.docgen", *args], cwd=cwd, capture_output=True, text=True)


def test_check_fails_on_a_stale_page_and_write_fixes_it(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rules.md").write_text("# Rules\n\nSKD001 only.\n", encoding="utf-8")
    result = _docgen("--check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "docs/rules.md: out of date; run `make docs`",
        "docs/cli.md: out of date; run `make docs`",
    ]
    written = _docgen(cwd=tmp_path)
    assert (written.returncode, written.stderr) == (0, "docs/rules.md: written\ndocs/cli.md: written\n")
    assert (docs / "rules.md").read_text(encoding="utf-8") == (DOCS / "rules.md").read_text(encoding="utf-8")
    assert _docgen("--check", cwd=tmp_path).returncode == 0


def test_a_missing_docs_folder_is_one_error_line(tmp_path):
    result = _docgen("--check", "nowhere", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "Error: nowhere: no such folder; run from the repo root or name the docs folder\n"
