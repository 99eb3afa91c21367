"""`skilldex validate`: check skill, command and agent manifests against a profile's rules.

    report = validate_paths(["."], profile="claude-code")
    report.has_errors  # True when any finding is at error severity

The names load on first use, so `skilldex.validate.profiles` (what `skilldex rules` reads) costs no parser.
"""

from __future__ import annotations

__all__ = ["validate_paths", "Report", "FileResult", "PROFILES", "DEFAULT_PROFILE"]

_HOMES = {
    "validate_paths": "run",
    "check_target": "run",
    "Report": "report",
    "FileResult": "report",
    "PROFILES": "profiles",
    "DEFAULT_PROFILE": "profiles",
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'skilldex.validate' has no attribute '{name}'")
    from importlib import import_module

    return getattr(import_module(f"skilldex.validate.{_HOMES[name]}"), name)
