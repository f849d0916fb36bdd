"""Stage 4: run the rules on one report's text: `parser.parse` → `recognize.recognize` →
every rule → diagnostics in order. The rules come from `plugin_loader` (built-ins and
plugins); the text comes from the input stage (`gailint.inputs`). A rule that raises
becomes GAI005 and the others still run."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence

import pluggy

from . import _gc, hookspecs
from .ast import Span
from .budget import DEFAULT_SECONDS, Budget
from .diagnostics import Diagnostic, FileResult
from .guard import budgeted_reader, run_rule
from .origin import Extracted
from .parser import parse
from .plugin_loader import PluginError, Plugins, configure_plugins, discover
from .recognize import recognize
from .rule import Context, Rule
from .rules.gai006_plugin_error import PluginError as PluginFailed
from .source import Source

__all__ = ["FileResult", "Linter"]

log = logging.getLogger(__name__)


class Linter:
    """Runs the rules on reports. `rules=None` means the built-ins plus installed plugins
    (see `discover`); a list of rule classes runs exactly those (the testing kit does this)."""

    def __init__(self, rules: Sequence[type[Rule]] | None = None, *, load_plugins: bool = True,
                 select: Iterable[str] = (), ignore: Iterable[str] = (),
                 options: dict[str, dict[str, object]] | None = None,
                 disable: Iterable[str] | None = None, timeout: float = DEFAULT_SECONDS) -> None:
        # each rule's (and plugin reader's, import's, hook's) wall-clock budget per file, in seconds
        self.budget = Budget(timeout)
        if rules is None:
            self.plugins = discover(load_plugins=load_plugins, disable=disable, budget=self.budget)
            rules = self.plugins.rules
            # options naming a rule of a plugin that is off or broken are skipped, not an error
            self._rules_may_be_missing = not load_plugins or self.plugins.incomplete
        else:
            self.plugins = Plugins(pluggy.PluginManager(hookspecs.PROJECT))
            self._rules_may_be_missing = False
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
        self.options = self.validate_options(options or {})
        self.configure(self.options)
        self._report_plugin_errors = not "GAI006".startswith(ignore or ("\0",))
        self._plugin_errors_pending = self._report_plugin_errors and bool(self.plugins.errors)

    @functools.cached_property  # the plugins are loaded once, in __init__
    def readers(self) -> Mapping[str, Callable[[bytes, str], str | Extracted]]:
        """Input readers by file extension (".docx"), built-in and plugins'; a plugin's reader
        runs under the time budget (`guard.budgeted_reader`)."""
        readers = dict(self.plugins.readers)
        for extension, reader in readers.items():
            owner = self.plugins.owner.get(f"gailint_readers:{extension}")
            if owner is not None and owner.status != "builtin":
                readers[extension] = budgeted_reader(reader, self.budget, owner.label)
        return readers

    @functools.cached_property
    def reader_owners(self) -> dict[str, str]:
        """The plugin behind each reader, by extension (for messages)."""
        return {extension: self.plugins.owner[f"gailint_readers:{extension}"].label for extension in self.readers}

    @property
    def formatters(self) -> Mapping[str, Callable[..., None]]:
        """Plugin output formats by name."""
        return self.plugins.formatters

    @property
    def plugin_errors(self) -> list[PluginError]:
        return self.plugins.errors

    def configure(self, options: Mapping[str, Mapping[str, object]]) -> None:
        """Hand the final (validated) rule configuration to every plugin's ``gailint_configure``,
        each in isolation. Called with ``Linter(options=...)``; a caller that reads
        configuration files calls it again with what it read, before checking files."""
        configure_plugins(self.plugins, options, self.budget)

    def validate_options(self, options: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
        valid = {}
        for code, values in options.items():
            rule = self.rule(code)
            if rule is None:
                if not code.upper().startswith("GAI") and self._rules_may_be_missing:
                    log.info("options for %s ignored: its plugin is not loaded", code)
                    continue
                raise ValueError(f"options given for unknown rule {code}")
            for name, value in values.items():
                declared = next((o for o in rule.options if o.name == name), None)
                if declared is None:
                    known = ", ".join(o.name for o in rule.options) or "none"
                    raise ValueError(f"rule {code} has no option {name!r} (its options: {known})")
                try:
                    declared.validate(value)
                except ValueError as error:
                    raise ValueError(f"rule {rule.code}: {error}") from None
            valid[code.upper()] = dict(values)
        return valid

    def take_plugin_diagnostics(self, path: str) -> tuple[Diagnostic, ...]:
        """GAI006 for every plugin that failed to load, once per Linter (at the first file checked)."""
        if not self._plugin_errors_pending:
            return ()
        self._plugin_errors_pending = False
        hint_zh, hint_en = ("", "") if log.isEnabledFor(logging.DEBUG) else ("（加 -v 查看回溯）", " (run with -v for the traceback)")
        return tuple(PluginFailed.diagnostic(path, Span(0, 0), error.message_zh + hint_zh, error.message_en + hint_en)
                     for error in self.plugins.errors)

    def rule(self, code: str) -> type[Rule] | None:
        return next((r for r in self.all_rules if r.code == code.upper()), None)

    def check_source(self, source: Source, settings: dict[str, dict[str, object]] | None = None) -> FileResult:
        with _gc.paused(), self.budget.session():  # the AST is acyclic: reference counting frees it
            return self._check_source(source, settings)

    def _check_source(self, source: Source, settings: dict[str, dict[str, object]] | None) -> FileResult:
        report = recognize(parse(source.text))
        context = Context(source.path, settings=self.options if settings is None else settings, text=source.text,
                          report=report)
        found: list[Diagnostic] = list(self.take_plugin_diagnostics(source.path))
        for rule, plugin in zip(self._instances, self._plugins):
            context.rule = type(rule)
            found.extend(run_rule(rule, report, context, self.budget, plugin))
        found.sort(key=lambda d: (d.span.start, d.code))
        return FileResult(source.path, source, tuple(found), report)

    @functools.cached_property
    def _plugins(self) -> list[str | None]:
        """The plugin of each rule run (`_plugin_of`), looked up once."""
        return [self._plugin_of(rule.code) for rule in self._instances]

    def _plugin_of(self, code: str) -> str | None:
        """The label of the plugin that provides rule `code`; None for a built-in rule."""
        info = self.plugins.owner.get(code)
        return info.label if info is not None and info.status != "builtin" else None
