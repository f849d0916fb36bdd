"""Stage 2: text → AST, with the Lark LALR grammar in ``grammar/report.lark``."""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

from lark import Lark, Transformer

from . import cells
from .ast import Heading, Paragraph, Report, Section, Span, SubHeading, Title
from .lexer import Line, ReportLexer

__all__ = ["grammar_text", "parse"]


def grammar_text() -> str:
    """The grammar, from the installed package (wheel) or the source tree."""
    packaged = importlib.resources.files("gailint").joinpath("grammar", "report.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[2] / "grammar" / "report.lark").read_text(encoding="utf-8")


@functools.cache
def _parser() -> Lark:
    # cache=True: lark keeps the LALR tables in the temporary directory, keyed by the grammar
    # and options, so a cold `gailint check` does not rebuild them (≈80 ms → ≈1 ms).
    return Lark(grammar_text(), parser="lalr", lexer=ReportLexer, transformer=_ToAst(), cache=True)


def _span(items) -> Span:
    return Span(items[0].start, items[-1].end)


class _ToAst(Transformer):
    """Applied during LALR parsing: builds attrs nodes directly, no parse tree."""

    def start(self, children):
        title = children[0] if isinstance(children[0], Title) else None
        rest = children[1:] if title else children
        preamble, sections = rest[0], rest[1:]
        return Report(text="", title=title, preamble=tuple(preamble), sections=tuple(sections))

    def title(self, tokens):
        lines: list[Line] = [t.value for t in tokens]
        text = "".join(line.text.strip(" \t\u3000#*") for line in lines)
        text = text.split(":", 1)[-1].split("：", 1)[-1].strip() if text.startswith("标题") else text
        return Title(_span(lines), text)

    def preamble(self, children):
        return [self._block(child) for child in children]

    def section(self, children):
        heading = self._heading(children[0].value)
        blocks = tuple(self._block(child) for child in children[1:])
        end = blocks[-1].span.end if blocks else heading.span.end
        return Section(heading, Span(heading.span.start, end), blocks)

    def paragraph(self, tokens):
        line: Line = tokens[0].value
        return Paragraph(Span(line.start, line.end), line.text)

    def table(self, tokens):
        return cells.build_table(tokens[0].value)

    @staticmethod
    def _heading(line: Line) -> Heading:
        marker = line.marker
        assert marker is not None, line  # the lexer marks every HEADING it emits
        text = line.text[marker.text_start - line.start:marker.text_end - line.start]
        return Heading(Span(line.start, line.end), marker.number, marker.numeral, text,
                       Span(marker.text_start, marker.text_end))

    @staticmethod
    def _block(child):
        if hasattr(child, "type"):  # a token
            line: Line = child.value
            if child.type == "SUBHEADING":
                marker = line.marker
                assert marker is not None, line  # the lexer marks every SUBHEADING it emits
                return SubHeading(Span(line.start, line.end), marker.number, line.text[marker.text_start - line.start:])
        return child


def parse(text: str) -> Report:
    """Parse a decoded report into its AST (tables not yet mapped onto the template)."""
    report: Report = _parser().parse(text)
    return Report(text=text, title=report.title, preamble=report.preamble, sections=report.sections)
