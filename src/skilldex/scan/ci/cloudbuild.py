"""Google Cloud Build: `cloudbuild*.yaml` and `*.cloudbuild.yaml` build configs, their steps by `id` (else the
builder image's name)."""

from __future__ import annotations

import re

from skilldex.scan.ci.common import MAX_JOBS, load

TITLE = "Cloud Build config"
_NAME = re.compile(r"(?:cloudbuild(?:[._-][\w.-]*)?|[\w.-]+[._-]cloudbuild)\.ya?ml")


def claims(parts: tuple[str, ...]) -> bool:
    return bool(_NAME.fullmatch(parts[-1])) and not parts[0].startswith(".")


def jobs(text: str) -> list[str]:
    data = load(text)
    steps = data.get("steps") if isinstance(data, dict) else None
    found = []
    for step in steps if isinstance(steps, list) else []:
        if not isinstance(step, dict):
            continue
        said = step.get("id") if isinstance(step.get("id"), str) else None
        if said is None and isinstance(step.get("name"), str):  # gcr.io/cloud-builders/docker: the builder, docker
            said = step["name"].rsplit("/", 1)[-1].split(":", 1)[0]
        if said and said.strip() not in found:
            found.append(said.strip())
    return found[:MAX_JOBS]
