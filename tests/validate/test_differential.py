"""Differential test: skills-ref and `skilldex validate --profile agentskills` give the same verdict on every spec case.

Each folder in tests/fixtures/spec-cases/ is one case holding one skill folder. Both validators judge that folder
and the verdicts (valid / invalid) must match, except for the cases in KNOWN_DIFFERENCES, each explained by a
skills-ref bug (or a deliberate skilldex choice, said as such). Expectations come from running skills-ref itself,
never from a table here: a new case folder is picked up and compared automatically.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from skilldex.validate.run import validate_paths

try:
    from skills_ref.validator import validate as skills_ref_validate
except ImportError as exc:  # a declared test dependency: a missing install must fail the run, not skip it
    if sys.version_info < (3, 11):  # the test extra only installs skills-ref on Python >= 3.11
        pytest.skip("skills-ref needs Python 3.11+", allow_module_level=True)
    raise ImportError("skills-ref is a declared test dependency: pip install -e '.[test]'") from exc

CASES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "spec-cases"

_STRICTYAML = "skills-ref parses with strictyaml, which rejects valid YAML: "
_SPLIT = "skills-ref finds the frontmatter with content.split('---', 2), not on `---` lines: "

KNOWN_DIFFERENCES: dict[str, str] = {
    "allowed-tools-flow-list": _STRICTYAML + "flow sequences such as `[Read, Grep]` (valid YAML, spec says YAML).",
    "parse-json-frontmatter": _STRICTYAML + "flow mappings, so even JSON frontmatter (valid YAML 1.2) fails.",
    "parse-anchors-aliases": _STRICTYAML + "anchors and aliases (`&d` / `*d`).",
    "parse-yaml-tag": _STRICTYAML + "explicit tags such as `!!str`.",
    "parse-dashes-hide-later-keys": _SPLIT + "`license: MIT --- see LICENSE` ends the frontmatter mid-value, so "
    "the description after it is 'missing'.",
    "parse-text-after-opening-fence": _SPLIT + "it accepts `--- # skill` as the opening fence (any line that starts "
    "with ---); skilldex, like Claude Code, needs a `---` line.",
    "parse-text-after-closing-fence": _SPLIT + "`--- end of frontmatter` closes it; skilldex needs a `---` line and "
    "reports the frontmatter as unclosed.",
    "parse-tab-after-fences": _SPLIT + "the tab after each `---` is left inside the YAML, where strictyaml rejects "
    "it; skilldex reads `---<tab>` as a fence (trailing whitespace ignored).",
    "parse-bom": "skills-ref checks content.startswith('---') on the raw text, so a UTF-8 BOM hides the frontmatter; "
    "skilldex warns (SKD014) and reads on.",
    "file-lowercase-skill-md": "skills-ref's find_skill_md also accepts `skill.md`; the spec and Claude Code need "
    "exactly SKILL.md (skilldex SKD020 error).",
    "parse-nul-in-body": "deliberate: skilldex treats a NUL byte in a manifest as binary data (SKD003 error: a "
    "corrupt or mis-committed file, which Claude Code's loader is not known to accept); skills-ref reads it as text.",
}

# (case, code, line, severity): what skilldex must report, beyond the verdict
FINDINGS = [
    ("name-missing", "SKD201", 1, "error"),
    ("name-list", "SKD202", 3, "error"),
    ("name-65-chars", "SKD203", 2, "error"),
    ("name-uppercase", "SKD204", 2, "error"),
    ("name-trailing-hyphen", "SKD205", 2, "error"),
    ("name-double-hyphen", "SKD206", 2, "error"),
    ("name-underscore", "SKD207", 2, "error"),
    ("name-folder-mismatch", "SKD208", 2, "error"),
    ("name-unicode-cjk", "SKD215", 2, "warning"),
    ("description-1025", "SKD211", 3, "error"),
    ("compatibility-501", "SKD213", 4, "error"),
    ("field-version", "SKD214", 4, "error"),
    ("parse-no-frontmatter", "SKD010", 1, "error"),
    ("parse-unclosed", "SKD011", 1, "error"),
    ("parse-invalid-yaml-colon", "SKD012", 3, "error"),
    ("parse-frontmatter-list", "SKD013", 2, "error"),
    ("parse-bom", "SKD014", 1, "warning"),
    ("parse-duplicate-keys", "SKD015", 4, "error"),
    ("parse-empty-file", "SKD016", 1, "error"),
    ("file-uppercase-skill-MD", "SKD020", 1, "error"),
    ("parse-non-utf8", "SKD002", 3, "error"),
]


@dataclass(frozen=True)
class Outcome:
    """One validator's verdict on a folder. `valid` is None when the validator crashed instead of judging."""

    valid: bool | None
    detail: str


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES_DIR.iterdir() if p.is_dir())


def skill_dir(case: Path) -> Path:
    """The one skill folder inside a case folder."""
    folders = [p for p in case.iterdir() if p.is_dir()]
    assert len(folders) == 1, f"{case} must hold exactly one skill folder, found {folders}"
    return folders[0]


def isolated(case: Path, tmp: Path) -> Path:
    """A copy of the case's skill folder as the only content of a fresh repo (`.git` pins the root there).

    In place, skilldex's repo-wide checks would also read every other case in this checkout (dozens of
    skills named `demo`, files that trip the parser); skills-ref only ever looks at the one folder.
    """
    (tmp / ".git").mkdir()
    source = skill_dir(case)
    return Path(shutil.copytree(source, tmp / source.name, symlinks=True))


def skills_ref_outcome(folder: Path) -> Outcome:
    """skills-ref's verdict; an exception (e.g. UnicodeDecodeError on non-UTF-8) counts as invalid."""
    try:
        errors = skills_ref_validate(folder)
    except Exception as exc:  # skills-ref crashing on a file is its way of rejecting it
        return Outcome(False, f"raised {type(exc).__name__}: {exc}")
    return Outcome(not errors, "; ".join(errors) or "valid")


def skilldex_outcome(folder: Path) -> Outcome:
    """skilldex's verdict: valid when a skill file was found and none has an error. A crash is no verdict."""
    try:
        report = validate_paths([str(folder)], profile="agentskills", cwd=str(folder.parent))
    except Exception as exc:  # reported as a failed comparison, not an error in the test
        return Outcome(None, f"raised {type(exc).__name__}: {exc}")
    valid = bool(report.files) and all(f.valid for f in report.files)
    shown = ", ".join(f"{f.code}({f.severity.value}) line {f.line}: {f.message}" for f in report.findings)
    return Outcome(valid, shown or ("no findings" if report.files else "no skill file found"))


def _describe(case: str, ref: Outcome, ours: Outcome) -> str:
    return f"{case}:\n  skills-ref: valid={ref.valid} ({ref.detail})\n  skilldex:   valid={ours.valid} ({ours.detail})"


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_same_verdict_as_skills_ref(case: Path, tmp_path: Path) -> None:
    folder = isolated(case, tmp_path)
    ref, ours = skills_ref_outcome(folder), skilldex_outcome(folder)
    if case.name in KNOWN_DIFFERENCES:
        assert ref.valid != ours.valid, (
            f"listed in KNOWN_DIFFERENCES but both now agree; remove the entry.\n{_describe(case.name, ref, ours)}"
        )
    else:
        assert ref.valid == ours.valid, _describe(case.name, ref, ours)


def test_known_differences_exist_on_disk() -> None:
    names = {p.name for p in case_dirs()}
    assert sorted(set(KNOWN_DIFFERENCES) - names) == []
    assert all(reason.strip() for reason in KNOWN_DIFFERENCES.values())


def test_case_set_covers_both_verdicts() -> None:
    verdicts = [skills_ref_outcome(skill_dir(case)).valid for case in case_dirs()]
    assert len(verdicts) >= 50
    assert verdicts.count(True) >= 10 and verdicts.count(False) >= 10


@pytest.mark.parametrize(("case", "code", "line", "severity"), FINDINGS, ids=[f[0] for f in FINDINGS])
def test_skilldex_finding_code_and_line(case: str, code: str, line: int, severity: str, tmp_path: Path) -> None:
    folder = isolated(CASES_DIR / case, tmp_path)
    report = validate_paths([str(folder)], profile="agentskills", cwd=str(folder.parent))
    found = {(f.code, f.line, f.severity.value) for f in report.findings}
    assert (code, line, severity) in found, sorted(found, key=str)
