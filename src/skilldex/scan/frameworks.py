"""Commands a web framework runs for the repo: Django management commands and Laravel artisan commands.

They live in the app's code rather than in a tools folder (`shop/management/commands/backfill.py`,
`app/Console/Commands/FixOrders.php`) and are run through the framework (`python manage.py backfill`,
`php artisan orders:fix`), which is how a team keeps its operational scripts in such repos.
"""

from __future__ import annotations

import ast
import posixpath
import re
import shlex
import warnings

from skilldex import capabilities
from skilldex.models import Flag, ToolItem
from skilldex.samples import SAMPLE_DIRS, in_samples
from skilldex.scan import changes
from skilldex.scan.common import nearest_holding
from skilldex.scan.describe import ToolInfo, describe, finish
from skilldex.scan.fs import RepoFile, RepoFS

# Artisan loads every class under app/Console/Commands, subfolders included (Correction/, Integrity/);
# Django's loader lists management/commands/ alone, so only Laravel looks deeper.
MAX_LARAVEL_COMMAND_DEPTH = 3
_TRANSLATED = {"_", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "gettext_noop"}
# A PHP string literal: an escape is one step (tried first), any other character but the quote another, so a
# `\'` inside does not end it and no character can be matched two ways (no backtracking on hostile input).
MAX_LARAVEL_FIELD_CHARS = 20_000
_LARAVEL_FIELD = re.compile(
    rf"\$(signature|name|description)\s*=\s*(?:'((?:\\.|[^'\\]){{0,{MAX_LARAVEL_FIELD_CHARS}}})'"
    rf'|"((?:\\.|[^"\\]){{0,{MAX_LARAVEL_FIELD_CHARS}}})")',
    re.DOTALL,
)
# `{--queue}`, `{--Q|queue=default : help}`: the default eats its own trailing spaces, so nothing overlaps.
_LARAVEL_OPTION = re.compile(r"\{\s*--(?:([\w-]+)\|)?([\w-]+)(?:=[^:}]*|\s*)(?::\s*([^}]*))?\}")
_SINGLE_QUOTED_ESCAPE = re.compile(r"\\([\\'])")
_DOUBLE_QUOTED_ESCAPE = re.compile(r'\\([\\"$])')


def command_file(file: RepoFile, never: tuple[str, ...]) -> str | None:
    """ "django" or "laravel" for a framework command file, else None (also under test or sample folders)."""
    parts = file.parts
    if any(p.lower() in never for p in parts[:-1]) or file.name.startswith("_") or in_samples(file.rel):
        return None
    if file.name.endswith(".py") and parts[-3:-1] == ("management", "commands"):
        return "django"
    if file.name.endswith(".php") and _below_laravel_commands(parts[:-1]):
        return "laravel"
    return None


def _below_laravel_commands(folders: tuple[str, ...]) -> bool:
    """Whether the folders end in `Console/Commands` or a few non-sample folders below it."""
    for depth in range(min(MAX_LARAVEL_COMMAND_DEPTH, len(folders) - 2) + 1):
        below = folders[len(folders) - depth :] if depth else ()
        if folders[len(folders) - depth - 2 : len(folders) - depth] == ("Console", "Commands"):
            return not any(p.lower() in SAMPLE_DIRS for p in below)
    return False


def _text_of(node: ast.AST) -> str:
    """A string the source states: a literal, an f-string's literal parts, or _("...")/gettext_lazy("...")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text_of(part) for part in node.values)
    if isinstance(node, ast.Call) and node.args:
        func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        return _text_of(node.args[0]) if func in _TRANSLATED else ""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text_of(node.left) + _text_of(node.right)
    return ""


def _django_command_help(text: str) -> str | None:
    """The `help` of the module's `class Command` ("" when it states none); None when there is no such class."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for statement in node.body:
                if isinstance(statement, ast.Assign) and any(
                    isinstance(target, ast.Name) and target.id == "help" for target in statement.targets
                ):
                    return _text_of(statement.value)
            return ""
    return None


def _laravel_fields(text: str) -> dict[str, str]:
    """`$signature`, `$name` and `$description` as PHP reads them: `\\'` is a quote, `\\\\` a backslash."""
    fields = {}
    for match in _LARAVEL_FIELD.finditer(text):
        single, double = match.group(2), match.group(3)
        fields[match.group(1)] = (
            _SINGLE_QUOTED_ESCAPE.sub(r"\1", single) if single is not None else _DOUBLE_QUOTED_ESCAPE.sub(r"\1", double)
        )
    return fields


def _home(fs: RepoFS, file: RepoFile, marker: str) -> str:
    """`cd FOLDER && ` for the nearest folder above the file holding `marker` (manage.py, artisan); "" at the root."""
    folder = nearest_holding(fs, posixpath.dirname(file.rel), marker)
    return f"cd {shlex.quote(folder)} && " if folder else ""


def tool(fs: RepoFS, file: RepoFile, text: str, framework: str) -> ToolItem | None:
    if framework == "django":
        found = _django_command_help(text)
        if found is None:
            return None  # no `class Command`: a base class or a helper kept next to the commands
        info = describe(file.name, text)
        name = file.name.removesuffix(".py")
        description = " ".join(found.split()) or info.description
        source = "django-help" if found.strip() else info.description_source
        run = f"{_home(fs, file, 'manage.py')}python manage.py {shlex.quote(name)}"
    else:
        fields = _laravel_fields(text[:200_000])
        signature = fields.get("signature") or fields.get("name") or ""
        if not signature.split():
            return None  # no command name: a base class or a helper
        name = signature.split()[0]
        info = finish(
            ToolInfo(
                language="php",
                flags=[
                    Flag(
                        flags=[f"-{m.group(1)}", f"--{m.group(2)}"] if m.group(1) else [f"--{m.group(2)}"],
                        help=" ".join((m.group(3) or "").split()) or None,
                    )
                    for m in _LARAVEL_OPTION.finditer(signature)
                ],
            )
        )
        description = " ".join((fields.get("description") or "").split())
        source = "artisan-description" if description else None
        run = f"{_home(fs, file, 'artisan')}php artisan {shlex.quote(name)}"
    evidence = changes.evidence(info, text)
    return ToolItem(
        name=name,
        path=file.rel,
        description=description,
        capabilities=capabilities.infer(file.rel, description, " ".join(f.help or "" for f in info.flags)),
        run=run,
        language=info.language,
        executable=file.executable,
        usage=info.usage,
        flags=info.flags,
        subcommands=info.subcommands,
        mutating=bool(evidence),
        mutating_evidence=evidence,
        description_source=source,
    )
