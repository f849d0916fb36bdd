"""Running one rule safely: its time budget, its exceptions and the validity of what it yields.

`run_rule` is what the engine calls for each rule on each report. A rule — built-in or
plugin — that raises, runs past its budget (`budget.Budget`), or yields anything that is
not a well-formed `Diagnostic` inside the document (a str, a string severity, a tuple
span, a span that ends before it starts or lies outside the text, a fix edit likewise)
gets one GAI005 for that file naming the rule, its plugin and what went wrong; its other
output for the file is dropped, and every other rule still runs. No rule can make
gailint print a reversed or out-of-range position.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable

from .ast import Report, Span
from .budget import Budget, Overrun
from .diagnostics import Diagnostic, Edit, Fix, Severity
from .origin import Extracted, ReaderError
from .rule import Context, Rule
from .rules.gai005_rule_error import RuleError

__all__ = ["budgeted_reader", "invalid", "run_rule", "span_problem"]

log = logging.getLogger(__name__)

_SHOWN = 80  # characters of a bad value quoted in a message


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def span_problem(span: object, length: int) -> str | None:
    """Why `span` is not a valid span of a text of `length` code points, or None if it is."""
    if not isinstance(span, Span):
        return f"span {_show(span)} ({type(span).__name__}) is not a gailint Span"
    start, end = span.start, span.end
    if type(start) is not int or type(end) is not int:
        return f"span {_show(start)}–{_show(end)} is not made of integer offsets"
    if end < start:
        return f"span {start}–{end} ends before it starts"
    if start < 0 or end > length:
        return f"span {start}–{end} lies outside the document (0–{length})"
    return None


def invalid(item: object, length: int) -> str | None:
    """Why `item`, yielded by a rule checking a text of `length` code points, is not a
    valid diagnostic; None if it is."""
    if not isinstance(item, Diagnostic):
        return f"yielded {_show(item)} ({type(item).__name__}), not a Diagnostic"
    if not isinstance(item.severity, Severity):
        return f"severity {_show(item.severity)} ({type(item.severity).__name__}) is not a gailint Severity"
    if not isinstance(item.message, str) or not isinstance(item.message_en, str):
        return f"message {_show(item.message)} / {_show(item.message_en)} is not text"
    problem = span_problem(item.span, length)
    if problem is not None:
        return problem
    return _fix_problem(item.fix, length)


def _fix_problem(fix: object, length: int) -> str | None:
    if fix is None:
        return None
    if not isinstance(fix, Fix):
        return f"fix {_show(fix)} ({type(fix).__name__}) is not a gailint Fix"
    if fix.applicability not in ("safe", "unsafe"):
        return f"fix applicability {_show(fix.applicability)} is not 'safe' or 'unsafe'"
    if not isinstance(fix.edits, tuple) or not fix.edits:
        return f"fix edits {_show(fix.edits)} are not a non-empty tuple of Edit"
    for edit in fix.edits:
        if not isinstance(edit, Edit):
            return f"fix edit {_show(edit)} ({type(edit).__name__}) is not a gailint Edit"
        if not isinstance(edit.replacement, str):
            return f"fix edit replacement {_show(edit.replacement)} is not text"
        problem = span_problem(edit.span, length)
        if problem is not None:
            return f"fix edit {problem}"
    return None


def run_rule(rule: Rule, report: Report, context: Context, budget: Budget, plugin: str | None = None
             ) -> list[Diagnostic]:
    """The diagnostics of `rule` on `report`, or a single GAI005 if it raised, overran its
    budget or yielded something invalid. `plugin` names the rule's plugin (None: built-in)."""
    try:
        with budget.call():
            found = list(rule.check(report, context) or ())
    except Overrun:
        log.debug("rule %s overran its budget of %s s:\n%s", rule.code, budget.seconds, traceback.format_exc())
        seconds = f"{budget.seconds:g}"
        return [_error(rule, context, plugin, f"超过时间限制（{seconds} 秒），已中止",
                       f"ran past its time budget ({seconds} s) and was stopped")]
    except Exception as error:  # noqa: BLE001 - one rule must not stop the others
        log.debug("rule %s raised:\n%s", rule.code, traceback.format_exc())
        return [_error(rule, context, plugin, f"执行出错：{type(error).__name__}: {error}",
                       f"raised {type(error).__name__}: {error}")]
    if not found:
        return found
    length = len(context.text)
    for item in found:
        problem = invalid(item, length)
        if problem is not None:
            log.debug("rule %s: %s", rule.code, problem)
            return [_error(rule, context, plugin, f"产生了无效的诊断（{problem}），其结果已丢弃",
                           f"produced an invalid diagnostic ({problem}); its results are dropped")]
    return found


def _error(rule: Rule, context: Context, plugin: str | None, zh: str, en: str) -> Diagnostic:
    owner_zh, owner_en = (f"插件 {plugin} 的", f"of plugin {plugin} ") if plugin else ("", "")
    return RuleError.diagnostic(context.path, Span(0, 0), f"{owner_zh}规则 {rule.code}（{rule.name}）{zh}",
                                f"rule {rule.code} ({rule.name}) {owner_en}{en}")


def budgeted_reader(reader: Callable[[bytes, str], str | Extracted], budget: Budget, owner: str
                    ) -> Callable[[bytes, str], str | Extracted]:
    """`reader` (a plugin's) under `budget`: one that runs past it raises `ReaderError`,
    which the input stage reports as the file's GAI001."""

    @functools.wraps(reader)
    def read(data: bytes, path: str) -> str | Extracted:
        try:
            with budget.session(), budget.call():
                return reader(data, path)
        except Overrun:
            log.debug("reader for %s overran its budget:\n%s", path, traceback.format_exc())
            seconds = f"{budget.seconds:g}"
            raise ReaderError(f"插件 {owner} 的读取器超过时间限制（{seconds} 秒），已中止",
                              f"the reader of plugin {owner} ran past its time budget ({seconds} s) and was "
                              "stopped") from None

    return read
