"""One check run over many files: configuration, suppressions, severities, fixes, baseline.

This is the layer between the command line (or the language server) and the
engine: the engine knows rules; the runner knows files and what the user asked.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import attrs

from .baseline import without_baseline
from .cache import Cache
from .config import Config, ConfigError, find_config, load_config
from .diagnostics import Diagnostic, FileResult, Severity
from .engine import Linter
from .extract import record
from .fixes import applicable, apply_edits, encode, unified_diff, write_atomic
from .inputs import Inputs, TooLarge, read_file
from .origin import Extracted
from .source import Source
from .suppressions import suppress

__all__ = ["RunOptions", "Runner", "check_bytes"]

_MAX_FIX_PASSES = 5


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


@attrs.define
class Outcome:
    result: FileResult
    fixed: int = 0
    diff: str = ""
    text: str | None = None              # the text after fixes (None when unreadable)


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
        if os.path.islink(filename):
            return find_config(Path(filename).resolve().parent)
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
        original = result.source.text
        text, fixed = original, 0
        for _ in range(_MAX_FIX_PASSES):
            todo = applicable(result.diagnostics, self.options.unsafe_fixes)
            if not todo:
                break
            text, applied = apply_edits(text, todo)
            if not applied:
                break
            fixed += len(applied)
            result = self._lint_source(attrs.evolve(result.source, text=text), config)
        outcome = Outcome(self._after_baseline(result), fixed, text=text)
        if text != original:
            if self.options.diff:
                outcome.diff = unified_diff(filename, original, text)
            elif write:
                write_atomic(Path(filename), encode(result.source, text))
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
                    write_atomic(Path(filename), fixed_bytes)
                return outcome
        text, applied = apply_edits(result.source.text, todo)
        outcome = Outcome(self._after_baseline(result), text=result.source.text)
        if self.options.diff and applied:
            outcome.fixed = len(applied)
            outcome.diff = unified_diff(f"{filename} (extracted text)", result.source.text, text)
        return outcome

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
        loaded = self.inputs.load(filename, data, max_size=self._size_limit(filename, config))
        if isinstance(loaded, Diagnostic):
            return self._post(self.rejected(filename, loaded), config)
        return self._lint_source(loaded, config)

    def rejected(self, filename: str, problem: Diagnostic) -> FileResult:
        """The result for a file the input stage could not turn into text (GAI001, GAI008)."""
        return FileResult(filename, None, (*self.linter.take_plugin_diagnostics(filename), problem))

    def check_path(self, shown: str, path: str) -> Outcome:
        """Read and check one file; a file that cannot be read is reported (GAI001), not raised."""
        config = self.config_for(shown)
        limit = self.inputs.byte_limit(shown, self._size_limit(shown, config))
        try:
            data = read_file(path, limit)
        except TooLarge as too_large:
            problem = self.inputs.too_large(shown, too_large.size, limit)
            return Outcome(self._post(self.rejected(shown, problem), config))
        except OSError as error:
            return Outcome(self._post(self.rejected(shown, self.inputs.unreadable(shown, error)), config))
        return self.check(shown, data)

    def _size_limit(self, filename: str, config: Config) -> int:
        """The size guard for this file: 0 (none) when GAI008 is not enabled for it."""
        rule = self.linter.rule("GAI008")
        if rule is None or rule not in self.linter.rules or not config.enabled(rule.code, filename):
            return 0
        return config.max_file_size if self.options.max_file_size is None else self.options.max_file_size

    def _lint_source(self, source: Source, config: Config) -> FileResult:
        return self._post(self.linter.check_source(source, config.options()), config)

    def _post(self, result: FileResult, config: Config) -> FileResult:
        """Per-file selection, severity overrides and inline suppressions."""
        kept = [self._with_severity(d, config) for d in result.diagnostics if config.enabled(d.code, result.path)]
        if result.source is not None:
            kept = self._suppress(result, kept, config)
        result = attrs.evolve(result, diagnostics=tuple(sorted(kept, key=lambda d: (d.span.start, d.code))))
        return attrs.evolve(result, record=record(result))

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

