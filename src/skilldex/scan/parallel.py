"""Scan many files on every core: forked workers share the parent's walk and return finished units.

A cold index of a big repo is CPU-bound Python (YAML, docstrings, flags); with fork the workers
inherit the walked RepoFS for free and send back pickled units. Small jobs, platforms without fork,
or any trouble in the pool fall back to scanning in this process.
"""

from __future__ import annotations

import os

PARALLEL_MIN_FILES = 1500  # below this, starting workers costs more than it saves
MAX_WORKERS = 8

_JOB: tuple | None = None  # (fs, files, modules), set just before forking so children inherit it
last_workers: set[int] = set()  # process ids that did the last parallel scan (for tests and diagnostics)


def scan_units(fs, files: list, modules: tuple, progress=None) -> list:
    """scan_unit() for each file, in order, on several processes when it pays.

    `progress(done, total)`, when given, is called as files are done (the CLI draws a bar with it).
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or len(files) < PARALLEL_MIN_FILES or os.environ.get("SKILLDEX_WORKERS") == "1":
        return _serial(fs, files, modules, progress)
    try:
        import multiprocessing

        context = multiprocessing.get_context("fork")
    except (ImportError, ValueError):
        return _serial(fs, files, modules, progress)
    global _JOB
    last_workers.clear()
    step = -(-len(files) // (workers * 4))
    spans = [(start, min(start + step, len(files))) for start in range(0, len(files), step)]
    _JOB = (fs, files, modules)
    try:
        parts = []
        with context.Pool(workers) as pool:
            for part in pool.imap(_scan_span, spans):
                parts.append(part)
                if progress is not None:
                    progress(sum(len(p[1]) for p in parts), len(files))
    except Exception:  # a pool that cannot start or pickle: do the work here
        return _serial(fs, files, modules, progress)
    finally:
        _JOB = None
    last_workers.update(pid for pid, _ in parts)
    return [unit for _, part in parts for unit in part]


def _serial(fs, files: list, modules: tuple, progress) -> list:
    from skilldex.scan import scan_unit

    units = []
    for done, file in enumerate(files, 1):
        units.append(scan_unit(fs, file, modules))
        if progress is not None and (done % 100 == 0 or done == len(files)):
            progress(done, len(files))
    return units


def _scan_span(span: tuple[int, int]) -> tuple[int, list]:
    from skilldex.scan import scan_unit

    assert _JOB is not None
    fs, files, modules = _JOB
    return os.getpid(), [scan_unit(fs, file, modules) for file in files[span[0]:span[1]]]
