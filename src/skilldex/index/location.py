"""Where the index lives: $SKILLDEX_CACHE_DIR, else $XDG_CACHE_HOME/skilldex, else ~/.cache/skilldex."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

ENV_VAR = "SKILLDEX_CACHE_DIR"
SUFFIX = ".sqlite3"


def cache_dir() -> Path:
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg and os.path.isabs(os.path.expanduser(xdg)) else Path.home() / ".cache"
    return base / "skilldex"


def db_path(root: str | Path) -> Path:
    """The index file of the repo at `root` (a real, absolute path): readable name plus a hash of the path."""
    text = str(root)
    label = re.sub(r"[^A-Za-z0-9._-]+", "-", os.path.basename(text.rstrip(os.sep)) or "root")[:40]
    digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir() / "repos" / f"{label}-{digest}{SUFFIX}"
