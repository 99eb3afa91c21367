"""Which rule codes a run reports: select, ignore and per-path ignores, by code or prefix, as ruff and flake8 do.

The one place validate, doctor and knowledge check decide it. Choices come in layers, the repo's
configuration first and the command line last: a layer's `select` replaces the set chosen so far, its
`ignore` takes codes out, and its per-path ignores take codes out for the paths their globs match.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path, PurePosixPath

from skilldex.errors import UsageError
from skilldex.plainvalue import FrozenValue

ALL = "ALL"  # every code, as in ruff


class Choice(FrozenValue):
    """One layer of choices; `base` is the folder per-path globs are relative to (the config file's)."""

    _fields = ("select", "ignore", "per_path", "base")
    select: tuple[str, ...] | None  # None: keep the set chosen so far
    ignore: tuple[str, ...]
    per_path: tuple[tuple[str, tuple[str, ...]], ...]  # (glob, codes or prefixes)
    base: Path | None

    def __init__(
        self,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        per_path: tuple[tuple[str, tuple[str, ...]], ...] = (),
        base: Path | None = None,
    ):
        for name, value in zip(self._fields, (select, ignore, per_path, base), strict=True):
            object.__setattr__(self, name, value)


class Selection(FrozenValue):
    """The codes to report, and the codes to leave out at paths matching a glob."""

    _fields = ("codes", "per_path")
    codes: frozenset[str]
    per_path: tuple[tuple[Path, str, tuple[str, ...]], ...]  # (base, glob, prefixes)

    def __init__(self, codes: frozenset[str], per_path: tuple[tuple[Path, str, tuple[str, ...]], ...] = ()):
        object.__setattr__(self, "codes", codes)
        object.__setattr__(self, "per_path", per_path)

    def keeps(self, code: str, path: Path | None = None) -> bool:
        """Whether a finding with `code` at `path` (absolute; None: no path) is reported."""
        if code not in self.codes:
            return False
        if path is None or not self.per_path:
            return True
        return not any(
            code.startswith(prefixes) and _matches(glob, base, path) for base, glob, prefixes in self.per_path
        )


def patterns(values: Iterable[str], where: str, universe: Collection[str], family: str = "") -> tuple[str, ...]:
    """'SKD2,SKD501', repeated or comma-separated, as prefixes; ALL is every code. UsageError when no code of
    `universe` starts with one. `where` names the option or config key in the message."""
    result = []
    for value in values:
        for pattern in (p.strip().upper() for p in str(value).split(",")):
            if not pattern:
                continue
            pattern = "SKD" if pattern == ALL else pattern
            if not any(code.startswith(pattern) for code in universe):
                noun = f"{family} rule" if family else "rule"
                raise UsageError(
                    f"{where} {pattern}: no {noun} code starts with it; "
                    f"`skilldex rules{_family_prefix(universe)}` lists them"
                )
            result.append(pattern)
    return tuple(result)


def option_choice(select: Iterable[str], ignore: Iterable[str], universe: Collection[str], family: str = "") -> Choice:
    """The command line's --select and --ignore as the last layer."""
    chosen = patterns(select, "--select", universe, family)
    return Choice(select=chosen or None, ignore=patterns(ignore, "--ignore", universe, family))


def select(universe: Collection[str], default: Iterable[str], layers: Iterable[Choice | None]) -> Selection:
    """Apply the layers in order to `default` (the codes reported when nothing is chosen)."""
    codes = set(default)
    per_path: list[tuple[Path, str, tuple[str, ...]]] = []
    for layer in layers:
        if layer is None:
            continue
        if layer.select is not None:
            codes = {code for code in universe if code.startswith(layer.select)}
        codes = {code for code in codes if not code.startswith(layer.ignore)} if layer.ignore else codes
        base = layer.base or Path.cwd()
        per_path += [(base, glob, prefixes) for glob, prefixes in layer.per_path if prefixes]
    return Selection(frozenset(codes), tuple(per_path))


def _family_prefix(universe: Collection[str]) -> str:
    common = min(universe, default="")
    while common and not all(code.startswith(common) for code in universe):
        common = common[:-1]
    return f" {common}" if len(common) > 3 else ""


def _matches(glob: str, base: Path, path: Path) -> bool:
    """A glob without `/` matches the file name (as in ruff); with one, the path below `base` (`**`: any depth)."""
    try:
        rel = PurePosixPath(path.relative_to(base).as_posix())
    except ValueError:
        return False
    target = str(rel) if "/" in glob else rel.name
    return _regex(glob).fullmatch(target) is not None


@lru_cache(maxsize=256)
def _regex(glob: str) -> re.Pattern[str]:
    """`**` any depth, `*` and `?` within one folder; a trailing `/` means everything below that folder."""
    glob = glob.removeprefix("./")
    if glob.endswith("/"):
        glob += "**"
    out = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out))
