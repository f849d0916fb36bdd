"""A wall-clock time budget for third-party (and built-in) code: rules, readers, plugin
imports and hooks. Code that overruns it is interrupted with `Overrun`, so that an
infinite loop in a plugin costs one GAI005/GAI006 instead of a hung run.

How the interruption works — pure Python cannot kill a running function, so:

* in a process's main thread (the command line, and every ``--jobs`` worker, whose
  tasks run in the worker's main thread) a ``SIGALRM`` interval timer ticks while a
  `Budget.session` is open; its handler raises `Overrun` in the running code once the
  current call is past its deadline, and again at every later tick (a plugin that
  swallows the exception is interrupted again);
* in any other thread (the language server checks on a worker thread) a watchdog
  thread does the same with ``PyThreadState_SetAsyncExc``.

Either way the exception arrives between two bytecodes: a loop in Python code, a
``time.sleep`` (main thread) or a long ``re`` match that returns to the interpreter is
stopped; C code that never returns (a blocking call in an extension) is not.

Cost: a call under budget reads the monotonic clock once and stores two attributes;
the timer is armed once per session (one file), and ticks every `tick` seconds only
while the session lasts (measured in docs/robustness.md).
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

__all__ = ["DEFAULT_SECONDS", "Budget", "Overrun"]

DEFAULT_SECONDS = 10.0


class Overrun(BaseException):
    """Raised inside code that ran past its budget. A BaseException, so that a plugin's own
    ``except Exception`` cannot swallow it."""


class Budget:
    """`seconds` of wall-clock time per `call`, enforced while a `session` is open
    (0 or less: no limit)."""

    def __init__(self, seconds: float = DEFAULT_SECONDS) -> None:
        self.seconds = float(seconds)
        self.tick = min(1.0, max(0.01, self.seconds / 10))
        self._deadline = 0.0          # 0: no call under budget right now
        self._depth = 0
        self._lock = threading.Lock()
        self._call = _Call(self)

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        """Arm the interruption for the calls made inside (re-entrant: nested sessions share it)."""
        if not self.enabled or self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
                with self._alarm():
                    yield
            else:
                with self._watchdog():
                    yield
        finally:
            self._depth = 0
            self._deadline = 0.0

    def call(self) -> _Call:
        """One call under budget: `Overrun` is raised inside it once `seconds` have passed.
        A plain context manager object (not a generator): it runs for every rule on every file."""
        return self._call

    # --- main thread: SIGALRM ---------------------------------------------------------

    @contextlib.contextmanager
    def _alarm(self) -> Iterator[None]:
        def on_alarm(signum, frame) -> None:
            if self._deadline and time.monotonic() >= self._deadline:
                raise Overrun

        previous = signal.signal(signal.SIGALRM, on_alarm)
        before = signal.setitimer(signal.ITIMER_REAL, self.tick, self.tick)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if before[0]:  # someone else's timer was running: give it back
                signal.setitimer(signal.ITIMER_REAL, *before)

    # --- other threads: a watchdog ----------------------------------------------------

    @contextlib.contextmanager
    def _watchdog(self) -> Iterator[None]:
        import ctypes  # only off the main thread (the language server)

        target = threading.get_ident()
        stop = threading.Event()
        self._target = target

        def watch() -> None:
            while not stop.wait(self.tick):
                with self._lock:
                    if self._deadline and time.monotonic() >= self._deadline:
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(Overrun))

        watcher = threading.Thread(target=watch, name="gailint-budget", daemon=True)
        watcher.start()
        try:
            yield
        finally:
            stop.set()
            watcher.join()
            with self._lock:
                self._cancel_pending()
            self._target = None

    _target: int | None = None

    def _cancel_pending(self) -> None:
        """Withdraw an `Overrun` the watchdog set but the thread has not raised yet (the call
        ended in between); called with the lock held."""
        if self._target is not None:
            import ctypes

            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._target), None)


class _Call:
    """`Budget.call()`: sets the deadline on entry, clears it (and, off the main thread, any
    `Overrun` the watchdog set too late) on exit."""

    __slots__ = ("budget",)

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    def __enter__(self) -> None:
        budget = self.budget
        if budget._depth and budget.seconds > 0:
            budget._deadline = time.monotonic() + budget.seconds

    def __exit__(self, *exc: object) -> None:
        budget = self.budget
        if budget._target is None:  # SIGALRM: the handler checks the deadline; nothing to withdraw
            budget._deadline = 0.0
            return
        with budget._lock:
            budget._deadline = 0.0
            budget._cancel_pending()
