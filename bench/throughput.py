"""Throughput benchmark: gailint against the I/O floor, on >= 1,000 real reports.

The corpus is the seeds in examples/ plus ../shared/domain/corpus (when present),
replicated into a temporary directory. Two passes over the same files, in this
process:

* floor  — read bytes, decode, split lines, split cells with str methods;
* lint   — the full pipeline (decode, parse, recognise, every rule).

Then the same comparison as whole processes, which is what a user waits for:
``gailint check --no-cache DIR`` (default ``--jobs``; ``-j 1`` too, for information)
against a bare ``python`` process doing the floor pass over DIR (target: at most 5x).
The in-process pass empties gailint's caches of report text at each copy of a report,
as `bench/caches.py` explains; the whole process cannot, so there every copy after the
first finds its lines in the caches of the worker that met it before: that figure is
optimistic for a batch of distinct reports.
gailint's modules are byte-compiled first, as ``pip install`` leaves them.

Usage: python bench/throughput.py [--count N] [--shared PATH]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from caches import text_caches  # bench/caches.py, beside this script

ROOT = Path(__file__).resolve().parents[1]


def distinct_reports(shared: Path) -> list[Path]:
    sources = sorted((ROOT / "examples").glob("*.txt"))
    corpus = shared / "domain" / "corpus"
    if corpus.is_dir():
        sources += sorted(corpus.glob("*.txt"))
    return sources


def build_corpus(target: Path, count: int, shared: Path) -> list[Path]:
    sources = distinct_reports(shared)
    files = []
    for i in range(count):
        src = sources[i % len(sources)]
        dst = target / f"{i:05d}_{src.name}"
        shutil.copyfile(src, dst)
        files.append(dst)
    return files


def ensure_bytecode() -> None:
    """Compile gailint's modules as ``pip install`` does, so that every process measured
    loads bytecode as the floor's lark, pluggy and attrs do, even from an editable
    install under ``PYTHONDONTWRITEBYTECODE``."""
    import compileall

    import gailint

    compileall.compile_dir(Path(gailint.__file__).parent, quiet=1)


def floor_pass(files: list[Path]) -> int:
    cells = 0
    for path in files:
        text = path.read_bytes().decode("utf-8")
        for line in text.splitlines():
            cells += len(line.split("\t")) + len(line.split("|"))
    return cells


def lint_pass(files: list[Path], distinct: int) -> int:
    """Check `files`, whose texts repeat every `distinct` files: gailint's caches of report text are
    emptied at each repeat, so that every copy is checked as a new report would be (bench/caches.py)."""
    from gailint.engine import Linter
    from gailint.runner import check_bytes

    linter = Linter(load_plugins=False)
    found = 0
    empty = text_caches()
    for index, path in enumerate(files):
        if index % distinct == 0:
            empty()
        found += len(check_bytes(linter, str(path), path.read_bytes()).diagnostics)
    return found


_FLOOR_PROCESS = """
import os, sys
cells = 0
for root, _, names in os.walk(sys.argv[1]):
    for name in names:
        text = open(os.path.join(root, name), "rb").read().decode("utf-8")
        for line in text.splitlines():
            cells += len(line.split("\\t")) + len(line.split("|"))
"""


def process_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def timed(fn, files):
    start = time.perf_counter()
    result = fn(files)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    ensure_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(Path(tmp), args.count, args.shared)
        size = sum(p.stat().st_size for p in files)
        distinct = len(distinct_reports(args.shared))
        lint_pass(files[:20], distinct)  # warm-up: imports, grammar
        floor, _ = timed(floor_pass, files)
        lint, diagnostics = timed(lambda files: lint_pass(files, distinct), files)
        tracemalloc.start()
        lint_pass(files[:100], distinct)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        gailint = [str(Path(sys.executable).with_name("gailint")), "check", "--no-cache", "-q", tmp]
        floor_process = min(process_seconds([sys.executable, "-c", _FLOOR_PROCESS, tmp]) for _ in range(3))
        lint_process = min(process_seconds(gailint) for _ in range(2))
        lint_process_1 = min(process_seconds([*gailint, "-j", "1"]) for _ in range(2))
    mb = size / 1e6
    print(f"reports            {len(files)} ({mb:.1f} MB), {diagnostics} diagnostics")
    print(f"floor pass         {floor:.3f} s  {len(files) / floor:,.0f} reports/s  {mb / floor:.1f} MB/s")
    print(f"gailint (1 core)   {lint:.3f} s  {len(files) / lint:,.0f} reports/s  {mb / lint:.2f} MB/s")
    print(f"ratio lint/floor   {lint / floor:.1f}x")
    print(f"peak traced memory {peak / 1e6:.1f} MB over 100 reports")
    ratio = lint_process / floor_process
    print(f"whole process      gailint check --no-cache DIR {lint_process:.2f} s vs floor {floor_process:.2f} s: "
          f"{ratio:.1f}x  (target <= 5x: {'ok' if ratio <= 5 else 'MISSED'})")
    print(f"                   the same with -j 1: {lint_process_1:.2f} s, {lint_process_1 / floor_process:.1f}x")


if __name__ == "__main__":
    main()
