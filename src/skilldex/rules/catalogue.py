"""Every rule of every family, by code or name (`skilldex rules`, `skilldex rule CODE`, the profile tables)."""

from __future__ import annotations

from skilldex.rules import claude_code, content, doctor, knowledge, scan, spec, upload  # noqa: F401  (registers the families)
from skilldex.rules.registry import REGISTRY, Rule


def all_rules() -> list[Rule]:
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def get_rule(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    for r in all_rules():
        if r.code.lower() == wanted.lower() or r.name == wanted.lower():
            return r
    return None
