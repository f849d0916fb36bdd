"""One check run over many files: configuration, suppressions, severities, fixes, baseline.

This is the layer between the command line (or the language server) and the
engine: the engine knows rules; the runner knows files and what the user asked.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import attrs

from .ast import Span
from .baseline import without_baseline
from .cache import Cache
from .config import Config, ConfigError, find_config, load_config
from .diagnostics import Diagnostic, FileResult, Severity
from .engine import Linter
from .extract import record
from .fixes import NotWritten, applicable, apply_edits, encode, fix_problem, unified_diff, write_atomic
from .inputs import Inputs
from .origin import Extracted
from .rules.gai005_rule_error import RuleError
from .rules.gai010_fix_not_written import FixNotWritten
from .source import Source
from .suppressions import suppress

__all__ = ["RunOptions", "Runner", "check_bytes"]

_MAX_FIX_PASSES = 100  # a bound, never reached in practice: each pass mends at least one diagnostic


def _key(diagnostic: Diagnostic) -> tuple[str, str, tuple[str, ...]]:
    """A fix's identity across passes (offsets move when an earlier fix changes a length)."""
    assert diagnostic.fix is not None
    return diagnostic.code, diagnostic.message, tuple(edit.replacement for edit in diagnostic.fix.edits)


def _adds(before: tuple[Diagnostic, ...], after: tuple[Diagnostic, ...]) -> bool:
    """True when `after` reports some code more often than `before`: a fix added a diagnostic."""
    return bool(Counter(d.code for d in after) - Counter(d.code for d in before))


def check_bytes(linter: Linter, path: str, data: bytes) -> FileResult:
    """One file's bytes through the input stage and the engine, with no configuration,
    suppressions or cache: what the tests and benchmarks of the rules need."""
    loaded = Inputs(linter.readers, linter.reader_owners).load(path, data)
    if isinstance(loaded, Diagnostic):
        return FileResult(path, None, (*linter.take_plugin_diagnostics(path), loaded))
    return linter.check_source(loaded)


@attrs.frozen
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    config: Path | None = None           # --config: overrides discovery
    baseline: Counter | None = None
    cache_dir: Path | None = None        # the content-hash cache (None: --no-cache)
    max_file_size: int | None = None     # --max-file-size: overrides the configuration's size guard
    max_pdf_pages: int | None = None     # --max-pdf-pages: overrides the configuration's page limit


@attrs.define
class Outcome:
    result: FileResult
    fixed: int = 0
    diff: str = ""
    text: str | None = None              # the text after fixes (None when unreadable)
    unwritten: bool = False              # the fixes could not be written back (GAI010): exit status 2


class Runner:
    def __init__(self, linter: Linter, options: RunOptions = RunOptions()) -> None:
        self.linter = linter
        self.options = options
        self._explicit = load_config(options.config) if options.config else None
        self._validated: set[Path | None] = set()
        self._directories: dict[str, Config] = {}
        self.inputs = Inputs(linter.readers, linter.reader_owners)
        self.cache = Cache(options.cache_dir, linter, max_file_size=options.max_file_size) if options.cache_dir else None

    def config_for(self, filename: str | None) -> Config:
        if self._explicit is not None:
            config = self._explicit
        elif filename is None:
            config = find_config(Path.cwd())
        else:
            config = self._config_of_directory(filename)
        if config.path not in self._validated:
            try:
                self.linter.validate_options(config.options())
            except ValueError as error:
                raise ConfigError(f"{config.path}: [rules] {error}") from None
            self._validated.add(config.path)
            if config.rules:
                self.linter.configure(config.options())
        return config

    def _config_of_directory(self, filename: str) -> Config:
        """`find_config` of the file's real directory, resolved once per directory (a batch
        holds thousands of files in a few directories); a symlink is followed to its target."""
        if os.path.islink(filename):  # realpath, unlike Path.resolve, does not raise on a symlink loop
            return find_config(Path(os.path.realpath(filename)).parent)
        directory = os.path.dirname(os.path.abspath(filename))
        config = self._directories.get(directory)
        if config is None:
            config = self._directories[directory] = find_config(Path(directory).resolve())
        return config

    def check(self, filename: str, data: bytes, *, stdin: bool = False) -> Outcome:
        config = self.config_for(None if stdin else filename)
        return self._finish(filename, self._cached_lint(filename, data, config), config, write=not stdin, data=data)

    def cached(self, filename: str, data: bytes) -> Outcome | None:
        """The outcome straight from the cache, without checking; None on a miss (or no cache)."""
        if self.cache is None or self.options.fix or self.options.diff or not self.cache.usable_for(filename):
            return None
        config = self.config_for(filename)
        result = self.cache.get(self.cache.key(filename, data, config), filename, data)
        if result is None:
            return None
        return Outcome(self._after_baseline(result), text=result.source.text if result.source else None)

    def check_text(self, filename: str, text: str, extracted: Extracted | None = None) -> Outcome:
        """Check text already decoded (an editor's buffer: the language server). Never writes;
        with `fix`, the outcome's `text` is the fixed text. `extracted`: what a reader made of
        the buffer (an HTML page), checked instead of the buffer itself."""
        config = self.config_for(filename)
        source = Source(filename, text, "utf-8") if extracted is None else Source(
            filename, extracted.text, "utf-8", format=extracted.format, origin=extracted.origin)
        return self._finish(filename, self._lint_source(source, config), config, write=False)

    def _finish(self, filename: str, result: FileResult, config: Config, *, write: bool,
                data: bytes | None = None) -> Outcome:
        if result.source is None or not (self.options.fix or self.options.diff):
            return Outcome(self._after_baseline(result), text=result.source.text if result.source else None)
        if result.source.extracted:
            return self._finish_document(filename, result, config, write=write, data=data)
        original, unfixed = result.source.text, result
        result, text, fixed = self._fixed(result, config)
        outcome = Outcome(self._after_baseline(result), fixed, text=text)
        if text != original:
            if self.options.diff:
                outcome.diff = unified_diff(filename, original, text)
            elif write:
                try:
                    write_atomic(Path(filename), encode(result.source, text))
                except NotWritten as error:  # the file is unchanged: its diagnostics are the unfixed ones
                    return Outcome(self._after_baseline(self._not_written(unfixed, error)), text=original,
                                   unwritten=True)
        return outcome

    def _finish_document(self, filename: str, result: FileResult, config: Config, *, write: bool,
                         data: bytes | None) -> Outcome:
        """Fixes for text a reader extracted. An HTML page is fixed in its own source when
        every edit maps there exactly (written with --fix, shown with --diff); for a PDF or
        Word file a fix is only a suggestion: --diff shows it against the extracted text,
        and nothing is ever written into the document."""
        todo = applicable(result.diagnostics, self.options.unsafe_fixes)
        if not todo:
            return Outcome(self._after_baseline(result), text=result.source.text)
        if result.source.format == "html" and data is not None:
            from .readers.html import decode_html, fix_source

            fixed_bytes, applied = fix_source(data, filename, result.source.origin, todo)
            if applied:
                after = self._lint(filename, fixed_bytes, config)
                outcome = Outcome(self._after_baseline(after), len(applied),
                                  text=after.source.text if after.source else None)
                if self.options.diff:
                    outcome.diff = unified_diff(filename, decode_html(data, filename),
                                                decode_html(fixed_bytes, filename))
                elif write:
                    try:
                        write_atomic(Path(filename), fixed_bytes)
                    except NotWritten as error:  # the page is unchanged
                        return Outcome(self._after_baseline(self._not_written(result, error)),
                                       text=result.source.text, unwritten=True)
                return outcome
        text, applied = apply_edits(result.source.text, todo)
        outcome = Outcome(self._after_baseline(result), text=result.source.text)
        if self.options.diff and applied:
            outcome.fixed = len(applied)
            outcome.diff = unified_diff(f"{filename} (extracted text)", result.source.text, text)
        return outcome

    def _not_written(self, result: FileResult, error: NotWritten) -> FileResult:
        """The result of a file whose fixes could not be written, with GAI010 saying why."""
        diagnostic = FixNotWritten.diagnostic(result.path, Span(0, 0), error.message_zh, error.message_en)
        diagnostics = (diagnostic, *result.diagnostics)
        counted = result.record.with_diagnostics(diagnostics) if result.record is not None else None
        return attrs.evolve(result, diagnostics=diagnostics, record=counted)

    def _fixed(self, result: FileResult, config: Config) -> tuple[FileResult, str, int]:
        """Apply the fixes until none is left: (the result for the fixed text, the text, how many).

        A pass applies every fix that does not overlap another, then checks again. A pass
        whose fixes would add a diagnostic (some code reported more often than before) is
        undone and its fixes are tried one at a time, each kept only if it adds nothing; a
        fix refused once is not tried again. So a fix never adds a diagnostic, and the loop
        ends with nothing left to fix: running again changes nothing."""
        assert result.source is not None
        text, fixed = result.source.text, 0
        refused: set[tuple[str, str, tuple[str, ...]]] = set()
        for _ in range(_MAX_FIX_PASSES):
            todo = [d for d in applicable(result.diagnostics, self.options.unsafe_fixes) if _key(d) not in refused]
            if not todo:
                break
            candidate, applied = apply_edits(text, todo)
            if not applied:
                break
            after = self._lint_source(attrs.evolve(result.source, text=candidate), config)
            if _adds(result.diagnostics, after.diagnostics):
                for diagnostic in sorted(applied, key=lambda d: d.span.start):
                    candidate, one = apply_edits(text, [diagnostic])
                    after = self._lint_source(attrs.evolve(result.source, text=candidate), config) if one else None
                    if after is not None and not _adds(result.diagnostics, after.diagnostics):
                        applied = one
                        break
                    refused.add(_key(diagnostic))
                else:
                    continue  # every fix of this pass refused: what is left is tried in the next pass
            text, result, fixed = candidate, after, fixed + len(applied)
        return result, text, fixed

    def _cached_lint(self, filename: str, data: bytes, config: Config) -> FileResult:
        """`_lint` through the content-hash cache, for plain checks (never with --fix or --diff)."""
        if self.cache is None or self.options.fix or self.options.diff or not self.cache.usable_for(filename):
            return self._lint(filename, data, config)
        key = self.cache.key(filename, data, config)
        result = self.cache.get(key, filename, data)
        if result is None:
            result = self._lint(filename, data, config)
            if not any(d.code == "GAI005" for d in result.diagnostics):  # a rule that raised runs again
                self.cache.put(key, result)
        return result

    def _lint(self, filename: str, data: bytes, config: Config) -> FileResult:
        loaded = self.inputs.load(filename, data, max_size=self._size_limit(filename, config),
                                  max_pages=self._page_limit(config))
        if isinstance(loaded, Diagnostic):
            return self._post(self.rejected(filename, loaded), config)
        return self._lint_source(loaded, config)

    def rejected(self, filename: str, problem: Diagnostic) -> FileResult:
        """The result for a file the input stage could not turn into text (GAI001, GAI008)."""
        return FileResult(filename, None, (*self.linter.take_plugin_diagnostics(filename), problem))

    def refused(self, shown: str, problem: Diagnostic) -> Outcome:
        """The outcome for a file whose bytes could not be read (GAI001, GAI008), its
        configuration applied (selection, severities)."""
        return Outcome(self._post(self.rejected(shown, problem), self.config_for(shown)))

    def check_path(self, shown: str, path: str) -> Outcome:
        """Read and check one file; a file that cannot be read is reported (GAI001), not raised."""
        data = self.inputs.read(path, shown, max_size=self._size_limit(shown, self.config_for(shown)))
        if isinstance(data, Diagnostic):
            return self.refused(shown, data)
        return self.check(shown, data)

    def _size_limit(self, filename: str, config: Config) -> int:
        """The size guard for this file: 0 (none) when GAI008 is not enabled for it."""
        rule = self.linter.rule("GAI008")
        if rule is None or rule not in self.linter.rules or not config.enabled(rule.code, filename):
            return 0
        return config.max_file_size if self.options.max_file_size is None else self.options.max_file_size

    def _page_limit(self, config: Config) -> int:
        """The most pages a PDF may have (``max-pdf-pages``, overridden by ``--max-pdf-pages``; 0: none)."""
        return config.max_pdf_pages if self.options.max_pdf_pages is None else self.options.max_pdf_pages

    def _lint_source(self, source: Source, config: Config) -> FileResult:
        return self._post(self.linter.check_source(source, config.options()), config)

    def _post(self, result: FileResult, config: Config) -> FileResult:
        """Per-file selection, severity overrides and inline suppressions."""
        kept = [self._with_severity(d, config) for d in result.diagnostics if config.enabled(d.code, result.path)]
        if result.source is not None:
            kept = self._suppress(result, self._valid_fixes(kept, len(result.source.text), config), config)
        result = attrs.evolve(result, diagnostics=tuple(sorted(kept, key=lambda d: (d.span.start, d.code))))
        return attrs.evolve(result, record=record(result))

    @staticmethod
    def _valid_fixes(diagnostics: list[Diagnostic], length: int, config: Config) -> list[Diagnostic]:
        """A fix whose edits are malformed (a reversed or out-of-range span, overlapping edits) is
        taken off its diagnostic and reported as GAI005 for the rule: it is never applied."""
        kept = []
        for diagnostic in diagnostics:
            problem = fix_problem(diagnostic.fix, length) if diagnostic.fix is not None else None
            if problem is None:
                kept.append(diagnostic)
                continue
            kept.append(attrs.evolve(diagnostic, fix=None))
            if not config.enabled("GAI005", diagnostic.path):
                continue
            kept.append(RuleError.diagnostic(
                diagnostic.path, Span(0, 0),
                f"规则 {diagnostic.code}（{diagnostic.name}）的修复无效，未应用：{problem[0]}",
                f"rule {diagnostic.code} ({diagnostic.name}) produced an invalid fix, not applied: {problem[1]}"))
        return kept

    @staticmethod
    def _with_severity(diagnostic: Diagnostic, config: Config) -> Diagnostic:
        level = config.severity_of(diagnostic.code)
        return attrs.evolve(diagnostic, severity=Severity(level)) if level else diagnostic

    def _suppress(self, result: FileResult, diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
        rule = self.linter.rule("GAI007")
        report_unused = rule is not None and rule in self.linter.rules and config.enabled(rule.code, result.path)
        kept, unused = suppress(result.path, result.source.text, diagnostics, report_unused=report_unused,
                                later=self._later)
        return kept + [self._with_severity(d, config) for d in unused]

    @property
    def _later(self) -> tuple[str, ...]:
        """The codes of the active cross-report rules (they report after the file's own check)."""
        return tuple(rule.code for rule in self.linter.rules if getattr(rule, "cross_report", False))

    def attach(self, path: str, diagnostics: list[Diagnostic], source: Source | None) -> FileResult:
        """Diagnostics found for a file after its own check (the cross-report rules), put through
        the same per-file configuration, severities, inline suppressions and baseline."""
        config = self.config_for(path)
        kept = [self._with_severity(d, config) for d in diagnostics if config.enabled(d.code, path)]
        if source is not None and kept:
            kept, _ = suppress(path, source.text, kept, report_unused=False)
        result = FileResult(path, source, tuple(sorted(kept, key=lambda d: (d.span.start, d.code))))
        return self._after_baseline(result)

    def source_of(self, path: str) -> Source | None:
        """A file's text read again (for the reduce step when the outcomes were not kept)."""
        loaded = self.inputs.load_path(path)
        return None if isinstance(loaded, Diagnostic) else loaded

    def _after_baseline(self, result: FileResult) -> FileResult:
        if self.options.baseline is None:
            return result
        text = result.source.text if result.source else None
        remaining = tuple(without_baseline(result.path, result.diagnostics, text, self.options.baseline))
        counted = result.record.with_diagnostics(remaining) if result.record is not None else None
        return attrs.evolve(result, diagnostics=remaining, record=counted)

