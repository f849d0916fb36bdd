"""Property-based tests: real report text, mutated, never breaks gailint.

Hypothesis mutates the seed reports (examples/000–004): lines deleted,
duplicated and swapped; random code points inserted (astral characters, NUL,
\\f, U+2028, a BOM in the middle, …); digits changed; separators removed; the
text truncated; then encodes the result in every supported encoding (and
sometimes cuts the bytes mid-character). For every input, ``gailint check``
(in process, JSON output):

* raises nothing — and no rule raised either (no GAI005);
* exits with 0, 1 or 2;
* puts every diagnostic inside its document, its end not before its start —
  and so does every output format and the language server's range conversion, for
  every diagnostic and every fix edit (issue 15).

CI runs ``GAILINT_HYPOTHESIS_EXAMPLES`` examples per test (default 150, four
tests: 600); the long run is documented in docs/robustness.md::

    GAILINT_HYPOTHESIS_EXAMPLES=5000 pytest tests/test_properties.py
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gailint import cli
from gailint.source import DecodeError, LineIndex, decode

from .conftest import SEEDS

EXAMPLES = int(os.environ.get("GAILINT_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    derandomize=os.environ.get("CI") == "true",  # CI: the same examples on every run
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TEXTS = [path.read_text(encoding="utf-8") for _, path in sorted(SEEDS.items())]
SPECIAL = ["\x00", "\f", "\v", "\u2028", "\u2029", "\ufeff", "\r", "\n", "\r\n", "\t", "|", "\u3000", "\U0001F600",
           "\U00020000", "\ud7ff", "\ue000", "\u200b", "\u0301", "（", "）", "、", "：", "%", "．", "〇", "十"]
SEPARATORS = ["\t", "|", " ", "\u3000", "：", "、"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32", "gbk"]

code_points = st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8"),
                        st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, codec="utf-8"))


@st.composite
def mutated(draw) -> str:
    """A seed report with a handful of random mutations applied."""
    lines = draw(st.sampled_from(TEXTS)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "digit", "separators", "truncate"]))
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[at: at + draw(st.integers(1, 10))]
        elif kind == "duplicate":
            lines[at:at] = lines[at: at + draw(st.integers(1, 10))] * draw(st.integers(1, 3))
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "insert":
            line = lines[at]
            where = draw(st.integers(0, len(line)))
            lines[at] = line[:where] + "".join(draw(st.lists(code_points, min_size=1, max_size=5))) + line[where:]
        elif kind == "digit":
            digits = [i for i, ch in enumerate(lines[at]) if ch.isdigit()]
            if digits:
                i = draw(st.sampled_from(digits))
                lines[at] = lines[at][:i] + draw(st.sampled_from("0123456789０９一")) + lines[at][i + 1:]
        elif kind == "separators":
            lines[at] = lines[at].replace(draw(st.sampled_from(SEPARATORS)), "")
        else:
            text = "".join(lines)
            lines = text[: draw(st.integers(0, len(text)))].splitlines(keepends=True)
    return "".join(lines)


@st.composite
def encoded(draw) -> bytes:
    """A mutated report in one of the supported encodings, sometimes cut mid-character."""
    text = draw(mutated())
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


def run_check(data: bytes, output_format: str = "json") -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "report.txt")
        path.write_bytes(data)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = cli.main(["check", "--no-plugins", "--no-cache", "--jobs", "1", "-q",
                               "--output-format", output_format, str(path)])
    return status, out.getvalue()


def assert_inside(data: bytes, items: list[dict]) -> None:
    try:
        text = decode(data).text
    except DecodeError:
        assert [(i["code"], i["location"], i["end_location"]) for i in items] == [
            ("GAI001", {"row": 1, "column": 1}, {"row": 1, "column": 1})]
        return
    index = LineIndex(text)
    for item in items:
        start = (item["location"]["row"], item["location"]["column"])
        end = (item["end_location"]["row"], item["end_location"]["column"])
        assert end >= start, item
        for row, column in (start, end):
            assert 1 <= row <= len(index), item
            assert 1 <= column <= len(index.line_text(row - 1)) + 2, item  # +2: may end on a line break


@SETTINGS
@given(encoded())
def test_mutated_reports_never_break_gailint(data):
    status, out = run_check(data)
    items = json.loads(out)
    assert status in (0, 1, 2)
    assert not [i for i in items if i["code"] == "GAI005"], "a rule raised"
    assert_inside(data, items)


@SETTINGS
@given(st.lists(code_points, max_size=300).map("".join), st.sampled_from(ENCODINGS))
def test_arbitrary_text_never_breaks_gailint(text, encoding):
    data = text.encode(encoding, errors="replace")
    assert run_check(data, "full")[0] in (0, 1, 2)  # the source-line and caret rendering too
    status, out = run_check(data)
    items = json.loads(out)
    assert status in (0, 1, 2)
    assert not [i for i in items if i["code"] == "GAI005"], "a rule raised"
    assert_inside(data, items)


# --- every output format and the language server (issue 15) ------------------------------

_RUNNER = None
POSITIONAL = ("full", "concise", "json", "json-lines", "sarif", "github", "junit")


def _runner():
    """One Runner for all examples (building the Linter per example would dominate the time)."""
    global _RUNNER
    if _RUNNER is None:
        from gailint.engine import Linter
        from gailint.runner import Runner

        _RUNNER = Runner(Linter(load_plugins=False))
    return _RUNNER


def _inside(index: LineIndex, start: tuple[int, int], end: tuple[int, int], what: object) -> None:
    """1-based (row, column) positions: in order, on a line of the document, at most one past
    its last character (+1 more: a span may end on the line break)."""
    assert end >= start, what
    for row, column in (start, end):
        assert 1 <= row <= len(index), what
        assert 1 <= column <= len(index.line_text(row - 1)) + 2, what


def _positions_of(fmt: str, out: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Every (start, end) an output format printed, read back from its own syntax."""
    if fmt in ("json", "json-lines"):
        items = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.split("\n") if line]
        found = []
        for item in items:
            found.append(((item["location"]["row"], item["location"]["column"]),
                          (item["end_location"]["row"], item["end_location"]["column"])))
            for edit in (item["fix"] or {}).get("edits", ()):
                if edit["location"] is not None:
                    found.append(((edit["location"]["row"], edit["location"]["column"]),
                                  (edit["end_location"]["row"], edit["end_location"]["column"])))
        return found
    if fmt == "sarif":
        found = []
        for result in json.loads(out)["runs"][0]["results"]:
            regions = [result["locations"][0]["physicalLocation"]["region"]]
            regions += [r["deletedRegion"] for fix in result.get("fixes", ()) for change in fix["artifactChanges"]
                        for r in change["replacements"]]
            found += [((r["startLine"], r["startColumn"]), (r["endLine"], r["endColumn"])) for r in regions]
        return found
    if fmt == "github":
        found = []
        for line in filter(None, out.split("\n")):  # JSON and annotations may hold U+2028: not a line end
            fields = dict(part.split("=", 1) for part in line.split(" ", 1)[1].split("::")[0].split(","))
            found.append(((int(fields["line"]), int(fields["col"])), (int(fields["endLine"]), int(fields["endColumn"]))))
        return found
    # full, concise, junit: "path:row:col:" — the start only
    found = []
    for match in re.finditer(r"report\.txt:(-?\d+):(-?\d+):", out):
        start = (int(match.group(1)), int(match.group(2)))
        found.append((start, start))
    return found


_UNITS = {"utf-8": lambda s: len(s.encode("utf-8", "surrogatepass")),
          "utf-16": lambda s: len(s.encode("utf-16-le", "surrogatepass")) // 2, "utf-32": len}


def _assert_lsp_ranges(text: str, spans: list) -> None:
    """The language server's conversion (lsp.positions) of every diagnostic and edit span, in
    each position encoding: start before end, on a line of the document, within the line."""
    from gailint.lsp.positions import Positions

    index = LineIndex(text)
    for encoding, units in _UNITS.items():
        positions = Positions(text, encoding)
        for span in spans:
            lsp = positions.range(span)
            start, end = (lsp.start.line, lsp.start.character), (lsp.end.line, lsp.end.character)
            assert start <= end, (encoding, span, lsp)
            for line, character in (start, end):
                assert 0 <= line < len(index), (encoding, span, lsp)
                assert 0 <= character <= units(index.line_text(line)), (encoding, span, lsp)


def assert_every_format(data: bytes) -> None:
    from gailint.output import FORMATS, write

    runner = _runner()
    result = runner.check("report.txt", data, stdin=True).result
    text = result.source.text if result.source is not None else ""
    index = LineIndex(text)
    spans = [d.span for d in result.diagnostics] + [e.span for d in result.diagnostics if d.fix for e in d.fix.edits]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), span
    counted = sum(1 for d in result.diagnostics)
    for fmt in FORMATS:  # every format renders; those that print positions are read back
        out = io.StringIO()
        write([result], out, fmt, rules=runner.linter.rules)
        if fmt not in POSITIONAL:
            continue
        printed = _positions_of(fmt, out.getvalue())
        if fmt not in ("json", "json-lines", "sarif"):
            assert len(printed) == counted, (fmt, out.getvalue())
        for start, end in printed:
            _inside(index, start, end, (fmt, start, end))
    if result.source is not None:
        _assert_lsp_ranges(text, spans)


@SETTINGS
@given(encoded())
def test_every_format_and_the_language_server_keep_ranges_in_order(data):
    assert_every_format(data)


@SETTINGS
@given(st.lists(code_points, max_size=300).map("".join), st.sampled_from(ENCODINGS))
def test_every_format_keeps_ranges_in_order_for_arbitrary_text(text, encoding):
    assert_every_format(text.encode(encoding, errors="replace"))


@pytest.mark.parametrize("text", ["\t第二十条第（一）项\n\t0\n\n\t行政规范性文件", "第二十条第（八）项\n2\n行政事业性收费"])
def test_the_fuzzed_reproducers_keep_ranges_in_order_everywhere(text):
    """The two reports behind the 26 reversed ranges found in 40,000 fuzzed reports."""
    assert_every_format(text.encode("utf-8"))
