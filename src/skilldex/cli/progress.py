"""A progress bar for long scans: on stderr, only when both stdout and stderr are a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

MIN_FILES = 300  # shorter scans finish before a bar is worth drawing


@contextlib.contextmanager
def scan_progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a progress(done, total) callback, or None when output is piped (or in hooks)."""
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield None
        return
    # lazy: rich loads only when a terminal will show the bar (piped, hooks and warm runs draw none)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < MIN_FILES:
            return
        if task is None:
            bar.start()
            task = bar.add_task(f"indexing {label}", total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()
