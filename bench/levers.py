"""What the levers left to issue 14's CPU-time target would give, each alone and all together.

Issue 14 asks for ≤ 2 ms per report in process (≥ 5 MB/s per core), from 5.6 ms at
``de93391``: a CPU-time ratio of 0.357 to that tree, on any machine. What is left to gain
lies in three levers, and each gives up part of the owner's design, so none is taken; this
script measures them, so that the decision rests on figures (docs/architecture.md):

* ``mutable``    the AST's value objects mutable (``attrs.define(unsafe_hash=True)``) instead of
                 frozen with ``ast._fast_init``: they lose their immutability;
* ``no-gai605``  GAI605 not run at all: the bound of any faster search for doubled words
                 (a C extension, as ``re`` and the ``regex`` module are no faster);
* ``mypyc``      ``lexer`` and ``cells`` compiled with mypyc, as black ships: a second build mode;
* ``all``        the three together.

Each variant is this tree's ``src`` with its change applied, in a temporary directory. The
variants, this tree and ``de93391`` run as ``stages.py --serve`` workers, one round each in
turn; printed is each tree's best round and the median of its rounds' ratios to the
``de93391`` round of the same turn, next to the target. Needs git, and for the compiled
variants mypy (``pip install -e ".[test]"``), setuptools and a C compiler with Python's headers.

Usage: python bench/levers.py [--rounds N] [--shared PATH] [--only VARIANT ...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from stages import BASELINE, ROOT, _target, alternate, reports, trees  # bench/stages.py, beside this script


def _replace(path: Path, old: str, new: str, count: int | None = 1) -> None:
    """Replace `old` by `new` in the file, which must hold it `count` times (None: at least once)."""
    text = path.read_text(encoding="utf-8")
    found = text.count(old)
    if found == 0 or count is not None and found != count:
        raise SystemExit(f"levers: {path.name} holds {old!r} {found} times, not {count or 'at least once'}: "
                         "update this script's patch to the code")
    path.write_text(text.replace(old, new), encoding="utf-8")


def mutable(src: Path) -> None:
    ast = src / "gailint" / "ast.py"
    _replace(ast, "@_fast_init\n@attrs.frozen(order=True)\n", "@attrs.define(order=True, unsafe_hash=True)\n")
    _replace(ast, "@_fast_init\n@attrs.frozen\n", "@attrs.define(unsafe_hash=True)\n", None)


def no_gai605(src: Path) -> None:
    _replace(src / "gailint" / "rules" / "gai605_doubled_word.py",
             "    def check(self, report, context):\n", "    def check(self, report, context):\n        return\n")


def mypyc(src: Path) -> None:
    # What mypyc cannot compile as it is: a tuple subclass as a native class, and a str where
    # `Table` takes a Literal (mypy checks the modules before compiling them).
    lexer, cells = src / "gailint" / "lexer.py", src / "gailint" / "cells.py"
    _replace(lexer, "\nclass TableLines(tuple[Line, ...]):",
             "\nfrom mypy_extensions import mypyc_attr\n\n\n@mypyc_attr(native_class=False)\n"
             "class TableLines(tuple[Line, ...]):")
    _replace(cells, "def _encoding(lines: Sequence[Line]) -> str:", "def _encoding(lines: Sequence[Line]) -> Any:")
    _replace(cells, "from collections.abc import Iterator, Sequence\n",
             "from collections.abc import Iterator, Sequence\nfrom typing import Any\n")
    done = subprocess.run([sys.executable, "-m", "mypyc", "gailint/lexer.py", "gailint/cells.py"], cwd=src,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"levers: mypyc failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


VARIANTS: dict[str, tuple[Callable[[Path], None], ...]] = {
    "mutable": (mutable,), "no-gai605": (no_gai605,), "mypyc": (mypyc,), "all": (mutable, no_gai605, mypyc),
}


def variant(name: str, tmp: Path) -> Path:
    """This tree's `src` (and grammar) with variant `name`'s changes, under `tmp`."""
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "src", "grammar"],
                           capture_output=True, check=True).stdout.decode().split("\0")
    for relative in filter(None, files):  # as they are in the working tree, which "this tree" runs
        target = tmp / name / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / relative).read_bytes())
    for change in VARIANTS[name]:
        change(tmp / name / "src")
    return tmp / name / "src"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only", nargs="*", choices=list(VARIANTS), help="these variants only")
    args = parser.parse_args()
    with trees(BASELINE) as found, tempfile.TemporaryDirectory(prefix="gailint-levers-") as tmp:
        found |= {name: variant(name, Path(tmp)) for name in args.only or VARIANTS}
        times = alternate(found, args.shared, args.rounds)
    count = len(reports(args.shared))
    print(f"whole check, {args.rounds} rounds of each tree in turn, ms per report; ratios to {BASELINE}:")
    for name, seconds in times.items():
        median = statistics.median(mine / theirs for mine, theirs in zip(seconds, times[BASELINE]))
        line = f"  {name:<10} best {min(seconds) / count * 1000:7.3f}"
        if name != BASELINE:
            line += f"   paired median {median:.3f}{_target(BASELINE, median)}"
        print(line)


if __name__ == "__main__":
    main()
