from __future__ import annotations

from .._lazy_re import lazy_compile
from ..diagnostics import Severity
from ..facts import NUMBER, UNIT, anchored_matches, number_value
from ..rule import Rule

# "公开政府信息2599条，(其中机构职能类信息25条，…，其他应主动公开政府信息856条)"
_START = lazy_compile(rf"(?P<n>{NUMBER})(?P<unit>{UNIT})[，,]?(?P<paren>[（(])?其中[：:，,]?")
_WINDOW = 60  # the longest "N unit，（" before 其中: the list start is searched for only there
_ITEM = lazy_compile(rf"(?P<label>[^0-9０-９，,；;。（()）]{{1,40}}?)[：:]?(?P<n>{NUMBER})(?P<unit>{UNIT})")
_CATCH_ALL = lazy_compile(r"其他|其它|其余")
_MIN_ITEMS = 5
_MAX = 2000


def _items(text: str, start: int, paren: bool) -> list[tuple[str, int, str]] | None:
    """The "label N unit" pieces of the list that starts at `start`: up to the closing parenthesis
    (a parenthesised list) or the end of the sentence; None unless every piece is one item."""
    stops = "）)" if paren else "。；;"
    end = min((p for p in (text.find(s, start, start + _MAX) for s in stops) if p >= 0), default=-1)
    if end < 0:
        return None
    found = []
    for piece in _split(text[start:end]):
        match = _ITEM.fullmatch(piece)
        if match is None:
            return None
        value = number_value(match.group("n"))
        if not isinstance(value, int):
            return None
        found.append((match.group("label"), value, match.group("unit")))
    return found


def _split(body: str) -> list[str]:
    """Pieces at the list's strongest separator: ；, else ，, else 、 ("政策、规范性文件类信息68条" is one item)."""
    separators = next((s for s in ("；;", "，,", "、") if any(ch in body for ch in s)), "、")
    pieces, current = [], []
    for ch in body:
        if ch in separators:
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    return [p for p in pieces if p]


class ListedPartsShort(Rule):
    """所列全部分项之和小于所述总数 — a total is followed by its complete list of parts, which add up to less.

    **What it checks.** A count followed by "其中" and a list of "label N unit"
    items in the same unit, in a sentence or in parentheses —
    "共公布政府信息2599条，(其中机构职能类信息25条，…，其他应主动公开政府信息856条)" —
    where the list is complete: its last item is a catch-all ("其他…", "其余…") or it
    names at least five categories. The parts of a complete list must add up to the
    total; a shortfall is reported at the total with the sum. (A list whose parts add
    up to *more* than the total is GAI504's; a short list of two or three named
    parts may legitimately leave the rest unnamed and is not checked.)

    **Why.** The report contradicts itself: either the total or a part is wrong.
    Real reports do this: a 2019 report of a
    zone states 2599 items whose eleven categories add up to 2533.

    **Failing example** (seed 001, its 其中 list completed with a catch-all, 98 stated)::

        2025 年通过政府网站主动公开各类文件信息共 98 条，其中，重点领域类信息 54 条，部门动态信息 10 条，其他信息 30 条。

    gives ``所列分项之和为 94 条（54+10+30），少于所述总数 98 条``.

    **Passing example** (the same list adding up)::

        2025 年通过政府网站主动公开各类文件信息共 98 条，其中，重点领域类信息 54 条，部门动态信息 10 条，其他信息 34 条。
    """

    code = "GAI506"
    name = "listed-parts-short"
    severity = Severity.WARNING
    summary = "所列全部分项之和小于所述总数 / a complete list of parts adds up to less than its total"

    def check(self, report, context):
        for _, flat in context.facts.runs:
            text = flat.text
            for match in anchored_matches(_START, text, "其中", _WINDOW):
                total = number_value(match.group("n"))
                if not isinstance(total, int):
                    continue
                items = _items(text, match.end(), match.group("paren") is not None)
                if not items or any(unit != match.group("unit") for _, _, unit in items):
                    continue
                complete = len(items) >= _MIN_ITEMS or (len(items) >= 2 and _CATCH_ALL.search(items[-1][0]))
                values = [value for _, value, _ in items]
                if not complete or sum(values) >= total:
                    continue
                unit = match.group("unit")
                terms = "+".join(map(str, values))
                yield context.diagnostic(
                    flat.span(match.start("n"), match.end("n")),
                    f"所列分项之和为 {sum(values)} {unit}（{terms}），少于所述总数 {total} {unit}",
                    f"the listed parts add up to {sum(values)} ({terms}), less than the stated total {total}",
                )
