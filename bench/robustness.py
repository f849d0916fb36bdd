"""Robustness benchmark (issue 7): every figure printed next to its target.

* linearity   — each seed and the same report with its text and tables repeated
                10 times, checked in process: time(10×) / time(1×) ≤ 11;
* adversarial — three 5 MB files (one 5 MB line; 100,000 table rows; 100,000
                headings), each in a fresh ``gailint check`` process with the size
                guard off: < 10 s and < 500 MB peak RSS; and with the default guard
                (skipped with GAI008, never silently);
* jobs        — 1,000 reports, ``--jobs 1`` against ``--jobs 2``: ≥ 1.8×;
* cache       — the same 1,000 reports, a cold run against a second run over the
                unchanged archive: ≥ 10×;
* memory      — peak RSS of the largest gailint process over 1,000 and 10,000
                reports: what each added report costs, against the ~6.7 KB of its
                text (the parent keeps each file's name, not its text or AST);
* cold start  — ``gailint check`` of one report (plugin discovery on, a new cache
                directory) against ``python -c "import lark, pluggy, attrs"``: ≤ 1.5×;
* profile     — the top entries of a cProfile of 200 reports, in process.

Usage: python bench/robustness.py [--count 1000] [--shared PATH] [--skip-adversarial]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from throughput import build_corpus, ensure_bytecode  # noqa: E402

GAILINT = str(Path(sys.executable).with_name("gailint"))
SIZE = 5_000_000


def line(name: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"{name:<46} {value:<28} target {target:<17} {verdict}")


_MEASURE = """
import resource, subprocess, sys, threading, time
limit, command = float(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
killer = threading.Timer(limit, child.kill)  # a blocking wait: wait(timeout) polls, up to 50 ms late
killer.start()
status = child.wait()
seconds = time.perf_counter() - start
killer.cancel()
print(seconds, status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run(args: list[str], limit: float = 600) -> tuple[float, int, float]:
    """(seconds, exit status, peak RSS in MB) of one process, killed after `limit` seconds
    (status -9). A small ``python -S`` process starts it and measures: a child forked from
    this benchmark would count this process's own memory in its peak RSS."""
    out = subprocess.run([sys.executable, "-S", "-c", _MEASURE, str(limit), *args], capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]) / 1024


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def linearity() -> None:
    from gailint.engine import Linter
    from gailint.runner import check_bytes

    linter = Linter(load_plugins=False)
    ratios = []
    for seed in sorted((ROOT / "examples").glob("*.txt")):
        data = seed.read_bytes()
        one = best(lambda: check_bytes(linter, "r.txt", data))
        ten = best(lambda: check_bytes(linter, "r.txt", data * 10), 3)
        ratios.append(ten / one)
    line("linearity: 10x report / 1x", f"max {max(ratios):.1f}x (median {statistics.median(ratios):.1f}x)",
         "<= 11x", max(ratios) <= 11)


def adversarial(tmp: Path) -> None:
    files = {  # each padded to 50 bytes a line: 5 MB
        "one 5 MB line of 总": ("总" * (SIZE // 3)).encode(),
        "one 5 MB line of 一 (a numeral)": ("一" * (SIZE // 3)).encode(),
        "100,000 table rows": b"".join(f"（{i}）本年新收申请\t1\t2\t3\t4\t5\t6\t21".encode().ljust(49) + b"\n"
                                       for i in range(100_000)),
        "100,000 headings": b"".join(f"（{i}）总体情况".encode().ljust(49) + b"\n" for i in range(100_000)),
    }
    for name, data in files.items():
        path = tmp / "adversarial.txt"
        path.write_bytes(data[:SIZE])
        seconds, status, peak = run([GAILINT, "check", "--no-plugins", "--no-cache", "-q", "--max-file-size", "0",
                                     "--output-format", "concise", str(path)], limit=60)
        line(f"{name} ({len(data[:SIZE]) / 1e6:.1f} MB), no guard",
             f"{seconds:.1f} s, {peak:.0f} MB, exit {status}" if status >= 0 else f"killed after {seconds:.0f} s",
             "< 10 s, < 500 MB", seconds < 10 and peak < 500 and status >= 0)
        seconds, status, peak = run([GAILINT, "check", "--no-plugins", "--no-cache", "-q", str(path)])
        line(f"{name}, default guard", f"{seconds:.2f} s, {peak:.0f} MB, exit {status}", "GAI008, exit 2",
             status == 2)


def jobs_and_cache(tmp: Path, count: int, shared: Path) -> None:
    archive = tmp / "archive"
    archive.mkdir()
    build_corpus(archive, count, shared)
    check = [GAILINT, "check", "--no-plugins", "-q", "--output-format", "concise", str(archive)]
    run([*check, "--no-cache", "-j", "1"])  # warm the page cache
    one = min(run([*check, "--no-cache", "-j", "1"])[0] for _ in range(3))
    two = min(run([*check, "--no-cache", "-j", "2"])[0] for _ in range(3))
    line(f"--jobs 2 vs 1 ({count} reports)", f"{one / two:.2f}x ({one:.2f} s / {two:.2f} s)", ">= 1.8x",
         one / two >= 1.8)
    cache = tmp / "cache"
    cold = run([*check, "--cache-dir", str(cache), "-j", "1"])[0]
    warm = min(run([*check, "--cache-dir", str(cache), "-j", "1"])[0] for _ in range(2))
    line(f"cache, second run ({count} reports)", f"{cold / warm:.1f}x ({cold:.2f} s / {warm:.2f} s)", ">= 10x",
         cold / warm >= 10)
    shutil.rmtree(cache)
    cold = run([*check, "--cache-dir", str(cache)])[0]
    warm = min(run([*check, "--cache-dir", str(cache)])[0] for _ in range(2))
    line("cache, second run, default --jobs", f"{cold / warm:.1f}x ({cold:.2f} s / {warm:.2f} s)", ">= 10x",
         cold / warm >= 10)


def memory(tmp: Path, shared: Path) -> None:
    """Peak RSS of the largest gailint process (parent or worker) over 1,000 and 10,000
    reports: flat when no process holds more than the report it is checking."""
    peaks = {}
    for count in (1_000, 10_000):
        archive = tmp / f"memory-{count}"
        archive.mkdir()
        build_corpus(archive, count, shared)
        _, _, peaks[count] = run([GAILINT, "check", "--no-plugins", "--no-cache", "-q", "--output-format",
                                  "concise", str(archive)])
        shutil.rmtree(archive)
    per_report = (peaks[10_000] - peaks[1_000]) * 1024 / 9_000  # KB a report adds; the file list's name is ~0.5 KB
    line("memory: peak RSS, 1,000 → 10,000 reports", f"{peaks[1_000]:.0f} → {peaks[10_000]:.0f} MB, "
         f"{per_report:.2f} KB/report", "< 1 KB/report", per_report < 1)


def cold_start(tmp: Path) -> None:
    """As a user starts it: plugin discovery on, a cache directory that does not exist yet
    (a miss, then the entry written); and bare, with --no-plugins --no-cache."""
    seed = str(sorted((ROOT / "examples").glob("*.txt"))[1])
    floor = min(run([sys.executable, "-c", "import lark, pluggy, attrs"])[0] for _ in range(7))
    fresh = (str(tmp / f"cold-cache-{n}") for n in itertools.count())
    default = min(run([GAILINT, "check", "-q", "--cache-dir", next(fresh), seed])[0] for _ in range(7))
    bare = min(run([GAILINT, "check", "--no-plugins", "--no-cache", "-q", seed])[0] for _ in range(7))
    line("cold start: check 1 report", f"{default / floor:.2f}x ({default * 1000:.0f} ms / {floor * 1000:.0f} ms)",
         "<= 1.5x", default / floor <= 1.5)
    line("  the same, --no-plugins --no-cache", f"{bare / floor:.2f}x ({bare * 1000:.0f} ms)", "(information)", None)


def profile(tmp: Path, shared: Path) -> None:
    from gailint.engine import Linter
    from gailint.runner import check_bytes

    folder = tmp / "profile"
    folder.mkdir()
    files = build_corpus(folder, 200, shared)
    linter = Linter(load_plugins=False)
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        check_bytes(linter, str(path), path.read_bytes())
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(10)
    print("profile, 200 reports, top 10 by own time:")
    body = out.getvalue()
    print(body[body.index("   ncalls"):].rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--skip-adversarial", action="store_true")
    args = parser.parse_args()
    ensure_bytecode()
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        linearity()
        if not args.skip_adversarial:
            adversarial(Path(tmp))
        jobs_and_cache(Path(tmp), args.count, args.shared)
        memory(Path(tmp), args.shared)
        cold_start(Path(tmp))
        profile(Path(tmp), args.shared)


if __name__ == "__main__":
    main()
