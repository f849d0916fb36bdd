"""Cross-report rules: rules that see every report of one run, grouped by agency and
ordered by year (GAI7xx, and any plugin's).

A cross-report rule is a `Rule` (same code, name, severity, docstring, options,
``--select``/``--ignore``, configuration, suppressions and outputs as every other
rule) that subclasses `CrossReportRule` and implements `check_reports`. It is
registered like any rule, through the ``gailint_rules`` hook. It never sees an
AST: it works on the per-report records (`gailint.extract.Record`) that worker
processes (``--jobs``, dask) computed and the cache stored, in a reduce step run
by the parent once every file is checked. Its diagnostics are attached to the
file they name.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import ClassVar

import attrs

from ._lazy_re import lazy_compile
from .ast import Report, Span
from .diagnostics import Diagnostic, Severity
from .extract import Record
from .rule import Context, Rule, option_value

__all__ = ["CrossContext", "CrossReportRule", "agency_groups", "agency_key", "run_cross_report_rules"]

log = logging.getLogger(__name__)


class CrossReportRule(Rule):
    """Subclass this for a rule over several reports; implement `check_reports`.

    ``check_reports(reports, context)`` gets the records of one agency — at least two,
    sorted by year, then file name — and yields diagnostics made with
    ``context.diagnostic(record, span, message, message_en)``.
    """

    cross_report: ClassVar[bool] = True

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        return ()  # a cross-report rule runs in the reduce step, not per file

    def check_reports(self, reports: Sequence[Record], context: CrossContext) -> Iterable[Diagnostic]:
        raise NotImplementedError


def is_cross_report(rule: type[Rule]) -> bool:
    return isinstance(rule, type) and issubclass(rule, CrossReportRule)


@attrs.define
class CrossContext:
    """What a cross-report rule may use: its options and a diagnostic factory."""

    settings: dict[str, dict[str, object]] = attrs.Factory(dict)
    rule: type[Rule] | None = None

    def option(self, name: str) -> object:
        """The configured value of the running rule's option, else its default."""
        return option_value(self.rule, self.settings, name)

    def diagnostic(self, record: Record, span: Span, message: str, message_en: str, *,
                   severity: Severity | None = None) -> Diagnostic:
        """A diagnostic in `record`'s file at `span` (code-point offsets into that file)."""
        rule = self.rule
        assert rule is not None, "diagnostic() is only available while a rule runs"
        return Diagnostic(rule.code, rule.name, severity or rule.severity, message, message_en, record.file, span)


# ---------------------------------------------------------------- grouping

# A run of place names before the agency's own name: "淮安市" in 淮安市洪泽区人民政府.
_PLACES = lazy_compile(r"(?:[^省市州盟区县旗]{1,8}?(?:省|自治区|市|自治州|州|盟))+")


def agency_key(name: str) -> str:
    """The form agency names are compared in: 人民政府 → 政府 (the name is already normalised)."""
    return re.sub(r"人民政府", "政府", name)


def agency_groups(records: Iterable[Record]) -> list[list[Record]]:
    """The records of each agency that has a name and a year, sorted by (year, file); agencies
    with a single report are left out. Two names are one agency when they are equal up to
    人民政府/政府, or when one is the other with the higher places spelled out
    (淮安市洪泽区人民政府 and 洪泽区人民政府) and no other name in the run claims the short one."""
    by_key: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.agency and record.year is not None:
            by_key[agency_key(record.agency)].append(record)
    canonical = {key: key for key in by_key}
    for key in by_key:
        longer = [other for other in by_key if other != key and other.endswith(key)
                  and _PLACES.fullmatch(other[:-len(key)])]
        if len(longer) == 1 and not any(o.endswith(longer[0]) and o != longer[0] for o in by_key):
            canonical[longer[0]] = key
    merged: dict[str, list[Record]] = defaultdict(list)
    for key, group in by_key.items():
        merged[canonical[key]].extend(group)
    return [sorted(group, key=lambda r: (r.year, r.file)) for _, group in sorted(merged.items())
            if len(group) > 1]


# ---------------------------------------------------------------- the reduce step


Settings = dict[str, dict[str, object]]


def run_cross_report_rules(records: Iterable[Record], rules: Sequence[type[Rule]],
                           settings: Settings | Callable[[str], Settings] | None = None) -> dict[str, list[Diagnostic]]:
    """Run the cross-report rules among `rules` over the agency groups of `records`: the new
    diagnostics by file. `settings` are the rule options, or a function giving them for a file
    (a group runs with those of its latest report). A rule that raises gives GAI005 at the
    first file of the group."""
    from .rules.gai005_rule_error import RuleError

    active = [rule for rule in rules if is_cross_report(rule)]
    found: dict[str, list[Diagnostic]] = defaultdict(list)
    if not active:
        return found
    groups = agency_groups(records)
    context = CrossContext()
    for rule in active:
        instance = rule()
        context.rule = rule
        for group in groups:
            context.settings = dict(settings(group[-1].file) if callable(settings) else settings or {})
            try:
                for diagnostic in instance.check_reports(group, context):
                    found[diagnostic.path].append(diagnostic)
            except Exception as error:  # noqa: BLE001 - one rule must not stop the others
                log.debug("rule %s raised:\n%s", rule.code, traceback.format_exc())
                found[group[0].file].append(RuleError.diagnostic(
                    group[0].file, Span(0, 0),
                    f"规则 {rule.code}（{rule.name}）执行出错：{type(error).__name__}: {error}",
                    f"rule {rule.code} ({rule.name}) raised {type(error).__name__}: {error}"))
    return found


def consecutive(group: Sequence[Record], *, adjacent: bool = False) -> Iterator[tuple[Record, Record]]:
    """(previous, current) for each report and the agency's nearest earlier report (with
    `adjacent`, only the report of the year before)."""
    years = sorted({r.year for r in group if r.year is not None})
    for previous_year, year in zip(years, years[1:]):
        if adjacent and year != previous_year + 1:
            continue
        earlier = next(r for r in group if r.year == previous_year)
        for current in (r for r in group if r.year == year):
            yield earlier, current


def attach_cross_report(runner, records: Iterable[Record], held: dict[str, object] | None = None) -> list:
    """The reduce step of a run: the cross-report rules over every record, their diagnostics
    put through each file's configuration, suppressions and baseline (`Runner.attach`).
    Returns one `FileResult` per file that got any, holding only the new diagnostics; the
    file's source is taken from `held` (path → FileResult) or read again."""
    found = run_cross_report_rules(records, runner.linter.rules, lambda path: runner.config_for(path).options())
    attached = []
    for path in sorted(found):
        kept = held.get(path) if held else None
        source = kept.source if kept is not None else runner.source_of(path)
        result = runner.attach(path, found[path], source)
        if result.diagnostics:
            attached.append(result)
    return attached


def merge_results(results: Sequence, attached: Sequence) -> list:
    """`results` with the diagnostics of `attached` (same paths) merged in, in position order,
    and the records' counts brought up to date."""
    extra = {result.path: result.diagnostics for result in attached}
    merged = []
    for result in results:
        more = extra.get(result.path)
        if more:
            diagnostics = tuple(sorted((*result.diagnostics, *more), key=lambda d: (d.span.start, d.code)))
            record = result.record.with_diagnostics(diagnostics) if result.record is not None else None
            result = attrs.evolve(result, diagnostics=diagnostics, record=record)
        merged.append(result)
    return merged
