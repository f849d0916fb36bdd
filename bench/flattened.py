"""Flattened (scraped) pages: the cost of re-segmentation and the cell solver, and how often
glued tables are recovered.

1. Normal reports (the seeds in examples/, and the corpus files that are not flattened):
   the whole check with `resegment` as it is, against the same check with re-segmentation
   switched off — target: the new stage adds ≤ 10 %.
2. Flattened pages of 5–17 KB (each seed rendered as a scraper leaves it, all cells glued;
   and the real scraped pages of the corpus, when present) — target: a 10 KB page in
   ≤ 20 ms per check.
3. Shares over many random glued-and-flattened variants of every readable table of the
   seeds and the corpus (`tests.flattening`): recovered exactly, ambiguous (GAI002), wrong
   (a number changed silently) — wrong must be 0.

Times are CPU seconds of this process (`time.process_time`), best of `--repeat` rounds.

Usage: python bench/flattened.py [--repeat N] [--variants N] [--shared PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gailint import lexer  # noqa: E402
from gailint.engine import Linter  # noqa: E402
from gailint.runner import check_bytes  # noqa: E402
from tests.flattening import classify, flattened, readable_tables  # noqa: E402

TARGET_OVERHEAD = 0.10
TARGET_FLAT_MS = 20.0


def _best(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--variants", type=int, default=200, help="random variants per report for the shares")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    linter = Linter(load_plugins=False)
    corpus = args.shared / "domain" / "corpus"
    paths = sorted((ROOT / "examples").glob("*.txt")) + (sorted(corpus.glob("*.txt")) if corpus.is_dir() else [])
    data = [(str(p), p.read_bytes()) for p in paths]
    normal = [(n, d) for n, d in data if "collapsed" not in n]

    def run(items):
        for name, raw in items:
            check_bytes(linter, name, raw)

    run(data)  # warm up: grammar, lazy patterns, rule modules
    with_stage = _best(lambda: run(normal), args.repeat)
    original = lexer.split_points
    lexer.split_points = lambda text: []
    try:
        without = _best(lambda: run(normal), args.repeat)
    finally:
        lexer.split_points = original
    overhead = with_stage / without - 1
    print(f"normal reports ({len(normal)}): {with_stage * 1000 / len(normal):.2f} ms/report with re-segmentation, "
          f"{without * 1000 / len(normal):.2f} without: {overhead:+.1%}  (target ≤ +{TARGET_OVERHEAD:.0%})")

    originals = {name: check_bytes(linter, name, raw) for name, raw in data}
    pages = []
    for name, result in originals.items():
        if name.startswith(str(ROOT / "examples")) and result.report is not None:
            pages.append((f"{Path(name).name} flattened", flattened(result.report, 1, 1.0).encode("utf-8")))
    pages += [(Path(n).name, d) for n, d in data if "collapsed" in n]  # the real scraped pages (9–17 KB)
    for name, raw in pages:
        seconds = _best(lambda: check_bytes(linter, name, raw), args.repeat)
        print(f"flattened page {name} ({len(raw) / 1024:.1f} KB): {seconds * 1000:.1f} ms  (target ≤ {TARGET_FLAT_MS:.0f} ms)")

    totals = {"recovered": 0, "ambiguous": 0, "wrong": 0}
    by_table = {1: dict(totals), 2: dict(totals), 3: dict(totals)}
    for name, result in originals.items():
        tables = readable_tables(result.report) if result.report is not None else []
        if not tables:
            continue
        for variant in range(args.variants):
            text = flattened(result.report, variant, (0.3, 0.7, 1.0)[variant % 3])
            flat = check_bytes(linter, name, text.encode("utf-8"))
            for table in tables:
                outcome = classify(result.report, [table], flat.report, flat.diagnostics)
                for key, count in outcome.items():
                    totals[key] += count
                    by_table[table.number][key] += count
    count = sum(totals.values())
    print(f"glued tables ({count} = tables × {args.variants} variants): " + ", ".join(
        f"{key} {value} ({value / count:.1%})" for key, value in totals.items()) + "  (wrong must be 0)")
    for number, counts in by_table.items():
        n = sum(counts.values())
        if n:
            print(f"  table {number}: " + ", ".join(f"{k} {v / n:.1%}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
