"""Frontmatter YAML: the common shape by the plain reader, anything else by the full reader."""

from __future__ import annotations

from typing import Any

from skilldex.frontmatter import full, plain
from skilldex.frontmatter.types import MAX_YAML_CHARS, Field, FrontmatterError


def load_yaml(
    text: str, first_line: int = 1, fields: dict[str, Field] | None = None
) -> tuple[Any, dict[str, int], list[tuple[str, int]]]:
    """Load YAML safely; return (data, top-level key lines, duplicate keys). Raises FrontmatterError.

    When `fields` is given, it is filled with each top-level key's position and value shape.
    """
    if len(text) > MAX_YAML_CHARS:
        raise FrontmatterError(
            "yaml-too-large", f"frontmatter is {len(text):,} characters (limit {MAX_YAML_CHARS:,})", first_line
        )
    read = plain.load(text, first_line, fields)  # the common shape, without a parser
    return read if read is not None else full.load_full(text, first_line, fields)
