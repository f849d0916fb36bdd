"""Text helpers shared by every stage: normalisation, numerals and cell values.

Reports mix full- and half-width punctuation, stray spaces from PDF
extraction, markdown residue and Chinese numerals. Matching is done on a
normalised form; positions always refer back to the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ._lazy_re import lazy_compile
from .ast import Value

__all__ = ["chinese_number", "is_value_text", "nfkc", "normalize", "parse_number", "parse_value"]

# The full-width forms of Chinese prose: each is replaced by what NFKC makes of it before NFKC itself
# is asked for, so that most texts are left normalised by these few str.replace (`nfkc`).
_WIDE = {wide: unicodedata.normalize("NFKC", wide) for wide in "，（）：；！？％\u3000"}


@functools.lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """The form labels are matched on: NFKC (full-width → half-width), no spaces,
    no markdown emphasis, 钩稽 → 勾稽."""
    # White space goes by str.split, which tests characters as re's \s does (str.isspace), in a
    # third of the pattern's time; then str.replace, not str.translate: that looks every character
    # of a non-ASCII text up in its table.
    flat = "".join(nfkc(text).split())
    return flat.replace("*", "").replace("#", "").replace("钩", "勾").replace("“", '"').replace("”", '"')


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), at a fraction of its cost on Chinese prose, whose full-width
    punctuation sends NFKC down its slow path. Exact: a character replaced by its NFKC form (a
    single ASCII character) decomposes to the same as before, so the text's NFKC is unchanged."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for wide, narrow in _WIDE.items():
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 两 → 2, 一百零五 → 105, 三万 → 30000; None if not a numeral."""
    if not text:
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def parse_number(text: str) -> int | Decimal | None:
    """An Arabic (half- or full-width, with thousands separators) or Chinese number."""
    text = nfkc(text).strip().replace(",", "")
    if len(text) > _MAX_DIGITS:
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return Decimal(text)
    return chinese_number(text)


_BLANKS = {"", "/", "-", "—", "——", "–", "－", "无", "\\"}
_MAX_DIGITS = 30
_VALUE_TEXT = lazy_compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


@functools.lru_cache(maxsize=8192)
def parse_value(text: str) -> Value:
    """Parse a table cell: integer, decimal, blank (incl. / and —) or invalid."""
    if text.isascii() and text.isdigit():  # the usual cell, "12": what the general path gives it
        return Value("int", int(text)) if len(text) <= _MAX_DIGITS else Value("invalid")
    norm = nfkc(text).strip()
    if norm in _BLANKS:
        return Value("blank")
    if _VALUE_TEXT.fullmatch(norm):
        digits = norm.replace(",", "")
        if len(digits) > _MAX_DIGITS:
            return Value("invalid")  # no report counts that high; int() would refuse it anyway
        if "." in digits:
            try:
                return Value("decimal", Decimal(digits))
            except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
                return Value("invalid")
        return Value("int", int(digits))
    return Value("invalid")


@functools.lru_cache(maxsize=8192)
def is_value_text(text: str) -> bool:
    """True for what can stand in a value cell: a number, blank, '/' or '—'."""
    if text.isascii() and text.isdigit():  # the usual cell, "12"
        return True
    norm = nfkc(text).strip()
    return norm in _BLANKS or bool(_VALUE_TEXT.fullmatch(norm))
