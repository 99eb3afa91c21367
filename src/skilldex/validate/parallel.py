"""Check many manifests on every core, as the scan does: forked workers share the parent's walks and
return each manifest's findings. Small jobs, platforms without fork, or any trouble in the pool fall
back to checking in this process; SKILLDEX_WORKERS=1 keeps it in this process too.
"""

from __future__ import annotations

import os

from skilldex.scan.parallel import worker_count
from skilldex.validate.check import check_target

PARALLEL_MIN_MANIFESTS = 250  # below this, starting workers costs more than it saves (measured break-even: ~200)

_JOB: list | None = None  # the targets, set just before forking so children inherit them
last_workers: set[int] = set()  # process ids that did the last parallel check (for tests and diagnostics)


def check_targets(targets: list) -> list[tuple]:
    """check_target() for each target, in order, on several processes when it pays."""
    workers = worker_count(len(targets), PARALLEL_MIN_MANIFESTS)
    parts = None
    if workers > 1:
        from skilldex.forkmap import fork_map  # lazy: a small run never forks, and forkmap loads pickle, selectors

        global _JOB
        last_workers.clear()
        _JOB = targets
        try:
            parts = fork_map(_check_span, len(targets), workers)
        finally:
            _JOB = None
    if parts is None:
        return [check_target(target) for target in targets]
    last_workers.update(pid for pid, _ in parts)
    return [result for _, part in parts for result in part]


def _check_span(span: tuple[int, int]) -> tuple[int, list]:
    assert _JOB is not None
    return os.getpid(), [check_target(target) for target in _JOB[span[0] : span[1]]]
