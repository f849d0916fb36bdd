"""Checking many files: in this process, or in a pool of worker processes (``--jobs``).

Each worker builds its own `Linter` and `Runner` once, from a picklable `Setup`,
then checks one file at a time and sends back a lightweight `Outcome`: the
diagnostics and the decoded text (for positions and source lines), never the
AST — the parent holds no report's AST, a worker at most the one it is checking.
Files are checked in sorted order and the outcomes come back in that order
whatever the number of workers, so the output is the same for every ``--jobs``.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from .budget import DEFAULT_SECONDS
from .engine import Linter
from .inputs import TooLarge, read_file
from .runner import Outcome, RunOptions, Runner

__all__ = ["Setup", "available_cores", "check_files", "check_one"]

_MIN_FILES_PER_WORKER = 4  # below this a worker process costs more than it saves


@attrs.frozen
class Setup:
    """How to build the Linter and Runner: the same recipe in the parent and every worker."""

    load_plugins: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    options: RunOptions = RunOptions()
    timeout: float = DEFAULT_SECONDS     # --timeout: each rule's budget per file

    def build(self) -> Runner:
        linter = Linter(load_plugins=self.load_plugins, select=self.select, ignore=self.ignore,
                        timeout=self.timeout)
        return Runner(linter, self.options)


def available_cores() -> int:
    """The cores this process may run on (``--jobs 0``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def check_one(runner: Runner, shown: str, path: Path) -> Outcome:
    """Read and check one file; a file that cannot be read is reported (GAI001), not raised."""
    outcome = runner.check_path(shown, os.fspath(path))
    outcome.result = attrs.evolve(outcome.result, report=None)
    return outcome


_worker: Runner | None = None


def _start_worker(setup: Setup) -> None:
    global _worker
    _follow_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C is the parent's to handle: no traceback per worker
    _sigint(signal.SIG_UNBLOCK)
    _worker = setup.build()
    _worker.linter.take_plugin_diagnostics("-")  # GAI006 is reported once, by the parent


def _follow_parent() -> None:
    """End this worker when its parent ends, however it ends (kill -9 included): on Linux the
    kernel sends SIGKILL (prctl PR_SET_PDEATHSIG); elsewhere a thread watches the parent."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(1)

    threading.Thread(target=watch, name="gailint-parent-watch", daemon=True).start()


def _check_in_worker(item: tuple[str, Path]) -> Outcome:
    assert _worker is not None
    return check_one(_worker, *item)


def check_files(runner: Runner, setup: Setup, files: Sequence[tuple[str, Path]], jobs: int) -> Iterator[Outcome]:
    """The outcome of each file, in the order of `files`: in this process with `runner` when
    `jobs` is 1 or the batch is small, else in `jobs` worker processes built from `setup`.
    A plugin's load error (GAI006) is attached to the first file in either case."""
    hits = _cache_hits(runner, files) if jobs > 1 else {}
    misses = [item for number, item in enumerate(files) if number not in hits]
    outcomes = _check_misses(runner, setup, misses, jobs)
    for number, item in enumerate(files):
        yield hits[number] if number in hits else next(outcomes)


def _cache_hits(runner: Runner, files: Sequence[tuple[str, Path]]) -> dict[int, Outcome]:
    """The files the cache already answers, looked up here: a warm run starts no worker at all."""
    if runner.cache is None:
        return {}
    hits = {}
    for number, (shown, path) in enumerate(files):
        try:
            outcome = runner.cached(shown, read_file(os.fspath(path)))
        except (OSError, TooLarge):
            continue  # a worker reads it again and reports it
        if outcome is not None:
            hits[number] = outcome
    return hits


def _check_misses(runner: Runner, setup: Setup, files: Sequence[tuple[str, Path]], jobs: int) -> Iterator[Outcome]:
    workers = min(jobs, len(files) // _MIN_FILES_PER_WORKER)
    if workers <= 1:
        for shown, path in files:
            yield check_one(runner, shown, path)
        return
    import multiprocessing  # imported only for a pool: it costs a one-file run ~10 ms
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(16, len(files) // (workers * 8)))
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(setup,))
    # Workers are forked with SIGINT blocked (each then ignores it), so that a ^C arriving while
    # they start is the parent's alone; a ^C meanwhile waits for the unblock below.
    _sigint(signal.SIG_BLOCK)
    try:
        results = pool.map(_check_in_worker, files, chunksize=chunk)
    finally:
        _sigint(signal.SIG_UNBLOCK)
    try:
        for number, outcome in enumerate(results):
            if number == 0:
                pending = runner.linter.take_plugin_diagnostics(outcome.result.path)
                if pending:
                    result = outcome.result
                    outcome.result = attrs.evolve(result, diagnostics=(*pending, *result.diagnostics))
            yield outcome
    except KeyboardInterrupt:  # ^C: wait for nothing; the command line exits at once (`cli.entry`)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    except BaseException:  # an error (a bad configuration file met mid-batch): do not finish the batch
        pool.shutdown(cancel_futures=True)
        raise
    pool.shutdown()


def _sigint(how: int) -> None:
    if hasattr(signal, "pthread_sigmask"):  # not on Windows
        signal.pthread_sigmask(how, {signal.SIGINT})
