"""Collapsed table cells as a constraint problem.

On many scraped pages a table row's cells are glued into one digit run
("291000030" for 29 1 0 0 0 0 30, "100 0 0 00" when some spaces survived). A run
can be split into a row's cells in several ways; the template's relations over
the whole table (`gailint.relations`: A1 row totals, A2 the balance, A3 the
outcome totals, group subtotals, A5 table 3's groups) usually leave exactly one.

`splits` enumerates the ways one row's runs can be cut into its cells (a
surviving space always separates two cells; a cell is ``0`` or a number without
a leading zero; bounded). `solve` then searches the product of all rows'
splits for the assignments under which every equation holds, and — when there
is none — for the most plausible ones (fewest equations broken). Both searches
are bounded; hitting a bound is reported as ambiguity, never as a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Literal

import attrs

from ._lazy_re import lazy_compile
from .ast import Cell, MappedRow, Problem, Span, Table, TemplateTable
from .relations import Equation, table2_equations, table3_equations
from .template import TABLE1_2019_MARKERS, TABLE1_BLOCKS, TABLE3_COLUMNS
from .text import normalize, parse_value

__all__ = ["Outcome", "Split", "read_table1", "read_table2", "read_table3", "solve", "splits", "unsplittable"]

Split = tuple[Cell, ...]

SPLIT_LIMIT = 5000        # splits of one row kept before giving up on it
NODE_LIMIT = 200_000      # search nodes per table
KEEP = 8                  # assignments kept for the message

_TOKEN = lazy_compile(r"\S+")
_NONZERO_RUN = lazy_compile(r"[1-9]\d*")
_DECIMAL = lazy_compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


_Cut = tuple[tuple[int, int, str], ...]   # one split as (token index, start in the token, text) per cell
_Cuts = tuple[_Cut, ...]
_Tokens = list[tuple[str, int]]           # a row's space-separated tokens with their offsets in the text
_Memo = dict[tuple[tuple[str, ...], int, bool], "_Cuts | None"]
_Numbers = tuple["int | Decimal", ...]    # a split's cell values, as the equations read them (`_numbers`)


def splits(runs: Sequence[Cell], width: int, *, decimals: bool = False, limit: int = SPLIT_LIMIT,
           memo: _Memo | None = None) -> list[Split] | None:
    """Every way to cut the digit runs of one row into `width` cells, in reading order; None when
    there are more than `limit` (the row is then ambiguous by construction). `memo` keeps the cuts
    of run texts already seen in the same table (its rows often repeat a run such as "0000000")."""
    tokens = _tokens(runs)
    if not tokens:
        return []
    cuts = _row_cuts(tokens, width, decimals, limit, {} if memo is None else memo)
    if cuts is None:
        return None
    return [_split(tokens, cut) for cut in cuts]


def _tokens(runs: Sequence[Cell]) -> _Tokens:
    """The space-separated tokens of a row's runs, each with its offset in the text."""
    tokens: _Tokens = []
    for run in runs:
        for match in _TOKEN.finditer(run.text):
            tokens.append((match.group(), run.span.start + match.start()))
    return tokens


def _row_cuts(tokens: _Tokens, width: int, decimals: bool, limit: int, memo: _Memo) -> _Cuts | None:
    """The cuts of `splits` for these tokens, through `memo`; an empty tuple when there are no tokens."""
    if not tokens:
        return ()
    key = (tuple(text for text, _ in tokens), width, decimals)
    if key not in memo:
        memo[key] = _cuts(*key, limit)
    return memo[key]


def _split(tokens: _Tokens, cut: _Cut) -> Split:
    """The cells of one cut."""
    return tuple([Cell(part, Span(tokens[index][1] + start, tokens[index][1] + start + len(part)), parse_value(part))
                  for index, start, part in cut])


def _numbers(cut: _Cut) -> _Numbers:
    """The numbers of the cells of one cut as the equations read them (0 for a blank cell), without
    building the cells: the solver needs only these, and the cells only of the split it chooses."""
    return tuple([number if (number := parse_value(part).number) is not None else 0 for _, _, part in cut])


def _cuts(tokens: tuple[str, ...], width: int, decimals: bool, limit: int) -> _Cuts | None:
    """The cuts of `splits` as (token index, start, text) per cell; None past `limit`."""
    found: list[_Cut] = []
    cells: list[tuple[int, int, str]] = []
    after = [0] * (len(tokens) + 1)  # after[i]: characters in the tokens after tokens[i]
    for i in range(len(tokens) - 1, 0, -1):
        after[i - 1] = after[i] + len(tokens[i])
    ends: list[list[Sequence[int] | None]] = [[None] * len(text) for text in tokens]  # `_cell_ends` once per start

    def cut(index: int, at: int, left: int) -> bool:
        """Extend `cells` from tokens[index][at:]; False when the limit is hit."""
        if index == len(tokens):
            if left == 0:
                found.append(tuple(cells))
            return len(found) <= limit
        text = tokens[index]
        # cells still needed after this one: at least one per remaining character (so this cell
        # ends early enough), and at least one per remaining token (and one more if the token continues)
        remaining_tokens = len(tokens) - index - 1
        if remaining_tokens > left - 1:
            return True
        stop = len(text) + after[index] - (left - 1)  # (no end is past the token's)
        options = ends[index][at]
        if options is None:
            options = ends[index][at] = _cell_ends(text, at, decimals)
        for end in options:
            if end > stop:
                break
            last = end == len(text)
            if not last and remaining_tokens + 1 > left - 1:
                continue
            cells.append((index, at, text[at:end]))
            ok = cut(index + 1, 0, left - 1) if last else cut(index, end, left - 1)
            cells.pop()
            if not ok:
                return False
        return True

    return tuple(found) if cut(0, 0, width) else None


def _cell_ends(text: str, at: int, decimals: bool) -> Sequence[int]:
    """Where a cell that starts at text[at] can end, in order: the ends of the prefixes of text[at:]
    that are a number (``0`` or without a leading zero; with a fraction if `decimals`)."""
    if not decimals:  # an integer cell is a lone 0, or any prefix of the run of digits from a 1–9
        if text.startswith("0", at):
            return range(at + 1, at + 2)
        run = _NONZERO_RUN.match(text, at)
        return range(at + 1, run.end() + 1 if run else at + 1)
    found = []
    for end in range(at + 1, len(text) + 1):
        if _DECIMAL.fullmatch(text, at, end):
            found.append(end)
        elif text[at] == "0" and "." not in text[at:]:
            break  # a leading zero never becomes valid by growing
    return found


_Status = Literal["unique", "ambiguous", "inconsistent"]


@attrs.frozen
class Outcome:
    """What the equations leave of a table's possible splits.

    `status`: "unique" (one consistent assignment), "ambiguous" (several, or a bound hit),
    "inconsistent" (none: `assignments` are then the most plausible ones, breaking
    `broken` equations each). An assignment maps a row key to the index of its split.
    """

    status: _Status
    assignments: tuple[dict[str, int], ...]
    broken: int = 0
    bounded: bool = False


def solve(rows: dict[str, list[_Numbers]], equations: Sequence[Equation]) -> Outcome:
    """The assignments of one split per row under which the equations hold (see `Outcome`), each
    row's splits given by their numbers, 0 for a blank cell (`_numbers`: `_resolve` builds the cells
    only of the split it chooses)."""
    equations = [e for e in equations if e.rows <= rows.keys()]
    local: dict[str, list[Equation]] = {key: [] for key in rows}  # the equations of one row alone
    for equation in equations:
        if len(equation.rows) == 1:
            local[next(iter(equation.rows))].append(equation)
    shared = [e for e in equations if len(e.rows) > 1]
    filtered: dict[str, list[int]] = {}
    for key, splits_ in rows.items():
        checks = local[key]
        if checks:
            filtered[key] = [index for index, numbers in enumerate(splits_)
                             if all(e.holds({key: numbers}) for e in checks)]
        else:
            filtered[key] = list(range(len(splits_)))
    consistent = all(filtered.values())
    if consistent:
        found, bounded = _search(rows, filtered, shared, lambda broken, best: broken > 0, stop_after=KEEP)
        if found:
            status: _Status = "unique" if len(found) == 1 and not bounded else "ambiguous"
            return Outcome(status, tuple(a for a, _ in found), 0, bounded)
    # No consistent assignment: the most plausible ones, keeping a row's own total where it can hold.
    options = {key: filtered[key] or list(range(len(rows[key]))) for key in rows}
    broken_local = sum(1 for key in rows if not filtered[key] and local[key])
    found, bounded = _search(rows, options, shared, lambda broken, best: broken > best, stop_after=None)
    if not found:
        return Outcome("ambiguous", (), 0, True)
    best = min(b for _, b in found)
    kept = tuple([a for a, b in found if b == best][:KEEP])
    return Outcome("inconsistent", kept, best + broken_local, bounded)


def _search(rows: dict[str, list[_Numbers]], options: dict[str, list[int]], equations: Sequence[Equation],
            prune: Callable[[int, float], bool], stop_after: int | None
            ) -> tuple[list[tuple[dict[str, int], int]], bool]:
    """Depth-first over the rows (fewest options first) through the splits `options` names (indices into
    `rows`); an equation is checked as soon as its rows are assigned. `prune(broken, best)` cuts a branch.
    Returns ([(assignment, broken)], bounded), an assignment mapping a row key to its split's index."""
    order = sorted(options, key=lambda k: len(options[k]))
    position = {key: i for i, key in enumerate(order)}
    due: list[list[Equation]] = [[] for _ in order]
    for equation in equations:
        due[max([position[k] for k in equation.rows])].append(equation)
    assignment: dict[str, int] = {}
    values: dict[str, _Numbers] = {}  # the assigned splits' numbers (a row's entry is stale once it is unassigned)
    found: list[tuple[dict[str, int], int]] = []
    nodes = 0
    best = float("inf")
    bounded = False

    def visit(depth: int, broken: int) -> bool:
        nonlocal nodes, best, bounded
        if depth == len(order):
            if stop_after is None:
                if broken < best:
                    found.clear()
                    best = broken
                if broken == best and len(found) < KEEP:
                    found.append((dict(assignment), broken))
            else:
                found.append((dict(assignment), broken))
            return stop_after is None or len(found) <= stop_after
        key = order[depth]
        numbers = rows[key]
        checks = due[depth]
        for index in options[key]:
            nodes += 1
            if nodes > NODE_LIMIT:
                bounded = True
                return False
            assignment[key] = index
            values[key] = numbers[index]
            now = broken
            for equation in checks:
                if not equation.holds(values):
                    now += 1
            if not prune(now, best) and not visit(depth + 1, now):
                del assignment[key]
                return False
            del assignment[key]
        return True

    finished = visit(0, 0)
    if stop_after is not None and len(found) > stop_after:
        bounded = bounded or not finished
        found = found[:stop_after + 1]
    return found, bounded


# --- reading collapsed template tables (called by gailint.recognize) ---------------------------

_ITEM = lazy_compile(r"第二十条第\(([一二三四五六七八九])\)项")


def _shown(split: Split) -> str:
    return " ".join(cell.text for cell in split)


def _glued(runs: Sequence[Cell], width: int) -> bool:
    return sum(len(run.text.split()) for run in runs) < width


def _inferred(span: Span, label: str, split: Split, plausible: bool) -> Problem:
    if plausible:
        return Problem("inferred", span,
                       f"“{label}”一行单元格粘连，且没有一种拆分能使表中各项关系全部成立；按最可能的拆分读取为：{_shown(split)}",
                       f"row '{label}': cells were glued together and no split satisfies every relation of the "
                       f"table; read as the most plausible split: {_shown(split)}", plausible=True)
    return Problem("inferred", span,
                   f"“{label}”一行单元格粘连，按模板的数量关系推断为：{_shown(split)}",
                   f"row '{label}': cells were glued together; inferred from the template's relations: {_shown(split)}")


def _ambiguous(span: Span, label: str, options: Sequence[Split], count: str, inconsistent: bool = False) -> Problem:
    shown = "；".join(_shown(s) for s in options[:3])
    shown_en = "; ".join(_shown(s) for s in options[:3])
    zh_note = "，且没有一种能使表中各项关系全部成立" if inconsistent else ""
    en_note = ", none of which satisfies every relation of the table," if inconsistent else ""
    return Problem("ambiguous", span,
                   f"“{label}”一行单元格粘连，可拆分为 {count} 种（如：{shown}）{zh_note}，无法确定；未做数值核对",
                   f"row '{label}': cells were glued together and split {count} ways (e.g. {shown_en}){en_note}; "
                   "cannot tell which; not checked")


def _distinct(splits_: Sequence[Split]) -> list[Split]:
    seen: dict[tuple[str, ...], Split] = {}
    for split in splits_:
        seen.setdefault(tuple(c.text for c in split), split)
    return list(seen.values())


def _resolve(number: int, version, table: Table, columns, rows: Sequence[MappedRow], problems: list[Problem],
             equations: Sequence[Equation]) -> TemplateTable:
    """Solve the rows of one table together and build the template table (see `Outcome`)."""
    tokens: dict[str, _Tokens] = {}
    cuts: dict[str, _Cuts] = {}
    memo: _Memo = {}
    for row in rows:
        row_tokens = _tokens(row.cells)
        found = _row_cuts(row_tokens, row.expected, False, SPLIT_LIMIT, memo)
        if not found:  # no split at all, or too many: the row is unreadable as such
            problems.append(_ambiguous(row.span, row.label, [], "多" if found is None else "0"))
            return TemplateTable(number, version, table, columns, (), tuple(problems))
        tokens[row.key], cuts[row.key] = row_tokens, found
    outcome = solve({key: [_numbers(cut) for cut in found] for key, found in cuts.items()}, equations)
    status, chosen, bounded = outcome.status, outcome.assignments, outcome.bounded

    def split(key: str, assignment: dict[str, int]) -> Split:
        return _split(tokens[key], cuts[key][assignment[key]])

    if status == "ambiguous" or (status == "inconsistent" and len(chosen) != 1):
        by_key = {row.key: row for row in rows}
        if not chosen:
            problems.append(Problem("ambiguous", table.span,
                                    f"表{number}的单元格粘连，可能的拆分过多，超出搜索范围；未做数值核对",
                                    f"table {number}: cells were glued together with too many possible splits "
                                    "(search bound reached); not checked"))
        for key, row in by_key.items():
            distinct = _distinct([split(key, a) for a in chosen])
            if len(distinct) > 1:
                more = "多" if bounded or len(chosen) > KEEP else str(len(distinct))
                problems.append(_ambiguous(row.span, row.label, distinct, more, status == "inconsistent"))
        return TemplateTable(number, version, table, columns, (), tuple(problems))
    mapped = []
    for row in rows:
        cells = split(row.key, chosen[0])
        mapped.append(_with_cells(row, cells))
        plausible = status == "inconsistent"
        if len(cuts[row.key]) > 1 and _glued(row.cells, row.expected):
            problems.append(_inferred(row.span, row.label, cells, plausible))
    return TemplateTable(number, version, table, columns, tuple(mapped), tuple(problems))


def _with_cells(row: MappedRow, cells: Split) -> MappedRow:
    """`attrs.evolve(row, cells=cells)`: built directly for a `MappedRow` itself (evolve costs six times as much)."""
    if type(row) is MappedRow:
        return MappedRow(row.key, row.label, row.span, cells, row.expected)
    return attrs.evolve(row, cells=cells)


def read_table2(table: TemplateTable) -> TemplateTable:
    """Table 2 whose rows hold digit runs (as mapped by `gailint.recognize`): the cells, solved."""
    keys = {row.key for row in table.rows}
    return _resolve(2, table.version, table.table, table.columns, table.rows, list(table.problems),
                    table2_equations(table.version or "2021", keys))


def read_table3(table: Table) -> TemplateTable:
    """Table 3 as one glued row of fifteen (A5 decides the split)."""
    runs = [line.cells[-1] for line in table.lines if len(line.cells) == 2]
    if not runs:
        return TemplateTable(3, "2021", table, TABLE3_COLUMNS, (), (unsplittable(table),))
    row = MappedRow("values", "行政复议、行政诉讼", Span(runs[0].span.start, runs[-1].span.end), tuple(runs),
                    len(TABLE3_COLUMNS))
    return _resolve(3, "2021", table, TABLE3_COLUMNS, [row], [], table3_equations())


def read_table1(table: Table) -> TemplateTable:
    """Table 1: each row on its own (the template has no sums across table 1)."""
    text = normalize("".join(cell.text for line in table.lines for cell in line.cells))
    version = "2019" if any(normalize(marker) in text for marker in TABLE1_2019_MARKERS) else "2021"
    blocks = TABLE1_BLOCKS[version]
    rows: list[MappedRow] = []
    problems: list[Problem] = []
    block = None
    memo: _Memo = {}
    for line in table.lines:
        match = _ITEM.search(normalize(line.cells[0].text)) if line.cells else None
        if match:
            block = blocks.get(match.group(1))
            continue
        if block is None or len(line.cells) != 2:
            continue
        name = normalize(line.cells[0].text)
        spec = next((s for s in block.rows if s.matches("", name)), None)
        if spec is None:
            continue
        width = len(block.columns)
        tokens = _tokens(line.cells[1:])
        found = _row_cuts(tokens, width, block.item in ("八", "九"), SPLIT_LIMIT, memo)
        if found and len(found) == 1:
            rows.append(MappedRow(spec.key, spec.label, line.span, _split(tokens, found[0]), width))
        else:
            count = "多" if found is None else str(len(found))
            shown = [_split(tokens, cut) for cut in (found or ())[:3]]  # all `_ambiguous` shows
            problems.append(_ambiguous(line.span, spec.label, shown, count))
    return TemplateTable(1, version, table, (), tuple(rows), tuple(problems))


def unsplittable(table: Table) -> Problem:
    """A collapsed table with no relations to split it by (the pre-2019 statistics table)."""
    return Problem("not-separated", table.span,
                   "统计表的单元格粘连，且该表没有可用于拆分的数量关系，无法确定各单元格；未做数值核对",
                   "the statistics table's cells were glued together and it has no relations to split them by; "
                   "not checked")
