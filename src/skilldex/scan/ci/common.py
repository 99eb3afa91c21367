"""What the CI modules share: a pipeline file's YAML as data, and names read from it."""

from __future__ import annotations

from skilldex.frontmatter.full import load_full
from skilldex.frontmatter.types import FrontmatterError

MAX_JOBS = 200


def load(text: str) -> object:
    """The pipeline's YAML (the hardened loader: alias and expansion caps hold), or None when it does not parse."""
    try:  # a pipeline its CI cannot read either is not ours to report
        return load_full(text)[0]
    except FrontmatterError:
        return None


def names(values: object, *keys: str) -> list[str]:
    """The first of `keys` that each mapping in a list gives as a string (a step's `label`, `name`)."""
    found = []
    for value in values if isinstance(values, list) else []:
        if isinstance(value, dict):
            said = next((value[k] for k in keys if isinstance(value.get(k), str)), None)
            if said:
                found.append(said.strip())
    return found[:MAX_JOBS]
