"""Every command at hook speed (issue 23): each whole command beside `python -c pass` and its peers, in one run.

Usage: python benchmarks/speed.py [--sizes 1,10,100,1000,3000] [--repeat 5] [--out benchmarks/results/speed.txt]
                                  [--keep DIR] [--timeout SECONDS]

Every measure is a whole process (or, marked in-process, a call in this one), run in rounds (one run of every
measure of a section per round, so load drift on a shared machine hits all of them alike); medians reported.
  commands   `python -c pass`, `--version`, `rules`, `rule SKD012`, warm `list credentialmate --json`, warm
             `show credentialmate rds-query`, warm `startup` on the example workspace; warm `find` on 1,000 skills
  validate   at each size N (benchmarks/speed_repo.py writes N skills, N tools, N docs): `skilldex validate` of
             the skills folder, agnix (PyPI `agnix`, Rust) on the same folder, skills-ref's in-process validate()
             on every skill folder, skilldex's in-process validate_paths; at N = 1 also skills-ref's CLI
             (`agentskills validate DIR`). In the largest repo: `skilldex validate` of one SKILL.md (after an
             untimed `list` filled the index) beside skills-ref's CLI on that skill
  pre-commit `pre-commit run` on a 500-skill git repo with 1 and 20 changed (staged) skills, the hook declared
             as in .pre-commit-hooks.yaml (files, types, require_serial) but as a local `language: system` hook
             on this checkout's `skilldex`, so pre-commit's own start is counted and no environment is built
A peer that is not installed is reported as not available and its targets as N/A. The report ends with each
target of issue 23 as PASS, FAIL or N/A. Exit 0 when every target passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from speed_measure import (  # noqa: E402
    REPO_ROOT,
    Measure,
    Task,
    base_env,
    byte_compile,
    command,
    empty,
    machine,
    progress,
    rounds,
    try_once,
)
from speed_repo import build, intents  # noqa: E402

from skilldex.validate.run import validate_paths  # noqa: E402

try:  # a test extra (pip install -e '.[test]'); without it the skills-ref rows are N/A
    from skills_ref.validator import validate as skills_ref_validate
except ImportError:
    skills_ref_validate = None

EXAMPLE_WS = REPO_ROOT / "skilldex.yaml"
BIN = Path(sys.executable).parent
SKILLDEX = [str(BIN / "skilldex")] if (BIN / "skilldex").exists() else [sys.executable, "-m", "skilldex"]


def tool(name: str) -> str | None:
    """A peer's command: beside this Python first (the venv), else on PATH."""
    return str(BIN / name) if (BIN / name).exists() else shutil.which(name)


AGNIX, SKILLS_REF_CLI, PRE_COMMIT = tool("agnix"), tool("agentskills"), tool("pre-commit")
CHECK = (0, 1)  # validators exit 1 when they find errors: still a complete run


def measures(*pairs: tuple[str, str]) -> dict[str, Measure]:
    return {key: Measure(label) for key, label in pairs}


def skills_repo(root: Path, size: int) -> Path:
    """A git repo of `size` skills (and as many tools and docs), older than the index's racy window."""
    empty(root)
    build(root, size)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    time.sleep(2.1)  # past the racy window: the next indexed run trusts what it stored
    return root


def bench_commands(tmp: Path, repeat: int, timeout: float) -> dict[str, Measure]:
    env = base_env() | {"SKILLDEX_CACHE_DIR": str(tmp / "cache-commands")}
    ws = [*SKILLDEX, "--workspace", str(EXAMPLE_WS)]
    big = skills_repo(tmp / "find-1000", 1000)
    calls = {
        "floor": ("python -c pass (floor)", [sys.executable, "-c", "pass"]),
        "version": ("skilldex --version", [*SKILLDEX, "--version"]),
        "rules": ("skilldex rules", [*SKILLDEX, "rules"]),
        "rule": ("skilldex rule SKD012", [*SKILLDEX, "rule", "SKD012"]),
        "list": ("skilldex list credentialmate --json, warm", [*ws, "list", "credentialmate", "--json"]),
        "show": ("skilldex show credentialmate rds-query, warm", [*ws, "show", "credentialmate", "rds-query"]),
        "startup": ("skilldex startup (example workspace), warm", [*ws, "startup"]),
        "find": ("skilldex find on 1,000 skills, warm", [*SKILLDEX, "find", str(big), intents(1000)[0]]),
    }
    m = measures(*((key, label) for key, (label, _) in calls.items()))
    tasks = [Task(m[key], command(argv, env, timeout)) for key, (_, argv) in calls.items()]
    for task in tasks:  # fills the indexes
        try_once(task.call)
    rounds(tasks, max(repeat, 10), "commands")
    return m


def bench_validate(tmp: Path, size: int, repeat: int, timeout: float) -> tuple[dict[str, Measure], Path]:
    """`validate` of N skills beside agnix, skills-ref in-process (and its CLI at N = 1)."""
    progress(f"validate, {size:,} skills: writing the repo")
    root = skills_repo(tmp / f"skills-{size}", size)
    skills = root / ".claude" / "skills"
    dirs = sorted(skills.iterdir())
    env = base_env() | {"SKILLDEX_CACHE_DIR": str(tmp / f"cache-{size}")}
    m = measures(
        ("floor", "python -c pass (floor)"),
        ("cli", "skilldex validate SKILLS_DIR"),
        ("agnix", "agnix SKILLS_DIR"),
        ("ref", "skills-ref validate(), in-process, every skill"),
        ("inproc", "skilldex validate_paths(), in-process"),
    )
    tasks = [
        Task(m["floor"], command([sys.executable, "-c", "pass"], env, timeout)),
        Task(m["cli"], command([*SKILLDEX, "validate", str(skills)], env, timeout, ok=CHECK)),
        Task(m["inproc"], lambda: validate_paths([str(skills)])),
    ]
    if AGNIX:
        tasks.append(Task(m["agnix"], command([AGNIX, str(skills)], env, timeout, ok=CHECK)))
    else:
        m["agnix"].error = "not available (pip install agnix)"
    if skills_ref_validate:
        tasks.append(Task(m["ref"], lambda: [skills_ref_validate(d) for d in dirs]))
    else:
        m["ref"].error = "not available (pip install skills-ref)"
    if size == 1:
        m["ref_cli"] = Measure("skills-ref CLI: agentskills validate SKILL_DIR")
        if SKILLS_REF_CLI:
            tasks.append(
                Task(m["ref_cli"], command([SKILLS_REF_CLI, "validate", str(dirs[0])], env, timeout, ok=CHECK))
            )
        else:
            m["ref_cli"].error = "not available"
    rounds(tasks, repeat if size < 1000 else min(repeat, 3), f"validate {size:,}")
    return m, root


def bench_one_in_big(tmp: Path, root: Path, repeat: int, timeout: float) -> dict[str, Measure]:
    """One SKILL.md validated inside the largest repo (what the hook runs on a one-skill commit there)."""
    env = base_env() | {"SKILLDEX_CACHE_DIR": str(tmp / "cache-big")}
    one = sorted((root / ".claude" / "skills").iterdir())[0]
    try_once(command([*SKILLDEX, "list", str(root), "--json"], env, timeout))  # the index, as a session leaves it
    m = measures(
        ("floor", "python -c pass (floor)"),
        ("cli", "skilldex validate ONE/SKILL.md"),
        ("ref_cli", "skills-ref CLI: agentskills validate ONE"),
    )
    tasks = [
        Task(m["floor"], command([sys.executable, "-c", "pass"], env, timeout)),
        Task(m["cli"], command([*SKILLDEX, "validate", str(one / "SKILL.md")], env, timeout, ok=CHECK)),
    ]
    if SKILLS_REF_CLI:
        tasks.append(Task(m["ref_cli"], command([SKILLS_REF_CLI, "validate", str(one)], env, timeout, ok=CHECK)))
    else:
        m["ref_cli"].error = "not available"
    rounds(tasks, max(repeat, 5), "one skill in the largest repo")
    return m


def bench_precommit(tmp: Path, repeat: int, timeout: float) -> dict[str, Measure]:
    """`pre-commit run` on staged changes to 1 and 20 skills of a 500-skill repo, without and with an index
    (as any session leaves one: `list`, `find`, the hooks), which `validate` reads for the collision check."""
    import yaml

    m = measures(
        ("one", "pre-commit run, 1 changed skill of 500"),
        ("one_indexed", "pre-commit run, 1 changed of 500, indexed"),
        ("twenty", "pre-commit run, 20 changed of 500"),
        ("twenty_indexed", "pre-commit run, 20 changed of 500, indexed"),
    )
    if not PRE_COMMIT:
        for x in m.values():
            x.error = "not available (pip install pre-commit)"
        return m
    hook = next(
        h for h in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "skilldex-validate"
    )
    local = {
        "id": hook["id"],
        "name": hook["name"],
        "entry": " ".join([*SKILLDEX, "validate"]),
        "language": "system",
        "files": hook["files"],
        "types": hook["types"],
        "require_serial": True,
    }
    git = {
        "PRE_COMMIT_HOME": str(tmp / "pc-home"),
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "b@example.com",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "b@example.com",
    }
    for key, changed in (("one", 1), ("twenty", 20)):
        env = base_env() | git | {"SKILLDEX_CACHE_DIR": str(tmp / f"cache-precommit-{changed}")}
        indexed = env | {"SKILLDEX_CACHE_DIR": str(tmp / f"cache-precommit-{changed}-indexed")}
        root = tmp / f"precommit-{changed}"
        empty(root)
        build(root, 500)
        (root / ".pre-commit-config.yaml").write_text(json.dumps({"repos": [{"repo": "local", "hooks": [local]}]}))
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
        subprocess.run(["git", "-C", str(root), "commit", "-qm", "skills"], check=True, env=env)
        time.sleep(2.1)  # past the index's racy window
        try_once(command([*SKILLDEX, "list", str(root), "--json"], indexed, timeout))
        for skill in sorted((root / ".claude" / "skills").iterdir())[:changed]:
            with (skill / "SKILL.md").open("a", encoding="utf-8") as out:
                out.write("\nOne more line.\n")
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
        calls = {
            key: command([PRE_COMMIT, "run"], env, timeout, cwd=root, ok=CHECK),
            f"{key}_indexed": command([PRE_COMMIT, "run"], indexed, timeout, cwd=root, ok=CHECK),
        }
        for name, call in calls.items():
            m[name].error = try_once(call)  # the first run builds pre-commit's cache of the repo
        rounds(
            [Task(m[name], call) for name, call in calls.items() if not m[name].error],
            repeat,
            f"pre-commit, {changed} changed",
        )
    return m


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "-" if value is None else f"{value:{spec}}"


def table(m: dict[str, Measure]) -> list[str]:
    floor = m["floor"].ms if "floor" in m else None
    lines = [f"  {'measure':<50} {'runs':>4} {'median ms':>10}  vs python -c pass"]
    for key, x in m.items():
        shown = "FAILED" if x.error else fmt(x.ms)
        versus = x.error or ("" if key == "floor" or floor is None else f"{fmt(ratio(x.ms, floor), '.2f')} x")
        lines.append(f"  {x.label:<50} {len(x.runs):>4} {shown:>10}  {versus}")
    return lines


def targets(commands: dict, sizes: dict[int, dict], big: dict | None, largest: int) -> list[dict]:
    """Issue 23's Done-when, each PASS, FAIL or N/A with the figures behind it."""
    out = []

    def add(name: str, checks: list[tuple[float | None, float | None, float]], detail: str) -> None:
        """checks: (measured ms, reference ms, the largest allowed measured/reference)."""
        ratios = [ratio(a, b) for a, b, _ in checks]
        verdict = (
            "N/A"
            if any(r is None for r in ratios) or not checks
            else ("PASS" if all(r <= limit for r, (_, _, limit) in zip(ratios, checks, strict=True)) else "FAIL")
        )
        out.append({"target": name, "verdict": verdict, "detail": detail})

    floor = commands["floor"].ms
    one = sizes.get(1)
    if one:
        cli, ref_cli, fl = one["cli"].ms, one["ref_cli"].ms, one["floor"].ms
        add(
            "validate one skill <= 0.5 x skills-ref's CLI and <= 4 x python -c pass",
            [(cli, ref_cli, 0.5), (cli, fl, 4)],
            f"{fmt(cli)} ms vs skills-ref CLI {fmt(ref_cli)} ms ({fmt(ratio(cli, ref_cli), '.2f')} x), "
            f"{fmt(ratio(cli, fl), '.2f')} x python -c pass",
        )
    if big:
        cli, ref_cli, fl = big["cli"].ms, big["ref_cli"].ms, big["floor"].ms
        add(
            f"validate one skill inside a {largest:,}-skill repo: the same bounds",
            [(cli, ref_cli, 0.5), (cli, fl, 4)],
            f"{fmt(cli)} ms vs skills-ref CLI {fmt(ref_cli)} ms ({fmt(ratio(cli, ref_cli), '.2f')} x), "
            f"{fmt(ratio(cli, fl), '.2f')} x python -c pass",
        )
    versus = [(n, m["cli"].ms, m["agnix"].ms) for n, m in sizes.items() if 10 <= n <= 3000]
    add(
        "validate faster than agnix at every size from 10 to 3,000 skills",
        [(a, b, 1.0 - 1e-9) for _, a, b in versus],
        ", ".join(f"{n:,}: {fmt(a, '.0f')} vs {fmt(b, '.0f')} ms" for n, a, b in versus),
    )
    if 3000 in sizes:
        cli, ref = sizes[3000]["cli"].ms, sizes[3000]["ref"].ms
        add(
            "validate 3,000 skills >= 5 x faster than skills-ref in-process",
            [(cli, ref, 0.2)],
            f"{fmt(cli)} ms vs {fmt(ref)} ms ({fmt(ratio(ref, cli), '.2f')} x faster)",
        )
    for keys, limit in ((("version", "rules", "rule"), 3), (("list", "show"), 5), (("startup",), 4)):
        labels = ", ".join(commands[k].label for k in keys)
        add(
            f"{labels} <= {limit} x python -c pass",
            [(commands[k].ms, floor, limit) for k in keys],
            ", ".join(f"{k} {fmt(ratio(commands[k].ms, floor), '.2f')} x" for k in keys),
        )
    find = commands["find"].ms
    add("warm find on 1,000 skills < 100 ms", [(find, 100.0, 1.0 - 1e-9)], f"{fmt(find)} ms")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000,3000", help="comma-separated skill counts for validate")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (median); sizes >= 1,000: at most 3")
    parser.add_argument("--out", type=Path, help="also write the report here and a .json beside it")
    parser.add_argument("--keep", type=Path, help="write the repos and caches here and keep them")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per command")
    parser.add_argument("--no-precommit", action="store_true", help="skip the pre-commit section")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    peers = {
        "agnix": _version([AGNIX, "--version"]),
        "skills-ref CLI": _version([SKILLS_REF_CLI, "--version"]),
        "pre-commit": _version([PRE_COMMIT, "--version"]),
    }
    info = machine(peers) | {"bytecode": byte_compile()}
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="skilldex-speed-"))
    tmp.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        commands = bench_commands(tmp, args.repeat, args.timeout)
        results, root = {}, None
        for size in sizes:
            results[size], root = bench_validate(tmp, size, args.repeat, args.timeout)
        big = bench_one_in_big(tmp, root, args.repeat, args.timeout) if root and sizes[-1] > 1 else None
        hook = {} if args.no_precommit else bench_precommit(tmp, args.repeat, args.timeout)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    info["load"] += f" at start, {' '.join(f'{x:.2f}' for x in os.getloadavg())} at end (1/5/15 min)"
    verdicts = targets(commands, results, big, sizes[-1])
    lines = [
        f"# benchmarks/speed.py --sizes {','.join(map(str, sizes))} --repeat {args.repeat}, {info.pop('date')}, "
        f"{time.perf_counter() - started:.0f} s",
        *(f"# {k}: {v}" for k, v in info.items()),
        "",
        "## commands (example workspace; find on a 1,000-skill repo)",
        *table(commands),
    ]
    for size in sizes:
        lines += ["", f"## validate, {size:,} skills (+ {size:,} tools, {size:,} docs)", *table(results[size])]
    if big:
        lines += [
            "",
            f"## validate one skill inside the {sizes[-1]:,}-skill repo (index filled by `list`)",
            *table(big),
        ]
    if hook:
        lines += ["", "## pre-commit hook end to end, 500-skill repo", *table(hook)]
    lines += ["", "## targets (issue 23)"] + [f"  {t['verdict']:<4}  {t['target']}: {t['detail']}" for t in verdicts]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")

        def dump(ms: dict[str, Measure]) -> dict:
            return {
                k: {
                    "label": x.label,
                    "runs_ms": [round(t * 1000, 3) for t in x.runs],
                    "median_ms": x.ms,
                    "error": x.error,
                }
                for k, x in ms.items()
            }

        data = {
            "machine": info,
            "commands": dump(commands),
            "validate": {str(n): dump(results[n]) for n in sizes},
            "one_in_largest": dump(big or {}),
            "pre_commit": dump(hook),
            "targets": verdicts,
        }
        args.out.with_suffix(".json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0 if all(t["verdict"] == "PASS" for t in verdicts) else 1


def _version(argv: list[str | None]) -> str:
    if argv[0] is None:
        return "not installed"
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return " ".join((done.stdout or done.stderr).split())[:80] or "unknown"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
