"""Stage 4: run the rules. Owns the plugin manager and the per-file pipeline
bytes → `source.decode` → `parser.parse` → `recognize.recognize` → rules → diagnostics."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Sequence

import attrs
import pluggy

from . import hookspecs
from .ast import Report, Span
from .diagnostics import Diagnostic, Severity
from .parser import parse
from .recognize import recognize
from .rule import Context, Rule
from .source import DecodeError, Source, decode

__all__ = ["FileResult", "Linter", "plugin_manager"]

log = logging.getLogger(__name__)


def plugin_manager(*, load_plugins: bool = True) -> pluggy.PluginManager:
    """The plugin manager with the built-in rules and, optionally, installed plugins."""
    from . import rules

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(rules, name="gailint.builtin")
    if load_plugins:
        pm.load_setuptools_entrypoints(hookspecs.PROJECT)
    return pm


@attrs.frozen
class FileResult:
    path: str
    source: Source | None
    diagnostics: tuple[Diagnostic, ...]
    report: Report | None = None


class Linter:
    def __init__(self, rules: Sequence[type[Rule]] | None = None, *, load_plugins: bool = True,
                 select: Iterable[str] = (), ignore: Iterable[str] = (),
                 options: dict[str, dict[str, object]] | None = None) -> None:
        if rules is None:
            rules = [rule for batch in plugin_manager(load_plugins=load_plugins).hook.gailint_rules() for rule in batch]
        seen: dict[str, type[Rule]] = {}
        for rule in rules:
            rule.validate()
            if rule.code in seen and seen[rule.code] is not rule:
                raise ValueError(f"rule code {rule.code} is claimed by both {seen[rule.code].__module__} "
                                 f"and {rule.__module__}")
            seen[rule.code] = rule
        self.all_rules = tuple(sorted(seen.values(), key=lambda r: r.code))
        select, ignore = tuple(select), tuple(ignore)
        self.rules = tuple(r for r in self.all_rules
                           if (not select or r.code.startswith(select)) and not r.code.startswith(ignore or ("\0",)))
        self._instances = [rule() for rule in self.rules]
        self.options = self._validate_options(options or {})

    def _validate_options(self, options: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
        for code, values in options.items():
            rule = self.rule(code)
            if rule is None:
                raise ValueError(f"options given for unknown rule {code}")
            for name, value in values.items():
                declared = next((o for o in rule.options if o.name == name), None)
                if declared is None:
                    known = ", ".join(o.name for o in rule.options) or "none"
                    raise ValueError(f"rule {code} has no option {name!r} (its options: {known})")
                declared.validate(value)
        return {code.upper(): dict(values) for code, values in options.items()}

    def rule(self, code: str) -> type[Rule] | None:
        return next((r for r in self.all_rules if r.code == code.upper()), None)

    def check_bytes(self, path: str, data: bytes) -> FileResult:
        try:
            source = decode(data, path)
        except DecodeError as error:
            return FileResult(path, None, self._input_error(path, error.message_zh, error.message_en))
        return self.check_source(source)

    def check_source(self, source: Source) -> FileResult:
        report = recognize(parse(source.text))
        context = Context(source.path, settings=self.options)
        found: list[Diagnostic] = []
        for rule in self._instances:
            context.rule = type(rule)
            try:
                found.extend(rule.check(report, context))
            except Exception as error:  # noqa: BLE001 - one rule must not stop the others
                log.debug("rule %s raised:\n%s", rule.code, traceback.format_exc())
                found.append(Diagnostic(
                    "GAI005", "rule-error", Severity.ERROR,
                    f"规则 {rule.code}（{rule.name}）执行出错：{type(error).__name__}: {error}",
                    f"rule {rule.code} ({rule.name}) raised {type(error).__name__}: {error}",
                    source.path, Span(0, 0)))
        found.sort(key=lambda d: (d.span.start, d.code))
        return FileResult(source.path, source, tuple(found), report)

    def _input_error(self, path: str, zh: str, en: str) -> tuple[Diagnostic, ...]:
        return (Diagnostic("GAI001", "undecodable", Severity.ERROR, zh, en, path, Span(0, 0)),)

    def unreadable(self, path: str, error: OSError) -> FileResult:
        reason = error.strerror or type(error).__name__
        return FileResult(path, None, self._input_error(path, f"无法读取文件：{reason}", f"cannot read file: {reason}"))
