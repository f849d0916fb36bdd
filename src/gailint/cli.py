"""Command line: ``gailint check``, ``gailint rule``, ``gailint parse``."""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

def _check(args: argparse.Namespace) -> int:
    from .baseline import load_baseline, write_baseline
    from .config import ConfigError
    from .crossreport import attach_cross_report, merge_results
    from .fixes import clean_leftovers
    from .output import DOCUMENT_FORMATS, STREAMING_FORMATS, open_document, statistics, write
    from .parallel import available_cores
    from .progress import Progress
    from .runner import RunOptions

    try:
        baseline = load_baseline(Path(args.baseline)) if args.baseline else None
        setup, runner = _build(args, RunOptions(fix=args.fix or args.unsafe_fixes and not args.diff,
                                                unsafe_fixes=args.unsafe_fixes, diff=args.diff, baseline=baseline))
        linter = runner.linter
        lang = args.lang or runner.config_for(None if args.paths == ["-"] else args.paths[0]).lang
    except (ConfigError, ValueError, OSError) as error:
        print(f"gailint: {error}", file=sys.stderr)
        return 2
    if args.executor and not _executor_ok(args.executor):
        return 2
    if not _known_format(args.output_format, linter):
        return 2
    out = _open_output(args.output)
    if out is None:
        return 2
    gathered = _gather(args, runner)
    if gathered is None:
        return 2
    files, missed = gathered
    if args.output:  # the file -o writes (an HTML page in a walked directory) is not a report to check
        written = os.path.abspath(args.output)
        files = [item for item in files if item[1] is None or os.path.abspath(item[0]) != written]
    for directory in sorted({path.parent for _, path in files if isinstance(path, Path)}):
        clean_leftovers(directory)  # temporary files of a --fix that was killed
    stdin = [item for item in files if item[1] is None]
    jobs = args.jobs or available_cores()
    progress = Progress(len(files)) if not args.quiet else None  # a bar on a terminal, for long runs
    results, records, fixed, unreadable, tally = [], [], 0, missed, _Tally()
    # Line-oriented formats are written file by file, and only the diagnostics are kept: the
    # parent's memory stays flat however many reports the batch holds.
    streaming = (args.output_format in STREAMING_FORMATS | DOCUMENT_FORMATS
                 and not (args.write_baseline or args.statistics or args.diff))
    # A document format (html) is fed result by result and keeps only what its end needs.
    document = open_document(args.output_format, out, lang) if streaming and args.output_format in DOCUMENT_FORMATS \
        else None
    colour = _colour(args.color) if out is sys.stdout else args.color == "always"
    try:
        outcomes = _outcomes(args, runner, setup, [item for item in files if item[1] is not None], jobs)
        if stdin:
            first = runner.check(args.stdin_filename or "<stdin>", sys.stdin.buffer.read(), stdin=True)
            outcomes = itertools.chain([first], outcomes)
        for number, outcome in enumerate(outcomes, 1):
            if progress:
                progress.update(number, outcome.result.path)
            if outcome.diff:
                sys.stdout.write(outcome.diff)
            fixed += outcome.fixed
            result = outcome.result
            unreadable |= result.source is None or outcome.unwritten
            tally.add(result)
            if result.record is not None:
                records.append(result.record)
            if not streaming:
                results.append(result)
            elif document is not None:
                document.add(result)
            elif result.diagnostics:
                if progress and out is sys.stdout:
                    progress.clear()
                write([result], out, args.output_format, lang, colour=colour)
        # the reduce step: cross-report rules over every report's record
        cross = attach_cross_report(runner, records, None if streaming else {r.path: r for r in results})
        if document is not None:
            for result in cross:  # shown as one more entry for the file: its own view is already written
                document.add(result)
            document.close()
    except ConfigError as error:
        print(f"gailint: {error}", file=sys.stderr)
        return 2
    finally:
        if progress:
            progress.done()
    for result in cross:
        tally.add(result, new_file=False)
    if streaming:
        if document is None:
            write(cross, out, args.output_format, lang, colour=colour)
    else:
        results = merge_results(results, cross)
    if args.write_baseline:
        count = write_baseline(Path(args.write_baseline), results)
        print(f"gailint: wrote {count} diagnostics to the baseline {args.write_baseline}", file=sys.stderr)
        return 0
    written = True
    if args.statistics:
        statistics(results, sys.stdout)
    elif not (args.diff or streaming):
        written = _write_all(results, out, args.output_format, lang, linter, colour)
    if out is not sys.stdout:
        out.close()
    if not written:
        return 2
    if _unreported_plugin_errors(linter, lang):
        return 1
    if tally.files and args.output_format == "full" and not (args.quiet or args.diff or args.statistics):
        tally.summary(fixed)
    if unreadable:
        return 2
    if args.exit_zero:
        return 0
    if args.diff:
        return 1 if fixed else 0
    return 1 if tally.errors else 0


def _open_output(name: str | None):
    """``-o FILE``: the file to write the diagnostics to (stdout without it); None when it cannot be
    opened, said on stderr before any report is checked."""
    if not name or name == "-":
        return sys.stdout
    try:
        return open(name, "w", encoding="utf-8", newline="")  # noqa: SIM115 — closed when check ends
    except OSError as error:
        print(f"gailint: cannot write {name}: {error.strerror}", file=sys.stderr)
        return None


def _write_all(results, out, fmt: str, lang: str, linter, colour: bool) -> bool:
    """Write the whole-document formats; False (said on stderr) when a plugin's format failed."""
    from .budget import Overrun
    from .output import FORMATS, write

    if fmt in FORMATS:
        write(results, out, fmt, lang, rules=linter.rules, colour=colour)
        return True
    owner = linter.plugins.owner[f"gailint_formatters:{fmt}"].label
    try:
        with linter.budget.session(), linter.budget.call():
            write(results, out, fmt, lang, plugin_formats=linter.formatters)
    except (Exception, Overrun) as error:  # noqa: BLE001 - a plugin's formatter must not end in a traceback
        logging.getLogger(__name__).debug("output format %s failed", fmt, exc_info=True)
        out.flush()
        reason = (f"ran past its time budget ({linter.budget.seconds:g} s)" if isinstance(error, Overrun)
                  else f"raised {type(error).__name__}: {error}")
        print(f"gailint: GAI005 the output format {fmt} of plugin {owner} {reason}", file=sys.stderr)
        return False
    return True


def _extract(args: argparse.Namespace) -> int:
    """``gailint extract``: one record per report (metadata, every table value, diagnostic counts)."""
    from .columns import render_columns
    from .config import ConfigError
    from .crossreport import attach_cross_report
    from .export import FORMATS, write_records
    from .extract import record
    from .parallel import available_cores
    from .runner import RunOptions

    if args.write_columns:
        Path(args.write_columns).write_text(render_columns(), encoding="utf-8")
        print(args.write_columns)
        return 0
    if not args.output:
        print("gailint: extract needs -o FILE (or --write-columns FILE)", file=sys.stderr)
        return 2
    if args.executor and not _executor_ok(args.executor):
        return 2
    fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        print(f"gailint: unknown extract format {fmt!r} (known: {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    try:
        setup, runner = _build(args, RunOptions())
    except (ConfigError, ValueError, OSError) as error:
        print(f"gailint: {error}", file=sys.stderr)
        return 2
    gathered = _gather(args, runner)
    if gathered is None:
        return 2
    files, missed = gathered
    if any(path is None for _, path in files):
        missed = True
        print("gailint: extract reads report files, not standard input (-)", file=sys.stderr)
        files = [item for item in files if item[1] is not None]
    if not files:
        return 2
    records, diagnostics, unreadable = [], {}, missed
    try:
        for outcome in _outcomes(args, runner, setup, files, args.jobs or available_cores()):
            result = outcome.result
            unreadable |= result.source is None
            records.append(result.record if result.record is not None else record(result))
            diagnostics[result.path] = result.diagnostics
        for extra in attach_cross_report(runner, records):
            diagnostics[extra.path] = (*diagnostics[extra.path], *extra.diagnostics)
    except ConfigError as error:
        print(f"gailint: {error}", file=sys.stderr)
        return 2
    records = [item.with_diagnostics(diagnostics[item.file]) for item in records]
    try:
        count = write_records(records, Path(args.output), fmt)
    except (RuntimeError, OSError) as error:
        print(f"gailint: {error}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"gailint: wrote {count} reports to {args.output}", file=sys.stderr)
    return 2 if unreadable else 0


def _build(args: argparse.Namespace, options):
    """(Setup, Runner) of a run, from `options` and the run arguments `check` and `extract` share
    (`_add_run_arguments`). A cache directory that cannot be used is said on stderr and not used.
    Raises ConfigError, ValueError or OSError for a configuration or plugin that cannot be loaded."""
    import attrs

    from .cache import DEFAULT_DIR
    from .parallel import Setup

    cache_dir = None if args.no_cache else Path(args.cache_dir or DEFAULT_DIR)
    options = attrs.evolve(options, config=Path(args.config) if args.config else None, cache_dir=cache_dir,
                           max_file_size=args.max_file_size, max_pdf_pages=args.max_pdf_pages)
    setup = Setup(not args.no_plugins, tuple(_codes(args.select)), tuple(_codes(args.ignore)), options, args.timeout)
    runner = setup.build()
    if runner.cache is not None and (problem := runner.cache.problem()):
        print(f"gailint: warning: the cache directory {cache_dir} cannot be used ({problem}); "
              "results are not cached", file=sys.stderr)
        setup = attrs.evolve(setup, options=attrs.evolve(setup.options, cache_dir=None))  # for workers
        runner.cache = None
    return setup, runner


def _gather(args: argparse.Namespace, runner) -> tuple[list, bool] | None:
    """(files, missed) for the command line's paths: the reports, sorted by file (stdin, "-",
    first), and whether a path gave none — a directory without reports or that cannot be
    read, each said on stderr (the command then exits 2; the batch goes on). None when a
    path cannot be used at all (said on stderr)."""
    files, missed = [], False
    for raw in args.paths:
        unlisted: list[OSError] = []
        found = _files(args, raw, runner.inputs.extensions, unlisted)
        if found is None:
            return None
        files += found
        for error in unlisted:
            missed = True
            print(f"gailint: cannot read the directory {error.filename}: {error.strerror or error}", file=sys.stderr)
        if not found and not unlisted:
            missed = True
            print(f"gailint: no {_or(runner.inputs.extensions)} reports under {raw}", file=sys.stderr)
    files.sort(key=lambda item: item[0])  # sorted by file whatever --jobs is
    return files, missed


def _files(args: argparse.Namespace, raw: str, extensions: tuple[str, ...],
           unlisted: list[OSError] | None = None) -> list | None:
    """The reports a command-line path names: walked locally, or — a URL with --executor —
    listed through fsspec and read by the workers. None (said on stderr) when it cannot be."""
    from .files import iter_paths

    if "://" not in raw:  # a directory that cannot be listed is appended to `unlisted`
        return list(iter_paths([raw], extensions, unlisted))
    if not getattr(args, "executor", None):
        print(f"gailint: {raw}: URLs are read by the workers of --executor dask://HOST:PORT", file=sys.stderr)
        return None
    from .distributed import remote_files

    try:
        return remote_files(raw, extensions)
    except ValueError as error:
        print(f"gailint: {error}", file=sys.stderr)
        return None


def _executor_ok(url: str) -> bool:
    from .distributed import scheduler_address

    try:
        scheduler_address(url)
    except ValueError as error:
        print(f"gailint: {error}", file=sys.stderr)
        return False
    return True


def _timeout(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds (0: no limit), got {value!r}")
    return seconds


def _outcomes(args, runner, setup, files, jobs):
    """The outcomes of `files`: with --executor on a dask cluster, else locally (--jobs)."""
    executor = getattr(args, "executor", None)
    if executor:
        from .distributed import check_files_distributed

        return check_files_distributed(executor, runner, setup, files)
    from .parallel import check_files

    return check_files(runner, setup, files, jobs)


def _or(extensions: Sequence[str]) -> str:
    """(".txt", ".md", ".docx") → ".txt, .md or .docx"."""
    return " or ".join(filter(None, (", ".join(extensions[:-1]), extensions[-1])))


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a number of processes (0: all cores), got {value!r}")
    return int(value)


def _bytes(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a number of bytes (0: no limit), got {value!r}")
    return int(value)


def _pages(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a number of pages (0: no limit), got {value!r}")
    return int(value)


class _Tally:
    """What the summary line and the exit status need, counted as results arrive."""

    def __init__(self) -> None:
        self.files = self.diagnostics = self.fixable = self.errors = 0

    def add(self, result, *, new_file: bool = True) -> None:
        self.files += new_file
        self.diagnostics += len(result.diagnostics)
        for d in result.diagnostics:
            self.fixable += bool(d.fix and d.fix.applicability == "safe")
            self.errors += d.severity.value == "error"

    def summary(self, fixed: int) -> None:
        parts = []
        if fixed:
            parts.append(f"已修复 {fixed} 处 / fixed {fixed}")
        if self.diagnostics:
            parts.append(f"发现 {self.diagnostics} 个问题 / found {self.diagnostics}"
                         + (f"（{self.fixable} 个可用 --fix 修复）" if self.fixable else ""))
        elif not fixed:
            parts.append("未发现问题 / all checks passed")
        print("；".join(parts), file=sys.stdout)


def _colour(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _config(args: argparse.Namespace) -> int:
    import json

    from .config import ConfigError
    from .engine import Linter
    from .runner import RunOptions, Runner

    try:
        runner = Runner(Linter(load_plugins=not args.no_plugins),
                        RunOptions(config=Path(args.config) if args.config else None))
        config = runner.config_for(args.path or None)
    except (ConfigError, ValueError) as error:
        print(f"gailint: {error}", file=sys.stderr)
        return 2
    print(json.dumps(config.as_dict(), ensure_ascii=False, indent=2))
    return 0


def _known_format(name: str, linter) -> bool:
    from .output import FORMATS

    if name in FORMATS or name in linter.formatters:
        return True
    known = ", ".join([*FORMATS, *linter.formatters])
    print(f"gailint: unknown output format {name!r} (known: {known})", file=sys.stderr)
    return False


def _unreported_plugin_errors(linter, lang: str = "zh") -> bool:
    """Plugin load errors (GAI006) not yet attached to a file — no file was checked: stderr."""
    pending = linter.take_plugin_diagnostics("-")
    for diagnostic in pending:
        print(f"gailint: {diagnostic.code} {diagnostic.text(lang)}", file=sys.stderr)
    return bool(pending)


def _plugins(args: argparse.Namespace) -> int:
    """``gailint plugins``: every plugin with its distribution, version, state and rules."""
    from .budget import Budget
    from .plugin_loader import discover

    plugins = discover(load_plugins=not args.no_plugins, budget=Budget(args.timeout))
    for info in plugins.infos:
        where = f"{info.distribution} {info.version}" if info.distribution else f"gailint {info.version} (built-in)"
        print(f"{info.name}  {where}  [{info.status}]  {info.value}")
        for rule in sorted(info.rules, key=lambda r: r.code):
            print(f"    {rule.code}  {rule.name:<26} {rule.severity.value:<8} {rule.summary}")
        if info.readers:
            print(f"    readers: {', '.join(info.readers)}")
        if info.formatters:
            print(f"    output formats: {', '.join(info.formatters)}")
        for error in info.errors:
            print(f"    GAI006 {error.message_en if args.lang == 'en' else error.message_zh}")
            if args.verbose and error.traceback:
                print("      " + error.traceback.rstrip().replace("\n", "\n      "))
    return 1 if plugins.errors else 0


def _codes(value: str | None) -> list[str]:
    return [code.strip().upper() for code in (value or "").split(",") if code.strip()]


def _rule(args: argparse.Namespace) -> int:
    from . import rules
    from .docs import render, write_docs

    if args.code and args.code.upper() in rules.REGISTRY and not (args.all or args.write_docs):
        print(render(rules.load(args.code)), end="")  # a built-in: its module alone, no plugin discovery
        return 0
    if args.no_plugins:  # the built-ins only: straight from the registry table
        every: Sequence[type] = rules.all_rules()
        found = {rule.code: rule for rule in every}.get((args.code or "").upper())
    else:
        from .engine import Linter

        linter = Linter()
        _unreported_plugin_errors(linter)
        every, found = linter.all_rules, linter.rule(args.code or "")
    if args.write_docs:
        for path in write_docs(every, Path(args.write_docs)):
            print(path)
        return 0
    if args.all or not args.code:
        for rule in every:
            print(f"{rule.code}  {rule.name:<22} {rule.severity.value:<8} {rule.summary}")
        return 0
    rule = found
    if rule is None:
        print(f"gailint: no rule {args.code}", file=sys.stderr)
        return 2
    print(render(rule), end="")
    return 0


def _parse(args: argparse.Namespace) -> int:
    """``gailint parse FILE``: the recognised structure (``--text``: the text the rules read,
    as a document reader extracted it)."""
    from .config import ConfigError, find_config
    from .diagnostics import Diagnostic
    from .inputs import Inputs
    from .parser import parse
    from .plugin_loader import discover
    from .recognize import recognize
    from .source import LineIndex

    plugins = discover(load_plugins=not args.no_plugins)
    owners = {ext: plugins.owner[f"gailint_readers:{ext}"].label for ext in plugins.readers}
    max_pages = args.max_pdf_pages  # else the configuration's, as `gailint check` reads it
    if max_pages is None:
        try:
            max_pages = find_config(Path(os.path.realpath(args.path)).parent).max_pdf_pages
        except ConfigError as error:
            print(f"gailint: {error}", file=sys.stderr)
            return 2
    loaded = Inputs(plugins.readers, owners).load_path(args.path, max_pages=max_pages)
    if isinstance(loaded, Diagnostic):
        print(f"gailint: {args.path}: {loaded.code} {loaded.text(args.lang)}", file=sys.stderr)
        return 2
    source = loaded
    if args.text:
        sys.stdout.write(source.text if source.text.endswith("\n") or not source.text else source.text + "\n")
        return 0
    report = recognize(parse(source.text))
    index = LineIndex(source.text)

    def at(span) -> str:
        where = "%d:%d" % index.position(span.start)
        place = source.origin.locate(span) if source.origin is not None else None
        return f"{where} ({place.describe(args.lang)})" if place is not None else where

    if source.extracted:
        print(f"format: {source.format}")
    else:
        print(f"encoding: {source.encoding}{' (BOM)' if source.bom else ''}")
    print(f"title: {report.title.text if report.title else '-'}")
    for section in report.sections:
        h = section.heading
        print(f"section {h.numeral} @{at(h.span)}: {h.text}")
    for table in report.tables:
        print(f"table {table.number} @{at(table.table.span)} [{table.table.encoding}] version={table.version}")
        if table.columns:
            print("  columns: " + " ".join(table.columns))
        for row in table.rows:
            cells = " ".join(c.text or "·" for c in row.cells)
            print(f"  {row.key:<28} @{at(row.span):<7} {cells}")
        for problem in table.problems:
            print(f"  ! {problem.kind} @{at(problem.span)}: {problem.detail_en}")
    return 0


def _lsp(args: argparse.Namespace) -> int:
    """``gailint lsp``: the language server on stdin/stdout (needs the ``lsp`` extra: pygls)."""
    try:
        from .lsp.server import serve
    except ImportError as error:
        print(f"gailint: the language server needs pygls ({error}); install the lsp extra, e.g. "
              "pip install \".[lsp]\" in a checkout of gailint, or pip install \"pygls>=2,<3\"", file=sys.stderr)
        return 2
    return serve()


def _add_run_arguments(command: argparse.ArgumentParser) -> None:
    """The arguments of a batch run, which `check` and `extract` share (read by `_build`)."""
    from .budget import DEFAULT_SECONDS

    command.add_argument("--select", help="comma-separated codes or prefixes to enable")
    command.add_argument("--ignore", help="comma-separated codes or prefixes to disable")
    command.add_argument("--config", help="use this configuration file instead of discovering one")
    command.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins")
    command.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                         help="check files in N processes (default 0: all cores)")
    command.add_argument("--executor", metavar="URL",
                         help="run on a dask.distributed cluster: dask://HOST:PORT (needs gailint[dask]); "
                              "default: local processes (--jobs)")
    command.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    command.add_argument("--cache-dir", metavar="DIR", help="the result cache directory (default: ./.gailint_cache)")
    command.add_argument("--max-file-size", type=_bytes, metavar="BYTES",
                         help="skip larger files with GAI008 (default: the configuration's max-file-size, 1 MiB; "
                              "0: no limit)")
    command.add_argument("--max-pdf-pages", type=_pages, metavar="PAGES",
                         help="do not read a PDF with more pages: GAI001 (default: the configuration's "
                              "max-pdf-pages, 300; 0: no limit)")
    command.add_argument("--timeout", type=_timeout, default=DEFAULT_SECONDS, metavar="SECONDS",
                         help=f"stop a rule (or plugin reader, import, hook, output format) that runs longer "
                              f"than this on one file: GAI005 (default {DEFAULT_SECONDS:g}; 0: no limit)")


def main(argv: Sequence[str] | None = None) -> int:
    from .budget import DEFAULT_SECONDS

    parser = argparse.ArgumentParser(prog="gailint", description="政府信息公开工作年度报告 linter")
    parser.add_argument("--version", action="version", version=f"gailint {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of rule and plugin errors")
    # -v also after the command (`gailint check -v FILE`, as GAI005/GAI006 advise); SUPPRESS keeps a -v
    # given before the command from being reset by the command's default
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                         help="show tracebacks of rule and plugin errors")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser = sub.add_parser
    sub.add_parser = lambda *a, **k: add_parser(*a, parents=[verbose], **k)  # type: ignore[method-assign]

    check = sub.add_parser("check", help="check reports (files, directories, or - for stdin)")
    check.add_argument("paths", nargs="*", default=["."])
    check.add_argument("--output-format", default="full", metavar="FORMAT",
                       help="full, concise, json, json-lines, sarif, github, junit, html, or a plugin's format")
    check.add_argument("-o", "--output", metavar="FILE",
                       help="write the diagnostics (or the html report) to FILE instead of stdout")
    check.add_argument("--lang", choices=("zh", "en"), default=None, help="message language (default: config, else zh)")
    check.add_argument("--stdin-filename", help="the name to report for input read from stdin")
    check.add_argument("--fix", action="store_true", help="apply safe fixes, in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes (implies --fix)")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    check.add_argument("--baseline", metavar="FILE", help="report only diagnostics not recorded in FILE")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's diagnostics in FILE")
    check.add_argument("--statistics", action="store_true", help="print the number of diagnostics per code")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    check.add_argument("-q", "--quiet", action="store_true", help="print diagnostics only: no summary, no progress bar")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the output (auto: on a terminal, unless NO_COLOR is set)")
    _add_run_arguments(check)
    check.set_defaults(run=_check)

    extract = sub.add_parser("extract", help="one record per report (metadata, every table value, "
                                             "diagnostic counts) as CSV, JSON or Parquet")
    extract.add_argument("paths", nargs="*", default=["."])
    extract.add_argument("-o", "--output", metavar="FILE", help="the file to write")
    extract.add_argument("--format", choices=("csv", "json", "parquet"),
                         help="csv, json or parquet (default: from the output file's extension)")
    extract.add_argument("--write-columns", metavar="FILE", help="write the column dictionary (Markdown) and exit")
    extract.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    _add_run_arguments(extract)
    extract.set_defaults(run=_extract)

    rule = sub.add_parser("rule", help="print a rule's documentation, or list all rules")
    rule.add_argument("code", nargs="?")
    rule.add_argument("--all", action="store_true")
    rule.add_argument("--no-plugins", action="store_true")
    rule.add_argument("--write-docs", metavar="DIR", help="write one Markdown page per rule into DIR")
    rule.set_defaults(run=_rule)

    config_cmd = sub.add_parser("config", help="print the effective configuration for a file")
    config_cmd.add_argument("path", nargs="?")
    config_cmd.add_argument("--config", help="use this configuration file instead of discovering one")
    config_cmd.add_argument("--no-plugins", action="store_true")
    config_cmd.set_defaults(run=_config)

    plugins_cmd = sub.add_parser("plugins", help="list the plugins (built-in and installed) and their rules")
    plugins_cmd.add_argument("--no-plugins", action="store_true")
    plugins_cmd.add_argument("--lang", choices=("zh", "en"), default="zh")
    plugins_cmd.add_argument("--timeout", type=_timeout, default=DEFAULT_SECONDS, metavar="SECONDS",
                             help=f"stop a plugin whose import or hook takes longer (default {DEFAULT_SECONDS:g})")
    plugins_cmd.set_defaults(run=_plugins)

    parse_cmd = sub.add_parser("parse", help="print the recognised structure of a report")
    parse_cmd.add_argument("path")
    parse_cmd.add_argument("--text", action="store_true",
                           help="print the text the rules read (what a reader extracted from a PDF, Word or HTML file)")
    parse_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of document places")
    parse_cmd.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (readers)")
    parse_cmd.add_argument("--max-pdf-pages", type=_pages, metavar="PAGES",
                           help="read a PDF of at most this many pages (default: the configuration's "
                                "max-pdf-pages, 300; 0: no limit)")
    parse_cmd.set_defaults(run=_parse)

    lsp_cmd = sub.add_parser("lsp", help="run the language server for editors (stdio)")
    lsp_cmd.set_defaults(run=_lsp)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(message)s")
    try:
        return args.run(args)
    except BrokenPipeError:  # e.g. `gailint check | head`
        return 0
    except KeyboardInterrupt:  # ^C: one line, no traceback, status 130 (128 + SIGINT)
        return _interrupted()


def _interrupted() -> int:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    print("gailint: interrupted", file=sys.stderr)
    return 130


def entry() -> None:
    """The ``gailint`` command: `main`, then exit. After ^C it exits at once, without the
    interpreter's clean-up, which would wait for the worker pool's threads (workers end with
    their parent: `parallel._follow_parent`)."""
    status = main()
    if status == 130:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    entry()
