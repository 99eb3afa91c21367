"""What benchmarks/speed.py runs on: timed commands in interleaved rounds, medians, and the machine's facts."""

from __future__ import annotations

import datetime
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class Failed(Exception):
    """A measured command failed: the measure is reported as failed, the run goes on."""


@dataclass
class Measure:
    label: str
    per_skill: bool = False
    runs: list[float] = field(default_factory=list)  # seconds
    error: str | None = None
    note: str = ""

    @property
    def ms(self) -> float | None:
        return statistics.median(self.runs) * 1000 if self.runs and not self.error else None


@dataclass
class Task:
    """One measure's timed call, and what to do (untimed) before each run."""

    measure: Measure
    call: Callable[[], object]
    before: Callable[[], object] | None = None


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def command(
    argv: list[str],
    env: dict[str, str],
    timeout: float,
    cwd: Path | None = None,
    ok: tuple[int, ...] = (0,),
    stdin: bytes | None = None,
) -> Callable[[], bytes]:
    """A callable that runs argv and returns its stdout, raising Failed on a bad exit code or a timeout."""

    def call() -> bytes:
        try:
            proc = subprocess.run(
                argv, env=env, cwd=cwd, input=stdin, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise Failed(f"timed out after {timeout:.0f} s") from exc
        except OSError as exc:
            raise Failed(f"{type(exc).__name__}: {exc}") from exc
        if proc.returncode not in ok:
            lines = [ln.strip(" │╭╮╰╯─") for ln in proc.stderr.decode(errors="replace").splitlines()]
            lines = [ln for ln in lines if ln and not ln.startswith(("Usage:", "Try '"))]
            message = lines[-1] if any(ln.startswith("Traceback") for ln in lines) else " ".join(lines)
            raise Failed(f"exit {proc.returncode}: {message[:160] or '(no stderr)'}")
        return proc.stdout

    return call


def rounds(tasks: list[Task], repeat: int, title: str) -> None:
    """Run every task once per round, `repeat` rounds; a task stops at its first failure."""
    progress(f"  {title}: {repeat} rounds of {len(tasks)} measures")
    start_all = time.perf_counter()
    for _ in range(repeat):
        for task in tasks:
            if task.measure.error:
                continue
            try:
                if task.before:
                    task.before()
                gc.collect()
                start = time.perf_counter()
                task.call()
                task.measure.runs.append(time.perf_counter() - start)
            except Exception as exc:  # a failing command is a result, not a crash of the benchmark
                task.measure.error = str(exc) if isinstance(exc, Failed) else f"{type(exc).__name__}: {exc}"
    progress(f"  {title}: {time.perf_counter() - start_all:.1f} s")


def one_line(output: bytes, limit: int = 240) -> str:
    """JSON output re-dumped on one line (or the raw text), cut to `limit` characters."""
    text = output.decode(errors="replace").strip()
    try:
        text = json.dumps(json.loads(text), separators=(",", ":"))
    except ValueError:
        text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def empty(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def try_once(call: Callable[[], object]) -> str | None:
    """Run call untimed; the error text if it failed."""
    try:
        call()
    except Exception as exc:  # reported beside the measure it concerns
        return str(exc)
    return None


def base_env() -> dict[str, str]:
    # Bytecode caches on, as for any installed CLI (pip compiles at install time): without them every run
    # would recompile skilldex. Some machines set PYTHONDONTWRITEBYTECODE for everything; not here.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKILLDEX_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"NO_COLOR": "1", "COLUMNS": "120"})
    return env


def byte_compile() -> str:
    """Compile the skilldex package being measured, as `pip install` does (a clone or editable install has
    no .pyc files yet, and PYTHONDONTWRITEBYTECODE would keep it that way)."""
    import compileall

    import skilldex

    folder = Path(skilldex.__file__).parent
    ok = compileall.compile_dir(str(folder), quiet=1)
    return f"{folder} byte-compiled" + ("" if ok else " (some files failed to compile)")


def machine(peers: dict[str, str]) -> dict[str, str]:
    cpu = (
        next(
            (
                ln.split(":", 1)[1].strip()
                for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").is_file()
        else ""
    )
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    git = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True, check=False
    ).stdout.strip()
    node = (
        subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
        if shutil.which("node")
        else "none"
    )
    return {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": cpu or platform.machine(),
        "cores": str(cores),
        "python": platform.python_version(),
        "skilldex": f"{version('skilldex-index')} ({git or 'no git'})",
        "node": node,
        **peers,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
