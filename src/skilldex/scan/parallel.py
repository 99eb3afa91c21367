"""Scan many files on every core: forked workers share the parent's walk and return finished units.

A cold index of a big repo is CPU-bound Python (YAML, docstrings, flags); with fork the workers
inherit the walked RepoFS for free and send back pickled units. Small jobs, platforms without fork,
or any trouble in the pool fall back to scanning in this process. `fork_map` is shared with validation.
"""

from __future__ import annotations

import gc
import os

PARALLEL_MIN_FILES = 1500  # below this, starting workers costs more than it saves
MAX_WORKERS = 8

_JOB: tuple | None = None  # (fs, files, modules, finish), set just before forking so children inherit it
last_workers: set[int] = set()  # process ids that did the last parallel scan (for tests and diagnostics)


def worker_count(jobs: int, minimum: int) -> int:
    """Processes worth starting for `jobs` items of work; 1 means: stay in this process (SKILLDEX_WORKERS=1)."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or jobs < minimum or os.environ.get("SKILLDEX_WORKERS") == "1":
        return 1
    return workers


def fork_map(function, total: int, workers: int, progress=None) -> list | None:
    """[function((start, end)) ...] over spans covering range(total), in order, on forked workers.

    `function` returns (pid, results); `progress(parts)` is called as parts arrive. None when fork is
    unavailable or the pool fails: the caller does the work itself.
    """
    try:
        import multiprocessing

        context = multiprocessing.get_context("fork")
    except (ImportError, ValueError):
        return None
    step = -(-total // (workers * 4))
    spans = [(start, min(start + step, total)) for start in range(0, total, step)]
    parts: list = []
    collecting = gc.isenabled()
    # Objects from before the fork are frozen: the workers' collections skip them instead of walking them
    # all again (and copying every page they touch). A host that froze objects itself keeps its own freeze.
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        with context.Pool(workers) as pool:
            # Unpickling the results builds thousands of live models: the cyclic GC would walk the heap again
            # and again (most of the time spent here) and free nothing. Paused after the fork: workers keep theirs.
            gc.disable()
            for part in pool.imap(function, spans):
                parts.append(part)
                if progress is not None:
                    progress(parts)
    except Exception:  # a pool that cannot start or pickle
        return None
    finally:
        if freezing:
            gc.unfreeze()
        if collecting:
            gc.enable()
    return parts


def scan_units(fs, files: list, modules: tuple, progress=None, finish=None) -> list:
    """scan_unit() for each file, in order, on several processes when it pays.

    `progress(done, total)`, when given, is called as files are done (the CLI draws a bar with it).
    `finish(fs, unit)`, when given, runs right after each unit is scanned, in the process that scanned it;
    its result is kept as `unit.rows` (the index derives its rows there, while the file is still read).
    """
    workers = worker_count(len(files), PARALLEL_MIN_FILES)
    if workers == 1:
        return _serial(fs, files, modules, progress, finish)
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
    from skilldex.scan import scan_unit

    unit = scan_unit(fs, file, modules)
    if finish is not None:
        unit.rows = finish(fs, unit)
    return unit


def _scan_span(span: tuple[int, int]) -> tuple[int, list]:
    assert _JOB is not None
    fs, files, modules, finish = _JOB
    return os.getpid(), [_one(fs, file, modules, finish) for file in files[span[0]:span[1]]]
