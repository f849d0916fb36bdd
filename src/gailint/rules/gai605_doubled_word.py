from __future__ import annotations

from .._lazy_re import lazy_compile
from ..ast import Span
from ..diagnostics import Edit, Fix, Severity
from ..facts import prose_blocks
from ..rule import Rule

# Function characters that are not doubled in written Chinese, with the neighbours that make a
# double legitimate: 的的确, 为了了解, 不了了之, 和和谐, 还是是否, 参与与, 合并并, 针对对象.
_SINGLES = {
    "的": ("", "确"),
    "了": ("为除不一明受", "解之然如结却"),
    "和": ("", "谐睦美气平解"),
    "是": ("", "否非"),
    "与": ("参给授赋", ""),
    "并": ("合吞兼", ""),
    "对": ("针面应相核绝反比校", "象"),
}
SINGLE = lazy_compile(r"([的了和是与并对])\1")
# A word of 2–30 characters written twice in a row, e.g. 审核审核 or a repeated phrase.
REPEAT = lazy_compile(r"([\u4e00-\u9fff0-9０-９]{2,30}?)\1")
_CJK = lazy_compile(r"[\u4e00-\u9fff]")
_NUMERALS = lazy_compile(r"^[0-9０-９零〇一二两三四五六七八九十百千万年月日]+$")
# Legitimate ABAB reduplications.
_ALLOWED = {"研究研究", "学习学习", "商量商量", "讨论讨论", "一次一次", "一个一个", "一步一步", "一件一件", "一年一年"}


class DoubledWord(Rule):
    """重复字词 — a character or word is written twice in a row.

    **What it checks.** In the prose (not the tables), after PDF line breaks
    are joined:

    * a doubled function character — "的的", "了了", "和和", "是是", "与与", "并并",
      "对对" — unless a neighbour makes it legitimate (的的确, 为了了解, 不了了之,
      和和谐, 还是是否, 针对对象); doubles such as 等等, 常常, 人人, 年年, 层层, 一一
      are never flagged;
    * a word or phrase of two or more characters written twice in a row — "审核审核",
      or a whole repeated phrase — unless it has fewer than two Chinese characters
      (楼3楼3 in an address), is only numerals or dates (二〇二〇), or is a known
      reduplication (研究研究).

    A safe fix deletes the second 的 of "的的" when both are on the same line;
    other fixes delete the second copy and are unsafe (a person should confirm).

    **Why.** Format-spec §8 (hygiene: "统一的的", "审核审核"); doubled words are
    typing or copy-paste errors that a published government report should not carry.

    **Failing example** (seed 003, 的 doubled)::

        认真贯彻落实《中华人民共和国政府信息公开条例》及省、市、区相关文件的的要求

    **Passing example** (seed 003)::

        沾益区卫生健康局认真贯彻落实《中华人民共和国政府信息公开条例》及省、市、区相关文件要求
    """

    code = "GAI605"
    name = "doubled-word"
    severity = Severity.WARNING
    summary = "重复字词 / a character or word is written twice in a row"

    def check(self, report, context):
        for block in prose_blocks(report):
            flat = context.facts.flat(block.span.start, block.span.end)
            text = flat.text
            for match in REPEAT.finditer(text):
                unit = match.group(1)
                if (_NUMERALS.match(unit) or unit + unit in _ALLOWED or len(set(unit)) == 1
                        or len(_CJK.findall(unit)) < 2):
                    continue
                second = flat.span(match.start() + len(unit), match.end())
                fix = Fix((Edit(second, ""),), "unsafe", f"删去重复的“{unit}”")
                yield context.diagnostic(
                    flat.span(match.start(), match.end()),
                    f"“{unit}”重复出现", f"'{unit}' is written twice in a row", fix=fix)
            for match in SINGLE.finditer(text):
                char = match.group(1)
                before, after = _SINGLES[char]
                prev = text[match.start() - 1] if match.start() else ""
                nxt = text[match.end()] if match.end() < len(text) else ""
                if prev == char or nxt == char or (prev and prev in before) or (nxt and nxt in after):
                    continue
                first = flat.span(match.start(), match.start() + 1)
                second = flat.span(match.start() + 1, match.end())
                fix = None
                if char == "的" and "\n" not in report.text[first.start:second.end]:
                    fix = Fix((Edit(Span(second.start, second.end), ""),), "safe", f"删去重复的“{char}”")
                yield context.diagnostic(
                    Span(first.start, second.end), f"“{char}”字重复", f"'{char}' is doubled", fix=fix)
