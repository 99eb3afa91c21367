"""fork_map: results in span order from real forked children, and None (never a hang) when a child fails."""

from __future__ import annotations

import os
import signal

import pytest

from skilldex.forkmap import fork_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _square(span):
    return os.getpid(), [n * n for n in range(*span)]


def _children() -> set[int]:
    """This process's children, zombies included (Linux /proc); other tests' children are left alone."""
    found: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children", encoding="ascii") as listing:
            found.update(int(pid) for pid in listing.read().split())
    return found


@pytest.fixture(autouse=True)
def no_child_left():
    """Every child fork_map started has exited and been reaped when it returns, whatever happened."""
    if not os.path.exists(f"/proc/self/task/{os.getpid()}/children"):
        yield
        return
    before = _children()
    yield
    assert _children() <= before


def test_results_come_back_in_span_order_from_the_children():
    seen = []
    parts = fork_map(_square, 1000, 2, progress=lambda arrived: seen.append(len(arrived)))
    assert parts is not None
    assert [n for _, part in parts for n in part] == [n * n for n in range(1000)]
    pids = {pid for pid, _ in parts}
    assert len(pids) == 2 and os.getpid() not in pids
    assert seen == list(range(1, len(parts) + 1))  # called once per span, as each arrived


def test_results_larger_than_a_pipe_buffer_arrive_whole():
    parts = fork_map(lambda span: ("x" * 3_000_000, span), 4, 2)
    assert parts is not None and [span for _, span in parts] == [(0, 1), (1, 2), (2, 3), (3, 4)]
    assert all(len(text) == 3_000_000 for text, _ in parts)


def _raises(span):
    if span[0] >= 50:
        raise ValueError("broken input")
    return span


def _dies(span):
    if span[0] >= 50:
        os.kill(os.getpid(), signal.SIGKILL)
    return span


def _unpicklable(span):
    return lambda: span


@pytest.mark.parametrize("function", [_raises, _dies, _unpicklable])
def test_a_failing_child_means_none_and_no_child_left(function):
    assert fork_map(function, 100, 2) is None


def test_nothing_to_do_or_one_worker_is_left_to_the_caller():
    assert fork_map(_square, 0, 2) is None
    assert fork_map(_square, 10, 1) is None


def test_an_error_in_the_parent_still_reaps_the_children():
    def progress(arrived):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fork_map(lambda span: "y" * 2_000_000, 8, 2, progress)


def _slow(span):
    import time

    time.sleep(5)
    return span


def test_a_signal_in_the_parent_stops_the_children_and_propagates():
    """The hooks' time limit raises TimeoutError from SIGALRM: it must not be taken for a failed pool."""
    import time

    def alarm(signum, frame):
        raise TimeoutError("hook time limit")

    previous = signal.signal(signal.SIGALRM, alarm)
    started = time.monotonic()
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(TimeoutError):
            fork_map(_slow, 8, 2)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 3  # the children were stopped, not waited for


def test_no_fork_while_other_threads_run():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert fork_map(_square, 100, 2) is None
    finally:
        stop.set()
        thread.join()
