"""Map a function over spans of work on forked children, which send their results back through pipes.

The children inherit the parent's memory (the walked repo, the imported modules) for free. This is
multiprocessing.Pool's fork mode without its handler threads and task queues: two workers start in
about 3 ms instead of 12, so forking pays from a few hundred files. Any trouble (no fork, a child that
raises or dies, a result that cannot be pickled) returns None, and the caller does the work itself.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import selectors
import signal
import struct
import sys

_FRAME = struct.Struct("!QQ")  # (span index, length of the pickled result that follows)
_CHUNK = 1 << 20
SPANS_PER_WORKER = 4  # spans are dealt round-robin: uneven costs even out, and progress moves in steps


def fork_map(function, total: int, workers: int, progress=None) -> list | None:
    """[function((start, end)) ...] over spans covering range(total), in span order, computed by `workers`
    forked children. `progress(parts)` is called with the results received so far, as they arrive.
    """
    if not hasattr(os, "fork") or total <= 0 or workers < 2 or _threaded():
        return None
    step = -(-total // (workers * SPANS_PER_WORKER))
    spans = [(start, min(start + step, total)) for start in range(0, total, step)]
    results: list = [None] * len(spans)
    children: dict[int, int] = {}  # read end of its pipe -> pid
    collecting = gc.isenabled()
    # Objects from before the fork are frozen: the children's collections skip them instead of walking them
    # all again (and copying every page they touch). A host that froze objects itself keeps its own freeze.
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    ok = False
    try:
        for worker in range(min(workers, len(spans))):
            started = _start(function, spans, worker, workers)
            if started is None:
                break  # no more processes or pipes: the caller does the work
            children[started[0]] = started[1]
        else:
            # Unpickling builds thousands of live objects: the cyclic GC would walk the heap again and again
            # and free nothing. Paused in the parent only: each child already has its own state.
            gc.disable()
            ok = _receive(children, results, progress)
    finally:  # read ends closed first: a child still writing gets EPIPE and exits instead of blocking
        for read in children:
            with contextlib.suppress(OSError):
                os.close(read)
        for pid in children.values():
            if not ok:  # an error or a signal (the hook's time limit) in the parent: do not wait for their work
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            ok = _exited_cleanly(pid) and ok
        if freezing:
            gc.unfreeze()
        if collecting:
            gc.enable()
    return results if ok and all(part is not None for part in results) else None


def _threaded() -> bool:
    """Another thread is running: a fork would copy its locks mid-use (and Python warns); stay in process."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def _start(function, spans: list, worker: int, workers: int) -> tuple[int, int] | None:
    """(read end, pid) of a new child working on its share of the spans; None when none can be started."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: whatever happens, it never returns into the caller's code
        try:
            os.close(read)
            _work(function, spans, worker, workers, write)
        finally:
            os._exit(1)
    os.close(write)
    return read, pid


def _work(function, spans: list, worker: int, workers: int, fd: int) -> None:
    """In a child: compute its share of the spans, send each result as a frame, and exit."""
    status = 1
    try:
        for index in range(worker, len(spans), workers):
            data = pickle.dumps(function(spans[index]), protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(_FRAME.pack(index, len(data)) + data)
            while view:
                view = view[os.write(fd, view) :]
        status = 0
    except BaseException:  # noqa: BLE001 - whatever happened, the parent sees a failed child and falls back
        pass
    finally:
        os._exit(status)  # no atexit handlers, no flushing of buffers copied from the parent


def _receive(children: dict[int, int], results: list, progress) -> bool:
    """Read every child's frames until each pipe closes; False when a frame is malformed."""
    buffers = {fd: bytearray() for fd in children}
    arrived: list = []
    with selectors.DefaultSelector() as selector:
        for fd in children:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                chunk = os.read(key.fd, _CHUNK)
                if not chunk:
                    selector.unregister(key.fd)
                    if buffers[key.fd]:
                        return False  # a frame cut short: the child died while writing
                    continue
                buffer = buffers[key.fd]
                buffer += chunk
                while len(buffer) >= _FRAME.size:
                    index, size = _FRAME.unpack_from(buffer)
                    if len(buffer) < _FRAME.size + size:
                        break
                    if index >= len(results):
                        return False
                    try:
                        results[index] = pickle.loads(buffer[_FRAME.size : _FRAME.size + size])
                    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                        return False  # a result that does not unpickle here: the caller does the work
                    del buffer[: _FRAME.size + size]
                    arrived.append(results[index])
                    if progress is not None:
                        progress(arrived)
    return True


def _exited_cleanly(pid: int) -> bool:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return False
    return os.waitstatus_to_exitcode(status) == 0
