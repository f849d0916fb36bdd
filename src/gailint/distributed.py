"""Checking files on a dask.distributed cluster: ``--executor dask://HOST:PORT``.

The client (this process) lists the files, answers what the cache already holds, and
sends the rest in chunks to the cluster's workers; each worker builds its `Runner`
once from the picklable `Setup` (as a ``--jobs`` worker does), reads, parses and checks
the files of a chunk and returns their `Outcome`s — diagnostics, decoded text and the
per-report record, never the AST. The outcomes come back in file order, so the output,
the cross-report reduce step (run by the client) and every output format are the same
as with ``--jobs``. Workers read the files themselves: give paths on storage every
worker sees (absolute paths are sent), or URLs that fsspec reads (``s3://bucket/archive/``,
``gs://…``; the protocol's package, e.g. s3fs, installed on the workers), see
docs/scale.md. Needs ``gailint[dask]``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from .parallel import Setup, _cache_hits, check_one
from .runner import Outcome, Runner

__all__ = ["check_files_distributed", "is_url", "remote_files", "scheduler_address"]

_CHUNK = 16            # files per task: a task costs the scheduler ~1 ms, a report ~10 ms to check
_IN_FLIGHT = 64        # chunks submitted ahead of the one being read: bounds the client's memory


def scheduler_address(url: str) -> str:
    """``dask://HOST:PORT`` → ``tcp://HOST:PORT`` (``tcp://``, ``tls://`` and ``inproc://`` pass as they are)."""
    if url.startswith("dask://"):
        return "tcp://" + url[len("dask://"):]
    if url.split("://", 1)[0] in ("tcp", "tls", "inproc", "ucx", "ws", "wss"):
        return url
    raise ValueError(f"--executor: expected dask://HOST:PORT, got {url!r}")


_worker: tuple[Setup, Runner] | None = None


def _runner_for(setup: Setup) -> Runner:
    """The worker process's Runner for `setup`, built on its first chunk."""
    global _worker
    if _worker is None or _worker[0] != setup:
        runner = setup.build()
        runner.linter.take_plugin_diagnostics("-")  # GAI006 is reported once, by the client
        _worker = (setup, runner)
    return _worker[1]


def _check_chunk(setup: Setup, chunk: Sequence[tuple[str, str]]) -> list[Outcome]:
    """Runs on a worker: check each (shown name, path or URL) of the chunk."""
    runner = _runner_for(setup)
    return [_check_url(runner, shown, path) if is_url(path) else check_one(runner, shown, Path(path))
            for shown, path in chunk]


def is_url(path: str) -> bool:
    """``s3://bucket/a.txt``, ``gs://…``, ``file:///…``: read through fsspec."""
    return "://" in path


def _check_url(runner: Runner, shown: str, url: str) -> Outcome:
    """Read a file through fsspec (an object store, HTTP, …) and check its bytes."""
    import fsspec

    try:
        with fsspec.open(url, "rb") as file:
            data = file.read()
    except (OSError, ValueError, ImportError) as error:  # missing file, bad URL, protocol without its package
        return runner.refused(shown, runner.inputs.unreadable(shown, error if isinstance(error, OSError)
                                                              else OSError(str(error))))
    outcome = runner.check(shown, data)
    outcome.result = attrs.evolve(outcome.result, report=None)
    return outcome


def remote_files(url: str, extensions: tuple[str, ...]) -> list[tuple[str, str]]:
    """The reports under a URL (a "directory" of an object store: every file below it whose
    extension a reader takes, README-style files left out, sorted), or the URL itself."""
    import fsspec
    from fsspec.core import url_to_fs

    from .files import EXCLUDED_FILES

    try:
        fs, root = url_to_fs(url)
        if not fs.isdir(root):
            return [(url, url)]
        found = sorted(fs.find(root))
    except (OSError, ValueError, ImportError) as error:
        raise ValueError(f"cannot list {url}: {error}") from None
    del fsspec
    names = [fs.unstrip_protocol(path) for path in found
             if path.lower().endswith(extensions) and not path.rsplit("/", 1)[-1].upper().startswith(EXCLUDED_FILES)]
    return [(name, name) for name in names]


def check_files_distributed(url: str, runner: Runner, setup: Setup,
                            files: Sequence[tuple[str, Path]]) -> Iterator[Outcome]:
    """The outcome of each file, in the order of `files`, checked on the cluster at `url`."""
    try:
        from distributed import Client
    except ImportError as error:  # pragma: no cover - the extra is installed in the tests
        raise ValueError(f"--executor needs dask.distributed ({error}): pip install \"gailint[dask]\"") from None
    options = setup.options  # workers may run elsewhere: the cache and --config by absolute path
    setup = attrs.evolve(setup, options=attrs.evolve(
        options, cache_dir=options.cache_dir and Path(options.cache_dir).absolute(),
        config=options.config and Path(options.config).absolute()))
    hits = _cache_hits(runner, files)
    misses = [(shown, str(path) if is_url(str(path)) else os.path.abspath(path))
              for number, (shown, path) in enumerate(files) if number not in hits]
    chunks = [misses[i:i + _CHUNK] for i in range(0, len(misses), _CHUNK)]
    client = Client(scheduler_address(url), set_as_default=False)
    try:
        yield from _in_order(client, runner, setup, files, hits, chunks)
    finally:
        client.close()


def _in_order(client, runner: Runner, setup: Setup, files, hits: dict[int, Outcome],
              chunks: list[list[tuple[str, str]]]) -> Iterator[Outcome]:
    [remote_setup] = client.scatter([setup], broadcast=True)
    submitted = []

    def submit(index: int) -> None:
        if index < len(chunks):
            submitted.append(client.submit(_check_chunk, remote_setup, chunks[index], pure=False))

    for index in range(min(_IN_FLIGHT, len(chunks))):
        submit(index)
    pending: list[Outcome] = []
    next_chunk = 0
    first = True
    for number in range(len(files)):
        if number in hits:
            outcome = hits[number]
        else:
            if not pending:
                future = submitted[next_chunk]
                pending = list(future.result())
                submitted[next_chunk] = None  # let the client forget it
                submit(next_chunk + _IN_FLIGHT)
                next_chunk += 1
            outcome = pending.pop(0)
        if first:
            first = False
            extra = runner.linter.take_plugin_diagnostics(outcome.result.path)
            if extra:
                outcome.result = attrs.evolve(outcome.result, diagnostics=(*extra, *outcome.result.diagnostics))
        yield outcome
