"""nox: noxfile.py sessions, read with `ast` (never imported): name, docstring, first command; `nox -s NAME`."""

from __future__ import annotations

import ast

from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import TaskFileError, clean_description


def _session_decorator(node: ast.expr) -> ast.Call | bool:
    """The decorator's call when it is `@nox.session(...)`/`@session(...)`, True when bare, else False."""
    target = node.func if isinstance(node, ast.Call) else node
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    if name != "session":
        return False
    return node if isinstance(node, ast.Call) else True


def _first_run(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run":
            parts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if parts:
                return " ".join(parts)
    return None


def _usage(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """`session.error("Usage: nox -s prepare-release -- YY.N[.P]")`: the arguments a session needs."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "error":
            for arg in node.args:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and arg.value.lstrip().lower().startswith("usage:")
                ):
                    return arg.value.strip()
    return ""


def parse_noxfile(text: str) -> list[TaskDef]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:  # MemoryError: 30,000 unary minus signs
        message = f"noxfile does not parse: {getattr(exc, 'msg', None) or str(exc) or type(exc).__name__}"
        raise TaskFileError(message, getattr(exc, "lineno", None)) from None
    tasks: list[TaskDef] = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            found = _session_decorator(decorator)
            if not found:
                continue
            name = node.name
            if isinstance(found, ast.Call):
                for keyword in found.keywords:
                    if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                        name = str(keyword.value.value)
            doc = ast.get_docstring(node) or _usage(node)
            tasks.append(TaskDef(name, clean_description(doc.split("\n\n")[0]), node.lineno, _first_run(node)))
            break
    return tasks


class Runner(base.Runner):
    files = {"noxfile.py": parse_noxfile}
    verb = "nox -s"
