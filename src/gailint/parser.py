"""Stage 2: text → AST, with the Lark LALR grammar in ``grammar/report.lark``."""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

from lark import Lark, Token, Transformer

from . import cells
from .ast import Block, Heading, Paragraph, Report, Section, Span, SubHeading, Title
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

    def preamble(self, tokens):
        return [self._block(token) for token in tokens]

    def section(self, tokens):
        heading = self._heading(tokens[0].value)
        blocks = tuple(self._block(token) for token in tokens[1:])
        end = blocks[-1].span.end if blocks else heading.span.end
        return Section(heading, Span(heading.span.start, end), blocks)

    @staticmethod
    def _heading(line: Line) -> Heading:
        marker = line.marker
        assert marker is not None, line  # the lexer marks every HEADING it emits
        text = line.text[marker.text_start - line.start:marker.text_end - line.start]
        return Heading(Span(line.start, line.end), marker.number, marker.numeral, text,
                       Span(marker.text_start, marker.text_end))

    @staticmethod
    def _block(token: Token) -> Block:
        """The block a TEXT, SUBHEADING or TABLE token stands for (the grammar's blocks are terminals)."""
        if token.type == "TABLE":
            return cells.build_table(token.value)
        line: Line = token.value
        if token.type == "TEXT":
            return Paragraph(Span(line.start, line.end), line.text)
        marker = line.marker
        assert marker is not None, line  # the lexer marks every SUBHEADING it emits
        return SubHeading(Span(line.start, line.end), marker.number, line.text[marker.text_start - line.start:])


def parse(text: str) -> Report:
    """Parse a decoded report into its AST (tables not yet mapped onto the template)."""
    report: Report = _parser().parse(text)
    return Report(text=text, title=report.title, preamble=report.preamble, sections=report.sections)
