"""Finding is a plain value (validate builds it without pydantic), yet models that embed findings validate them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pydantic import BaseModel, ValidationError

from skilldex.finding import Finding
from skilldex.models import Catalogue, catalogue_json_schema
from skilldex.rules import scan as scan_rules
from skilldex.severity import Severity

DUMPED = {
    "code": "SKD012",
    "rule": "invalid-frontmatter-yaml",
    "severity": "error",
    "path": "a/SKILL.md",
    "line": 3,
    "column": 22,
    "message": "invalid YAML",
    "fix": "Quote it.",
}


def test_a_finding_is_a_plain_slotted_value_that_dumps_in_schema_order():
    found = scan_rules.INVALID_YAML.finding("a/SKILL.md", "invalid YAML", 3, 22, fix="Quote it.")
    assert type(found) is Finding and not isinstance(found, BaseModel)
    assert not hasattr(found, "__dict__")
    assert found.model_dump(mode="json") == DUMPED and list(found.model_dump(mode="json")) == list(DUMPED)
    assert found.model_dump()["severity"] is Severity.error
    assert found == Finding.model_validate(DUMPED) and found != found.model_copy(update={"line": 4})
    assert found.model_copy(update={"path": "b"}).path == "b" and found.path == "a/SKILL.md"


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ({**DUMPED, "extra": 1}, "unknown fields ['extra']"),
        ({k: v for k, v in DUMPED.items() if k != "fix"}, "missing fields ['fix']"),
        ({**DUMPED, "line": "3"}, "line is not an integer"),
        ({**DUMPED, "code": None}, "code is not text"),
        ({**DUMPED, "severity": "fatal"}, "'fatal' is not a valid Severity"),
        ([DUMPED], "a finding is an object, not list"),
    ],
)
def test_a_malformed_finding_dict_is_refused(bad, says):
    with pytest.raises(ValueError) as caught:
        Finding.model_validate(bad)
    assert says in str(caught.value)


def test_a_catalogue_validates_its_findings_from_dicts_and_round_trips_them():
    catalogue = Catalogue(repo="r", root="/r", findings=[DUMPED, Finding.model_validate(DUMPED)])
    assert all(type(f) is Finding for f in catalogue.findings)
    assert catalogue.findings[0].severity is Severity.error
    text = catalogue.model_dump_json()
    assert json.loads(text)["findings"] == [DUMPED, DUMPED]
    assert Catalogue.model_validate_json(text) == catalogue
    with pytest.raises(ValidationError) as caught:
        Catalogue(repo="r", root="/r", findings=[{**DUMPED, "severity": "fatal", "extra": 1}])
    assert sorted(".".join(map(str, e["loc"])) for e in caught.value.errors()) == [
        "findings.0.extra",
        "findings.0.severity",
    ]


def test_the_schema_still_describes_finding_by_that_name():
    schema = catalogue_json_schema()
    finding = schema["$defs"]["Finding"]
    assert schema["properties"]["findings"]["items"] == {"$ref": "#/$defs/Finding"}
    assert finding["title"] == "Finding" and finding["additionalProperties"] is False
    assert finding["required"] == ["code", "rule", "severity", "path", "message", "fix"]
    assert list(finding["properties"]) == list(DUMPED)
    assert "FindingSchema" not in json.dumps(schema)


def test_building_findings_imports_no_pydantic():
    code = (
        "import sys; from skilldex.rules import scan; scan.EMPTY_FILE.finding('a', 'empty')."
        "model_dump(mode='json'); print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
