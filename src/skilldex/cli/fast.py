"""The fast path: the commands people and hooks run most, answered before Typer loads.

`startup`, `hook ...` and `find` run at every session start and every prompt; `validate` (what pre-commit
calls), `list`, `show`, `doctor`, `rules`, `rule` and `--version` are parsed with the declarations in
cli/spec.py and answered by cli/answers.py, the same functions the Typer commands call. `run(argv)` returns
an exit code; anything else (--help, unknown options, other commands) returns None and goes to the Typer
app, which owns the help texts and the usage errors.
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import sys

HOOK_SECONDS = 8  # well under Claude Code's hook timeouts; a slow index must not hold a session
MAX_STDIN = 4 * 1024 * 1024
STARTUP_FORMATS = ("text", "claude-hook")


def run(argv: list[str]) -> int | None:
    # One short process: the cyclic collector would walk every object a command builds (thousands of index rows)
    # several times over for garbage the exit frees anyway (a cold scan of 3,000 skills peaks 2% higher without it).
    gc.disable()
    code = _answer(argv)
    if code is None:
        gc.enable()  # Typer answers, and some of its commands run for long (mcp)
    else:  # the exit's own collection would walk every object once more (5% of a warm startup or validate);
        # frozen only at exit, so a process that calls this and goes on (tests) keeps its collector as it was
        atexit.unregister(gc.freeze)
        atexit.register(gc.freeze)
    return code


def _answer(argv: list[str]) -> int | None:
    if os.environ.get("SKILLDEX_FROM_PLUGIN") == "1":  # set by the plugin's hooks/launch.sh
        # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
        from skilldex.plugin import plugin_hook_is_redundant

        if plugin_hook_is_redundant(argv):
            return 0  # `skilldex init` put the same hook in the settings: it answers, once
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex.cli.spec import COMMANDS, parse, parse_global

    parsed = parse_global(argv)
    if parsed is None:
        return None
    options, name, rest = parsed
    if options["version"]:
        # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
        from skilldex.cli.answers import version

        return version()
    if any(a in ("-h", "--help") for a in rest):  # after `--` too: Click's to answer either way
        return None
    spec = COMMANDS.get(name) if name else None
    values = parse(spec, rest) if spec else None
    if name is None or values is None:
        return None
    workspace = options["workspace"]
    if name.startswith("hook "):
        return hook(name[len("hook ") :], workspace)
    if name == "startup":
        return startup(values["fmt"], workspace) if values["fmt"] in STARTUP_FORMATS and not values["as_json"] else None
    if name == "find":
        return _find(values, workspace)
    return _declared(name, values, workspace or os.environ.get("SKILLDEX_WORKSPACE") or None)


def _declared(command: str, v: dict, workspace: str | None) -> int | None:
    """A command answered by cli/answers.py, with its values as cli/spec.py parsed them; None: Typer answers."""
    # lazy: the fast path loads only what the command it answers needs, never Typer or pydantic
    from skilldex.cli import answers
    from skilldex.errors import SkilldexError

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


def _find(values: dict, workspace: str | None) -> int | None:
    """`find REPO INTENT...` (or `--all INTENT...`) as cli/spec.py parsed it; None when Typer should answer."""
    words, everywhere, as_json, kinds = values["words"], values["everywhere"], values["as_json"], values["kind"]
    limit = str(values["limit"])
    if not limit.isdigit() or not 1 <= int(limit) <= 100:
        return None  # Click's error names the range
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
        hits = find_indexed(indexes, intent, limit=int(limit), kinds=kinds or None)
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
