"""The rule type and the registry every rule family module registers its rules in."""

from __future__ import annotations

from collections import namedtuple

from skilldex.severity import Severity

TYPE_CHECKING = False  # findings are built only when a rule fires, so `skilldex rules` needs no dataclasses
if TYPE_CHECKING:
    from skilldex.finding import Finding


class Rule(namedtuple("Rule", "code name severity summary fix doc")):
    """One rule: code, name, default Severity, summary, fix, doc (markdown: What it does / Why is this bad? /
    Example). A named tuple, not a dataclass: `skilldex rules` should not pay for importing `dataclasses`."""

    __slots__ = ()

    def finding(
        self,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        fix: str | None = None,
    ) -> Finding:
        # lazy: `skilldex rules` and `rule` use this module without building findings
        from skilldex.finding import Finding

        return Finding(
            code=self.code,
            rule=self.name,
            severity=self.severity,
            path=path,
            line=line,
            column=column,
            message=message,
            fix=fix or self.fix,
        )


REGISTRY: dict[str, Rule] = {}
_NAMES: set[str] = set()  # a set, not a scan of REGISTRY per rule: every `skilldex rules` registers them all


def rule(code: str, name: str, severity: str, summary: str, fix: str, doc: str) -> Rule:
    """Register a rule; codes and names are unique and never reused."""
    if code in REGISTRY:
        raise ValueError(f"duplicate rule code {code}")
    if name in _NAMES:
        raise ValueError(f"duplicate rule name {name}")
    registered = Rule(code, name, Severity(severity), summary, fix, doc.strip())
    REGISTRY[code] = registered
    _NAMES.add(name)
    return registered


def doc(what: str, why: str, example: str) -> str:
    """A rule doc in the catalogue's three sections."""
    return f"## What it does\n{what.strip()}\n\n## Why is this bad?\n{why.strip()}\n\n## Example\n{example.strip()}\n"
