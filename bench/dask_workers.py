"""Distributed throughput: ``gailint check --executor dask://…`` on a dask.distributed
LocalCluster of 1 and of 2 worker processes (one thread each), against ``--jobs 1``.

The reports are the seeds in examples/ plus ../shared/domain/corpus (when present),
replicated into a temporary directory; the cache is off, the output (json) goes to a
null stream. Each configuration runs ``--repeat`` times after one warm-up run (which
starts the workers' imports); the best time counts. The cluster's start-up is not
timed: on an archive it is paid once. Target: ≥ 1.6× on 2 workers against 1.

On a machine with fewer free cores than workers the ratio measures the contention,
not gailint: the script prints the load average next to the figures.

Usage: python bench/dask_workers.py [--count N] [--repeat R] [--shared PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from throughput import build_corpus  # noqa: E402


def timed(argv: list[str], repeat: int) -> float:
    from gailint.cli import main

    best = float("inf")
    for _ in range(repeat + 1):  # the first run warms up (imports in the workers)
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            main(argv)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp)
        build_corpus(reports, args.count, args.shared)
        common = [str(reports), "--no-cache", "-q", "--output-format", "json", "--exit-zero"]
        print(f"{args.count} reports; load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        local = timed(["check", *common, "--jobs", "1"], args.repeat)
        print(f"--jobs 1          {local:6.2f} s  {args.count / local:7.1f} reports/s")
        rates = {}
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                              silence_logs=50) as cluster:
                url = cluster.scheduler_address.replace("tcp://", "dask://")
                seconds = timed(["check", *common, "--executor", url], args.repeat)
            rates[workers] = args.count / seconds
            print(f"dask, {workers} worker{'s' if workers > 1 else ' '}  {seconds:6.2f} s  {rates[workers]:7.1f} reports/s")
        ratio = rates[2] / rates[1]
        print(f"2 workers / 1 worker: {ratio:.2f}x (target >= 1.6x); load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
