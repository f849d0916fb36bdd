"""The PDF reader: a PDF's bytes → `Extracted` text with a page-and-box source map.

pypdfium2 (PDFium, Apache-2.0/BSD) reads each page's characters with their boxes and
its path objects (the ruling lines of tables); `pdf_layout` rebuilds lines, tables and
paragraphs from that geometry. PDFium gives every box in the page's user space, before
``/Rotate`` (`PdfPage.get_size` is the rotated, displayed size; `get_bbox` the user-space
rectangle): the page's reading orientation is taken from its characters' own direction
(`FPDFText_GetMatrix`), and the geometry handed to `pdf_layout` is turned into that
`Frame`. Errors a user can act on — an encrypted file, a scan
without a text layer, a damaged file, too many pages — raise `PdfError`, whose
Chinese and English messages become the file's GAI001 diagnostic.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter

from ..config import DEFAULT_MAX_PDF_PAGES
from ..origin import Extracted, ReaderError
from .pdf_layout import Char, Frame, PageContent, Rule, layout

__all__ = ["MAX_PAGES", "PdfError", "read", "read_pdf"]

MAX_PAGES = DEFAULT_MAX_PDF_PAGES   # the configuration's max-pdf-pages by default (0: no limit)
_THIN = 2.5              # points: a path thinner than this is a ruling line
_MIN_RULE = 4.0          # points: shorter lines are glyph decoration, not table rules
_HUGE_GLYPH = 48.0       # points: a character box larger than this is a font's bogus bounding box
_VOTES = 256             # characters sampled per page to find its reading orientation
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class PdfError(ReaderError):
    """A PDF that cannot be checked, with a message for people (Chinese and English)."""


def read_pdf(data: bytes, path: str = "<stdin>", *, max_pages: int = MAX_PAGES) -> Extracted:
    """Read a PDF's text, tables and source map. Raises `PdfError` for a file that
    cannot be checked, or that has more than `max_pages` pages (0: no limit; counted
    before any page is read)."""
    import pypdfium2 as pdfium  # imported here: only a PDF pays for loading PDFium

    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise PdfError("文件不是 PDF（缺少 %PDF- 文件头）", "not a PDF file (no %PDF- header)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _open_error(str(error)) from None
    try:
        count = len(document)
        if count == 0:
            raise PdfError("PDF 没有页面", "the PDF has no pages")
        if 0 < max_pages < count:
            raise PdfError(f"PDF 有 {count} 页，超过上限 {max_pages} 页，未检查（年度报告通常不超过 30 页）；"
                           "可调整配置项 max-pdf-pages",
                           f"the PDF has {count} pages, more than the limit of {max_pages}; not checked "
                           "(annual reports have at most about 30 pages): raise max-pdf-pages")
        extracted = layout(_page(document, index) for index in range(count))    # one page in memory at a time
    finally:
        document.close()
    if not extracted.text.strip():
        raise PdfError("PDF 没有文本层（可能是扫描件），需先做文字识别（OCR）才能检查",
                       "the PDF has no text layer (a scan?): it needs OCR before it can be checked")
    return extracted


def read(data: bytes, path: str, *, max_pages: int = MAX_PAGES) -> Extracted:
    """The built-in readers' entry point (`gailint.readers`): `read_pdf`, with the page limit
    the configuration gives (``max-pdf-pages``)."""
    return read_pdf(data, path, max_pages=max_pages)


def _open_error(reason: str) -> PdfError:
    match = re.search(r"PDFium: ([^)]*)", reason)
    reason = match.group(1).rstrip(". ") if match else reason
    if "password" in reason.lower():
        return PdfError("PDF 已加密（需要密码），无法读取；请提供未加密的文件",
                        "the PDF is encrypted (password required) and cannot be read; supply an unencrypted file")
    return PdfError(f"PDF 文件已损坏或不完整，无法读取（{reason}）",
                    f"the PDF file is damaged or truncated and cannot be read ({reason})")


def _page(document, index: int) -> PageContent:
    import pypdfium2.raw as raw

    import pypdfium2 as pdfium

    try:
        page = document[index]
    except pdfium.PdfiumError as error:
        raise PdfError(f"PDF 第 {index + 1} 页已损坏，无法读取（{error}）",
                       f"page {index + 1} of the PDF is damaged and cannot be read ({error})") from None
    try:
        textpage = page.get_textpage()
        try:
            chars = _chars(raw, textpage)
            quarter = _quarter(raw, textpage)
        finally:
            textpage.close()
        rules = _rules(raw, page)
        frame = Frame(quarter, tuple(page.get_bbox()))
    finally:
        page.close()
    if quarter:
        chars = tuple(Char(c.text, *frame.to_frame((c.x0, c.y0, c.x1, c.y1))) for c in chars)
        rules = tuple(Rule(*frame.to_frame((r.x0, r.y0, r.x1, r.y1))) for r in rules)
    else:
        frame = Frame(0, (0.0, 0.0, *frame.box[2:]))    # upright: user space as it is (places unchanged)
    return PageContent(index + 1, frame.width, frame.height, chars, rules, frame)


def _quarter(raw, textpage) -> int:
    """The page's reading orientation: the quarter turns (counter-clockwise) at which most
    of its characters are drawn, from the direction of their baselines in user space (a
    sample of them); 0 when no direction has a majority."""
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    matrix = raw.FS_MATRIX()
    votes: Counter[int] = Counter()
    for i in range(0, count, max(1, count // _VOTES)):
        if raw.FPDFText_IsGenerated(handle, i) == 1 or not raw.FPDFText_GetMatrix(handle, i, matrix):
            continue
        a, b = matrix.a, matrix.b
        if a or b:
            votes[round(math.atan2(b, a) / (math.pi / 2)) % 4] += 1
    if not votes:
        return 0
    quarter, n = votes.most_common(1)[0]
    return quarter if 2 * n > sum(votes.values()) else 0


def _chars(raw, textpage) -> tuple[Char, ...]:
    """The page's characters with their loose boxes (the font's full height, so that the
    characters of one line share a band), without the spaces and line breaks PDFium
    generates."""
    handle = textpage.raw
    rect = raw.FS_RECTF()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    unicode_of, generated, loose_box = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox
    out = []
    for i in range(raw.FPDFText_CountChars(handle)):
        code = unicode_of(handle, i)
        if code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF, 0xFFFD):
            continue
        if code == 0x20 and generated(handle, i) == 1:   # only spaces (and line breaks) are generated
            continue
        if not loose_box(handle, i, rect):
            continue
        x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
        if max(x1 - x0, y1 - y0) > _HUGE_GLYPH and raw.FPDFText_GetCharBox(handle, i, left, right, bottom, top):
            # PDFium's loose box is the font's bounding box, which some fonts (vertical text
            # in WPS tables) make far larger than the glyph: use the tight box, squared.
            side = max(right.value - left.value, top.value - bottom.value) / 2
            cx, cy = (left.value + right.value) / 2, (bottom.value + top.value) / 2
            x0, y0, x1, y1 = cx - side, cy - side, cx + side, cy + side
        out.append(Char(chr(code), x0, y0, x1, y1))
    return tuple(out)


def _rules(raw, page) -> tuple[Rule, ...]:
    """Thin path objects: a table's ruling lines, in user space (form XObjects are looked
    into, their objects' bounds taken through the form's matrix)."""
    out: list[Rule] = []
    bounds = [ctypes.c_float() for _ in range(4)]
    handle = page.raw
    _collect_rules(raw, [raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))],
                   bounds, out, depth=0, matrix=_IDENTITY)
    return tuple(out)


def _collect_rules(raw, objects, bounds, out: list[Rule], depth: int,
                   matrix: tuple[float, float, float, float, float, float]) -> None:
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
            inner = [raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))]
            form = raw.FS_MATRIX()
            own = (form.a, form.b, form.c, form.d, form.e, form.f) if raw.FPDFPageObj_GetMatrix(obj, form) \
                else _IDENTITY
            _collect_rules(raw, inner, bounds, out, depth + 1, _concat(own, matrix))
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(obj, *bounds):
            continue
        x0, y0, x1, y1 = (b.value for b in bounds)
        if matrix != _IDENTITY:     # a form's objects: their bounds are in the form's space
            x0, y0, x1, y1 = _transform_box(matrix, x0, y0, x1, y1)
        w, h = x1 - x0, y1 - y0
        if h <= _THIN and w >= _MIN_RULE:
            out.append(Rule(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
        elif w <= _THIN and h >= _MIN_RULE:
            out.append(Rule((x0 + x1) / 2, y0, (x0 + x1) / 2, y1))


def _concat(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """The matrix applying `inner`, then `outer` (PDF matrices [a b c d e f], row vectors)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _transform_box(matrix: tuple[float, ...], x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
    """The bounding box of a box's four corners under `matrix`."""
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)
