"""Jenkins: a `Jenkinsfile` at the root or one folder down, its stages by name (read by pattern, never run)."""

from __future__ import annotations

import re

from skilldex.scan.ci.common import MAX_JOBS

TITLE = "Jenkins pipeline"
_STAGE = re.compile(r"""\bstage\s*\(\s*(?:name\s*:\s*)?(["'])([^"'\n]{1,80})\1""")


def claims(parts: tuple[str, ...]) -> bool:
    return len(parts) <= 2 and parts[-1] == "Jenkinsfile"


def jobs(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(2).strip() for m in _STAGE.finditer(text)))[:MAX_JOBS]
