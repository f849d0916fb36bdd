"""The text helpers every stage matches on: their fast paths give what the general ones give."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from gailint.ast import Value
from gailint.text import is_value_text, nfkc, normalize, parse_value

# What reports are made of, and what unsettles NFKC: full-width forms, combining marks after them,
# Kangxi radicals and compatibility ideographs (PDF text), ligatures, the ideographic space.
_REPORT_CHARACTERS = st.sampled_from(
    list("政府信息公开申请本年新收勾钩稽第二十条（）()，,：:；;！？％%　 \t·…—“”、。0123456789０１２３４５６７８９")
    + ["\u0301", "\u0308", "\u2f00", "\u2f8f", "\uf900", "\ufa0a", "\ufb01", "\u2460", "\u00b2", "\ufe51"]
    # white space of every kind (normalize drops what str.split splits on, as re's \s), and
    # what is not white space though it looks it (zero-width space, word joiner)
    + ["\xa0", "\x0b", "\x1c", "\x85", "\u2028", "\u2009", "\u200b", "\u2060", "\r", "\n", "*", "#"]
)
_TEXT = st.one_of(st.text(_REPORT_CHARACTERS, max_size=40), st.text(max_size=40))


@given(_TEXT)
@example("，\u0301")  # a combining mark after a full-width comma
@example("（\u3000）")
def test_nfkc_is_unicodedatas(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(_TEXT)
@example("第 二十\u00a0条\u2028**勾稽\u200b")
def test_normalize_is_nfkc_without_spaces_or_emphasis_with_the_variants_replaced(text):
    expected = re.sub(r"[\s\u3000*#]+", "", unicodedata.normalize("NFKC", text))
    expected = expected.translate(str.maketrans({"钩": "勾", "“": '"', "”": '"'}))
    assert normalize(text) == expected


def _general_value(text: str) -> Value:
    """parse_value's general path, for ASCII digits: NFKC, then the number pattern."""
    norm = unicodedata.normalize("NFKC", text).strip()
    assert re.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?", norm)
    return Value("int", int(norm)) if len(norm) <= 30 else Value("invalid")


@given(st.from_regex(r"[0-9]{1,40}", fullmatch=True))
@example("0")
@example("0123")
@example("1" * 30)
@example("1" * 31)
def test_a_cell_of_ascii_digits_is_read_as_the_general_path_reads_it(text):
    assert parse_value(text) == _general_value(text)
    assert is_value_text(text)


def test_other_cells_still_take_the_general_path():
    assert parse_value("１２") == Value("int", 12)  # full-width digits
    assert parse_value("1,234") == Value("int", 1234)
    assert parse_value("3.50") == Value("decimal", Decimal("3.50"))
    assert parse_value("／") == Value("blank")
    assert parse_value("²") == Value("int", 2)  # not ASCII (str.isdigit() is true of it): NFKC reads 2
    assert parse_value("无") == Value("blank")
    assert parse_value("") == Value("blank")
