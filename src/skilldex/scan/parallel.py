"""Scan many files on every core: forked workers share the parent's walk and return finished units.

A cold index of a big repo is CPU-bound Python (YAML, docstrings, flags); with fork the workers
inherit the walked RepoFS for free and send back pickled units. Small jobs, platforms without fork,
or any trouble in the pool fall back to scanning in this process. `fork_map` is shared with validation.
"""

from __future__ import annotations

import os

from skilldex.scan import unit

PARALLEL_MIN_FILES = 200  # below this, starting workers (about 3 ms each) costs more than it saves
MAX_WORKERS = 8

_JOB: tuple | None = None  # (fs, files, modules, finish), set just before forking so children inherit it
last_workers: set[int] = set()  # process ids that did the last parallel scan (for tests and diagnostics)


def worker_count(jobs: int, minimum: int) -> int:
    """Processes worth starting for `jobs` items of work; 1 means: stay in this process (SKILLDEX_WORKERS=1)."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or jobs < minimum or os.environ.get("SKILLDEX_WORKERS") == "1":
        return 1
    return workers


def scan_units(fs, files: list, modules: tuple, progress=None, finish=None) -> list:
    """scan_unit() for each file, in order, on several processes when it pays.

    `progress(done, total)`, when given, is called as files are done (the CLI draws a bar with it).
    `finish(fs, unit)`, when given, runs right after each unit is scanned, in the process that scanned it;
    its result is kept as `unit.rows` (the index derives its rows there, while the file is still read).
    """
    workers = worker_count(len(files), PARALLEL_MIN_FILES)
    if workers == 1:
        return _serial(fs, files, modules, progress, finish)
    from skilldex.forkmap import fork_map  # lazy: validate uses worker_count, and small runs never fork

    global _JOB
    last_workers.clear()
    _JOB = (fs, files, modules, finish)
    try:
        done = None if progress is None else lambda parts: progress(sum(len(p[1]) for p in parts), len(files))
        parts = fork_map(_scan_span, len(files), workers, done)
    finally:
        _JOB = None
    if parts is None:
        return _serial(fs, files, modules, progress, finish)
    last_workers.update(pid for pid, _ in parts)
    return [unit for _, part in parts for unit in part]


def _serial(fs, files: list, modules: tuple, progress, finish=None) -> list:
    units = []
    for done, file in enumerate(files, 1):
        units.append(_one(fs, file, modules, finish))
        if progress is not None and (done % 100 == 0 or done == len(files)):
            progress(done, len(files))
    return units


def _one(fs, file, modules: tuple, finish):
    scanned = unit.scan_unit(fs, file, modules)
    if finish is not None:
        scanned.rows = finish(fs, scanned)
    return scanned


def _scan_span(span: tuple[int, int]) -> tuple[int, list]:
    assert _JOB is not None
    fs, files, modules, finish = _JOB
    return os.getpid(), [_one(fs, file, modules, finish) for file in files[span[0] : span[1]]]
