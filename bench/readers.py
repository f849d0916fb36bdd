"""Word and HTML readers benchmark: documents per second per core, against the target.

The documents: the five seed reports built as a Word file and as a CMS page the way the
tests build them (`tests/docfixtures.py`: merged cells, numbered headings; site chrome,
rowspan/colspan), plus the Word template and the two real 平潭 pages of
../shared/domain/files when present. Each is read `--rounds` times in this process after
a warm-up (lxml loaded, rules imported), timed in CPU time of this process (one core,
whatever else the machine runs), each round starting with gailint's caches of report text
emptied, as a batch of new documents would meet them (`bench/caches.py`):

* read   — the reader alone (`gailint.readers.docx.read` / `gailint.readers.html.read`);
* check  — read + every rule (`Linter.check_source`) + each diagnostic located in the
  original (`SourceMap.locate`), what `gailint check` does per file before writing its
  output. Locating is counted because the HTML reader's source map computes line:column
  only for the spans it is asked about, so leaving it out would hide part of the cost.

Prints documents/s for each next to the target (≥ 100 documents/s per core), as the mean
over all rounds and for the best round (the figure least disturbed by other load on the
machine, as `bench/stages.py` reports it) and, with --profile, the top of a profile of
the read pass.

Usage: python bench/readers.py [--rounds N] [--shared PATH] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

from caches import text_caches  # bench/caches.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
TARGET = 100.0  # documents per second per core


def documents(work: Path, shared: Path) -> dict[str, list[tuple[str, bytes]]]:
    sys.path.insert(0, str(ROOT))
    from tests.docfixtures import seed_to_docx, seed_to_html

    found: dict[str, list[tuple[str, bytes]]] = {"docx": [], "html": []}
    for seed in sorted((ROOT / "examples").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for kind, build in (("docx", seed_to_docx), ("html", seed_to_html)):
            path = build(text, work / f"{seed.stem}.{kind}")
            found[kind].append((path.name, path.read_bytes()))
    files = shared / "domain" / "files"
    for path in sorted(files.glob("*.docx")) + sorted(files.glob("*.html")) if files.is_dir() else []:
        found[path.suffix.lstrip(".")].append((path.name, path.read_bytes()))
    return found


def measure(kind: str, items: list[tuple[str, bytes]], rounds: int, linter) -> dict[str, tuple[float, float]]:
    """Documents/s reading and reading + checking, CPU time of this process: ``mean`` over
    all rounds and the ``best`` round (the one least disturbed by whatever else ran)."""
    from gailint.readers import docx, html
    from gailint.source import Source

    read = {"docx": docx.read, "html": html.read}[kind]

    def check(name: str, data: bytes) -> None:
        extracted = read(data, name)
        result = linter.check_source(Source(name, extracted.text, "utf-8", format=extracted.format,
                                            origin=extracted.origin))
        for diagnostic in result.diagnostics:
            extracted.origin.locate(diagnostic.span)

    def timed(step) -> list[float]:
        times = []
        for _ in range(rounds):
            empty()  # every round meets the documents as new ones (bench/caches.py)
            started = time.process_time()
            for name, data in items:
                step(name, data)
            times.append(time.process_time() - started)
        return times

    for name, data in items:  # warm-up: lxml, the rules, lazy patterns
        check(name, data)
    empty = text_caches()
    reading, checking = timed(lambda name, data: read(data, name)), timed(check)
    count = len(items)
    return {"mean": (count * rounds / sum(reading), count * rounds / sum(checking)),
            "best": (count / min(reading), count / min(checking))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    from gailint.engine import Linter

    linter = Linter(load_plugins=False)
    with tempfile.TemporaryDirectory() as work:
        found = documents(Path(work), args.shared)
    print(f"target: ≥ {TARGET:.0f} documents/s per core (CPU time of one process)")
    for kind, items in found.items():
        figures = measure(kind, items, args.rounds, linter)
        for statistic in ("mean", "best"):
            reading, checking = figures[statistic]
            verdict = "meets" if checking >= TARGET else "BELOW"
            label = f"{len(items)} documents × {args.rounds}" if statistic == "mean" else "best round"
            print(f"{kind:5} {label:<20} {statistic:4}: read {reading:7.1f}/s   "
                  f"read + check {checking:7.1f}/s   ({verdict} the target)")
        for name, data in items:
            one = measure(kind, [(name, data)], max(1, args.rounds // 4), linter)["mean"][0]
            print(f"      {name:<40} {len(data) / 1024:8.0f} KiB   read {one:7.1f}/s")
        if args.profile:
            from gailint.readers import docx, html

            profile = cProfile.Profile()
            profile.enable()
            for name, data in items:
                {"docx": docx.read, "html": html.read}[kind](data, name)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
