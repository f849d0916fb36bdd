"""PDF page geometry → the line-structured text the grammar reads, with a source map.

Pure geometry, no PDF library: the input is each page's characters (with their boxes)
and ruling lines, as `gailint.readers.pdf` reads them with pypdfium2.

* **Tables** are rebuilt from ruling lines: lines that touch form one table; its
  distinct x and y positions form a grid; neighbouring grid cells that no ruling line
  separates are one merged cell. Each grid row becomes ONE line of TAB-separated cells
  (a merged cell's text at its top-left position, the positions it covers empty: the
  encoding a Word copy produces, which `cells` reads as ``tab``). A table that goes on
  over a page break simply goes on: the page footer between is dropped.
* **Prose** lines are rebuilt from characters (grouped by their vertical centre, sorted
  by x); a line that reaches the right margin and is followed by an unindented line
  continues the same paragraph; paragraphs are separated by a blank line.
* **Running headers, footers and page numbers** (``- 3 -``, ``— 4 —``, ``第 3 页``, and
  text repeated in the same margin of several pages) are dropped.

Every piece of text is mapped to `Place(page, box)`: a table cell to its ruled
rectangle, a prose line to the union of its characters' boxes (PDF points, origin
bottom-left).

**Rotated pages.** All of this is done in the page's *reading frame*, where its text is
upright: a landscape table page drawn sideways on a portrait page (and shown upright by
``/Rotate 90``), or content drawn sideways without ``/Rotate``, is read line by line as a
person reads it. `Frame` maps between the PDF's user space and that frame; the reader
gives the characters and rules in the frame, and every `Place` box is mapped back, so
boxes are always in the PDF's own user space (what PDFium's and pdf.js's text
coordinates use), whatever the page's ``/Rotate``.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from ..origin import Extracted, Place, SourceMap

__all__ = ["Char", "Frame", "PageContent", "Rule", "layout"]

_SNAP = 2.0          # points: ruling lines closer than this are one grid line
_TOUCH = 3.0         # points: ruling lines this close are connected (one table)
_MAX_RULES = 5000    # more ruling lines on one page is a drawing (a map, a chart), not a report's table
_MARGIN = 0.10       # the top and bottom tenth of a page may hold running headers and footers
_PAGE_NUMBER = re.compile(
    r"^[-－—–‐\s]*\d{1,4}[-－—–‐\s]*$|^第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$"
)
_HEADING_START = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)、．.]|^\d{1,2}[、．.]\D|^第[一二三四五六七八九十]+[章节条]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@attrs.frozen
class Char:
    """One character with its box (x0, y0, x1, y1), PDF points, origin bottom-left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@attrs.frozen
class Rule:
    """A ruling line: horizontal (`y0 == y1` after snapping) or vertical (`x0 == x1`)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.y1 - self.y0


Box = tuple[float, float, float, float]


@attrs.frozen
class Frame:
    """A page's reading frame: user space turned so that its text is upright.

    `quarter` is how many quarter turns counter-clockwise the text is drawn at in user
    space (0: upright; 1: its lines run upwards, as on a landscape page drawn for
    ``/Rotate 90``; 2: upside down; 3: running downwards); `box` is the page's rectangle in
    user space. Frame coordinates start at the frame's bottom-left corner (0, 0). The
    default frame is the identity."""

    quarter: int = 0
    box: Box = (0.0, 0.0, 0.0, 0.0)

    @property
    def width(self) -> float:
        x0, y0, x1, y1 = self.box
        return y1 - y0 if self.quarter % 2 else x1 - x0

    @property
    def height(self) -> float:
        x0, y0, x1, y1 = self.box
        return x1 - x0 if self.quarter % 2 else y1 - y0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point in the frame."""
        x0, y0, x1, y1 = self.box
        quarter = self.quarter % 4
        if quarter == 0:
            return x - x0, y - y0
        if quarter == 1:
            return y - y0, x1 - x
        if quarter == 2:
            return x1 - x, y1 - y
        return y1 - y, x - x0

    def user_point(self, x: float, y: float) -> tuple[float, float]:
        """A frame point in user space (the inverse of `point`)."""
        x0, y0, x1, y1 = self.box
        quarter = self.quarter % 4
        if quarter == 0:
            return x + x0, y + y0
        if quarter == 1:
            return x1 - y, x + y0
        if quarter == 2:
            return x1 - x, y1 - y
        return y + x0, y1 - x

    def to_frame(self, box: Box) -> Box:
        """A user-space box (x0, y0, x1, y1) in the frame."""
        return _corners(self.point, box)

    def to_user(self, box: Box) -> Box:
        """A frame box in user space: what a `Place` holds."""
        return _corners(self.user_point, box)


def _corners(transform, box: Box) -> Box:
    ax, ay = transform(box[0], box[1])
    bx, by = transform(box[2], box[3])
    return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


@attrs.frozen
class PageContent:
    """What the reader takes from one page: characters and rules in the page's reading
    frame (`frame`, the identity for an upright page), and the frame's size."""

    number: int                  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...]
    frame: Frame = Frame()


@attrs.frozen
class _Line:
    """A visual line of text: its pieces (text, box) left to right."""

    text: str
    box: Box

    @property
    def top(self) -> float:
        return self.box[3]


@attrs.frozen
class _Cell:
    row: int
    column: int
    box: Box
    text: str


@attrs.frozen
class _Table:
    box: Box
    rows: int
    columns: int
    cells: tuple[_Cell, ...]

    @property
    def top(self) -> float:
        return self.box[3]


def _union(boxes: Iterable[Box]) -> Box:
    x0s, y0s, x1s, y1s = zip(*boxes)
    return (min(x0s), min(y0s), max(x1s), max(y1s))


# --- lines from characters ------------------------------------------------------

def _lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Group characters into visual lines, top to bottom, each sorted left to right."""
    lines: list[list[Char]] = []
    bottom = top = 0.0
    for char in sorted(chars, key=lambda c: -c.cy):
        if lines and bottom <= char.cy <= top:
            lines[-1].append(char)
            bottom, top = min(bottom, char.y0), max(top, char.y1)
        else:
            lines.append([char])
            bottom, top = char.y0, char.y1
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(chars: Sequence[Char]) -> str:
    """A line's text: a space where the PDF has one or where a gap is wider than a third
    of the line's height (not between two Chinese characters: spaced-out or justified
    Chinese has no words to separate), two spaces (a column gap, as ``pdftotext -layout``) where it is
    wider than two heights."""
    height = max(c.y1 - c.y0 for c in chars) or 1.0
    out: list[str] = []
    previous: Char | None = None
    pending_space = False
    for char in chars:
        if char.text.isspace():
            pending_space = previous is not None
            continue
        if previous is not None:
            gap = char.x0 - previous.x1
            if gap > 2 * height:
                out.append("  ")
            elif pending_space or (gap > height / 3 and not (_cjk(previous.text) and _cjk(char.text))):
                out.append(" ")
        out.append(char.text)
        previous, pending_space = char, False
    return "".join(out)


def _cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def _join_wrapped(parts: Sequence[str]) -> str:
    """Join the lines of one cell or paragraph: no separator in Chinese, a space between words."""
    text = ""
    for part in parts:
        if text and _ASCII_WORD.match(text[-1]) and _ASCII_WORD.match(part[0]) and not (
                text[-1].isdigit() and part[0].isdigit()):
            text += " "
        text += part
    return text


def _visual_lines(chars: Sequence[Char]) -> list[_Line]:
    out = []
    for line in _lines(chars):
        visible = [c for c in line if not c.text.isspace()]
        if visible:
            out.append(_Line(_line_text(line), _union((c.x0, c.y0, c.x1, c.y1) for c in visible)))
    return out


# --- tables from ruling lines -----------------------------------------------------

def _snap(values: Iterable[float]) -> list[float]:
    """Cluster close coordinates into one (their mean), ascending."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= _SNAP:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _touch(a: Rule, b: Rule) -> bool:
    return (a.x0 - _TOUCH <= b.x1 and b.x0 - _TOUCH <= a.x1 and
            a.y0 - _TOUCH <= b.y1 and b.y0 - _TOUCH <= a.y1)


def _components(rules: Sequence[Rule]) -> list[list[Rule]]:
    """Groups of ruling lines that touch one another (union-find)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(rules)), key=lambda i: rules[i].x0)
    for n, i in enumerate(order):   # sweep in x: only rules that start before i ends can touch it
        for j in order[n + 1:]:
            if rules[j].x0 - _TOUCH > rules[i].x1:
                break
            if _touch(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return list(groups.values())


def _extents(rules: Sequence[Rule], positions: Sequence[float], horizontal: bool) -> list[list[tuple[float, float]]]:
    """For each grid line (a y for horizontal rules, an x for vertical ones), the extents
    (x0..x1 or y0..y1) of the ruling lines drawn on it."""
    out: list[list[tuple[float, float]]] = [[] for _ in positions]
    for rule in rules:
        at = (rule.y0 + rule.y1) / 2 if horizontal else (rule.x0 + rule.x1) / 2
        extent = (rule.x0, rule.x1) if horizontal else (rule.y0, rule.y1)
        i = bisect.bisect_left(positions, at - _SNAP)
        while i < len(positions) and positions[i] <= at + _SNAP:
            out[i].append(extent)
            i += 1
    return out


def _covered(extents: Sequence[tuple[float, float]], lo: float, hi: float) -> bool:
    """Whether one of a grid line's ruling lines passes the middle of lo..hi."""
    middle = (lo + hi) / 2
    return any(start - _SNAP <= middle <= end + _SNAP for start, end in extents)


def _grid_table(rules: Sequence[Rule], chars: Sequence[Char]) -> tuple[_Table, list[Char]] | None:
    """The table these touching rules draw, with the characters inside it; None when they
    do not form a grid of at least one row by two columns (an underline, a box)."""
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    xs = _snap((r.x0 + r.x1) / 2 for r in vertical)
    if len(xs) < 3:
        return None
    # A table broken by a page has no rule on its open side: the vertical rules' ends close it.
    ends = [min(r.y0 for r in vertical), max(r.y1 for r in vertical)]
    ys = _snap([*((r.y0 + r.y1) / 2 for r in horizontal), *ends])[::-1]     # top to bottom
    horizontal = [*horizontal, *(Rule(xs[0], y, xs[-1], y) for y in ends)]
    if len(ys) < 2 or len(xs) < 3:
        return None
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    at_x = _extents(vertical, xs, False)
    ascending = ys[::-1]
    at_y = _extents(horizontal, ascending, True)[::-1]      # indexed like ys, top to bottom
    for r in range(rows):
        for c in range(columns):
            if c + 1 < columns and not _covered(at_x[c + 1], ys[r + 1], ys[r]):
                parent[find(r * columns + c)] = find(r * columns + c + 1)
            if r + 1 < rows and not _covered(at_y[r + 1], xs[c], xs[c + 1]):
                parent[find(r * columns + c)] = find((r + 1) * columns + c)
    groups: dict[int, list[int]] = {}
    for i in range(rows * columns):
        groups.setdefault(find(i), []).append(i)
    box = (xs[0], ys[-1], xs[-1], ys[0])
    descending = [-y for y in ys]
    inside: dict[int, list[Char]] = {}
    outside: list[Char] = []
    for char in chars:
        cx, cy = char.cx, char.cy
        if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
            c = min(max(bisect.bisect_right(xs, cx) - 1, 0), columns - 1)
            r = min(max(bisect.bisect_right(descending, -cy) - 1, 0), rows - 1)
            inside.setdefault(find(r * columns + c), []).append(char)
        else:
            outside.append(char)
    cells = []
    for root, members in groups.items():
        r0, r1 = min(i // columns for i in members), max(i // columns for i in members)
        c0, c1 = min(i % columns for i in members), max(i % columns for i in members)
        cell_box = (xs[c0], ys[r1 + 1], xs[c1 + 1], ys[r0])
        mine = inside.get(root, ())
        text = _join_wrapped([line.text for line in _visual_lines(mine)]) if mine else ""
        cells.append(_Cell(r0, c0, cell_box, text.replace("\t", " ")))
    cells.sort(key=lambda cell: (cell.row, cell.column))
    return _Table(box, rows, columns, tuple(cells)), outside


def _tables(page: PageContent) -> tuple[list[_Table], list[Char]]:
    tables: list[_Table] = []
    chars = list(page.chars)
    if len(page.rules) > _MAX_RULES:    # a drawing, not a table: bounded time, read as prose
        return tables, chars
    for group in _components(page.rules):
        found = _grid_table(group, chars)
        if found is not None:
            table, chars = found
            if any(cell.text for cell in table.cells):
                tables.append(table)
    return tables, chars


# --- running headers and footers ---------------------------------------------------

def _in_margin(line: _Line, page: PageContent) -> bool:
    return line.box[1] >= page.height * (1 - _MARGIN) or line.box[3] <= page.height * _MARGIN


def _repeated_margins(pages: Sequence[tuple[PageContent, list[_Line]]]) -> set[str]:
    """Margin texts (digits masked) found on at least two pages and half of them: running heads."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page, lines in pages:
        seen.update({re.sub(r"\d+", "#", line.text) for line in lines if _in_margin(line, page)})
    return {text for text, count in seen.items() if count >= max(2, len(pages) // 2)}


def _is_running(line: _Line, page: PageContent, repeated: set[str]) -> bool:
    if not _in_margin(line, page):
        return False
    return bool(_PAGE_NUMBER.match(line.text.strip())) or re.sub(r"\d+", "#", line.text) in repeated


# --- text assembly -----------------------------------------------------------------

class _Writer:
    """Accumulates the extracted text and its source-map segments."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[tuple[int, int, Place]] = []

    def write(self, text: str, place: Place | None = None) -> None:
        if place is not None and text:
            self.segments.append((self.length, self.length + len(text), place))
        self.parts.append(text)
        self.length += len(text)

    @property
    def last(self) -> str:
        return self.parts[-1] if self.parts else ""


@attrs.frozen
class _Margins:
    left: float
    right: float
    em: float


def _margins(lines: Sequence[_Line]) -> _Margins:
    if not lines:
        return _Margins(0, 0, 12)
    lefts = Counter(round(line.box[0]) for line in lines)
    left = float(min(x for x, n in lefts.items() if n >= lefts.most_common(1)[0][1] / 2))
    rights = sorted(line.box[2] for line in lines)
    right = rights[int(len(rights) * 0.9) if len(rights) > 1 else 0]
    em = statistics.median(line.box[3] - line.box[1] for line in lines)
    return _Margins(left, right, em)


def _continues(previous: _Line, line: _Line, margins: _Margins) -> bool:
    """Whether `line` goes on with `previous`'s paragraph (a wrapped line)."""
    reaches_right = previous.box[2] >= margins.right - 1.5 * margins.em
    not_indented = line.box[0] <= margins.left + 0.5 * margins.em
    return reaches_right and not_indented and not _HEADING_START.match(line.text)


def layout(pages: Iterable[PageContent], format: str = "pdf") -> Extracted:
    """Build the text and source map of a document from its pages' characters and rules."""
    content: list[tuple[PageContent, list[_Line], list[_Table]]] = []
    for page in pages:     # each page's characters become lines and tables, then are let go
        tables, chars = _tables(page)
        content.append((attrs.evolve(page, chars=(), rules=()), _visual_lines(chars), tables))
    repeated = _repeated_margins([(page, lines) for page, lines, _ in content])
    body = [(page, [ln for ln in lines if not _is_running(ln, page, repeated)], tables)
            for page, lines, tables in content]
    margins = _margins([line for _, lines, _ in body for line in lines])
    out = _Writer()
    previous: _Line | _Table | None = None
    for page, lines, tables in body:
        items: list[_Line | _Table] = sorted([*lines, *tables], key=lambda item: -item.top)
        for item in items:
            if isinstance(item, _Table):
                if not isinstance(previous, _Table) and out.length:
                    out.write("\n\n")
                _write_table(out, item, page)
            else:
                if isinstance(previous, _Line) and _continues(previous, item, margins):
                    if _ASCII_WORD.match(out.last[-1:] or " ") and _ASCII_WORD.match(item.text[0]):
                        out.write(" ")
                elif out.length:
                    out.write("\n\n" if isinstance(previous, _Line) else "\n")   # a table ends with its \n
                out.write(item.text, Place(page=page.number, box=page.frame.to_user(item.box)))
            previous = item
    if out.length and not out.last.endswith("\n"):
        out.write("\n")
    return Extracted("".join(out.parts), SourceMap(out.segments), format)


def _write_table(out: _Writer, table: _Table, page: PageContent) -> None:
    by_row: dict[int, list[_Cell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, []).append(cell)
    for row in range(table.rows):
        cells = {cell.column: cell for cell in by_row.get(row, ())}
        if not any(cell.text for cell in cells.values()):
            continue
        if out.length and not out.last.endswith("\n"):
            out.write("\n")
        for column in range(table.columns):
            if column:
                out.write("\t")
            cell = cells.get(column)
            if cell is not None and cell.text:
                out.write(cell.text, Place(page=page.number, box=page.frame.to_user(cell.box)))
    out.write("\n")
