"""`.claude/settings.json`: add skilldex's hooks and take them out again, editing only their bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass

from skilldex.errors import UsageError
from skilldex.install import jsontext
from skilldex.install.jsontext import Node


@dataclass(frozen=True)
class HookSpec:
    """One hook skilldex installs; its exact command string is what marks it as skilldex's own."""

    name: str
    event: str
    matcher: str | None
    command: str
    timeout: int

    def group(self) -> dict:
        handler = {"type": "command", "command": self.command, "timeout": self.timeout}
        return {"matcher": self.matcher, "hooks": [handler]} if self.matcher else {"hooks": [handler]}

    def describe(self) -> str:
        where = f" (matcher {self.matcher})" if self.event == "PreToolUse" else ""
        return f"{self.event} hook '{self.command}'{where}"


# SessionStart matchers are how the session started; "fork" is left out as the conservative,
# de-facto standard set (a fork is reported as "resume" by older Claude Code versions anyway).
HOOKS: dict[str, HookSpec] = {
    "startup": HookSpec(
        "startup", "SessionStart", "startup|resume|clear|compact", "skilldex startup --format claude-hook", 30
    ),
    "prompt": HookSpec("prompt", "UserPromptSubmit", None, "skilldex hook prompt", 10),
    "pre-write": HookSpec("pre-write", "PreToolUse", "Write", "skilldex hook pre-write", 10),
}


def new_settings(specs: list[HookSpec]) -> str:
    """The whole file when there was none: 2-space JSON, as Claude Code writes it."""
    hooks: dict[str, list] = {}
    for spec in specs:
        hooks.setdefault(spec.event, []).append(spec.group())
    return json.dumps({"hooks": hooks}, indent=2, ensure_ascii=False) + "\n"


def load(text: str, rel: str) -> Node:
    """Parse and type-check the parts skilldex touches; a problem names the file, line and column."""
    try:
        strict_loads(text)
        root = jsontext.parse(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{rel}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); fix it and run again (nothing was changed)"
        ) from None
    except RecursionError:
        raise UsageError(f"{rel}: nested too deeply to read; fix it and run again (nothing was changed)") from None
    except ValueError as exc:  # NaN/Infinity (not JSON), an integer of thousands of digits
        raise UsageError(f"{rel}: {exc}; fix it and run again (nothing was changed)") from None
    _expect(text, rel, root, dict, "the top level")
    hooks = root.member("hooks")
    if hooks is not None:
        _expect(text, rel, hooks, dict, '"hooks"')
        for event, _, node in hooks.members:
            _expect(text, rel, node, list, f'"hooks"."{event}"')
    return root


def strict_loads(text: str) -> object:
    """json.loads, but only JSON: NaN and Infinity (Python extensions) and unreadable integers are ValueErrors."""
    return json.loads(text, parse_constant=_not_json, parse_int=_integer)


def _not_json(name: str) -> None:
    raise ValueError(f"{name} is not JSON (Claude Code cannot read the file)")


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > 4000:  # past Python's int conversion limit (4,300 digits): say so, not a traceback
        raise ValueError(f"a number of {len(digits):,} digits is more than skilldex reads")
    return int(digits)


def _expect(text: str, rel: str, node: Node, kind: type, what: str) -> None:
    if not isinstance(node.value, kind):
        line, col = jsontext.position(text, node.start)
        wanted = "an object" if kind is dict else "a list"
        found = type(node.value).__name__ if node.value is not None else "null"
        found = {"dict": "an object", "list": "a list", "str": "a string", "bool": "a boolean"}.get(found, found)
        raise UsageError(
            f"{rel}:{line}:{col}: {what} should be {wanted}, not {found}; fix it and run again (nothing was changed)"
        )


def _same(command: object, wanted: str) -> bool:
    return isinstance(command, str) and command.split() == wanted.split()


def _handlers(root: Node, event: str):
    """(event array, group index, handlers array, handler index, command) for every command handler."""
    hooks = root.member("hooks")
    array = hooks.member(event) if hooks is not None else None
    for g, group in enumerate(array.items if array is not None else []):
        handlers = group.member("hooks") if isinstance(group.value, dict) else None
        if handlers is None or not isinstance(handlers.value, list):
            continue
        for h, handler in enumerate(handlers.items):
            if isinstance(handler.value, dict):
                yield array, g, handlers, h, handler.value.get("command")


def has_hook(root: Node, spec: HookSpec) -> bool:
    """True when the event already runs this command (the user's own copy counts: never duplicate)."""
    return any(_same(command, spec.command) for *_, command in _handlers(root, spec.event))


def add_hooks(text: str, specs: list[HookSpec], rel: str) -> tuple[str, list[HookSpec], list[HookSpec]]:
    """(new text, hooks added, hooks already there); user keys, hooks and layout stay as they were."""
    added, present = [], []
    for spec in specs:
        root = load(text, rel)
        if has_hook(root, spec):
            present.append(spec)
            continue
        hooks = root.member("hooks")
        event = hooks.member(spec.event) if hooks is not None else None
        if hooks is None:
            text = jsontext.add_member(text, root, "hooks", {spec.event: [spec.group()]}, root)
        elif event is None:
            text = jsontext.add_member(text, hooks, spec.event, [spec.group()], root)
        else:
            text = jsontext.add_item(text, event, spec.group(), root)
        added.append(spec)
    return text, added, present


def remove_hooks(text: str, specs: list[HookSpec], rel: str, keep: set[str]) -> tuple[str, list[HookSpec]]:
    """Take out these hooks' handlers; a list or "hooks" emptied by that goes too, unless named in keep.

    keep holds "hooks" and "hooks.<Event>" for the containers the file had before init.
    """
    removed: list[HookSpec] = []
    for spec in specs:
        while True:
            root = load(text, rel)
            match = next(
                ((a, g, hs, h) for a, g, hs, h, c in _handlers(root, spec.event) if _same(c, spec.command)), None
            )
            if match is None:
                break
            if spec not in removed:
                removed.append(spec)
            array, g, handlers, h = match
            if len(handlers.items) > 1:
                text = jsontext.delete_child(text, handlers, h)
                continue
            hooks = root.member("hooks")
            assert hooks is not None  # the handler was found below it
            if len(array.items) > 1 or f"hooks.{spec.event}" in keep:
                text = jsontext.delete_child(text, array, g)
            elif len(hooks.members) > 1 or "hooks" in keep:
                text = jsontext.delete_child(text, hooks, hooks.member_index(spec.event))
            else:
                text = jsontext.delete_child(text, root, root.member_index("hooks"))
    return text, removed


def containers(text: str | None) -> set[str]:
    """The "hooks" containers a (valid) settings text has, for remove_hooks' keep."""
    if not text or not text.strip():
        return set()
    try:
        strict_loads(text)
        root = jsontext.parse(text)
    except (ValueError, RecursionError):
        return set()
    hooks = root.member("hooks") if isinstance(root.value, dict) else None
    if hooks is None or not isinstance(hooks.value, dict):
        return set()
    return {"hooks"} | {f"hooks.{event}" for event, _, _ in hooks.members}
