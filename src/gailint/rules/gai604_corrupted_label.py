from __future__ import annotations

import functools

from .._lazy_re import lazy_compile
from ..ast import Span
from ..diagnostics import Edit, Fix, Severity
from ..rule import Rule
from ..template import TABLE2_ROWS, split_marker
from ..text import normalize

# Spelling variants seen in real reports that are not corruptions (seen in real reports): info only.
KNOWN_VARIANTS = {"其他法律法规禁止公开": "其他法律行政法规禁止公开"}
_PUNCT = lazy_compile(r"[\W_]+")
_MARKER = lazy_compile(r"\s*(?:[（(]?[一二三四五六七八九十]+[）)][、.．]?|[一二三四五六七八九十]+[、.．]|\d+\s*[.、．])\s*")
_CANONICAL = tuple((spec.key, split_marker(normalize(spec.label))[1]) for spec in TABLE2_ROWS)
_MAX_CELL = 60
_NUMBERS = ("int", "decimal")   # `Value.is_number`, tested on every cell of table 2
_MAX_DROPPED = 4


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


_TARGETS = tuple((canonical, _PUNCT.sub("", canonical)) for _, canonical in _CANONICAL)
_FIRST_CHARACTERS = frozenset(target[0] for _, target in _TARGETS)
_PLAIN_TARGETS = frozenset(target for _, target in _TARGETS)
# A label written exactly as the template writes it has lost nothing (half of the labels met).
_TEMPLATE_LABELS = frozenset(spec.label for spec in TABLE2_ROWS)


def _dropped_from(body: str) -> str | None:
    """The canonical label `body` was made from by dropping a few characters, if any."""
    plain = _PUNCT.sub("", body)
    if len(plain) < 4 or plain[0] not in _FIRST_CHARACTERS or plain in _PLAIN_TARGETS:
        return None
    for canonical, target in _TARGETS:
        if (0 < len(target) - len(plain) <= _MAX_DROPPED and plain[0] == target[0] and plain[-1] == target[-1]
                and _is_subsequence(plain, target)):
            return canonical
    return None


@functools.lru_cache(maxsize=4096)
def _template_label(text: str) -> tuple[str, bool] | None:
    """(the template label, whether `text` is a known wording variant of it rather than a corruption)
    for a label cell written as `text`, or None when it is neither. Cached: the same labels recur
    from report to report, each costing a normalisation and a search of the template's labels."""
    body = split_marker(normalize(text))[1]
    variant = KNOWN_VARIANTS.get(body)
    canonical = variant or _dropped_from(body)
    return None if canonical is None else (canonical, variant is not None)


class CorruptedLabel(Rule):
    """表二行标签文字残缺 — a table-2 row label has lost characters.

    **What it checks.** Every label cell of table 2 is compared with the
    template's row labels (the template of 国办公开办函〔2021〕30号), ignoring numbering, spaces and
    punctuation. A label that is a template label with one to four characters
    missing — same first and last character, the rest in order — is reported,
    e.g. "2.其他法律行政止公开" for "2.其他法律行政法规禁止公开". A safe fix writes the
    template text. The wording variant "其他法律法规禁止公开" (seed
    000) drops a whole word but still reads correctly, so it is reported at
    *info* severity only, with the same fix.

    **Why.** The labels are fixed by the national template
    (国办公开办函〔2021〕30号); a label with characters missing is a copying error
    that makes the row unreadable for people and, at worst, for machines.

    **Failing example** (seed 004, 法规禁 deleted)::

        2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||

    **Passing example** (seed 004)::

        2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||
    """

    code = "GAI604"
    name = "corrupted-label"
    severity = Severity.WARNING
    summary = "表二行标签文字残缺 / a table-2 row label has lost characters"

    def check(self, report, context):
        table = report.table(2)
        if table is None:
            return
        for line in table.table.lines:
            for cell in line.cells:
                text = cell.text
                if cell.value.kind in _NUMBERS or text in _TEMPLATE_LABELS or len(text) > _MAX_CELL or not text.strip():
                    continue
                label = _template_label(text)
                if label is None:
                    continue
                canonical, variant = label
                marker = _MARKER.match(text)
                start = cell.span.start + (marker.end() if marker else len(text) - len(text.lstrip()))
                end = cell.span.start + len(text.rstrip())
                if start >= end:
                    continue
                span = Span(start, end)
                found = report.text[start:end]
                fix = Fix((Edit(span, canonical),), "safe", f"改为“{canonical}”")
                if variant:
                    yield context.diagnostic(
                        span, f"行标签“{found}”与模板“{canonical}”措辞不同",
                        f"row label '{found}' differs from the template's '{canonical}'",
                        fix=fix, severity=Severity.INFO)
                else:
                    yield context.diagnostic(
                        span, f"行标签“{found}”文字残缺，模板为“{canonical}”",
                        f"row label '{found}' has lost characters; the template has '{canonical}'", fix=fix)
