"""The full frontmatter reader: YAML loaded safely, positions of every key, duplicate keys, capped aliases.

libyaml parses when it agrees with PyYAML (most manifests); anything else goes through PyYAML itself.
Dates stay text, NEL/U+2028/U+2029 stay ordinary characters (as YAML 1.2 and Claude Code read them).
It is the reference the plain reader (`frontmatter.plain`) is held to.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml

from skilldex.frontmatter.types import (
    MAX_FLOW_DEPTH,
    MAX_YAML_ALIASES,
    MAX_YAML_NODES,
    Field,
    FrontmatterError,
    too_deep,
)


class Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, records key lines and duplicates, and caps aliases."""

    def __init__(self, stream: str, max_aliases: int = MAX_YAML_ALIASES):
        super().__init__(stream)
        self.alias_count = 0
        self.max_aliases = max_aliases
        self.key_lines: dict[str, int] = {}
        self.duplicate_keys: list[tuple[str, int]] = []

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > self.max_aliases:
                mark = self.peek_event().start_mark
                raise yaml.MarkedYAMLError(
                    problem=f"more than {self.max_aliases} YAML aliases (possible alias bomb)",
                    problem_mark=mark,
                )
        return super().compose_node(parent, index)


# Timestamps stay strings: manifests say `updated: 2026-02-02` and JSON has no date type.
Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# libyaml (when PyYAML was built with it) parses the common case several times faster. It is used
# only for documents it reads without error and without the characters below; anything else goes
# through the pure-Python loader above, whose alias cap and error messages are the reference.
_CLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[no-redef]  # a class only where PyYAML has libyaml, else None
        yaml_implicit_resolvers = Loader.yaml_implicit_resolvers


# Where the two parsers disagree, PyYAML decides: anchors and aliases (the alias cap), tabs and
# stray BOMs (libyaml accepts or counts them differently), and `?` inside flow collections (judged
# loosely: a `?` anywhere with a bracket anywhere; substring tests, linear however the text looks).
_PYTHON_ONLY = re.compile("[&*\t\ufeff]")


def _python_only(text: str) -> bool:
    return bool(_PYTHON_ONLY.search(text)) or ("?" in text and ("[" in text or "{" in text))


def _compose(text: str, max_aliases: int = MAX_YAML_ALIASES) -> tuple[Any, Any]:
    """(loader, root node), by libyaml when it can be trusted with `text`, else by pure Python."""
    if _CLoader is not None and not _python_only(text):
        loader = _CLoader(text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
    loader = Loader(text, max_aliases)
    return loader, loader.get_single_node()


class _TooBig(Exception):
    pass


def _json_safe(value: Any, budget: list[int] | None = None) -> Any:
    """A JSON-ready copy (dates as ISO text); raises _TooBig past MAX_YAML_NODES values."""
    budget = budget if budget is not None else [MAX_YAML_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    if isinstance(value, dict):
        return {str(k).translate(_RESTORE): _json_safe(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_json_safe(v, budget) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, str):
        return value.translate(_RESTORE)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return str(value)


def load_full(
    text: str,
    first_line: int = 1,
    fields: dict[str, Field] | None = None,
    *,
    max_aliases: int = MAX_YAML_ALIASES,
    child_lines: dict[str, dict[str, int]] | None = None,
) -> tuple[Any, dict[str, int], list[tuple[str, int]]]:
    """load_yaml (frontmatter.load) by a YAML parser, whatever the shape (the reference the plain reader is held to).

    Whole files (workflows, compose files) use more anchors than frontmatter: `max_aliases` raises the cap
    (the expansion cap still holds). When `child_lines` is given, it is filled with the line of each key
    of every top-level mapping value (`services` -> `web` -> 3); a repeated key keeps its last line.
    """
    if too_deep(text):
        raise FrontmatterError("invalid-yaml", f"YAML nested more than {MAX_FLOW_DEPTH} levels deep", first_line)
    text = text.translate(_AS_TEXT)
    loader = None
    try:
        loader, node = _compose(text, max_aliases)
        if node is None:
            return None, {}, []
        key_lines: dict[str, int] = {}
        duplicates: list[tuple[str, int]] = []
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value).translate(_RESTORE)
                line = key_node.start_mark.line + first_line
                if key in key_lines:
                    duplicates.append((key, line))
                else:
                    key_lines[key] = line
                if fields is not None:
                    fields[key] = _field(key_node, value_node, first_line)
                if child_lines is not None and isinstance(value_node, yaml.MappingNode):
                    child_lines[key] = {
                        str(child.value).translate(_RESTORE): child.start_mark.line + first_line
                        for child, _ in value_node.value
                        if isinstance(child, yaml.ScalarNode)
                    }
                duplicates.extend(_nested_duplicates(value_node, key, first_line))
        data = _json_safe(loader.construct_document(node))
    except _TooBig:
        raise FrontmatterError(
            "invalid-yaml", f"YAML expands to more than {MAX_YAML_NODES:,} values (alias bomb?)", first_line
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        problem = exc.problem or str(exc)
        raise FrontmatterError("invalid-yaml", f"invalid YAML: {problem}", line, column) from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow, e.g. DEL or ESC
        line = text[: exc.position].count("\n") + first_line
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise FrontmatterError(
            "invalid-yaml", f"invalid YAML: control character U+{exc.character:04X} is not allowed", line, column
        ) from None
    except RecursionError:  # `a: &r [*r]`: PyYAML builds a list that holds itself; the checks recurse into it
        raise FrontmatterError(
            "invalid-yaml", "invalid YAML: a value holds itself through an alias, or nests too deep", first_line
        ) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise FrontmatterError("invalid-yaml", f"invalid YAML: {exc}", first_line) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, key_lines, duplicates


# PyYAML follows YAML 1.1, where NEL, U+2028 and U+2029 break lines; YAML 1.2 (and Claude Code's
# loader) reads them as ordinary characters. Hide them from PyYAML, then restore them in values.
_AS_TEXT = {0x85: 0xE085, 0x2028: 0xE028, 0x2029: 0xE029}
_RESTORE = {v: k for k, v in _AS_TEXT.items()}


def _nested_duplicates(node: yaml.Node, path: str, first_line: int, budget: list[int] | None = None):
    """Keys repeated inside nested mappings, as (dotted.key, line); bounded like the expansion cap."""
    budget = budget if budget is not None else [MAX_YAML_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        return []
    found: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value).translate(_RESTORE)
            if key in seen:
                found.append((f"{path}.{key}", key_node.start_mark.line + first_line))
            seen.add(key)
            found.extend(_nested_duplicates(value_node, f"{path}.{key}", first_line, budget))
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            found.extend(_nested_duplicates(child, f"{path}[{index}]", first_line, budget))
    return found


def _field(key_node: yaml.Node, value_node: yaml.Node, first_line: int) -> Field:
    is_scalar = isinstance(value_node, yaml.ScalarNode)
    return Field(
        line=key_node.start_mark.line + first_line,
        column=key_node.start_mark.column + 1,
        value_line=value_node.start_mark.line + first_line,
        value_column=value_node.start_mark.column + 1,
        node="scalar" if is_scalar else "sequence" if isinstance(value_node, yaml.SequenceNode) else "mapping",
        raw=value_node.value.translate(_RESTORE) if is_scalar else None,
        flow=bool(getattr(value_node, "flow_style", False)),
    )
