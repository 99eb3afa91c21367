"""GitLab CI: `.gitlab-ci.yml`; its jobs are the top-level keys that are neither settings nor hidden (`.base`)."""

from __future__ import annotations

from skilldex.scan.ci.common import MAX_JOBS, load

TITLE = "GitLab CI pipeline"
# GitLab's global keywords: settings of the pipeline, not jobs
_KEYWORDS = frozenset(
    {
        "stages",
        "variables",
        "include",
        "default",
        "workflow",
        "image",
        "services",
        "before_script",
        "after_script",
        "cache",
        "pages_settings",
        "spec",
    }
)


def claims(parts: tuple[str, ...]) -> bool:
    return parts == (".gitlab-ci.yml",)


def jobs(text: str) -> list[str]:
    data = load(text)
    if not isinstance(data, dict):
        return []
    found = [
        k
        for k, v in data.items()
        if isinstance(k, str) and not k.startswith(".") and k not in _KEYWORDS and isinstance(v, dict)
    ]
    return found[:MAX_JOBS]
