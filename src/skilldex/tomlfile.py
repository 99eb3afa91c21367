"""The one TOML reader: the standard library's tomllib from Python 3.11, its backport tomli on 3.10."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pyproject declares tomli for these
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError


def loads(text: str) -> dict:
    """The document as a dict; a BOM in front is read past, as editors write it."""
    return tomllib.loads(text.lstrip("\ufeff"))
