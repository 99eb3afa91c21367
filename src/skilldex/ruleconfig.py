"""A repo's rule configuration: `[tool.skilldex]` in pyproject.toml or `rules:` in skilldex.yaml.

    [tool.skilldex]
    ignore = ["SKD208"]
    per-file-ignores = { "tests/fixtures/**" = ["ALL"], "legacy/" = ["SKD3"] }

The nearest file that has such a section, from the checked folder up to the repo root (the folder with
`.git`), counts; in one folder skilldex.yaml comes before pyproject.toml (as ruff.toml does before it).
"""

from __future__ import annotations

from pathlib import Path

from skilldex.errors import UsageError
from skilldex.frontmatter.load import load_yaml
from skilldex.frontmatter.types import FrontmatterError
from skilldex.rules.catalogue import all_rules
from skilldex.rules.selection import Choice, patterns

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any

KEYS = ("select", "ignore", "per-file-ignores")
YAML_NAMES = ("skilldex.yaml", "skilldex.yml")


def find_config(start: Path) -> Choice | None:
    """The rule configuration that applies to files under `start`; UsageError when it is malformed."""
    folder = start if start.is_dir() else start.parent
    for current in (folder, *folder.parents):
        for name in YAML_NAMES:
            found = _from_yaml(current / name)
            if found is not None:
                return found
        found = _from_pyproject(current / "pyproject.toml")
        if found is not None:
            return found
        if (current / ".git").exists():
            return None
    return None


def parse(section: Any, where: str, base: Path) -> Choice:
    """A `{select, ignore, per-file-ignores}` mapping as a Choice; unknown keys and codes are usage errors."""

    if not isinstance(section, dict):
        raise UsageError(f"{where}: expected a table of {', '.join(KEYS)}")
    unknown = sorted(str(key) for key in section if key not in KEYS)
    if unknown:
        raise UsageError(f"{where}: unknown key '{unknown[0]}'; the keys are {', '.join(KEYS)}")
    universe = [rule.code for rule in all_rules()]
    select = patterns(_codes(section, "select", where), f"{where} select", universe) if "select" in section else None
    ignore = patterns(_codes(section, "ignore", where), f"{where} ignore", universe)
    per_path = section.get("per-file-ignores", {})
    if not isinstance(per_path, dict):
        raise UsageError(f"{where} per-file-ignores: expected a table of glob = [codes]")
    globs = tuple(
        (
            str(glob),
            patterns(
                _codes(per_path, glob, f"{where} per-file-ignores"), f"{where} per-file-ignores '{glob}'", universe
            ),
        )
        for glob in per_path
    )
    return Choice(select=select, ignore=ignore, per_path=globs, base=base)


def _codes(table: dict, key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise UsageError(f'{where} {key}: expected a list of rule codes or prefixes, such as ["SKD2", "SKD501"]')


def _from_pyproject(file: Path) -> Choice | None:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "skilldex" not in text:  # most pyproject.toml files: no need to parse them
        return None
    from skilldex import tomlfile  # lazy: loaded only when a pyproject.toml names skilldex

    try:
        data = tomlfile.loads(text)
    except tomlfile.TOMLDecodeError as exc:
        if "tool.skilldex" not in text:
            return None  # someone else's broken file; the scan reports it
        raise UsageError(f"{file}: invalid TOML ({exc}); skilldex reads its [tool.skilldex] rules there") from None
    section = data.get("tool", {}).get("skilldex") if isinstance(data.get("tool"), dict) else None
    return None if section is None else parse(section, f"{file} [tool.skilldex]", file.parent)


def _from_yaml(file: Path) -> Choice | None:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "rules" not in text:
        return None

    try:
        data, _, _ = load_yaml(text)
    except FrontmatterError as exc:
        raise UsageError(f"{file}:{exc.line}: {exc.message}") from None
    if not isinstance(data, dict) or "rules" not in data:
        return None
    section = data["rules"]
    if isinstance(section, str):  # the flat workspace form: a repo named `rules`
        return None
    return parse(section, f"{file} rules", file.parent)
