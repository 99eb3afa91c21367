"""Where the index lives: $SKILLDEX_CACHE_DIR, else $XDG_CACHE_HOME/skilldex, else ~/.cache/skilldex."""

from __future__ import annotations

import os
import re
import zlib  # cheaper to import than hashlib; two CRCs make 64 bits, and the index checks its root anyway

ENV_VAR = "SKILLDEX_CACHE_DIR"
NO_CACHE_ENV = "SKILLDEX_NO_CACHE"
SUFFIX = ".sqlite3"


def enabled() -> bool:
    """Whether the index may be used at all (SKILLDEX_NO_CACHE unset, empty or 0)."""
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def cache_dir() -> str:
    """The cache folder (as a string: this module stays free of pathlib for the fast path)."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return os.path.abspath(os.path.expanduser(explicit))
    xdg = os.path.expanduser(os.environ.get("XDG_CACHE_HOME", ""))
    base = xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "skilldex")


def db_path(root) -> str:
    """The index file of the repo at `root` (a real, absolute path): readable name plus a hash of the path."""

    text = os.fspath(root)
    label = re.sub(r"[^A-Za-z0-9._-]+", "-", os.path.basename(text.rstrip(os.sep)) or "root")[:40]
    data = text.encode("utf-8", "surrogateescape")
    digest = f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1] + b'skilldex'):08x}"
    return os.path.join(cache_dir(), "repos", f"{label}-{digest}{SUFFIX}")
