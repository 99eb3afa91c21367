"""skills-ref vs `skilldex validate --profile agentskills` on the 380 real SKILL.md frontmatters in ../shared/data.

Reads the JSONL in place (never copied into the repo), writes each record to a temp folder
`<i>/<dir_name>/<filename>`, runs both validators in-process on the same folders and prints: how many verdicts
agree, each disagreement with its reason, whether the installed skills-ref reproduces the recorded
`skills_ref_errors`, and time per skill for each validator (median of 3 passes, file writing excluded).

Usage: python benchmarks/differential_real.py [PATH_TO_JSONL]
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from skills_ref.validator import validate as skills_ref_validate

from skilldex.validate.run import validate_paths

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-skill-frontmatter.jsonl"
PASSES = 3


@dataclass(frozen=True)
class Outcome:
    """One validator's verdict on a folder; `valid` is None when it crashed. `detail`: errors or finding codes."""

    valid: bool | None
    detail: str
    errors: tuple[str, ...] = ()


def load(source: Path) -> list[dict]:
    return [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]


def materialise(root: Path, records: list[dict]) -> list[Path]:
    """Write `<i>/<dir_name>/<filename>`: frontmatter between `---` lines (if any), then `body_lines` lines."""
    folders = []
    for index, record in enumerate(records):
        folder = root / str(index) / record["dir_name"]
        folder.mkdir(parents=True)
        head = f"---\n{record['frontmatter']}\n---\n" if record["frontmatter"] is not None else ""
        body = "".join(f"line {n}\n" for n in range(record.get("body_lines") or 0))
        (folder / record["filename"]).write_text(head + body, encoding="utf-8")
        folders.append(folder)
    return folders


def skills_ref_outcome(folder: Path) -> Outcome:
    """skills-ref's verdict; an exception counts as invalid (it is how skills-ref rejects e.g. non-UTF-8)."""
    try:
        errors = skills_ref_validate(folder)
    except Exception as exc:  # skills-ref crashing on a file is its way of rejecting it
        return Outcome(False, f"raised {type(exc).__name__}", (f"raised {type(exc).__name__}",))
    return Outcome(not errors, _summary(errors[0]) if errors else "valid", tuple(errors))


def skilldex_outcome(folder: Path) -> Outcome:
    """skilldex's verdict: a skill file was found and none has an error finding. A crash is no verdict."""
    try:
        report = validate_paths([str(folder)], profile="agentskills", cwd=str(folder.parent))
    except Exception as exc:  # reported as a disagreement, not a crash of the benchmark
        return Outcome(None, f"raised {type(exc).__name__}: {exc}".splitlines()[0])
    if not report.files:
        return Outcome(False, "no skill file found")
    codes = sorted(
        {f"{f.code}{'' if f.severity.value == 'error' else '(' + f.severity.value[0] + ')'}" for f in report.findings}
    )
    return Outcome(all(f.valid for f in report.files), " ".join(codes) or "no findings")


def reason(record: dict, ref: Outcome, ours: Outcome) -> str:
    """The category that explains a disagreement (the same ones tests/validate/test_differential.py lists)."""
    text = " ".join(ref.errors)
    frontmatter = record["frontmatter"] or ""
    if ours.valid is None:
        return "skilldex crash"
    if record["filename"] != "SKILL.md" and record["filename"].lower() == "skill.md":
        return f"filename case ({record['filename']})"
    if "JSONesque" in text or "flow" in text:
        return "strictyaml rejects a flow collection"
    if "anchor" in text.lower():
        return "strictyaml rejects anchors/aliases"
    if "tag" in text.lower() and "Invalid YAML" in text:
        return "strictyaml rejects a YAML tag"
    if "uplicate" in text:
        return "duplicate key (nested: skilldex misses it)"
    if any(c in frontmatter for c in "\x85\u2028\u2029"):
        return "skilldex bug: PyYAML reads U+0085/2028/2029 as line breaks"
    if "---" in frontmatter:
        return "skills-ref splits on a `---` inside a value"
    return "unexplained"


def timed(check: Callable[[Path], Outcome], folders: list[Path]) -> tuple[float, list[Outcome]]:
    start = time.perf_counter()
    outcomes = [check(folder) for folder in folders]
    return time.perf_counter() - start, outcomes


def recorded_check(records: list[dict], ref: list[Outcome]) -> list[str]:
    """Does the installed skills-ref reproduce `skills_ref_errors` (verdict and exact messages)?"""
    pairs = [
        (i, r["skills_ref_errors"], o)
        for i, (r, o) in enumerate(zip(records, ref, strict=True))
        if r["skills_ref_errors"] is not None
    ]
    same_verdict = [i for i, errors, o in pairs if (not errors) == o.valid]
    same_text = [i for i, errors, o in pairs if list(errors) == list(o.errors)]
    lines = [
        f"recorded skills_ref_errors: {len(pairs)} of {len(records)} records have one "
        f"({len(records) - len(pairs)} recorded as null)",
        f"installed skills-ref {version('skills-ref')} reproduces the recorded verdict: "
        f"{len(same_verdict)}/{len(pairs)}; the exact messages: {len(same_text)}/{len(pairs)}",
    ]
    for i, errors, o in pairs:
        if i not in same_text:
            lines.append(
                f"  [{i}] {records[i]['repo']}:{records[i]['path']}: recorded {_firsts(errors)}, "
                f"now {_firsts(o.errors)}"
            )
    return lines


def _summary(message: str) -> str:
    """One line of a skills-ref message; strictyaml's multi-line errors keep their 'Found ...' line."""
    lines = message.splitlines()
    found = next((line for line in lines if line.startswith("Found")), "")
    return f"{lines[0]} {found}".strip() if lines else ""


def _firsts(messages: list[str] | tuple[str, ...]) -> list[str]:
    return [_summary(m) for m in messages]


def _cpu() -> str:
    """platform.processor() is often empty on Linux: fall back to /proc/cpuinfo's model name, then the machine."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{platform.platform()} ({_cpu()}), nproc {cores}, Python {platform.python_version()}, "
        f"skills-ref {version('skills-ref')}, skilldex {version('skilldex')}"
    )


def disagreement_table(records: list[dict], ref: list[Outcome], ours: list[Outcome]) -> list[str]:
    rows = [
        (i, f"{records[i]['repo']}:{records[i]['path']}", r, o)
        for i, (r, o) in enumerate(zip(ref, ours, strict=True))
        if r.valid != o.valid
    ]
    if not rows:
        return ["disagreements: none"]
    lines = ["disagreements:", f"  {'#':>4}  {'reason':<58} {'skills-ref':<8} {'skilldex':<8} file / details"]
    for i, where, r, o in rows:
        lines.append(f"  {i:>4}  {reason(records[i], r, o):<58} {_word(r):<8} {_word(o):<8} {where}")
        lines.append(f"  {'':>4}  skills-ref: {r.detail[:110]}")
        lines.append(f"  {'':>4}  skilldex:   {o.detail[:110]}")
    return lines


def masked_parse_errors(ref: list[Outcome], ours: list[Outcome]) -> str:
    """Agreements for different reasons: skills-ref's YAML parse failed, skilldex read it and failed it otherwise."""
    masked = [
        o
        for r, o in zip(ref, ours, strict=True)
        if r.valid is False and o.valid is False and r.detail.startswith("Invalid YAML") and "SKD012" not in o.detail
    ]
    codes = Counter(code for o in masked for code in o.detail.split() if "(" not in code)
    return (
        f"agree, different reasons: skills-ref 'Invalid YAML', skilldex read the YAML and failed it on "
        f"{dict(codes.most_common())}: {len(masked)}"
    )


def _word(outcome: Outcome) -> str:
    return "crash" if outcome.valid is None else "valid" if outcome.valid else "invalid"


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    records = load(source)
    ref_times: list[float] = []
    our_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folders = materialise(Path(tmp), records)
        for _ in range(PASSES):  # alternate the two so drift (cache, CPU clock) hits both alike
            seconds, ref = timed(skills_ref_outcome, folders)
            ref_times.append(seconds)
            seconds, ours = timed(skilldex_outcome, folders)
            our_times.append(seconds)
    agree = sum(r.valid == o.valid for r, o in zip(ref, ours, strict=True))
    valid_counts = Counter((r.valid, o.valid) for r, o in zip(ref, ours, strict=True))
    per_skill = {
        name: statistics.median(t) * 1000 / len(records)
        for name, t in (("skills-ref validate()", ref_times), ("skilldex validate_paths(agentskills)", our_times))
    }
    lines = [
        f"# benchmarks/differential_real.py, {datetime.date.today().isoformat()}",
        f"# machine: {machine()}",
        f"# data: {source.name} (read in place)",
        f"records: {len(records)}  agree: {agree}  disagree: {len(records) - agree}",
        f"verdicts (skills-ref, skilldex): valid/valid {valid_counts[(True, True)]}, "
        f"invalid/invalid {valid_counts[(False, False)]}, valid/invalid {valid_counts[(True, False)]}, "
        f"invalid/valid {valid_counts[(False, True)]}, skilldex crash {sum(o.valid is None for o in ours)}",
        masked_parse_errors(ref, ours),
        *disagreement_table(records, ref, ours),
        *recorded_check(records, ref),
        f"time per skill, median of {PASSES} passes over the same folders (file writing excluded):",
        *(
            f"  {name:<38} {ms:.3f} ms  (passes: {', '.join(f'{t:.3f}' for t in times)} s)"
            for (name, ms), times in zip(per_skill.items(), (ref_times, our_times), strict=True)
        ),
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
