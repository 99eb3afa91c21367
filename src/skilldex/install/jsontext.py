"""JSON as text: a parse that keeps every value's span, and edits that touch only the bytes they must."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_WS = " \t\r\n"
_SCALARS = json.JSONDecoder()


@dataclass
class Node:
    """One JSON value and where it sits in the text: text[start:end]."""

    start: int
    end: int
    value: Any
    members: list[tuple[str, int, Node]] = field(default_factory=list)  # objects: (key, key start, value)
    items: list[Node] = field(default_factory=list)  # arrays

    def member(self, key: str) -> Node | None:
        """The value of `key`; with duplicate keys the last one wins, as in JSON.parse."""
        found = [node for name, _, node in self.members if name == key]
        return found[-1] if found else None

    def member_index(self, key: str) -> int:
        return max(i for i, (name, _, _) in enumerate(self.members) if name == key)


def parse(text: str) -> Node:
    """Parse valid JSON (check it with json.loads first) into spans."""
    node, _ = _value(text, _skip(text, 0))
    return node


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset, as json.JSONDecodeError reports them."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _value(text: str, i: int) -> tuple[Node, int]:
    if text[i] == "{":
        node = Node(i, i, {})
        i = _skip(text, i + 1)
        while text[i] != "}":
            key, after = _SCALARS.raw_decode(text, i)
            child, end = _value(text, _skip(text, _skip(text, after) + 1))
            node.members.append((key, i, child))
            node.value[key] = child.value
            i = _skip(text, end)
            if text[i] == ",":
                i = _skip(text, i + 1)
        node.end = i + 1
        return node, i + 1
    if text[i] == "[":
        node = Node(i, i, [])
        i = _skip(text, i + 1)
        while text[i] != "]":
            child, end = _value(text, i)
            node.items.append(child)
            node.value.append(child.value)
            i = _skip(text, end)
            if text[i] == ",":
                i = _skip(text, i + 1)
        node.end = i + 1
        return node, i + 1
    value, end = _SCALARS.raw_decode(text, i)
    return Node(i, end, value), end


class Layout:
    """How the file is written (newline, indent unit, separators), so insertions look like the rest."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        indented = re.search(r"\n([ \t]+)\S", text)
        self.unit = indented.group(1) if indented else "  "
        self.item_sep = ", " if re.search(r",[ ]", text) or "," not in text else ","
        self.key_sep = ": " if re.search(r'":[ ]', text) or '":' not in text else ":"

    def line_indent(self, offset: int) -> str:
        start = self.text.rfind("\n", 0, offset) + 1
        end = start
        while end < len(self.text) and self.text[end] in " \t":
            end += 1
        return self.text[start:end]

    def render(self, value: Any, indent: str | None) -> str:
        """One-line JSON when indent is None; else pretty JSON whose later lines start at indent."""
        if indent is None:
            return json.dumps(value, ensure_ascii=False, separators=(self.item_sep, self.key_sep))
        pretty = json.dumps(value, ensure_ascii=False, indent=self.unit)
        return pretty.replace("\n", self.newline + indent)


def _children_starts(node: Node) -> list[tuple[int, int]]:
    """(start, end) of each member (key to value) or item."""
    if node.members:
        return [(key_start, child.end) for _, key_start, child in node.members]
    return [(child.start, child.end) for child in node.items]


def _add(text: str, node: Node, piece: Any, top: Node, member_key: str | None) -> str:
    layout = Layout(text)
    children = _children_starts(node)
    if children:
        before_last = children[-2][1] if len(children) > 1 else node.start + 1
        gap = text[before_last : children[-1][0]]
        if "\n" in gap:
            indent = gap[gap.rfind("\n") + 1 :]
            # A list whose last item sits on one line gets a one-line item too (matcher groups look alike).
            one_line = member_key is None and "\n" not in text[children[-1][0] : children[-1][1]]
            body = layout.render(piece, None if one_line else indent)
            head = f"{json.dumps(member_key, ensure_ascii=False)}: " if member_key is not None else ""
            return text[: children[-1][1]] + "," + layout.newline + indent + head + body + text[children[-1][1] :]
        body = layout.render(piece, None)
        head = f"{json.dumps(member_key, ensure_ascii=False)}{layout.key_sep}" if member_key is not None else ""
        sep = "," + (" " if " " in gap or layout.item_sep == ", " else "")
        return text[: children[-1][1]] + sep + head + body + text[children[-1][1] :]
    # An empty container: expand it when the file is laid out on several lines (or it is the whole file).
    multiline = node is top or "\n" in text[top.start : top.end]
    if multiline:
        outer = layout.line_indent(node.start)
        indent = outer + layout.unit
        head = f"{json.dumps(member_key, ensure_ascii=False)}: " if member_key is not None else ""
        inner = layout.newline + indent + head + layout.render(piece, indent) + layout.newline + outer
    else:
        head = f"{json.dumps(member_key, ensure_ascii=False)}{layout.key_sep}" if member_key is not None else ""
        inner = head + layout.render(piece, None)
    return text[: node.start + 1] + inner + text[node.end - 1 :]


def add_member(text: str, obj: Node, key: str, value: Any, top: Node) -> str:
    """Insert `"key": value` as the last member of obj, laid out like its siblings."""
    return _add(text, obj, value, top, key)


def add_item(text: str, array: Node, value: Any, top: Node) -> str:
    """Append value as the last item of array, laid out like its siblings."""
    return _add(text, array, value, top, None)


def delete_child(text: str, node: Node, index: int) -> str:
    """Remove one member or item with the separator next to it; the only child leaves {} or []."""
    children = _children_starts(node)
    if len(children) == 1:
        return text[: node.start + 1] + text[node.end - 1 :]
    if index > 0:
        return text[: children[index - 1][1]] + text[children[index][1] :]
    return text[: children[0][0]] + text[children[1][0] :]
