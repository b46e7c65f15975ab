"""Hard limits for one document: a timeout that also stops native code, and a memory cap.

Three tools, from light to hard:

- `deadline_alarm(seconds)`: in-process; a SIGALRM raises `TimeoutError_` in the middle of a
  long Python loop (a stage that never reaches `state.check_deadline()`). It cannot interrupt
  one long call into pdfium or Tesseract: the exception is raised when that call returns.
- `run_with_timeout(fn, seconds)`: runs ``fn`` in a forked child and kills it (SIGKILL) when
  the time is up, wherever it is, native code included. A crash of the PDF library (SIGSEGV
  on a hostile file) kills the child only and comes back as `ReaderCrashError`.
- `set_memory_limit(mb)`: caps the address space (RLIMIT_AS) of the calling process, for bulk
  workers and for the child of `run_with_timeout`; an allocation over it raises `MemoryError`,
  which the pipeline turns into `MemoryLimitError`.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from extractor.errors import (
    InternalError,
    MemoryLimitError,
    ReaderCrashError,
    TimeoutError_,
)

T = TypeVar("T")

#: Seconds the hard kill waits beyond the document timeout, so that the pipeline's own
#: (clean) timeout usually fires first and the hard kill stays a backstop.
DEFAULT_GRACE = 5.0

#: Signals that mean the native PDF code crashed on the input rather than that we were killed.
_CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT, signal.SIGFPE, signal.SIGILL}


def can_fork() -> bool:
    """True where `run_with_timeout` can isolate the work in a child (POSIX)."""
    return hasattr(os, "fork")


def set_memory_limit(mb: float | None) -> int | None:
    """Cap this process's address space at ``mb`` MiB (RLIMIT_AS, soft limit).

    Parameters
    ----------
    mb : float or None
        The cap; None or 0 leaves the limit as it is.

    Returns
    -------
    int or None
        The previous soft limit in bytes (to restore it), or None when nothing changed.

    Notes
    -----
    RLIMIT_AS counts mapped address space, not resident memory: shared libraries, thread
    stacks and allocator arenas count too (a process that has read one small report with
    pdfium, tables and spaCy goals maps ~0.32 GiB for ~0.13 GiB resident), so leave room
    above the peak RSS that benchmarks/bench_1000_pages.py reports for your largest files.
    """
    if not mb:
        return None
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = int(mb * 1024 * 1024)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)  # an unprivileged process cannot raise the hard limit
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    return soft


@contextlib.contextmanager
def deadline_alarm(seconds: float | None, message: str) -> Iterator[None]:
    """Raise `TimeoutError_` (with ``message``) inside the block once ``seconds`` have passed.

    Does nothing off the main thread, where signals cannot be delivered, and when someone
    else already owns SIGALRM (a handler or a running timer), so we never steal it.
    """
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        # None: a handler installed outside Python (libFuzzer's), which we could not restore
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN)
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def _on_alarm(signum: int, frame: object) -> None:
        raise TimeoutError_(message)

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_with_timeout(
    fn: Callable[..., T],
    seconds: float | None,
    *args: Any,
    memory_mb: float | None = None,
    label: str = "document",
    **kwargs: Any,
) -> T:
    """Run ``fn(*args, **kwargs)`` in a forked child, killed after ``seconds``.

    The result (or the exception) comes back pickled through a pipe. Where fork is not
    available the function runs in this process (soft limits only).

    Parameters
    ----------
    fn : callable
        The work, e.g. `extractor.extract`.
    seconds : float or None
        Wall-clock limit; None waits as long as it takes (the child still isolates crashes).
    memory_mb : float, optional
        RLIMIT_AS for the child (see `set_memory_limit`).
    label : str
        Names the input in error messages (the file name).

    Raises
    ------
    TimeoutError_
        The child ran past ``seconds`` and was killed.
    ReaderCrashError
        The child died on a signal (a crash in native code).
    MemoryLimitError
        The child ran out of memory (MemoryError, or killed by the kernel's OOM killer).
    extractor.errors.ArsbokError
        Whatever the child raised, re-raised here.
    """
    if not can_fork():
        return fn(*args, **kwargs)
    # Flush our buffers first: the child inherits them and would write them a second time.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read_fd)
        _child(fn, args, kwargs, write_fd, memory_mb)
    os.close(write_fd)
    try:
        data, finished = _read_until(read_fd, started + seconds if seconds else None)
    except BaseException:  # Ctrl-C or a signal handler in the parent: leave no orphan behind
        _kill(pid)
        raise
    finally:
        os.close(read_fd)
    if not finished:
        _kill(pid)
        raise TimeoutError_(f"{label}: gave up after {seconds:g} s (killed)")
    _, status = os.waitpid(pid, 0)
    if data:
        try:
            kind, value = pickle.loads(data)
        except Exception as exc:  # noqa: BLE001 - a truncated result is reported, not raised raw
            raise InternalError(
                f"{label}: unreadable result from the worker ({type(exc).__name__})"
            ) from None
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        raise value
    return _raise_for_status(status, label)


def _child(
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    write_fd: int,
    memory_mb: float | None,
) -> None:
    code = 0
    try:
        # A crash here is an outcome we report (ReaderCrashError), not a traceback to dump.
        faulthandler.disable()
        # The parent's Ctrl-C handling and alarms are not ours to run.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        try:
            set_memory_limit(memory_mb)
            payload = pickle.dumps(("ok", fn(*args, **kwargs)), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("err", MemoryLimitError("out of memory (--memory limit)")))
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            payload = _pickle_error(exc)
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
    except BaseException:  # noqa: BLE001 - the parent sees an empty pipe and our exit status
        code = 70
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def _pickle_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(("err", exc))
    except Exception:  # noqa: BLE001 - an exception type that does not pickle
        return pickle.dumps(("err", InternalError(f"{type(exc).__name__}: {exc}")))


def _read_until(fd: int, deadline: float | None) -> tuple[bytes, bool]:
    """Read the pipe to EOF; (data, False) when the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            return b"", False
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _raise_for_status(status: int, label: str) -> Any:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig == signal.SIGKILL:
            # Nobody here sent it: on Linux that is the kernel's OOM killer.
            raise MemoryLimitError(f"{label}: the worker was killed (SIGKILL, out of memory?)")
        if sig in _CRASH_SIGNALS:
            raise ReaderCrashError(f"{label}: the PDF reader crashed on this file ({name})")
        raise InternalError(f"{label}: the worker died on signal {name}")
    raise InternalError(
        f"{label}: the worker exited with status {os.waitstatus_to_exitcode(status)} and no result"
    )


def extract_isolated(
    path: str | Path,
    *,
    memory_mb: float | None = None,
    grace: float = DEFAULT_GRACE,
    **options: Any,
) -> Any:
    """`extractor.extract` in a child process, killed after the document timeout plus grace.

    The pipeline's own timeout (``options["timeout"]``, default from `Settings`) stops Python
    code cleanly; the kill stops what it cannot (a hostile page stuck inside pdfium).
    """
    import extractor
    from extractor.settings import Settings

    settings = Settings.resolve(options)  # usage errors surface here, not in the child
    seconds = settings.timeout + grace if settings.timeout else None
    return run_with_timeout(
        extractor.extract, seconds, path, memory_mb=memory_mb, label=Path(path).name, **options
    )


__all__ = [
    "can_fork",
    "deadline_alarm",
    "extract_isolated",
    "run_with_timeout",
    "set_memory_limit",
]
