"""The one way skilldex runs git: so that nothing a scanned repo configures can execute.

A repo's `.git/config` (and every file it includes) can name programs git runs on its own: a promisor
remote fetched lazily when a blob is missing (its ssh command, upload-pack, ext:: or remote helper, and
the credential helper or askpass it asks), hooks, fsmonitor, textconv and external diff drivers, clean
and smudge filters, gpg programs for signed commits, pagers and editors. Each is switched off here by a
setting the repo cannot override: the environment (which beats any config file), `-c` (which beats every
config file, included ones too) or a command-line flag. All transports are refused outright
(GIT_ALLOW_PROTOCOL set to nothing), so no fetch of any kind can start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TIMEOUT_SECONDS = 20
_SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.quotePath=false",
    "core.pager=cat",
    "color.ui=false",
    "core.askPass=",
    "credential.helper=",  # an empty helper list, and no askpass program
    "core.sshCommand=false",
    "core.gitProxy=",
    "protocol.allow=never",
    "log.showSignature=false",
    "gpg.program=false",
    "gpg.ssh.program=false",
    "gpg.x509.program=false",
    "diff.external=",
    "diff.renameLimit=2000",
)
# Variables that replace what a config file says (the environment wins over every config file).
_SAFE_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_ALLOW_PROTOCOL": "",  # set but naming no protocol: every transport, and so every fetch, is refused
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_NO_LAZY_FETCH": "1",  # refuses any lazy fetch outright (git 2.44, and 2.39.4+ security releases)
    "GIT_ASKPASS": "",  # empty: no askpass program (an unset one falls back to core.askPass)
    "SSH_ASKPASS": "",
    "GIT_SSH_COMMAND": "false",
    "GIT_EDITOR": ":",
    "GIT_SEQUENCE_EDITOR": ":",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "LC_ALL": "C",
    "GIT_NO_REPLACE_OBJECTS": "1",
}
_KEEP_ENV = {"GIT_CONFIG_GLOBAL", "GIT_CEILING_DIRECTORIES"}  # the user's own choices about git itself
# Commands that compare contents: these get --no-ext-diff and --no-textconv (diff drivers are named by the repo).
_DIFFING = {"log", "show", "diff", "diff-tree", "diff-index", "diff-files", "whatchanged", "format-patch"}


class GitSkipped(Exception):
    """git cannot answer; the message says why."""


def safe_env() -> dict[str, str]:
    """The caller's environment without its GIT_* variables, plus the switches above."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEEP_ENV}
    env.update(_SAFE_ENV)
    return env


def run_git(
    root: Path, args: list[str], timeout: float | None = None, stdin: str | None = None, ok: tuple[int, ...] = (0,)
) -> str:
    """git's stdout for `git -C root *args`; GitSkipped when git is missing, exits other than `ok`, or outlasts
    `timeout` seconds. Global options (--literal-pathspecs) may come before the command in `args`."""
    git = shutil.which("git")
    if git is None:
        raise GitSkipped("git is not installed")
    timeout = timeout or TIMEOUT_SECONDS
    env = safe_env()
    at = next((i for i, arg in enumerate(args) if not arg.startswith("-")), len(args))
    command = args[at] if at < len(args) else ""
    env.update(_filters_off(git, root, env, timeout, command))
    extra = ["--no-ext-diff", "--no-textconv"] if command in _DIFFING else []
    argv = [
        git,
        "--no-pager",
        *(p for item in _SAFE_CONFIG for p in ("-c", item)),
        "-C",
        str(root),
        *args[: at + 1],
        *extra,
        *args[at + 1 :],
    ]
    done = _run(argv, env, timeout, stdin, command)
    if done.returncode not in ok:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        first = next((line for line in lines if line.startswith(("fatal:", "error:"))), None)
        first = first or (lines[0] if lines else f"exit {done.returncode}")
        first = first.removeprefix("fatal: ").removeprefix("error: ").strip()
        if "not a git repository" in first:
            raise GitSkipped("not a git repository")
        raise GitSkipped(f"git {command} failed: {first}")
    return done.stdout


def _run(argv: list[str], env: dict[str, str], timeout: float, stdin: str | None, command: str):
    try:
        return subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            env=env,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise GitSkipped(f"git {command} did not finish within {timeout:g} seconds") from None
    except OSError as exc:
        raise GitSkipped(f"git could not be run: {exc.strerror or exc}") from None


def _filters_off(git: str, root: Path, env: dict[str, str], timeout: float, command: str) -> dict[str, str]:
    """Config variables (GIT_CONFIG_COUNT: as strong as `-c`, and any driver name fits) that empty every
    clean/smudge/process filter the repo's config defines. Drivers are named by the repo, so they are listed
    first: `git config` only reads."""
    safe = [p for item in _SAFE_CONFIG for p in ("-c", item)]
    listing = ["config", "-z", "--name-only", "--get-regexp", r"^filter\."]
    done = _run([git, "--no-pager", *safe, "-C", str(root), *listing], env, timeout, None, command)
    drivers = sorted({name.rpartition(".")[0] for name in done.stdout.split("\0") if name.count(".") >= 2})
    pairs = [
        (f"{driver}.{key}", value)
        for driver in drivers
        for key, value in (("clean", ""), ("smudge", ""), ("process", ""), ("required", "false"))
    ]
    found = {"GIT_CONFIG_COUNT": str(len(pairs))} if pairs else {}
    for n, (key, value) in enumerate(pairs):
        found[f"GIT_CONFIG_KEY_{n}"], found[f"GIT_CONFIG_VALUE_{n}"] = key, value
    return found
