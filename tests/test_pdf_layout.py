"""`readers.pdf_layout` on hand-built page geometry: exact text and exact source maps."""

from __future__ import annotations

from gailint.origin import Place
from gailint.readers.pdf_layout import Char, PageContent, Rule, layout


def word(text: str, x: float, y: float, size: float = 10) -> list[Char]:
    return [Char(ch, x + i * size, y, x + (i + 1) * size, y + size) for i, ch in enumerate(text)]


def page(number: int, chars: list[Char], rules: tuple[Rule, ...] = ()) -> PageContent:
    return PageContent(number, 595, 842, tuple(chars), rules)


def grid(xs: list[float], ys: list[float], skip: set[tuple[float, float, float]] = frozenset()) -> tuple[Rule, ...]:
    """Full ruling of a grid; `skip` holds vertical rule pieces (x, y0, y1) left out (merged cells)."""
    rules = [Rule(xs[0], y, xs[-1], y) for y in ys]
    for x in xs:
        for y0, y1 in zip(ys[1:], ys):
            if (x, y0, y1) not in skip:
                rules.append(Rule(x, y0, x, y1))
    return tuple(rules)


def test_merged_header_cell_and_cell_boxes():
    rules = grid([70, 180, 290, 400], [720, 705, 690], skip={(180, 705, 720)})
    chars = word("表头", 100, 708) + word("甲", 300, 708) + word("规章", 72, 693) + word("1", 200, 693) + word("2", 300, 693)
    extracted = layout([page(1, chars, rules)])
    assert extracted.text.splitlines()[:2] == ["表头\t\t甲", "规章\t1\t2"]
    assert list(extracted.origin)[:3] == [
        (0, 2, Place(page=1, box=(70, 705, 290, 720))),      # the merged cell: both grid columns
        (4, 5, Place(page=1, box=(290, 705, 400, 720))),
        (6, 8, Place(page=1, box=(70, 690, 180, 705))),
    ]


def test_table_over_a_page_break_with_page_numbers_between():
    first = page(1, word("一、本年新收", 72, 693) + word("3", 200, 693) + word("- 1 -", 290, 30),
                 grid([70, 180, 290], [705, 690]))
    # the continuation has no top rule: the vertical rules' ends close it
    rules = (Rule(70, 780, 290, 780), Rule(70, 780, 70, 800), Rule(180, 780, 180, 800), Rule(290, 780, 290, 800))
    second = page(2, word("二、上年结转", 72, 785) + word("4", 200, 785) + word("- 2 -", 290, 30), rules)
    extracted = layout([first, second])
    assert extracted.text == "一、本年新收\t3\n二、上年结转\t4\n"
    assert [p.page for _, _, p in extracted.origin] == [1, 1, 2, 2]


def test_wrapped_paragraph_joined_and_running_header_dropped():
    pages = []
    for number in (1, 2):
        chars = word("年度报告", 250, 800)                                   # running header, top margin
        chars += word("第一行" * 13, 72, 700) + word("续完。", 72, 680)      # reaches the right margin, then wraps
        chars += word("新段落从缩进开始。", 92, 650)
        pages.append(page(number, chars))
    extracted = layout(pages)
    paragraphs = [p for p in extracted.text.split("\n") if p]
    assert paragraphs[:2] == ["第一行" * 13 + "续完。", "新段落从缩进开始。"]
    assert "年度报告" not in extracted.text


def test_columns_without_ruling_lines_keep_a_wide_gap():
    extracted = layout([page(1, word("规章", 72, 700) + word("1", 200, 700) + word("0", 260, 700) + word("11", 320, 700))])
    assert extracted.text == "规章  1  0  11\n"


def test_frame_maps_boxes_to_the_reading_frame_and_back():
    """A page's reading frame: a box turned into it and back is the same user-space box; a
    quarter-turned page's frame has the turned size."""
    from gailint.readers.pdf_layout import Frame

    box = (100.0, 200.0, 130.0, 260.0)
    for quarter in range(4):
        frame = Frame(quarter, (0.0, 0.0, 612.0, 792.0))
        assert frame.to_user(frame.to_frame(box)) == box
        assert (frame.width, frame.height) == ((792.0, 612.0) if quarter % 2 else (612.0, 792.0))
    # text running upwards (a landscape page drawn for /Rotate 90): user y is the frame's x,
    # and the frame's "up" is user space's left
    assert Frame(1, (0.0, 0.0, 612.0, 792.0)).to_frame(box) == (200.0, 482.0, 260.0, 512.0)
    assert Frame().to_frame(box) == box
