"""Finding severities: a plain enum, so the rule catalogue and validate profiles load without pydantic."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
