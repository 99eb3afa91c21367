"""Is skilldex free to run at every session start and every prompt? Every figure beside its floor, in one run.

Usage: python benchmarks/speed.py [--sizes 10,100,1000,5000] [--repeat 5] [--out benchmarks/results/speed.txt]
                                  [--keep DIR] [--no-install] [--timeout SECONDS]

For each size N, benchmarks/speed_repo.py writes a synthetic repo (N skills, N tools, N runbooks) and its own
skilldex.yaml; each measure below then runs in rounds (one run of every measure per round, so load drift on a
shared machine hits all of them alike) and reports the median:
  floors     `python -c pass` (venv python), `skilldex --version` (CLI import), `cat` of every file of the repo
  in-process skilldex scan_repo (no cache), validate_paths (every skill), skills-ref validate() on every skill dir
  CLI        `list --json` cold (after `cache clear`, with $SKILLDEX_CACHE_DIR emptied too) and warm; `startup`,
             `find` and `hook prompt` warm (after untimed runs fill the cache); `validate` on the repo
  peers      `openskills list` (npm, benchmarks/external; installed with `npm ci` when missing) and
             skills-ref's `agentskills to-prompt` on every skill dir
The example workspace (skilldex.yaml at the repo root) gets `startup`, `find`, `hook prompt` warm beside the floor.
Sizes above 1,000 run the cold measures min(repeat, 3) times (each takes seconds). A command that fails is
reported as failed with its message, and the run goes on. Every $SKILLDEX_CACHE_DIR is a fresh temp folder.
Prints the report (progress goes to stderr); --out also writes it and a .json beside it. Exit 0 when every
target passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import itertools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from skilldex.scan import scan_repo
from skilldex.validate import validate_paths

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
EXAMPLE_WS = REPO_ROOT / "skilldex.yaml"
EXAMPLE_INTENT = "add the missing columns to the prod database"
EXTERNAL = HERE / "external"
OPENSKILLS = EXTERNAL / "node_modules" / ".bin" / "openskills"
BIN = Path(sys.executable).parent
SKILLDEX = [str(BIN / "skilldex")] if (BIN / "skilldex").exists() else [sys.executable, "-m", "skilldex"]
LINEAR_K = 1.15  # t ~ N^k between consecutive sizes; above this the cost grows faster than the repo

sys.path.insert(0, str(HERE))
from speed_repo import build, intents  # noqa: E402

try:  # a test extra (pip install -e '.[test]'); without it the skills-ref rows are reported as failed
    from skills_ref.validator import validate as skills_ref_validate
except ImportError:
    skills_ref_validate = None


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


def command(argv: list[str], env: dict[str, str], timeout: float, cwd: Path | None = None,
            ok: tuple[int, ...] = (0,), stdin: bytes | None = None) -> Callable[[], bytes]:
    """A callable that runs argv and returns its stdout, raising Failed on a bad exit code or a timeout."""
    def call() -> bytes:
        try:
            proc = subprocess.run(argv, env=env, cwd=cwd, input=stdin, capture_output=True, timeout=timeout,
                                  check=False)
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


def openskills(install: bool) -> tuple[Path | None, str]:
    """The openskills binary (npm ci into benchmarks/external when missing), or None and why not."""
    if not shutil.which("node"):
        return None, "not available (node not found)"
    if not OPENSKILLS.exists() and install:
        if not shutil.which("npm"):
            return None, "not available (npm not found)"
        progress("installing openskills: npm ci --ignore-scripts --prefix benchmarks/external")
        done = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(EXTERNAL)],
                              capture_output=True, text=True, timeout=600, check=False)
        if done.returncode:
            return None, f"not available (npm ci failed: {done.stderr.strip()[-200:]})"
    if not OPENSKILLS.exists():
        return None, "not available (not installed; run npm ci --prefix benchmarks/external)"
    meta = json.loads((EXTERNAL / "node_modules" / "openskills" / "package.json").read_text(encoding="utf-8"))
    return OPENSKILLS, f"openskills {meta['version']}"


def prompt(text: str, cwd: Path) -> bytes:
    """The JSON Claude Code's UserPromptSubmit hook sends on stdin (the fields skilldex reads)."""
    return json.dumps({"hook_event_name": "UserPromptSubmit", "prompt": text, "cwd": str(cwd),
                       "session_id": "speed-benchmark"}).encode()


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


def bench_example(tmp: Path, repeat: int, timeout: float) -> dict[str, Measure]:
    """Warm startup and find on the bundled example workspace, interleaved with `python -c pass`."""
    env = base_env() | {"SKILLDEX_CACHE_DIR": str(tmp / "cache-example")}
    ws = ["--workspace", str(EXAMPLE_WS)]
    m = {k: Measure(label) for k, label in (("floor", "python -c pass (floor)"),
                                            ("version", "skilldex --version (CLI import)"),
                                            ("startup", "skilldex startup, warm"),
                                            ("find", "skilldex find credentialmate INTENT, warm"),
                                            ("hook", "skilldex hook prompt (INTENT on stdin), warm"))}
    calls = {"floor": command([sys.executable, "-c", "pass"], env, timeout),
             "version": command([*SKILLDEX, "--version"], env, timeout),
             "startup": command([*SKILLDEX, *ws, "startup"], env, timeout),
             "find": command([*SKILLDEX, *ws, "find", "credentialmate", EXAMPLE_INTENT], env, timeout),
             "hook": command([*SKILLDEX, *ws, "hook", "prompt"], env, timeout, stdin=prompt(EXAMPLE_INTENT, REPO_ROOT))}
    for key in ("startup", "find"):  # fill the cache
        try_once(calls[key])
    rounds([Task(m[k], calls[k]) for k in m], max(repeat, 10), "example workspace")
    return m


MONOREPO_SOURCES = 20_000  # plain source files next to 100 skills + 100 tools + 100 docs


def bench_monorepo(tmp: Path, repeat: int, timeout: float) -> tuple[dict[str, Measure], dict]:
    """A big repo that is mostly source code: warm startup and find must not pay for every file."""
    progress("monorepo: writing it")
    repo = tmp / "monorepo"
    empty(repo)
    built = build(repo, 100)
    for n in range(MONOREPO_SOURCES):
        folder = repo / "services" / f"svc{n // 100}" / "src"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"mod{n % 100}.py").write_text(f'"""Module {n}."""\n\n\ndef f():\n    return {n}\n')
    ws = tmp / "skilldex-monorepo.yaml"
    ws.write_text("repos:\n  mono: monorepo\n", encoding="utf-8")
    env = base_env() | {"SKILLDEX_CACHE_DIR": str(tmp / "cache-monorepo")}
    cli = [*SKILLDEX, "--workspace", str(ws)]
    m = {k: Measure(label) for k, label in (("floor", "python -c pass (floor)"),
                                            ("list_cold", "skilldex list --json, cold (CLI)"),
                                            ("startup", "skilldex startup, warm"),
                                            ("find", "skilldex find, warm"))}
    try_once(command([*cli, "startup"], env, timeout))
    time.sleep(2.1)  # past the racy window: the next run trusts what it stored
    try_once(command([*cli, "startup"], env, timeout))
    rounds([Task(m["floor"], command([sys.executable, "-c", "pass"], env, timeout)),
            Task(m["startup"], command([*cli, "startup"], env, timeout)),
            Task(m["find"], command([*cli, "find", "mono", "back up the database"], env, timeout))],
           repeat, "monorepo warm")
    rounds([Task(m["list_cold"], command([*cli, "list", "mono", "--json"], env, timeout),
                 lambda: empty(tmp / "cache-monorepo"))], min(repeat, 3), "monorepo cold")
    return m, {"files": built.files + MONOREPO_SOURCES}


def bench_size(size: int, tmp: Path, repeat: int, timeout: float, peer: tuple[Path | None, str]) -> tuple[dict, dict]:
    """Every measure on one synthetic repo of `size` skills; returns (measures, facts)."""
    progress(f"size {size:,}: writing the repo")
    load = os.getloadavg()[0]
    repo = tmp / f"synth-{size}"
    empty(repo)  # --keep may hold an older one
    built = build(repo, size)
    ws = tmp / f"skilldex-{size}.yaml"
    ws.write_text(f"repos:\n  synth{size}: synth-{size}\n", encoding="utf-8")
    cache, home = tmp / f"cache-{size}", tmp / "home"
    empty(cache)
    home.mkdir(exist_ok=True)
    env = base_env() | {"SKILLDEX_CACHE_DIR": str(cache)}
    cli = [*SKILLDEX, "--workspace", str(ws)]
    skill_dirs = sorted(p.parent for p in (repo / ".claude" / "skills").glob("*/SKILL.md"))
    skills_repo = tmp / f"synth-{size}-skills"  # the same skills alone: what skills-ref itself reads
    empty(skills_repo)
    shutil.copytree(repo / ".claude" / "skills", skills_repo / ".claude" / "skills")
    *phrases, filler = intents(size, 6)  # `filler` fills the cache; the timed runs cycle through the others
    facts: dict = {"load": load, "files": built.files, "bytes": built.bytes, "skill_dirs": len(skill_dirs),
                   "find_intents": phrases}

    m = {k: Measure(label, per_skill) for k, label, per_skill in (
        ("floor", "python -c pass (floor)", False),
        ("version", "skilldex --version (CLI import)", False),
        ("cat", "cat of every file (I/O floor)", True),
        ("scan", "scan_repo, in-process, no cache", True),
        ("validate", "validate_paths, in-process", True),
        ("skills_ref", "skills-ref validate(), in-process", True),
        ("skills_only", "same skills alone: scan_repo + validate_paths", True),
        ("list_cold", "skilldex list --json, cold (CLI)", True),
        ("validate_cli", "skilldex validate (CLI)", True),
        ("to_prompt", "skills-ref: agentskills to-prompt", True),
        ("openskills", "openskills list", True),
        ("list_warm", "skilldex list --json, warm (CLI)", True),
        ("startup", "skilldex startup, warm", False),
        ("find", "skilldex find, warm", False),
        ("hook", "skilldex hook prompt, warm", False),
    )}

    # in-process: a throwaway cache dir, in case scan_repo ever writes one (then "no cache" would be false)
    inproc_cache = tmp / f"cache-inproc-{size}"
    empty(inproc_cache)
    os.environ["SKILLDEX_CACHE_DIR"] = str(inproc_cache)
    found: dict = {}

    def scan() -> None:
        catalogue = scan_repo(repo)
        found["kinds"] = dict(sorted(Counter(item.kind for item in catalogue.items).items()))

    def validate() -> None:
        report = validate_paths([str(repo)])
        found["validate"] = f"{sum(f.valid for f in report.files)}/{len(report.files)} valid"

    def skills_only() -> None:
        catalogue, report = scan_repo(skills_repo), validate_paths([str(skills_repo)])
        found["skills_only"] = f"{len(catalogue.items)} items, {sum(f.valid for f in report.files)} valid"

    def skills_ref() -> None:
        if skills_ref_validate is None:
            raise Failed("skills-ref is not installed: pip install -e '.[test]'")
        found["skills_ref"] = f"{sum(not skills_ref_validate(d) for d in skill_dirs)}/{len(skill_dirs)} valid"

    last: dict[str, bytes] = {}

    def keep(key: str, call: Callable[[], bytes]) -> Callable[[], None]:
        def run() -> None:
            last[key] = call()
        return run

    def clear() -> None:
        error = try_once(command([*cli, "cache", "clear"], env, timeout))
        if error:
            m["list_cold"].note = f"`cache clear` failed ({error}); cold runs emptied $SKILLDEX_CACHE_DIR instead"
        empty(cache)  # cold whatever `cache clear` did

    cat = ["find", str(repo), "-type", "f", "-exec", "cat", "{}", "+"]
    heavy = [
        Task(m["cat"], command(cat, env, timeout)),
        Task(m["scan"], scan),
        Task(m["validate"], validate),
        Task(m["skills_ref"], skills_ref),
        Task(m["skills_only"], skills_only),
        Task(m["list_cold"], keep("list", command([*cli, "list", f"synth{size}", "--json"], env, timeout)), clear),
        Task(m["validate_cli"], command([*SKILLDEX, "validate", str(repo)], env, timeout, ok=(0, 1))),
        Task(m["to_prompt"], command([str(BIN / "agentskills"), "to-prompt", *(str(d.relative_to(repo)) for d in
                                     skill_dirs)], env, timeout, cwd=repo)),
    ]
    if peer[0]:
        peer_env = env | {"HOME": str(home), "FORCE_COLOR": "0"}  # an empty HOME: no global ~/.claude/skills
        listing = command([str(peer[0]), "list"], peer_env, timeout, cwd=repo)
        heavy.append(Task(m["openskills"], keep("openskills", listing)))
    else:
        m["openskills"].error = peer[1]
    rounds(heavy, repeat if size <= 1000 else min(repeat, 3), f"size {size:,} cold")
    os.environ.pop("SKILLDEX_CACHE_DIR")
    if any(inproc_cache.iterdir()):
        m["scan"].note = "scan_repo wrote into $SKILLDEX_CACHE_DIR: its runs after the first may be warm"
    facts.update(found)

    finds = itertools.cycle([command([*cli, "find", f"synth{size}", phrase], env, timeout) for phrase in phrases])
    hooks = itertools.cycle([command([*cli, "hook", "prompt"], env, timeout, stdin=prompt(phrase, repo))
                             for phrase in phrases])
    for argv in ([*cli, "list", f"synth{size}", "--json"], [*cli, "startup"], [*cli, "find", f"synth{size}", filler]):
        try_once(command(argv, env, timeout))  # fill the cache; a failure shows in the rounds
    light = [
        Task(m["floor"], command([sys.executable, "-c", "pass"], env, timeout)),
        Task(m["version"], command([*SKILLDEX, "--version"], env, timeout)),
        Task(m["list_warm"], command([*cli, "list", f"synth{size}", "--json"], env, timeout)),
        Task(m["startup"], keep("startup", command([*cli, "startup"], env, timeout))),
        Task(m["find"], lambda: next(finds)()),  # each run asks the next intent
        Task(m["hook"], lambda: next(hooks)()),
    ]
    rounds(light, repeat, f"size {size:,} warm")
    info = keep("info", command([*cli, "cache", "info", "--json"], env, timeout))
    error = try_once(info)
    facts["cache_info"] = f"failed ({error})" if error else one_line(last["info"])
    facts["cache_bytes"] = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
    facts["startup_bytes"] = len(last["startup"]) if "startup" in last else None
    try:
        facts["list_items"] = len(json.loads(last["list"])["items"])
    except (KeyError, ValueError, TypeError):
        facts["list_items"] = None
    if "openskills" in last:
        tail = last["openskills"].decode(errors="replace").strip().splitlines()[-1:]
        facts["openskills_summary"] = tail[0] if tail else ""
    return m, facts


# ---------------------------------------------------------------- report


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt(value: float | None, spec: str = ".1f", suffix: str = "") -> str:
    return "-" if value is None else f"{value:{spec}}{suffix}"


def derived(m: dict[str, Measure], skills: int) -> dict[str, float | None]:
    """The figures the targets speak of, from one size's medians."""
    both = None
    if m["scan"].ms is not None and m["validate"].ms is not None:
        both = m["scan"].ms + m["validate"].ms

    def per(ms: float | None) -> float | None:
        return ms / skills if ms is not None and skills else None

    return {
        "scan_validate_ms": both,
        "scan_validate_per_skill_ms": per(both),
        "skills_ref_per_skill_ms": per(m["skills_ref"].ms),
        "speedup_vs_skills_ref": ratio(m["skills_ref"].ms, both),
        "skills_only_speedup": ratio(m["skills_ref"].ms, m["skills_only"].ms) if "skills_only" in m else None,
        "scan_validate_vs_cat": ratio(both, m["cat"].ms),
        "startup_vs_floor": ratio(m["startup"].ms, m["floor"].ms),
        "find_ms": m["find"].ms,
    }


def table(m: dict[str, Measure], skills: int) -> list[str]:
    floor, cat, ref = (m[k].ms if k in m else None for k in ("floor", "cat", "skills_ref"))
    d = derived(m, skills) if "scan" in m else {}
    lines = [f"  {'measure':<52} {'runs':>4} {'median ms':>10} {'ms/skill':>9}  vs baseline"]
    for key, x in m.items():
        if x.error:
            lines.append(f"  {x.label:<52} {len(x.runs):>4} {'FAILED':>10} {'':>9}  {x.error}")
            continue
        versus = ""
        if key in ("version", "startup", "find", "hook", "list_warm", "openskills", "to_prompt"):
            versus = f"{fmt(ratio(x.ms, floor))} x python -c pass"
        if key in ("scan", "list_cold", "validate_cli") and cat:
            versus = f"{fmt(ratio(x.ms, cat))} x cat"
        if key in ("validate", "skills_only"):
            versus = f"{fmt(ratio(ref, x.ms), '.2f')} x faster than skills-ref"
        per = fmt(x.ms / skills, ".3f") if x.per_skill and x.ms is not None and skills else ""
        lines.append(f"  {x.label:<52} {len(x.runs):>4} {fmt(x.ms):>10} {per:>9}  {versus}")
        if x.note:
            lines.append(f"  {'':<52} {'':>4} {'':>10} {'':>9}  note: {x.note}")
        if key == "validate" and d:
            lines.append(f"  {'= cold scan + validation (scan_repo + validate_paths)':<52} {'':>4} "
                         f"{fmt(d['scan_validate_ms']):>10} {fmt(d['scan_validate_per_skill_ms'], '.3f'):>9}  "
                         f"{fmt(d['speedup_vs_skills_ref'], '.2f')} x faster than skills-ref, "
                         f"{fmt(d['scan_validate_vs_cat'])} x cat")
    return lines


def growth(sizes: list[int], results: dict[int, dict[str, Measure]]) -> list[str]:
    """Median ms per size; t(N)/t(previous N) with the exponent k of t ~ N^k; the marginal ms per added skill."""
    pairs = list(zip(sizes, sizes[1:], strict=False))
    head = "".join(f"{f'{n:,}':>8}" for n in sizes) + "".join(f"{f'{b:,}/{a:,}':>19}" for a, b in pairs)
    lines = ["  k = log(t(N2)/t(N1)) / log(N2/N1): 1 is linear, below 1 a fixed cost (process start, imports) still "
             "dominates;", "  marginal = (t(N2) - t(N1)) / (N2 - N1) for the two largest sizes, the cost of one more "
             "skill (+ its tool and doc)", f"  {'median ms at N skills':<38}{head}{'marginal':>11}"]
    keys = [k for k in results[sizes[0]] if k != "floor"] + ["scan_validate"]
    for key in keys:
        ms = {n: (derived(results[n], n)["scan_validate_ms"] if key == "scan_validate" else results[n][key].ms)
              for n in sizes}
        label = "= cold scan + validation" if key == "scan_validate" else results[sizes[0]][key].label
        cells = "".join(f"{fmt(ms[n], '.0f'):>8}" for n in sizes)
        for a, b in pairs:
            g = ratio(ms[b], ms[a])
            cells += f"{(f'x{g:.1f} (k={math.log(g) / math.log(b / a):.2f})' if g else '-'):>19}"
        a, b = pairs[-1]
        marginal = (ms[b] - ms[a]) / (b - a) if ms[a] is not None and ms[b] is not None else None
        lines.append(f"  {label[:38]:<38}{cells}{fmt(marginal, '.3f'):>11}")
    return lines


def targets(example: dict[str, Measure], sizes: list[int], results: dict) -> list[dict]:
    """The issue's targets, each PASS, FAIL or N/A (not measured) with the figure behind it."""
    out = []

    def add(name: str, value: float | None, ok: Callable[[float], bool] | None, detail: str, why: str = "") -> None:
        verdict = "N/A" if value is None or ok is None else ("PASS" if ok(value) else "FAIL")
        out.append({"target": name, "value": value, "verdict": verdict, "detail": detail if value is not None else why})

    r = ratio(example["startup"].ms, example["floor"].ms)
    add("warm `skilldex startup` on the example workspace <= 4 x `python -c pass`", r, lambda v: v <= 4,
        f"{fmt(r, '.2f')} x ({fmt(example['startup'].ms)} ms vs {fmt(example['floor'].ms)} ms)",
        f"startup failed: {example['startup'].error}")
    if 1000 in results:
        f = results[1000]["find"]
        add("warm `skilldex find` on a 1,000-skill repo < 100 ms", f.ms, lambda v: v < 100, f"{fmt(f.ms)} ms",
            f"find failed: {f.error}")
    else:
        add("warm `skilldex find` on a 1,000-skill repo < 100 ms", None, None, "", "size 1000 not run")
    d = {n: derived(results[n], n) for n in sizes}
    speed = {n: d[n]["speedup_vs_skills_ref"] for n in sizes}
    worst = min(((v, n) for n, v in speed.items() if v is not None), default=None)
    add("cold scan + validation >= 10 x faster per skill than skills-ref in-process validate (skilldex's scan "
        "also reads the N tools and N docs)",
        worst[0] if worst else None, lambda v: v >= 10,
        "worst " + ", ".join(f"{n:,}: {fmt(v, '.2f')} x" for n, v in speed.items())
        + "; the same skills alone (no tools or docs): "
        + ", ".join(f"{n:,}: {fmt(d[n]['skills_only_speedup'], '.2f')} x" for n in sizes), "a measure failed")
    vs_cat = {n: d[n]["scan_validate_vs_cat"] for n in sizes}
    known = [v for v in vs_cat.values() if v is not None]
    add("cold scan + validation within 10 x of `cat` on the same files", max(known) if known else None,
        lambda v: v <= 10, "worst " + ", ".join(f"{n:,}: {fmt(v)} x" for n, v in vs_cat.items()), "a measure failed")
    ks = []
    for a, b in zip(sizes, sizes[1:], strict=False):
        for key, label in (("scan_validate", "scan+validate"), ("list_cold", "list cold")):
            ta = d[a]["scan_validate_ms"] if key == "scan_validate" else results[a][key].ms
            tb = d[b]["scan_validate_ms"] if key == "scan_validate" else results[b][key].ms
            if ta and tb:
                ks.append((math.log(tb / ta) / math.log(b / a), f"{label} {b:,}/{a:,}", a, b))
    worst_k = max(ks) if ks else None
    reference = ""  # skills-ref checks one folder at a time, so its k only moves with the machine's speed
    if worst_k:
        a, b = worst_k[2:]
        ref_k = ratio(results[b]["skills_ref"].ms, results[a]["skills_ref"].ms)
        if ref_k:
            reference = (f"; skills-ref, linear by construction, had k = {math.log(ref_k) / math.log(b / a):.2f} "
                         "on the same pair (above 1: the machine slowed down)")
    add(f"cold cost grows linearly with repo size (every t ~ N^k has k <= {LINEAR_K})",
        worst_k[0] if worst_k else None, lambda v: v <= LINEAR_K,
        f"max k = {fmt(worst_k[0], '.2f')} ({worst_k[1]}){reference}" if worst_k else "",
        "needs two sizes" if len(sizes) < 2 else "a measure failed")
    return out


def machine(peer_text: str) -> dict[str, str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").is_file() else ""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    git = subprocess.run(["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty"], capture_output=True,
                         text=True, check=False).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip() \
        if shutil.which("node") else "none"
    return {"date": datetime.datetime.now().isoformat(timespec="seconds"), "platform": platform.platform(),
            "cpu": cpu or platform.machine(), "cores": str(cores), "python": platform.python_version(),
            "skilldex": f"{version('skilldex')} ({git or 'no git'})",
            "skills-ref": version("skills-ref") if skills_ref_validate else "not installed",
            "node": node, "openskills": peer_text, "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000", help="comma-separated skill counts")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (median); cold ones at N > 1,000: 3")
    parser.add_argument("--out", type=Path, help="also write the report here and a .json beside it")
    parser.add_argument("--keep", type=Path, help="write the repos, workspaces and caches here and keep them")
    parser.add_argument("--no-install", action="store_true", help="do not npm ci openskills when it is missing")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per command")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    peer = openskills(not args.no_install)
    info = machine(peer[1])
    info["bytecode"] = byte_compile()
    busy = os.getloadavg()[0]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="skilldex-speed-"))
    started = time.perf_counter()
    try:
        warm = tmp / "warmup"  # import and first-call costs stay out of the in-process timings
        empty(warm)
        build(warm, 3)
        scan_repo(warm), validate_paths([str(warm)])
        for skill in (warm / ".claude" / "skills").iterdir() if skills_ref_validate else ():
            skills_ref_validate(skill)
        example = bench_example(tmp, args.repeat, args.timeout)
        mono, mono_facts = bench_monorepo(tmp, args.repeat, args.timeout)
        results, facts = {}, {}
        for size in sizes:
            results[size], facts[size] = bench_size(size, tmp, args.repeat, args.timeout, peer)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    info["load"] += f" at start, {' '.join(f'{x:.2f}' for x in os.getloadavg())} at end (1/5/15 min)"
    verdicts = targets(example, sizes, results)

    lines = [f"# benchmarks/speed.py --sizes {','.join(map(str, sizes))} --repeat {args.repeat}, "
             f"{info['date']}, {time.perf_counter() - started:.0f} s",
             *(f"# {k}: {v}" for k, v in info.items() if k != "date"),
             "# medians; every repo is in the page cache (written just before), so `cat` is the warm I/O floor",
             *([f"# WARNING: the machine was busy when the run started (1-min load {busy:.2f} on {info['cores']} "
                "cores): every figure is noisy; rerun on an idle machine before comparing or committing"]
               if busy > 1.0 else []),
             "", f"## example workspace ({EXAMPLE_WS.name}); INTENT = \"{EXAMPLE_INTENT}\"", *table(example, 0)]
    lines += ["", f"## monorepo: 100 skills + 100 tools + 100 docs + {MONOREPO_SOURCES:,} plain source files "
              f"({mono_facts['files']:,} files)", *table(mono, 0)]
    for size in sizes:
        f = facts[size]
        lines += ["", f"## {size:,} skills + {size:,} tools + {size:,} docs: {f['files']:,} files, "
                  f"{f['bytes'] / 1e6:.1f} MB (1-min load average when it started: {f['load']:.2f})",
                  f"  scan_repo found {f.get('kinds')}; validate_paths: {f.get('validate')}; skills-ref: "
                  f"{f.get('skills_ref')}; same skills alone: {f.get('skills_only')}; "
                  f"list --json items: {f['list_items']}",
                  f"  startup brief {fmt(f['startup_bytes'], ',')} bytes; cache {f['cache_bytes']:,} bytes on disk, "
                  f"`cache info --json` {f['cache_info']}"
                  + (f"; openskills: {f['openskills_summary']}" if "openskills_summary" in f else ""),
                  f"  find intents (one per run, cycled): \"{f['find_intents'][0]}\" and "
                  f"{len(f['find_intents']) - 1} more",
                  *table(results[size], size)]
    if len(sizes) > 1:
        lines += ["", "## growth with repo size", *growth(sizes, results)]
    lines += ["", "## targets"] + [f"  {t['verdict']:<4}  {t['target']}: {t['detail']}" for t in verdicts]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")

        def dump(ms: dict[str, Measure]) -> dict:
            return {k: {"label": x.label, "runs_ms": [round(t * 1000, 3) for t in x.runs], "median_ms": x.ms,
                        "error": x.error, "note": x.note} for k, x in ms.items()}

        data = {"machine": info, "sizes": sizes, "repeat": args.repeat, "example": dump(example),
                "monorepo": {"facts": mono_facts, "measures": dump(mono)},
                "results": {str(n): {"facts": facts[n], "measures": dump(results[n]),
                                     "derived": derived(results[n], n)} for n in sizes},
                "targets": verdicts}
        args.out.with_suffix(".json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0 if all(t["verdict"] == "PASS" for t in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
