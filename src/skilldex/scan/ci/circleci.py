"""CircleCI: `.circleci/config.yml`, its jobs by name."""

from __future__ import annotations

from skilldex.scan.ci.common import MAX_JOBS, load

TITLE = "CircleCI pipeline"


def claims(parts: tuple[str, ...]) -> bool:
    return parts in ((".circleci", "config.yml"), (".circleci", "config.yaml"))


def jobs(text: str) -> list[str]:
    data = load(text)
    defined = data.get("jobs") if isinstance(data, dict) else None
    return [k for k in defined if isinstance(k, str)][:MAX_JOBS] if isinstance(defined, dict) else []
