"""Buildkite: `.buildkite/pipeline*.yml`, its steps by label."""

from __future__ import annotations

from skilldex.scan.ci.common import load, names

TITLE = "Buildkite pipeline"


def claims(parts: tuple[str, ...]) -> bool:
    return len(parts) == 2 and parts[0] == ".buildkite" and parts[1].startswith("pipeline") and _yaml(parts[1])


def _yaml(name: str) -> bool:
    return name.endswith((".yml", ".yaml"))


def jobs(text: str) -> list[str]:
    data = load(text)
    steps = data.get("steps") if isinstance(data, dict) else data
    return names(steps, "label", "name", "key")
