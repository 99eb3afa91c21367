"""Frontmatter YAML: the common shape by the plain reader, anything else by the full reader."""

from __future__ import annotations

from skilldex.frontmatter import plain
from skilldex.frontmatter.types import MAX_YAML_CHARS, Field, FrontmatterError

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any


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
    if read is not None:
        return read
    from skilldex.frontmatter.full import load_full  # lazy: PyYAML loads only for what the plain reader declines

    return load_full(text, first_line, fields)
