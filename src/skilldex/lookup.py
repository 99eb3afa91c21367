"""Finding one item in a catalogue by name or path, with suggestions when nothing matches."""

from __future__ import annotations

import difflib
from typing import Any

from skilldex.errors import UsageError
from skilldex.models import Catalogue

SHOWN = 20  # candidates an ambiguous name lists


class ItemNotFound(UsageError):
    """No item (or more than one) answers to the name or path given."""


def _keys(item: Any) -> set[str]:
    keys = {item.name, item.path}
    if item.kind == "skill":
        keys |= {item.dir_name, item.path.rsplit("/", 1)[0]}
    if item.kind == "tool" and "." in item.name:
        keys.add(item.name.rsplit(".", 1)[0])
    if item.run:
        keys.add(item.run)
    return keys


def find_item(catalogue: Catalogue, query: str) -> Any:
    """The item whose name, path (or skill folder, or /command) is `query`; case-insensitive fallback."""
    wanted = query.strip().rstrip("/").removeprefix("./")
    matches = [item for item in catalogue.items if wanted in _keys(item)]
    if not matches:
        lowered = wanted.lower()
        matches = [item for item in catalogue.items if lowered in {k.lower() for k in _keys(item)}]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        options = "\n".join(f"  {m.kind:<10} {m.name:<30} {m.path}" for m in matches[:SHOWN])
        if len(matches) > SHOWN:  # a compose file with 60 services: name a few, not all
            options += f"\n  ... and {len(matches) - SHOWN} more; give one by its name"
        raise ItemNotFound(f"'{query}' matches {len(matches)} items in {catalogue.repo}; give the path:\n{options}")
    names = sorted({item.name for item in catalogue.items} | {item.path for item in catalogue.items})
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else f" Run `skilldex list {catalogue.repo}` to see them."
    raise ItemNotFound(f"no item named '{query}' in {catalogue.repo}.{hint}")


def detail_data(catalogue: Catalogue, found) -> dict:
    """What `show --json` (and the MCP show_item tool) print: the item, its findings, and why it ranks where it
    does (skilldex.importance; None when the repo has no index)."""
    from skilldex.importance import explain

    data = found.model_dump(mode="json")
    data["findings"] = [f.model_dump(mode="json") for f in catalogue.findings if f.path == found.path]
    ranked = explain(catalogue.root, found.kind, found.path, found.name) if catalogue.root else None
    data["importance"], data["why"] = ranked if ranked else (None, None)
    return data
