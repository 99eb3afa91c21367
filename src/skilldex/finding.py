"""A finding as a plain value: validate, scan and doctor build thousands, and none of them needs pydantic."""

from __future__ import annotations

from skilldex.plainvalue import Value
from skilldex.severity import Severity

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any

_FIELDS = ("code", "rule", "severity", "path", "line", "column", "message", "fix")
_REQUIRED = frozenset(("code", "rule", "severity", "path", "message", "fix"))


class Finding(Value):
    """A problem found while scanning or checking: where it is, what is wrong, what to do.

    The descriptions of its fields, for the JSON Schema, are in skilldex.models (FindingSchema). The
    `model_*` methods are the ones pydantic gave it, kept for the library API and the callers that use them.
    """

    __slots__ = _FIELDS
    _fields = _FIELDS

    def __init__(
        self,
        *,
        code: str,
        rule: str,
        severity: Severity,
        path: str,
        line: int | None = None,
        column: int | None = None,
        message: str,
        fix: str,
    ):
        self.code, self.rule, self.severity, self.path = code, rule, severity, path
        self.line, self.column, self.message, self.fix = line, column, message, fix

    def model_dump(self, *, mode: str = "python") -> dict[str, Any]:
        """The fields in schema order; `mode="json"` gives the severity as its text."""
        data = {name: getattr(self, name) for name in _FIELDS}
        if mode == "json":
            data["severity"] = Severity(self.severity).value
        return data

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Finding:
        """A copy with `update` applied (not validated, as pydantic's model_copy)."""
        data = {name: getattr(self, name) for name in _FIELDS}
        if update:
            data.update(update)
        return Finding(**data)

    @classmethod
    def model_validate(cls, data: Any) -> Finding:
        """A Finding from a finding or its dict (as `list --json` prints it). Raises ValueError when malformed."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            raise ValueError(f"a finding is an object, not {type(data).__name__}")
        unknown = sorted(set(data) - set(_FIELDS))
        missing = sorted(_REQUIRED - set(data))
        if unknown or missing:
            raise ValueError(f"finding: unknown fields {unknown}, missing fields {missing}")
        for name in ("code", "rule", "path", "message", "fix"):
            if not isinstance(data[name], str):
                raise ValueError(f"finding: {name} is not text")
        for name in ("line", "column"):
            value = data.get(name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise ValueError(f"finding: {name} is not an integer")
        return cls(**{**data, "severity": Severity(data["severity"])})
