import codecs

import pytest

from gailint.source import DecodeError, LineIndex, decode

TEXT = "淮安市人民政府\n2024 年政府信息公开工作年度报告\n一、总体情况\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", b""),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", codecs.BOM_UTF8),
        (TEXT.encode("gb18030"), "gb18030", b""),
        (TEXT.encode("gbk"), "gb18030", b""),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_decodes_supported_encodings(data, encoding, bom):
    source = decode(data, "r.txt")
    assert source.text == TEXT
    assert source.encoding == encoding
    assert source.bom == bom


def test_binary_file_is_an_error_not_a_crash():
    with pytest.raises(DecodeError) as info:
        decode(b"\xd0\xcf\x11\xe0\x00\x00\x00\x00binary", "x.doc.txt")
    assert "NUL" in info.value.message_en


def test_undecodable_bytes_name_their_offset():
    with pytest.raises(DecodeError) as info:
        decode("一、总体情况".encode("utf-8") + b"\xff\xfe\xff", "x.txt")
    assert info.value.offset == 18


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_are_exact_for_every_newline(newline):
    text = newline.join(["一、总体情况", "2024 年，本机关收到申请 5 件。", "二、主动公开政府信息情况"])
    index = LineIndex(text)
    offset = text.index("5 件")
    assert index.position(offset) == (2, 16)
    assert index.line_text(2) == "二、主动公开政府信息情况"
    assert decode(text.encode(), "r").newline == newline


def test_only_cr_lf_end_lines():
    text = "甲\f乙\u2028丙\n丁"
    index = LineIndex(text)
    assert len(index) == 2
    assert index.position(text.index("丙")) == (1, 5)


def test_utf16_position_counts_astral_characters_twice():
    text = "𠀀总计"
    assert LineIndex(text).utf16_position(1) == (0, 2)


def test_absurdly_long_numbers_are_invalid_not_a_crash():
    from gailint.text import parse_number, parse_value

    assert parse_value("9" * 100_000).kind == "invalid"
    assert parse_number("９" * 5_000) is None
    assert parse_value("1,234").number == 1234
