"""Write the held-out benchmark repos (benchmarks/find/heldout/repos/*.py) into a folder, one subfolder per repo.

Usage: python benchmarks/find/heldout/generate.py [TARGET]   (default: a new temporary folder, printed)

Deterministic: the same files every run, no randomness. Files starting with a shebang are made executable.
The repos package is loaded under a private name so it never clashes with benchmarks/find/repos.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
_PACKAGE = "skilldex_heldout_repos"


def _load(name: str, path: Path) -> ModuleType:
    """The file at `path` imported once under the private module name `name` (a package when it is __init__.py)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def _repos() -> list[ModuleType]:
    """The held-out repo modules (benchmarks/find/heldout/repos), imported once under a unique name."""
    return list(_load(_PACKAGE, HERE / "repos" / "__init__.py").REPOS)


def generate(target: Path) -> dict[str, Path]:
    """Write every held-out repo into target/<name>; return name -> repo root."""
    return _shared().generate(target, _repos())


def _shared() -> ModuleType:
    """benchmarks/find/generate.py (writes repos the same way), under a private name."""
    return _load("skilldex_find_generate", HERE.parent / "generate.py")


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="skilldex-heldout-"))
    target.mkdir(parents=True, exist_ok=True)
    for name, root in generate(target).items():
        print(f"{name:12} {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
