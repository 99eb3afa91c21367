"""Test helpers: build real repos on disk (imported by tests and conftest)."""

from __future__ import annotations

import os
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (text or bytes) under root; a value starting with '#!' becomes executable."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
            if content.startswith("#!"):
                path.chmod(0o755)
    return root


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0
