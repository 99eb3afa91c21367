"""The fast path: the commands people and hooks run most, answered before Typer loads.

`startup`, `hook ...` and `find` run at every session start and every prompt; `validate` (what pre-commit
calls), `list`, `show`, `doctor`, `rules`, `rule` and `--version` are parsed with the declarations in
cli/spec.py and answered by cli/answers.py, the same functions the Typer commands call. `run(argv)` returns
an exit code; anything else (--help, unknown options, other commands) returns None and goes to the Typer
app, which owns the help texts and the usage errors.
"""

from __future__ import annotations

import gc
import json
import os
import sys

HOOK_SECONDS = 8  # well under Claude Code's hook timeouts; a slow index must not hold a session
MAX_STDIN = 4 * 1024 * 1024
HOOKS = ("session-start", "prompt", "pre-write")


def run(argv: list[str]) -> int | None:
    # One short process: the cyclic collector would walk every object a command builds (thousands of index rows)
    # several times over for garbage the exit frees anyway (a cold scan of 3,000 skills peaks 2% higher without it).
    gc.disable()
    code = _answer(argv)
    if code is None:
        gc.enable()  # Typer answers, and some of its commands run for long (mcp)
    return code


def _answer(argv: list[str]) -> int | None:
    if os.environ.get("SKILLDEX_FROM_PLUGIN") == "1":  # set by the plugin's hooks/launch.sh
        # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
        from skilldex.plugin import plugin_hook_is_redundant

        if plugin_hook_is_redundant(argv):
            return 0  # `skilldex init` put the same hook in the settings: it answers, once
    args = list(argv)
    workspace = None
    while args and args[0].startswith("-"):
        option = args.pop(0)
        if option in ("-w", "--workspace") and args:
            workspace = args.pop(0)
        elif option.startswith("--workspace="):
            workspace = option.split("=", 1)[1]
        elif option == "--version":  # eager in Click too: whatever follows, the version
            # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
            from skilldex.cli.answers import version

            return version()
        else:
            return None
    if not args or any(a in ("-h", "--help") for a in args):
        return None
    command, rest = args[0], args[1:]
    if command == "hook" and len(rest) == 1 and rest[0] in HOOKS:
        return hook(rest[0], workspace)
    if command == "startup":
        fmt = _startup_format(rest)
        return startup(fmt, workspace) if fmt else None
    if command == "find":
        return _find(rest, workspace)
    return _declared(command, rest, workspace or os.environ.get("SKILLDEX_WORKSPACE") or None)


def _declared(command: str, rest: list[str], workspace: str | None) -> int | None:
    """A command declared in cli/spec.py, answered by cli/answers.py; None when Typer should answer."""
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex.cli.spec import COMMANDS, parse

    spec = COMMANDS.get(command)
    values = parse(spec, rest) if spec else None
    if values is None:
        return None
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex.cli import answers
    from skilldex.errors import SkilldexError

    v = values
    try:
        if command == "validate":
            return answers.validate(
                v["paths"], v["profile"], v["select"], v["ignore"], v["fmt"], v["as_json"], v["no_fix"]
            )
        if command == "doctor":
            return answers.doctor(
                workspace,
                v["repos"],
                v["fmt"],
                v["as_json"],
                v["select"],
                v["ignore"],
                v["since"],
                v["no_git"],
                v["no_fix"],
            )
        if command == "list":
            # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
            from skilldex.kinds import KINDS

            if any(k not in KINDS for k in v["kind"]):
                return None  # Click's error names the choices
            return answers.listing(workspace, v["repo"], v["kind"] or None, v["as_json"])
        if command == "show":
            return answers.show(workspace, v["repo"], v["item"], v["as_json"])
        if command == "rules":
            return answers.rules(v["prefix"], v["as_json"])
        return answers.rule(v["code"], v["as_json"])
    except SkilldexError as exc:
        sys.stderr.write(f"Error: {exc}\n")
        return exc.exit_code


def _startup_format(rest: list[str]) -> str | None:
    if not rest:
        return "text"
    if len(rest) == 2 and rest[0] == "--format" and rest[1] in ("text", "claude-hook"):
        return rest[1]
    if len(rest) == 1 and rest[0] in ("--format=text", "--format=claude-hook"):
        return rest[0].split("=", 1)[1]
    return None


def startup(fmt: str, workspace: str | None) -> int:
    """Print the brief; as a SessionStart hook (claude-hook) it never fails the session."""
    if fmt == "claude-hook":
        return hook("session-start", workspace, payload={})
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex.errors import SkilldexError
    from skilldex.startup import startup_brief

    try:
        sys.stdout.write(startup_brief(workspace))
    except SkilldexError as exc:
        sys.stderr.write(f"Error: {exc}\n")
        return exc.exit_code
    return 0


def hook(name: str, workspace: str | None, payload: dict | None = None) -> int:
    """Run one hook handler: JSON in on stdin, JSON (or nothing) out, always exit 0, bounded time."""
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    import signal

    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex import hooks

    def _timeout(signum, frame):  # noqa: ARG001
        raise TimeoutError(f"took over {HOOK_SECONDS} s")

    handlers = {"session-start": hooks.session_start, "prompt": hooks.prompt, "pre-write": hooks.pre_write}
    previous = signal.signal(signal.SIGALRM, _timeout) if hasattr(signal, "SIGALRM") else None
    if previous is not None:
        signal.alarm(HOOK_SECONDS)
    try:
        if payload is None:
            payload = _read_payload()
        result = handlers[name](payload, workspace)
        if result is not None:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    except Exception as exc:  # a broken workspace or index must never block the agent
        sys.stderr.write(f"skilldex: {name} hook skipped: {_one_line(exc)}\n")
    finally:
        if previous is not None:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    return 0


def _read_payload() -> dict:
    if sys.stdin is None or sys.stdin.isatty():
        return {}
    text = sys.stdin.read(MAX_STDIN)
    if not text.strip():
        return {}
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("hook input is not a JSON object")
    return data


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


def _find(rest: list[str], workspace: str | None) -> int | None:
    """`find REPO INTENT...` with --all/-a, --limit/-n N, --kind/-k K, --json; anything else: Typer."""
    words: list[str] = []
    everywhere, as_json, limit, kinds = False, False, 5, []
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg in ("--all", "-a"):
            everywhere = True
        elif arg == "--json":
            as_json = True
        elif arg in ("--limit", "-n", "--kind", "-k") and i + 1 < len(rest):
            i += 1
            if arg in ("--limit", "-n"):
                if not rest[i].isdigit() or not 1 <= int(rest[i]) <= 100:
                    return None
                limit = int(rest[i])
            else:
                kinds.append(rest[i])
        elif arg.startswith("-") and arg != "-":
            return None
        else:
            words.append(arg)
        i += 1
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex.kinds import KINDS

    if any(k not in KINDS for k in kinds) or not words or (not everywhere and len(words) < 2):
        return None
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex.index.workspaces import repos

    try:
        known = repos(workspace, os.getcwd())
    except Exception:
        return None  # the full CLI reports workspace problems
    if everywhere:
        targets, intent = known, " ".join(words)
    else:
        named = [pair for pair in known if pair[0] == words[0]]
        if not named and not os.path.isdir(words[0]):
            return None
        targets = named or [(os.path.basename(os.path.realpath(words[0])), os.path.realpath(words[0]))]
        intent = " ".join(words[1:])
    if not intent.strip():
        return None
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex.index.refresh import repo_index
    from skilldex.render.hits import render_hits
    from skilldex.search import find_indexed

    indexes = [repo_index(path, name) for name, path in targets]
    try:
        hits = find_indexed(indexes, intent, limit=limit, kinds=kinds or None)
    finally:
        for index in indexes:
            index.close()
    if as_json:
        sys.stdout.write(
            json.dumps({"query": intent, "results": [h.to_dict() for h in hits]}, indent=2, ensure_ascii=False) + "\n"
        )
    else:
        sys.stdout.write(render_hits(hits, intent, everywhere))
    return 0
