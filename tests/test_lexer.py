"""The lexer's shortcuts decide what its plain tests decide.

`lexer._is_table_line` asks `_may_name_table` (two characters of each anchor or label word,
on the line's NFKC form) before it normalises a line. That is exact only while every word
the anchor and label tests look for holds one of those pairs: these tests fail when a word
is added to one list and not to the other, or when the shortcut decides a line differently
from the tests it stands for.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from gailint import lexer
from gailint.text import normalize

_TABLE3_WORDS = ("行政复议", "行政诉讼", "结果维持")  # what lexer._TABLE3_HEADER matches


def test_every_word_of_a_table_anchor_or_label_passes_the_pre_test():
    for word in (*lexer._TABLE_ANCHORS, *lexer._TABLE_LABELS, *_TABLE3_WORDS):
        assert lexer._may_name_table(word), word
    assert lexer._may_name_table("钩稽关系")  # normalize makes 钩 勾


def _plain(text: str, stripped: str, in_table: bool) -> bool:
    """What `_is_table_line` decides, without its shortcuts: every test on the normalised line."""
    norm = normalize(stripped)
    if in_table and not (len(norm) > 30 and re.search("[。；]", norm) and not lexer._is_anchor(norm)):
        return True
    return (lexer._looks_like_row(text) or lexer._is_anchor(norm) or lexer._is_table_label(norm)
            or lexer._is_layout_row(text))


# The characters of the anchor and label words, with what normalize drops or replaces, prose
# punctuation (full- and half-width) and numbers: lines that come close to naming a table.
_LINE_CHARACTERS = st.sampled_from(
    list("第二十条勾钩稽关系申请人情况本年新收政府信息公开数量内容指标名称行政复议诉讼结果维持上结转度办理下")
    + list("。；;，,（）() \u3000\t|*#“”0123456789１２")
)
_LINES = st.one_of(st.text(_LINE_CHARACTERS, max_size=60), st.text(max_size=60))


@given(_LINES, st.booleans())
@example("第 二十 条规定的主动公开政府信息情况", False)
@example("结果维持", False)
@example("行政复议  结果维持  行政诉讼", False)
@example("本年新收政府信息公开申请数量。另有说明，" * 2, True)
@example("钩稽关系：第一项加第二项之和，等于第三项加第四项之和。其余说明从略，以下不再赘述", True)
def test_the_shortcut_decides_as_the_plain_tests(text, in_table):
    stripped = text.strip(" \t\u3000\f")
    assert lexer._is_table_line(text, stripped, in_table) == _plain(text, stripped, in_table)
