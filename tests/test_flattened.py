"""Property: flattening a report and gluing its table cells never changes a number silently.

For every readable table of the seeds and the development corpus: glue the cells of random
rows into digit runs (some with stray spaces), render the page as a scraper leaves it (the
whole body on one line, `tests.flattening`), and check it. gailint must give the same GAI2
findings as on the original, or report the table as ambiguous (GAI002) — never read a
different number. `GAILINT_PROPERTY_EXAMPLES` sets the number of examples (default 200, CI);
`bench/flattened.py` runs many more and prints the shares recovered / ambiguous / wrong.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gailint.engine import Linter
from gailint.runner import check_bytes

from .conftest import CORPUS, EXAMPLES, corpus_file
from .flattening import classify, flattened, gai2_findings, readable_tables

EXAMPLES_N = int(os.environ.get("GAILINT_PROPERTY_EXAMPLES", "200"))


def _reports() -> list[Path]:
    corpus_file("001")  # skips without the corpus, fails under CI=true
    found = sorted(EXAMPLES.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    return [path for path in found if _original(path)[1]]


@functools.cache
def _linter() -> Linter:
    return Linter(load_plugins=False)


@functools.cache
def _original(path: Path):
    result = check_bytes(_linter(), str(path), path.read_bytes())
    return result, readable_tables(result.report) if result.report is not None else []


@functools.cache
def _paths() -> tuple[Path, ...]:
    return tuple(_reports())


@st.composite
def glue(draw):
    """A glue decision per (table, row): glued or not; for glued rows, a stray space per gap (20 %)."""
    seed = draw(st.integers(0, 2**32 - 1))
    share = draw(st.sampled_from([0.3, 0.7, 1.0]))
    return seed, share


def test_flattened_tables_keep_their_numbers():
    paths = _paths()
    assert paths

    @settings(max_examples=EXAMPLES_N, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(paths), glue())
    def check(path, decision):
        original, tables = _original(path)
        text = flattened(original.report, *decision)
        result = check_bytes(_linter(), str(path), text.encode("utf-8"))
        outcome = classify(original.report, tables, result.report, result.diagnostics)
        assert outcome["wrong"] == 0, (path.name, outcome, text)
        if outcome["ambiguous"] == 0:
            assert gai2_findings(result.diagnostics) == gai2_findings(original.diagnostics), (path.name, text)

    check()
