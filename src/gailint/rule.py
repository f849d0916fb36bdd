"""The rule base class and the context a rule runs in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

import attrs

from .ast import Report, Span
from .diagnostics import Diagnostic, Fix, Severity

__all__ = ["Context", "Option", "Rule"]

_CODE = re.compile(r"^[A-Z]{2,5}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@attrs.frozen
class Option:
    """A setting a rule declares; users set it in configuration under the rule's code."""

    name: str
    type: type
    default: object
    doc: str
    choices: tuple = ()

    def validate(self, value: object) -> object:
        if self.type is int and isinstance(value, bool) or not isinstance(value, self.type):
            raise ValueError(f"option {self.name} must be {self.type.__name__}, not {type(value).__name__}")
        if self.choices and value not in self.choices:
            raise ValueError(f"option {self.name} must be one of {', '.join(map(str, self.choices))}")
        return value


class Rule:
    """Subclass this, set the metadata, implement `check`. The docstring is the rule's documentation."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    since: ClassVar[str] = "0.1.0"
    options: ClassVar[tuple[Option, ...]] = ()

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

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


@attrs.define
class Context:
    """What a rule may use besides the AST: the file name, its options and a diagnostic factory."""

    path: str
    rule: type[Rule] | None = None
    settings: dict[str, dict[str, object]] = attrs.Factory(dict)

    def option(self, name: str) -> object:
        """The configured value of the running rule's option, else its default."""
        rule = self.rule
        assert rule is not None, "option() is only available while a rule runs"
        declared = next((o for o in rule.options if o.name == name), None)
        if declared is None:
            raise KeyError(f"rule {rule.code} declares no option {name!r}")
        return self.settings.get(rule.code, {}).get(name, declared.default)

    def diagnostic(self, span: Span, message: str, message_en: str, *, fix: Fix | None = None,
                   severity: Severity | None = None) -> Diagnostic:
        rule = self.rule
        assert rule is not None, "diagnostic() is only available while a rule runs"
        return Diagnostic(rule.code, rule.name, severity or rule.severity, message, message_en,
                          self.path, span, fix, None)
