"""What a Python module's syntax tree says without running it: string values as Python would build them,
and its nodes by kind (shared by the argparse and the click/typer readers)."""

from __future__ import annotations

import ast
import textwrap
from typing import Any

MAX_STRING_DEPTH = 40  # "a" + "b" + ... chains deeper than this are not worth resolving


def callee(func: ast.expr) -> str:
    """`argparse.ArgumentParser` -> 'ArgumentParser'; `add_argument` -> 'add_argument'."""
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


class Strings:
    """Resolves string expressions the way Python would, without running anything."""

    def __init__(self, tree: ast.Module) -> None:
        self.doc = ast.get_docstring(tree)
        self.consts: dict[str, str] = {}
        for node in tree.body:
            target = value = None
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign):
                target, value = node.target, node.value
            if isinstance(target, ast.Name) and value is not None:
                resolved = self.value(value)
                if resolved is not None:
                    self.consts[target.id] = resolved

    def value(self, node: ast.expr | None, depth: int = 0) -> str | None:
        if node is None or depth > MAX_STRING_DEPTH:
            return None
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        if isinstance(node, ast.Name):
            return self.doc if node.id == "__doc__" else self.consts.get(node.id)
        if isinstance(node, ast.JoinedStr):  # an f-string counts only if every part is constant
            parts = [self.value(v, depth + 1) for v in node.values]
            known = [part for part in parts if part is not None]
            return "".join(known) if len(known) == len(parts) else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.value(node.left, depth + 1), self.value(node.right, depth + 1)
            return left + right if left is not None and right is not None else None
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        if isinstance(node, ast.Subscript):
            return self._first_part(node, depth)
        return None

    def _call(self, node: ast.Call, depth: int) -> str | None:
        name = callee(node.func)
        if name in ("dedent", "cleandoc", "_", "gettext", "N_") and node.args:
            text = self.value(node.args[0], depth + 1)
            return textwrap.dedent(text) if text is not None and name != "_" else text
        if name in ("strip", "lstrip", "rstrip") and isinstance(node.func, ast.Attribute) and not node.args:
            text = self.value(node.func.value, depth + 1)
            return getattr(text, name)() if text is not None else None
        return None

    def _first_part(self, node: ast.Subscript, depth: int) -> str | None:
        """`__doc__.split("\\n\\n")[0]` and `__doc__.splitlines()[0]`: a common way to get a summary."""
        index = node.slice
        call = node.value
        if not (isinstance(index, ast.Constant) and index.value == 0 and isinstance(call, ast.Call)):
            return None
        name = callee(call.func)
        if name not in ("split", "splitlines", "partition") or not isinstance(call.func, ast.Attribute):
            return None
        text = self.value(call.func.value, depth + 1)
        separator = self.value(call.args[0], depth + 1) if call.args else None
        if text is None or (call.args and separator is None):
            return None
        if name == "splitlines":
            return (text.splitlines() or [""])[0]
        if name == "partition":  # `partition()` with no separator is the scanned code's own TypeError
            return text.partition(separator)[0] if separator is not None else None
        return (text.split(separator) or [""])[0]


_AST = ast.AST


class Nodes:
    """A module's nodes in ast.walk's order (breadth first), walked once; the kinds the readers look for
    are set apart as they are met, so no reader filters the whole tree again (ast.walk is slow)."""

    def __init__(self, tree: ast.AST) -> None:
        self.calls: list[ast.Call] = []
        self.imports: list[ast.Import | ast.ImportFrom] = []
        self.assigns: list[ast.Assign] = []
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.compares: list[ast.Compare] = []
        sinks: dict[type[ast.AST], list[Any]] = {
            ast.Call: self.calls,
            ast.Import: self.imports,
            ast.ImportFrom: self.imports,
            ast.Assign: self.assigns,
            ast.FunctionDef: self.functions,
            ast.AsyncFunctionDef: self.functions,
            ast.Compare: self.compares,
        }
        queue = [tree]
        append = queue.append
        for node in queue:  # the list grows while it is read: breadth first, as ast.walk goes
            sink = sinks.get(type(node))
            if sink is not None:
                sink.append(node)
            for name in node._fields:
                value = getattr(node, name, None)
                if type(value) is list:
                    for item in value:
                        if isinstance(item, _AST):
                            append(item)
                elif isinstance(value, _AST):
                    append(value)
