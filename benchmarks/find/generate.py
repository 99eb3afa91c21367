"""Write the synthetic benchmark repos (benchmarks/find/repos/*.py) into a folder, one subfolder per repo.

Usage: python benchmarks/find/generate.py [TARGET]   (default: a new temporary folder, printed)

Deterministic: the same files every run, no randomness. Files starting with a shebang are made executable.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repos import REPOS  # noqa: E402


def write_repo(root: Path, files: dict[str, str]) -> int:
    """Write one repo's files under root; return how many were written."""
    for rel, text in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if text.startswith("#!"):
            path.chmod(0o755)
    return len(files)


def generate(target: Path, modules: Sequence[ModuleType] = REPOS) -> dict[str, Path]:
    """Write every synthetic repo (default: benchmarks/find/repos) into target/<name>; return name -> repo root."""
    roots: dict[str, Path] = {}
    for module in modules:
        root = target / module.NAME
        write_repo(root, module.FILES)
        roots[module.NAME] = root
    return roots


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="skilldex-find-"))
    target.mkdir(parents=True, exist_ok=True)
    for name, root in generate(target).items():
        print(f"{name:12} {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
