"""Command line: ``gailint check``, ``gailint rule``, ``gailint parse``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__

EXTENSIONS = (".txt", ".md")


def _iter_paths(paths: Sequence[str]) -> Iterator[tuple[str, Path | None]]:
    """(display path, Path) for every report; directories recurse into .txt and .md files."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(EXTENSIONS):
                        yield os.path.join(root, name), Path(root, name)
        else:
            yield raw, path


def _check(args: argparse.Namespace) -> int:
    from .engine import Linter
    from .output import write

    try:
        linter = Linter(load_plugins=not args.no_plugins, select=_codes(args.select), ignore=_codes(args.ignore))
    except ValueError as error:
        print(f"gailint: {error}", file=sys.stderr)
        return 2
    results = []
    unreadable = False
    for shown, path in _iter_paths(args.paths):
        if path is None:
            result = linter.check_bytes(args.stdin_filename or "<stdin>", sys.stdin.buffer.read())
        else:
            try:
                data = path.read_bytes()
            except OSError as error:
                result = linter.unreadable(shown, error)
            else:
                result = linter.check_bytes(shown, data)
        unreadable |= result.source is None
        results.append(result)
    write(results, sys.stdout, args.output_format, args.lang)
    if unreadable:
        return 2
    return 1 if any(d.severity.value == "error" for r in results for d in r.diagnostics) else 0


def _codes(value: str | None) -> list[str]:
    return [code.strip().upper() for code in (value or "").split(",") if code.strip()]


def _rule(args: argparse.Namespace) -> int:
    from .docs import render, write_docs
    from .engine import Linter

    linter = Linter(load_plugins=not args.no_plugins)
    if args.write_docs:
        for path in write_docs(linter.all_rules, Path(args.write_docs)):
            print(path)
        return 0
    if args.all or not args.code:
        for rule in linter.all_rules:
            print(f"{rule.code}  {rule.name:<22} {rule.severity.value:<8} {rule.summary}")
        return 0
    rule = linter.rule(args.code)
    if rule is None:
        print(f"gailint: no rule {args.code}", file=sys.stderr)
        return 2
    print(render(rule), end="")
    return 0


def _parse(args: argparse.Namespace) -> int:
    from .parser import parse
    from .recognize import recognize
    from .source import DecodeError, LineIndex, decode

    try:
        source = decode(Path(args.path).read_bytes(), args.path)
    except (OSError, DecodeError) as error:
        print(f"gailint: {args.path}: {error}", file=sys.stderr)
        return 2
    report = recognize(parse(source.text))
    index = LineIndex(source.text)

    def at(span) -> str:
        return "%d:%d" % index.position(span.start)

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gailint", description="政府信息公开工作年度报告 linter")
    parser.add_argument("--version", action="version", version=f"gailint {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of rule errors")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check reports (files, directories, or - for stdin)")
    check.add_argument("paths", nargs="*", default=["."])
    check.add_argument("--output-format", choices=("full", "concise", "json"), default="full")
    check.add_argument("--lang", choices=("zh", "en"), default="zh")
    check.add_argument("--stdin-filename", help="the name to report for input read from stdin")
    check.add_argument("--select", help="comma-separated codes or prefixes to enable")
    check.add_argument("--ignore", help="comma-separated codes or prefixes to disable")
    check.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins")
    check.set_defaults(run=_check)

    rule = sub.add_parser("rule", help="print a rule's documentation, or list all rules")
    rule.add_argument("code", nargs="?")
    rule.add_argument("--all", action="store_true")
    rule.add_argument("--no-plugins", action="store_true")
    rule.add_argument("--write-docs", metavar="DIR", help="write one Markdown page per rule into DIR")
    rule.set_defaults(run=_rule)

    parse_cmd = sub.add_parser("parse", help="print the recognised structure of a report")
    parse_cmd.add_argument("path")
    parse_cmd.set_defaults(run=_parse)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(message)s")
    try:
        return args.run(args)
    except BrokenPipeError:  # e.g. `gailint check | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
