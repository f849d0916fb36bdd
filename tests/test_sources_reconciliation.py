"""Reconciliation defects listed in corpus/SOURCES.md, each at its line."""

from gailint.runner import check_bytes
from gailint.source import LineIndex

from .conftest import corpus_file


def _found(linter, number: str, prefix: str):
    path = corpus_file(number)
    result = check_bytes(linter, str(path), path.read_bytes())
    index = LineIndex(result.source.text)
    return [(d.code, *index.position(d.span.start), d.message) for d in result.diagnostics if d.code.startswith(prefix)]


def test_hongze_2023_review_total_is_zero(linter):
    # 行政复议 结果维持 10, 结果纠正 1, 其他 0, 尚未 0, 总计 0 (A5)
    assert ("GAI205", 428, 1, "行政复议 总计应为 11（10+1+0+0），实为 0") in _found(linter, "010", "GAI205")


def test_hongze_2023_suit_after_review_total_is_zero(linter):
    # 复议后起诉 结果维持 5, 总计 0 (A5)
    assert ("GAI205", 450, 1, "行政诉讼（复议后起诉） 总计应为 5（5+0+0+0），实为 0") in _found(linter, "010", "GAI205")


def test_consistent_corpus_tables_have_no_reconciliation_errors(linter):
    # SOURCES.md: 008/009 (淮安 2024) and 011 (洪泽 2024) are consistent (A1–A3, A5); 010's table 2 too.
    for number in ("008", "009", "011"):
        assert _found(linter, number, "GAI2") == [], number
    assert [d[0] for d in _found(linter, "010", "GAI2")] == ["GAI205", "GAI205"]
