"""The report's syntax tree: attrs value objects, every node with a span.

A span is a half-open range of code-point offsets into the decoded text.
The parser builds `Report` with raw `Table`s (lines of cells); table
recognition (`gailint.recognize`) then maps each table onto the national
template and attaches a `TemplateTable` to the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal, TypeVar, Union

import attrs

__all__ = [
    "Block", "Cell", "Heading", "MappedRow", "Paragraph", "Problem", "Report", "Section",
    "Span", "SubHeading", "Table", "TableLine", "TemplateTable", "Title", "Value",
]

_T = TypeVar("_T")


def _fast_init(cls: type[_T]) -> type[_T]:
    """The same `__init__` as attrs', made faster for the value objects a report has hundreds of.

    attrs' `__init__` for a frozen class sets each field through `object.__setattr__` (0.5 µs
    for a `Span`); this one sets each slot through its descriptor, in 40 % of the time. The class
    stays frozen (assignment still raises), and the signature is attrs' own.
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # every class given here is an attrs class
    assert all(f.validator is None and f.converter is None
               and (f.default is attrs.NOTHING or isinstance(f.default, (int, tuple, type(None)))) for f in fields), \
        "only plain fields (no validator, converter or factory) can be set through their slots"
    parameters = ", ".join(f.name if f.default is attrs.NOTHING else f"{f.name}=_default_{f.name}" for f in fields)
    body = "".join(f"\n    _set_{f.name}(self, {f.name})" for f in fields)
    namespace = {f"_set_{f.name}": cls.__dict__[f.name].__set__ for f in fields}
    namespace |= {f"_default_{f.name}": f.default for f in fields if f.default is not attrs.NOTHING}
    exec(f"def __init__(self, {parameters}):{body}", namespace)  # noqa: S102 - as attrs makes its own
    init = namespace["__init__"]
    init.__annotations__ = cls.__init__.__annotations__
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)
    return cls


@_fast_init
@attrs.frozen(order=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    @staticmethod
    def covering(*spans: Span) -> Span:
        """The smallest span holding every one of `spans`, whatever their order in the text
        (a table row's label may come after its numbers, e.g. in a Word export)."""
        return Span(min(s.start for s in spans), max(s.end for s in spans))


@_fast_init
@attrs.frozen
class Value:
    """The parsed value of a cell."""

    kind: Literal["int", "decimal", "blank", "invalid"]
    number: int | Decimal | None = None

    @property
    def is_number(self) -> bool:
        return self.kind in ("int", "decimal")


@_fast_init
@attrs.frozen
class Cell:
    text: str
    span: Span
    value: Value


@_fast_init
@attrs.frozen
class TableLine:
    """One line (or one Word block) of a table as it was written, split into cells.

    `run` groups physical lines that touch (no blank line between them): the
    parser of one-cell-per-line PDF text needs it to tell rows from columns.
    """

    span: Span
    cells: tuple[Cell, ...]
    run: int = 0


@_fast_init
@attrs.frozen
class Table:
    span: Span
    encoding: Literal["tab", "pipe", "pipe-lines", "word-blocks", "cell-lines", "layout", "collapsed"]
    lines: tuple[TableLine, ...]


@_fast_init
@attrs.frozen
class Paragraph:
    span: Span
    text: str


@_fast_init
@attrs.frozen
class SubHeading:
    """A numbered sub-heading such as （一）主动公开; text is everything after the marker."""

    span: Span
    number: int
    text: str


Block = Union[Paragraph, SubHeading, Table]


@_fast_init
@attrs.frozen
class Heading:
    """A section heading 一、… 六、 with its decorations (#, **) removed."""

    span: Span
    number: int
    numeral: str
    text: str
    text_span: Span


@_fast_init
@attrs.frozen
class Section:
    heading: Heading
    span: Span
    blocks: tuple[Block, ...]


@_fast_init
@attrs.frozen
class Title:
    span: Span
    text: str


@_fast_init
@attrs.frozen
class Problem:
    """A structural fact found while recognising a table (reported by the GAI0xx rules)."""

    kind: Literal["cell-count", "unmapped-row", "not-separated", "out-of-order", "not-recognised",
                  "inferred", "ambiguous"]
    span: Span
    detail_zh: str
    detail_en: str
    plausible: bool = False   # "inferred" only: the most plausible split, as no split satisfies every relation


@_fast_init
@attrs.frozen
class MappedRow:
    """A template row with the cells that were found for it."""

    key: str
    label: str
    span: Span
    cells: tuple[Cell, ...]
    expected: int

    @property
    def complete(self) -> bool:
        return len(self.cells) == self.expected

    def value(self, column: int) -> int | Decimal | None:
        """The number in a column (0-based), or None if blank, invalid or missing."""
        if not self.complete:
            return None
        return self.cells[column].value.number if self.cells[column].value.is_number else None


@_fast_init
@attrs.frozen
class TemplateTable:
    """A table mapped onto the template: 1 (第二十条), 2 (申请情况) or 3 (复议诉讼)."""

    number: Literal[1, 2, 3]
    version: Literal["2021", "2019", "pre2019"] | None
    table: Table
    columns: tuple[str, ...]
    rows: tuple[MappedRow, ...]
    problems: tuple[Problem, ...] = ()

    def row(self, key: str) -> MappedRow | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None

    @property
    def checkable(self) -> bool:
        """False when the table could not be read well enough for arithmetic."""
        return not any(p.kind in ("not-separated", "out-of-order", "not-recognised", "ambiguous") for p in self.problems)


@_fast_init
@attrs.frozen
class Report:
    text: str
    title: Title | None
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    tables: tuple[TemplateTable, ...] = ()

    def section(self, number: int) -> Section | None:
        for section in self.sections:
            if section.heading.number == number:
                return section
        return None

    def table(self, number: int) -> TemplateTable | None:
        for table in self.tables:
            if table.number == number:
                return table
        return None

    def problems(self, *kinds: str) -> Iterator[Problem]:
        """The structural problems of the given kinds found in the report's tables."""
        for table in self.tables:
            for problem in table.problems:
                if problem.kind in kinds:
                    yield problem

    def blocks(self) -> Iterator[Block]:
        """Every block in document order, preamble first."""
        yield from self.preamble
        for section in self.sections:
            yield from section.blocks
