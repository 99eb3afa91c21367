"""Finding one item in a catalogue by name or path, with suggestions when nothing matches."""

from __future__ import annotations

import difflib
from typing import Any

from skilldex.errors import UsageError
from skilldex.index.refresh import repo_index
from skilldex.oneline import oneline

TYPE_CHECKING = False  # items are models or their JSON dicts (`show` on a fresh index builds no models)
if TYPE_CHECKING:
    from skilldex.models import Catalogue

SHOWN = 20  # candidates an ambiguous name lists


class ItemNotFound(UsageError):
    """No item (or more than one) answers to the name or path given."""


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def _keys(item: Any) -> set[str]:
    name, path, kind, run = (_get(item, k) for k in ("name", "path", "kind", "run"))
    keys = {name, path}
    if kind == "skill":
        keys |= {_get(item, "dir_name"), path.rsplit("/", 1)[0]}
    if kind == "tool" and "." in name:
        keys.add(name.rsplit(".", 1)[0])
    if run:
        keys.add(run)
    return keys


def find_item(catalogue: Catalogue, query: str) -> Any:
    """The item whose name, path (or skill folder, or /command) is `query`; case-insensitive fallback."""
    return find_in(catalogue.items, catalogue.repo, query)


def find_in(items: list[Any], repo: str, query: str) -> Any:
    """find_item over `items` (models or their JSON dicts) of the repo named `repo`."""
    wanted = query.strip().rstrip("/").removeprefix("./")
    matches = [item for item in items if wanted in _keys(item)]
    if not matches:
        lowered = wanted.lower()
        matches = [item for item in items if lowered in {k.lower() for k in _keys(item)}]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        # names and paths are the repo's: no escape or line break of theirs reaches the terminal
        options = "\n".join(
            f"  {_get(m, 'kind'):<10} {oneline(_get(m, 'name')):<30} {oneline(_get(m, 'path'))}"
            for m in matches[:SHOWN]
        )
        if len(matches) > SHOWN:  # a compose file with 60 services: name a few, not all
            options += f"\n  ... and {len(matches) - SHOWN} more; give one by its name"
        raise ItemNotFound(
            f"'{oneline(query)}' matches {len(matches)} items in {oneline(repo)}; give the path:\n{options}"
        )
    names = sorted({_get(item, "name") for item in items} | {_get(item, "path") for item in items})
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(map(oneline, close))}?" if close else f" Run `skilldex list {repo}` to see them."
    raise ItemNotFound(f"no item named '{oneline(query)}' in {oneline(repo)}.{hint}")


def detail_data(catalogue: Catalogue, found) -> dict:
    """What the MCP show_item tool answers: the item, its findings, and why it ranks where it does."""
    data = found.model_dump(mode="json")
    findings = [f.model_dump(mode="json") for f in catalogue.findings if f.path == found.path]
    return with_rank({**data, "findings": findings}, catalogue.root)


def with_rank(data: dict, root, ranked: tuple[int, str] | None = None) -> dict:
    """An item's JSON (as `show --json` prints it) with its importance and why (skilldex.importance; None when
    the repo has no index); `ranked` when the caller read them already (index.listing, ranks=True)."""
    if ranked is None and root:
        ranked = _ranked(str(root), data["kind"], data["path"], data["name"])
    data["importance"], data["why"] = ranked if ranked else (None, None)
    return data


def _ranked(root: str, kind: str, path: str, name: str) -> tuple[int, str] | None:
    """(importance, why) of one item from the repo's up-to-date index; None when it is not indexed."""

    index = repo_index(root)
    try:
        for row in index.rows:
            if (row.kind, row.path, row.name) == (kind, path, name):
                return row.importance, row.why or "no evidence either way"
    finally:
        index.close()
    return None
