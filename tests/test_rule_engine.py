"""One rule engine: rules are objects (codes spelled only in rules/), profile tables name only real rules, every
family writes its docs in one structured form, and validate, doctor and knowledge choose codes the same way."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from support import PROJECT, write_tree

from skilldex.doctor import active_codes
from skilldex.errors import UsageError
from skilldex.knowledge.check import check_paths
from skilldex.rules import doctor as doctor_rules
from skilldex.rules.catalogue import all_rules
from skilldex.validate import profiles

SRC = PROJECT / "src" / "skilldex"
RULES = SRC / "rules"
FAMILIES = sorted(p for p in RULES.glob("*.py") if p.stem not in {"__init__", "registry", "catalogue", "selection"})
_CODE = re.compile(r"SKD\d{3}")


def code_literals(path: Path) -> list[tuple[int, str]]:
    """(line, code) for every string constant in the file that is exactly a rule code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _CODE.fullmatch(node.value)
    ]


def test_no_rule_code_is_spelled_outside_rules():
    """A code outside rules/ is a rule object's `.code`: a renumbered or retired rule then fails at import."""
    found = [
        f"{path.relative_to(SRC)}:{line}: {code}"
        for path in sorted(SRC.rglob("*.py"))
        if RULES not in path.parents
        for line, code in code_literals(path)
    ]
    assert found == []


def test_a_spelled_code_is_found(tmp_path: Path):
    (tmp_path / "m.py").write_text('X = ("SKD005", "SKD0")\nif code == "SKD613":\n    pass\n"""SKD001 in a doc"""\n')
    assert code_literals(tmp_path / "m.py") == [(1, "SKD005"), (2, "SKD613")]


@pytest.mark.parametrize(
    ("spec", "unknown"),
    [("SKD999=E", "SKD999"), ("SKD010=E SKD0105=W", "SKD105"), ("SKD301-SKD310=W", "SKD308, SKD309")],
)
def test_a_profile_table_naming_a_code_no_rule_has_fails(spec: str, unknown: str):
    with pytest.raises(ValueError, match=f"unknown rule codes: {unknown}$"):
        profiles._table(spec)


def test_every_profile_code_is_a_rule_at_the_severity_its_table_says():
    codes = {r.code for r in all_rules()}
    assert profiles._table("SKD001-SKD004=E SKD040=W") == {
        "SKD001": "error",
        "SKD002": "error",
        "SKD003": "error",
        "SKD004": "error",
        "SKD040": "warning",
    }
    for profile in profiles.PROFILES.values():
        assert profile.severities and set(profile.severities) <= codes, profile.name


@pytest.mark.parametrize("family", FAMILIES, ids=[p.stem for p in FAMILIES])
def test_every_family_writes_each_doc_through_doc(family: Path):
    """rule(code, name, severity, summary, fix, doc(what, why, example)): never raw markdown."""
    calls = [
        node
        for node in ast.walk(ast.parse(family.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "rule"
    ]
    assert calls, family.name
    for call in calls:
        code = call.args[0].value  # type: ignore[attr-defined]
        assert len(call.args) == 6 and not call.keywords, code
        doc = call.args[5]
        assert isinstance(doc, ast.Call) and isinstance(doc.func, ast.Name) and doc.func.id == "doc", code
        assert len(doc.args) == 3, code


def test_every_doc_has_the_three_sections_in_order_and_none_empty():
    sections = re.compile(r"## What it does\n(.+)\n\n## Why is this bad\?\n(.+)\n\n## Example\n(.+)", re.S)
    for rule in all_rules():
        match = sections.fullmatch(rule.doc)
        assert match and all(part.strip() for part in match.groups()), rule.code
        for heading in ("## What it does\n", "## Why is this bad?\n", "## Example\n"):
            assert rule.doc.count(heading) == 1, (rule.code, heading)


@pytest.fixture()
def knowledge_repo(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path / "k",
        {".git/HEAD": "ref: refs/heads/main\n", "knowledge/broken.md": "---\ntitle: Prod DB\ntags: database\n---\n"},
    )


def test_all_and_prefixes_mean_the_same_to_validate_doctor_and_knowledge(knowledge_repo: Path):
    assert profiles.options(["ALL"], ["SKD3"]).select == ("SKD",)
    assert profiles.options(["ALL"], ["SKD3"]).ignore == ("SKD3",)
    assert active_codes(["ALL"], ["SKD61"]) == {c for c in doctor_rules.CODES if not c.startswith("SKD61")}
    everything = check_paths([str(knowledge_repo)], select=["ALL"], cwd=str(knowledge_repo), config=False)
    assert "SKD703" in {f.code for f in everything.findings}
    none = check_paths([str(knowledge_repo)], select=["ALL"], ignore=["SKD7"], cwd=str(knowledge_repo), config=False)
    assert none.findings == []


@pytest.mark.parametrize("choose", ["validate", "doctor", "knowledge"])
def test_a_code_no_rule_starts_with_is_a_usage_error_everywhere(choose: str, knowledge_repo: Path):
    with pytest.raises(UsageError, match="--select SKD99: no .*rule code starts with it"):
        if choose == "validate":
            profiles.options(["SKD99"])
        elif choose == "doctor":
            active_codes(["SKD99"])
        else:
            check_paths([str(knowledge_repo)], select=["SKD99"], cwd=str(knowledge_repo))
