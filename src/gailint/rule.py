"""The rule base class and the context a rule runs in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import ClassVar

import attrs

from ._lazy_re import lazy_compile
from .ast import Report, Span
from .diagnostics import Diagnostic, Fix, Severity
from .facts import Facts, sentences
from .source import LineIndex
from .template import split_marker
from .text import normalize, parse_number

__all__ = ["PROJECT_URL", "RULE_DOCS_URL", "Context", "Option", "Rule"]

# the project's home, and the built-in rules' pages there (docs/rules/CODE.md), linked from
# JSON and SARIF output and the editor
PROJECT_URL = "https://github.com/gailint/gailint"
RULE_DOCS_URL = PROJECT_URL + "/blob/main/docs/rules/{code}.md"
_CODE = lazy_compile(r"^[A-Z]{2,5}\d{3}$")
_NAME = lazy_compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_OPTION_TYPES = (str, int, float, bool)


@attrs.frozen
class Option:
    """A setting a rule declares; users set it in configuration under the rule's code."""

    name: str
    type: type
    default: object
    doc: str
    choices: tuple[object, ...] = ()
    pattern: str = ""     # for str options: a regex the whole value must match

    def validate(self, value: object) -> object:
        if self.type is int and isinstance(value, bool) or not isinstance(value, self.type):
            raise ValueError(f"option {self.name} must be {self.type.__name__}, not {type(value).__name__}")
        if self.choices and value not in self.choices:
            raise ValueError(f"option {self.name} must be one of {', '.join(map(str, self.choices))}")
        if self.pattern and not re.fullmatch(self.pattern, str(value)):
            raise ValueError(f"option {self.name} must match {self.pattern!r}, not {value!r}")
        return value

    def check_declaration(self, code: str) -> None:
        """Raise ValueError if the declaration itself is malformed (checked when rules load)."""
        if not _NAME.match(self.name):
            raise ValueError(f"rule {code}: option name {self.name!r} is not kebab-case")
        if self.type not in _OPTION_TYPES:
            names = ", ".join(t.__name__ for t in _OPTION_TYPES)
            raise ValueError(f"rule {code}: option {self.name} has type {self.type!r}; use one of {names}")
        if not self.doc:
            raise ValueError(f"rule {code}: option {self.name} has no doc")
        for choice in self.choices:
            if not isinstance(choice, self.type):
                raise ValueError(f"rule {code}: option {self.name}: choice {choice!r} is not {self.type.__name__}")
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as error:
                raise ValueError(f"rule {code}: option {self.name}: bad pattern: {error}") from None
        try:
            self.validate(self.default)
        except ValueError as error:
            raise ValueError(f"rule {code}: default {self.default!r} is invalid: {error}") from None


def option_value(rule: type[Rule] | None, settings: dict[str, dict[str, object]], name: str) -> object:
    """The configured value of `rule`'s option `name` in `settings`, else its declared default."""
    assert rule is not None, "option() is only available while a rule runs"
    declared = next((o for o in rule.options if o.name == name), None)
    if declared is None:
        raise KeyError(f"rule {rule.code} declares no option {name!r}")
    return settings.get(rule.code, {}).get(name, declared.default)


class Rule:
    """Subclass this, set the metadata, implement `check`. The docstring is the rule's documentation."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    since: ClassVar[str] = "0.1.0"
    #: the rule's documentation page, in every diagnostic (JSON ``url``, the editor's link);
    #: the built-in rules link their page under docs/rules/ (`RULE_DOCS_URL`)
    url: ClassVar[str | None] = None
    options: ClassVar[tuple[Option, ...]] = ()

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    @classmethod
    def diagnostic(cls, path: str, span: Span, message: str, message_en: str, *, fix: Fix | None = None,
                   severity: Severity | None = None) -> Diagnostic:
        """A diagnostic of this rule. Rules use `Context.diagnostic`; the stages that report
        outside a rule's `check` (unreadable input, a rule that raised, a plugin that failed
        to load, an unused suppression) build theirs here, so that code and name have one
        source."""
        return Diagnostic(cls.code, cls.name, severity or cls.severity, message, message_en, path, span, fix,
                          cls.docs_url())

    @classmethod
    def docs_url(cls) -> str | None:
        """`url` if the rule sets one; a built-in rule's page otherwise; else None."""
        if cls.url is not None:
            return cls.url
        if cls.__module__.startswith("gailint.rules.gai"):
            return RULE_DOCS_URL.format(code=cls.code)
        return None

    @classmethod
    def validate(cls) -> None:
        """Raise ValueError if the rule's metadata is malformed."""
        for attribute in ("code", "name", "severity", "summary"):
            if not hasattr(cls, attribute):
                raise ValueError(f"rule {cls.__qualname__} has no `{attribute}`")
        if not _CODE.match(cls.code):
            raise ValueError(f"rule {cls.__qualname__}: code {cls.code!r} is not a prefix and 3 digits")
        if not _NAME.match(cls.name):
            raise ValueError(f"rule {cls.code}: name {cls.name!r} is not kebab-case")
        if not isinstance(cls.severity, Severity):
            raise ValueError(f"rule {cls.code}: severity must be a gailint Severity")
        if not isinstance(cls.options, tuple) or not all(isinstance(o, Option) for o in cls.options):
            raise ValueError(f"rule {cls.code}: options must be a tuple of gailint Option")
        names = [o.name for o in cls.options]
        if len(set(names)) != len(names):
            raise ValueError(f"rule {cls.code}: an option is declared twice: {', '.join(names)}")
        for option in cls.options:
            option.check_declaration(cls.code)


@attrs.define
class Context:
    """What a rule may use besides the AST: the file name, its options, a diagnostic
    factory and the text helpers rules need (numbers, labels, positions)."""

    path: str
    rule: type[Rule] | None = None
    settings: dict[str, dict[str, object]] = attrs.Factory(dict)
    text: str = ""
    report: Report | None = attrs.field(default=None, repr=False)
    _lines: LineIndex | None = attrs.field(default=None, init=False, repr=False)
    _facts: Facts | None = attrs.field(default=None, init=False, repr=False)

    @property
    def facts(self) -> Facts:
        """The report's facts — year, period, publication date, agency and kind, fees, prose,
        table totals, the template's sums — each computed once for all rules. Plugins use the
        members `gailint.plugin.ReportFacts` lists; the others serve the built-in rules."""
        if self._facts is None:
            assert self.report is not None, "facts are only available while a report is checked"
            self._facts = Facts(self.report)
        return self._facts

    @staticmethod
    def normalize(text: str) -> str:
        """The form labels are compared in: NFKC, no spaces or markdown, 钩稽 → 勾稽."""
        return normalize(text)

    @staticmethod
    def number(text: str) -> int | Decimal | None:
        """'27', '２７', '1,024', '3.5', '二十七', '一百零五' → the number; None if not one."""
        return parse_number(text)

    @staticmethod
    def label_matches(label: str, expected: str) -> bool:
        """True if `label` (e.g. '(五) 监督保障方面') names `expected` ('监督保障'): both are
        normalised and the numbering marker （五）/五、/5. is ignored."""
        body = split_marker(normalize(label))[1]
        return normalize(expected) in body

    @staticmethod
    def sentences(text: str, offset: int = 0, *, clauses: bool = False) -> Iterator[tuple[str, int]]:
        """(sentence, its offset) for each piece of `text` ending at 。；！？ (also at ，、 with
        `clauses`); `offset` is where `text` starts in the report, e.g. from ``context.facts.prose``."""
        return sentences(text, offset, clauses=clauses)

    @staticmethod
    def split_marker(label: str) -> tuple[str, str]:
        """'（七）总计' → ('七', '总计'); '1.属于国家秘密' → ('1', '属于国家秘密')."""
        return split_marker(normalize(label))

    def position(self, offset: int | Span) -> tuple[int, int]:
        """1-based (line, column) of an offset or span start, for messages that quote a place.
        Diagnostics themselves take spans, never positions."""
        start = offset.start if isinstance(offset, Span) else offset
        if self._lines is None:  # index the report's lines once, on first use
            self._lines = LineIndex(self.text)
        return self._lines.position(start)

    def option(self, name: str) -> object:
        """The configured value of the running rule's option, else its default."""
        return option_value(self.rule, self.settings, name)

    def diagnostic(self, span: Span, message: str, message_en: str, *, fix: Fix | None = None,
                   severity: Severity | None = None) -> Diagnostic:
        """A diagnostic of the running rule at `span`, Chinese message first; `severity`
        overrides the rule's for this one diagnostic."""
        rule = self.rule
        assert rule is not None, "diagnostic() is only available while a rule runs"
        return rule.diagnostic(self.path, span, message, message_en, fix=fix, severity=severity)
