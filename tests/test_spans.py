"""Issue 15 (part A): a diagnostic's range never ends before it starts.

The two reproducers found by fuzzing 40,000 reports: in table 1 (第二十条) a row's label
may come after its numbers, and the span of the row (GAI105) or of the unmapped block
(GAI004) was built from the label's start to the last number's end — reversed. Spans are
now the hull of the cells involved (`Span.covering`). The engine's own guard, which
refuses a reversed span from any rule, is tested in test_plugin_guard.py; the property
test in test_properties.py checks every output format and the language server's ranges.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from gailint import cli
from gailint.ast import Span

REPRODUCERS = {
    # the printf commands, byte for byte
    "a.txt": ("\t第二十条第（一）项\n\t0\n\n\t行政规范性文件", "GAI004", (2, 2), (4, 9)),
    "b.txt": ("第二十条第（八）项\n2\n行政事业性收费", "GAI105", (2, 1), (3, 8)),
}


def check(tmp_path, name: str, text: str, fmt: str = "json") -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        cli.main(["check", "--no-plugins", "--no-cache", "-q", "--output-format", fmt, str(tmp_path / name)])
    return out.getvalue()


@pytest.mark.parametrize("name", REPRODUCERS)
def test_the_fuzzed_reversed_ranges_are_now_in_order(tmp_path, name):
    text, code, start, end = REPRODUCERS[name]
    items = json.loads(check(tmp_path, name, text))
    [item] = [i for i in items if i["code"] == code]
    assert (item["location"]["row"], item["location"]["column"]) == start
    assert (item["end_location"]["row"], item["end_location"]["column"]) == end


def test_the_full_format_underlines_from_the_start(tmp_path):
    text, *_ = REPRODUCERS["a.txt"]
    out = check(tmp_path, "a.txt", text, "full")
    assert f"{tmp_path / 'a.txt'}:2:2: GAI004 第二十条第（一）项：1 行应有 3 个数值，实有 1 个\n  |\n2 |     0\n" \
           "  |     ^\n" in out


def test_covering_is_the_hull_in_any_order():
    assert Span.covering(Span(30, 37), Span(12, 13)) == Span(12, 37)
    assert Span.covering(Span(5, 9)) == Span(5, 9)
    assert Span.covering(Span(4, 6), Span(0, 1), Span(8, 8)) == Span(0, 8)
