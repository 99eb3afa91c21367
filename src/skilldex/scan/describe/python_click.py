"""click and typer apps in a Python AST: the root command's help, its subcommands and every option."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from skilldex.models import Flag
from skilldex.scan.describe.python_ast import Nodes, Strings, callee

CLICK_MODULES = {"click", "rich_click", "asyncclick", "cloup"}
# click decorators that add an option, with the names and help click gives them when none are passed
CLICK_OPTIONS = {
    "option": ([], None),
    "confirmation_option": (["--yes"], "Confirm the action without prompting."),
    "password_option": (["--password"], None),
    "version_option": (["--version"], "Show the version and exit."),
}
CLICK_NAME_SUFFIXES = ("command", "cmd", "group", "grp")  # click drops these from derived names


@dataclass
class Commands:
    framework: str | None = None  # "click" or "typer", whichever gave the description
    description: str | None = None
    subcommands: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


@dataclass
class _Command:
    function: str
    kind: str  # root (click.command/group), sub (<group>.command), typer (<app>.command), callback
    parent: str | None
    name: str | None
    help: str | None
    doc: str | None = None
    group: bool = False
    flags: list[Flag] = field(default_factory=list)

    def text(self) -> str | None:
        text = self.help or self.doc
        return text.split("\f", 1)[0] if text else None  # click hides what follows \f

    def cli_name(self) -> str:
        if self.name:
            return self.name
        name = self.function.lower().replace("_", "-")
        left, _, suffix = name.rpartition("-")
        click = self.kind in ("root", "sub")
        return left if click and left and suffix in CLICK_NAME_SUFFIXES else name


class _Names:
    """What `click.command`, `command`, `app.command` refer to, from the module's imports."""

    def __init__(self, imports: list[ast.Import | ast.ImportFrom]) -> None:
        self.modules: dict[str, str] = {}
        self.imported: dict[str, str] = {}
        for node in imports:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    framework = _framework(alias.name)
                    if framework and (alias.asname or "." not in alias.name):
                        self.modules[alias.asname or alias.name] = framework
            elif isinstance(node, ast.ImportFrom) and node.module and _framework(node.module):
                for alias in node.names:
                    self.imported[alias.asname or alias.name] = f"{_framework(node.module)}.{alias.name}"

    def qualify(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return self.imported.get(node.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = self.modules.get(node.value.id)
            return f"{module}.{node.attr}" if module else f"@{node.value.id}.{node.attr}"
        return None

    @property
    def typer_only(self) -> bool:
        used = set(self.modules.values()) | {q.split(".")[0] for q in self.imported.values()}
        return used == {"typer"}


def _framework(module: str) -> str | None:
    top = module.split(".")[0]
    return "click" if top in CLICK_MODULES else "typer" if top == "typer" else None


def read_commands(nodes: Nodes, calls: list[ast.Call], strings: Strings) -> Commands:
    """The click/typer app among `nodes` (the module's, by kind) and `calls` (its calls, in source order)."""
    names = _Names(nodes.imports)
    if not names.modules and not names.imported:
        return Commands()
    apps: dict[str, ast.Call] = {}
    for node in nodes.assigns:
        if isinstance(node.value, ast.Call) and names.qualify(node.value.func) == "typer.Typer":
            apps.update({t.id: node.value for t in node.targets if isinstance(t, ast.Name)})
    functions = {n.name: n for n in nodes.functions}
    commands = [c for f in functions.values() if (c := _command(f, names, strings, apps))]
    commands.sort(key=lambda c: functions[c.function].lineno)
    added: dict[str, tuple[str, str | None]] = {}  # function or sub-app -> (parent, name)
    runs: list[str] = []
    for call in calls:
        qualified = names.qualify(call.func) or ""
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        target = call.args[0].id if call.args and isinstance(call.args[0], ast.Name) else None
        if qualified.endswith((".add_command", ".add_typer")) and qualified.startswith("@") and target:
            name = strings.value(call.args[1]) if len(call.args) > 1 else strings.value(keywords.get("name"))
            if name is None and target in apps:
                name = strings.value({k.arg: k.value for k in apps[target].keywords}.get("name"))
            added[target] = (qualified[1:].split(".")[0], name)
        elif qualified == "typer.run" and target in functions:
            runs.append(target)
            commands.append(
                _Command(
                    target,
                    "typer",
                    None,
                    None,
                    None,
                    ast.get_docstring(functions[target]),
                    flags=_typer_flags(functions[target], strings),
                )
            )
    result = Commands(flags=[f for c in commands for f in c.flags])
    _click(result, commands, added)
    if result.description is None:
        _typer(result, commands, added, apps, runs, strings)
    return result


def _command(function, names: _Names, strings: Strings, apps: dict[str, ast.Call]) -> _Command | None:
    command, options = None, []
    for decorator in function.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        qualified = names.qualify(call.func if call else decorator) or ""
        keywords = {k.arg: k.value for k in call.keywords if k.arg} if call else {}
        explicit = strings.value(call.args[0]) if call and call.args else None
        explicit = explicit or strings.value(keywords.get("name"))
        help_text = strings.value(keywords.get("help"))
        variable, _, attr = qualified.lstrip("@").rpartition(".")
        if qualified in ("click.command", "click.group"):
            command = _Command(function.name, "root", None, explicit, help_text, group=attr == "group")
        elif qualified.startswith("@") and attr in ("command", "group", "callback"):
            typer = variable in apps or names.typer_only
            kind = ("callback" if attr == "callback" else "typer") if typer else "sub"
            if attr != "callback" or typer:
                command = _Command(function.name, kind, variable, explicit, help_text, group=attr == "group")
        elif qualified.startswith("click.") and attr in CLICK_OPTIONS and call is not None:
            options.append(_click_option(call, attr, strings))
    if command is None:
        return None
    command.doc = ast.get_docstring(function)
    command.flags = options if command.kind in ("root", "sub") else _typer_flags(function, strings)
    return command


def _click_option(call: ast.Call, kind: str, strings: Strings) -> Flag:
    default_names, default_help = CLICK_OPTIONS[kind]
    declared = [s for s in map(strings.value, call.args) if s]
    names = [n.strip() for d in declared for n in d.split("/") if n.strip().startswith("-")]
    help_text = strings.value({k.arg: k.value for k in call.keywords if k.arg}.get("help"))
    return Flag(flags=names or default_names, help=help_text or default_help)


def _click(result: Commands, commands: list[_Command], added: dict[str, tuple[str, str | None]]) -> None:
    roots = [c for c in commands if c.kind == "root" and c.function not in added]
    root = next((c for c in roots if c.group), roots[0] if roots else None)
    if root is None:
        return
    result.framework, result.description = "click", root.text()
    if root.group:
        by_function = {c.function: c for c in commands}
        for command in commands:
            if command.kind == "sub" and command.parent == root.function:
                result.subcommands.append(command.cli_name())
        for function, (parent, name) in added.items():
            if parent == root.function:
                known = by_function.get(function)
                result.subcommands.append(name or (known.cli_name() if known else function))


def _typer(result, commands, added, apps, runs, strings) -> None:
    mains = [a for a in apps if a not in added] or list(apps)
    # an app imported from another module is known only by the commands it decorates
    main = mains[0] if mains else next((c.parent for c in commands if c.kind == "typer" and c.parent), None)
    app_help = None
    if main is not None:
        app_help = strings.value({k.arg: k.value for k in apps[main].keywords}.get("help"))
    own = [c for c in commands if c.kind == "typer" and (c.parent == main or c.function in runs)]
    callback = next((c for c in commands if c.kind == "callback" and c.parent in (main, None)), None)
    sub_apps = [name for target, (parent, name) in added.items() if parent == main and name]
    grouped = callback is not None or len(own) > 1 or bool(sub_apps)
    single = own[0].text() if len(own) == 1 and not grouped else None
    description = app_help or (callback.text() if callback else None) or single
    if description or own or callback:
        result.framework, result.description = "typer", description
    if grouped:
        result.subcommands += [c.cli_name() for c in own] + sub_apps


def _typer_flags(function, strings: Strings) -> list[Flag]:
    """typer options from a command's parameters: `typer.Option(...)`, `Annotated[...]`, or defaults."""
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    flags: list[Flag] = []
    pairs = [*zip(positional, defaults, strict=False), *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=False)]
    for argument, default in pairs:
        annotation, option, is_argument = argument.annotation, None, False
        metadata = [default]
        if isinstance(annotation, ast.Subscript) and callee(annotation.value) == "Annotated":
            parts = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
            annotation, metadata = (parts[0] if parts else None), [*parts[1:], default]
        for meta in metadata:
            if isinstance(meta, ast.Call) and callee(meta.func) in ("Option", "Argument"):
                option, is_argument = (meta, False) if callee(meta.func) == "Option" else (None, True)
        if is_argument or (option is None and default is None) or _named(annotation, "Context"):
            continue  # a positional CLI argument, or the click context
        names: list[str] = []
        help_text = None
        if option is not None:
            declared = [s for s in map(strings.value, option.args) if s]
            names = [n.strip() for d in declared for n in d.split("/") if n.strip().startswith("-")]
            help_text = strings.value({k.arg: k.value for k in option.keywords if k.arg}.get("help"))
        if not names:
            base = argument.arg.lower().replace("_", "-")
            boolean = _named(annotation, "bool") or (
                isinstance(default, ast.Constant) and isinstance(default.value, bool)
            )
            names = [f"--{base}", f"--no-{base}"] if boolean else [f"--{base}"]
        flags.append(Flag(flags=names, help=help_text))
    return flags


def _named(annotation: ast.expr | None, name: str) -> bool:
    """`bool`, `Optional[bool]`, `bool | None`, `"bool"`, `typer.Context`."""
    if annotation is None:
        return False
    if isinstance(annotation, ast.Constant):
        return annotation.value == name
    if isinstance(annotation, ast.BinOp):
        return _named(annotation.left, name) or _named(annotation.right, name)
    if isinstance(annotation, ast.Subscript) and callee(annotation.value) == "Optional":
        return _named(annotation.slice, name)
    return callee(annotation) == name
