"""Azure Pipelines: `azure-pipelines.yml` at the root, its stages and jobs by display name."""

from __future__ import annotations

from skilldex.scan.ci.common import MAX_JOBS, load, names

TITLE = "Azure Pipelines pipeline"


def claims(parts: tuple[str, ...]) -> bool:
    return parts in (("azure-pipelines.yml",), ("azure-pipelines.yaml",))


def jobs(text: str) -> list[str]:
    data = load(text)
    if not isinstance(data, dict):
        return []
    found = names(data.get("stages"), "displayName", "stage") + names(data.get("jobs"), "displayName", "job")
    found += names(data.get("steps"), "displayName")
    return found[:MAX_JOBS]
