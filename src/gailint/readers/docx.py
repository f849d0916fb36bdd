"""Word documents (.docx): the body's paragraphs and tables as lines, with a source map
to the paragraph number or the table, row and column each piece came from.

Read with lxml straight from the package parts (faster than python-docx, and every
bound is ours: see `safety`). What a reader of the printed document sees is kept, in
document order: paragraphs (with Word's automatic list numbering restored as text,
`numbering`), and each table row as one line of tab-separated cells, one cell per grid
column so that numbers stay in their columns; a vertically merged label (``w:vMerge``)
is repeated on every row it covers (each copy placed at that row's own merged cell), a horizontally merged cell (``w:gridSpan``) leaves
the columns it spans empty. Tables split in two across a page break are joined (a
header row the author repeated is dropped); nested tables follow their row; a one-column
layout table around the real content is unwrapped. Left out: headers and footers (other
parts), comments, deleted and moved-away revisions, field codes, hidden text, drawings
and text boxes.

Places: ``Place(paragraph=n)`` — the n-th paragraph of the body, counting empty ones, as
``python-docx``'s ``Document.paragraphs[n - 1]``; ``Place(table=t, row=r, column=c)`` — the
t-th table in document order (nested ones counted where they start), its r-th row and
c-th grid column, all 1-based.
"""

from __future__ import annotations

import posixpath

import attrs

from .._gc import paused
from .._lazy_re import lazy_compile
from ..origin import Extracted, Place, ReaderError
from .lines import Lines
from .numbering import W, Numbering
from .safety import ZipParts, parse_xml

__all__ = ["read"]

_WHAT = ("Word 文档", "Word document")
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Never part of the text a reader sees: revisions deleted or moved away, field codes,
# drawings and text boxes, note and comment marks.
_DROPPED = tuple(W + tag for tag in ("del", "moveFrom", "instrText", "delText", "drawing", "pict", "object",
                                     "footnoteReference", "endnoteReference", "commentReference", "fldData",
                                     "delInstrText")) + (_MC + "AlternateContent",)
# Tag names spelled out once: lxml's find() goes through ElementPath in Python, and the
# walk compares tags hundreds of times per document.
_T, _TAB, _PTAB, _TABS, _HYPHEN = W + "t", W + "tab", W + "ptab", W + "tabs", W + "noBreakHyphen"
_TEXT_TAGS = (_T, _TAB, W + "br", W + "cr", _HYPHEN, _PTAB)
_P, _PPR, _TBL, _TR, _TC, _TCPR, _TRPR = W + "p", W + "pPr", W + "tbl", W + "tr", W + "tc", W + "tcPr", W + "trPr"
_SDT, _SDT_CONTENT, _CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
_GRID_SPAN, _V_MERGE, _H_MERGE, _GRID_BEFORE = W + "gridSpan", W + "vMerge", W + "hMerge", W + "gridBefore"
_VAL, _TYPE = W + "val", W + "type"
_WRAPPERS = frozenset((_CUSTOM_XML, W + "ins", W + "moveTo", W + "smartTag"))
_OFF = ("0", "false", "off")
_SPACES = lazy_compile(r"\s+")


def read(data: bytes, path: str) -> Extracted:
    with paused():
        return _read(data)


def _read(data: bytes) -> Extracted:
    parts = ZipParts(data, *_WHAT)
    main = _main_part(parts)
    document = parts.read(main)
    root = parse_xml(document, main, *_WHAT)
    body = _child(root, W + "body")
    if body is None:
        raise ReaderError(f"Word 文档的 {main} 没有正文（w:body）", f"{main} of the Word document has no body (w:body)")
    related = _relationships(parts, main)
    numbering = _numbering(parts, related, document)
    _prune(body)
    walker = _Walker(numbering)
    walker.blocks(body)
    return walker.lines.build()


def _main_part(parts: ZipParts) -> str:
    """The main document part, from the package relationships (usually word/document.xml)."""
    if "_rels/.rels" in parts:
        rels = parse_xml(parts.read("_rels/.rels"), "_rels/.rels", *_WHAT)
        for rel in rels.iter(_REL + "Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in parts:
                    return target
    if "word/document.xml" in parts:
        return "word/document.xml"
    raise ReaderError("这是 zip 文件，但不是 Word 文档（缺少 word/document.xml）；若是 WPS 文件请另存为 .docx",
                      "a zip file, but not a Word document (no word/document.xml); save it as .docx")


def _relationships(parts: ZipParts, main: str) -> dict[str, str]:
    """The main part's related parts by type (``numbering``, ``styles``)."""
    folder, name = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, str] = {}
    if rels_name in parts:
        rels = parse_xml(parts.read(rels_name), rels_name, *_WHAT)
        for rel in rels.iter(_REL + "Relationship"):
            kind = rel.get("Type", "")
            if kind.startswith(_OFFICE) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                found[kind[len(_OFFICE):]] = target
    return found


def _numbering(parts: ZipParts, related: dict[str, str], document: bytes) -> Numbering:
    """The list numbering definitions, read only when some paragraph can use them: a
    ``w:numPr`` in the document, or one in the styles when the document names a paragraph
    style (``w:pStyle``). The parts are large (python-docx's styles part is 350 KB, 3 ms to
    parse) and most reports type their numbers, so the styles are neither inflated nor
    parsed for a document whose paragraphs name no style."""
    name = related.get("numbering")
    if name is None or name not in parts:
        return Numbering()
    styles_name = related.get("styles")
    styles = b""
    if b"pStyle" in document and styles_name is not None and styles_name in parts:
        styles = parts.read(styles_name)
    if b"numPr" not in document and b"numPr" not in styles:
        return Numbering()
    styles_root = parse_xml(styles, styles_name, *_WHAT) if b"numPr" in styles else None
    return Numbering(parse_xml(parts.read(name), name, *_WHAT), styles_root)


def _prune(body) -> None:
    """Remove what no reader of the document sees (in C, once, before the walk)."""
    from lxml import etree

    etree.strip_elements(body, *_DROPPED, with_tail=False)
    for hidden in _hidden_marks()(body):
        run = hidden.getparent().getparent()
        if hidden.get(_VAL, "true") not in _OFF and run.getparent() is not None:
            run.getparent().remove(run)


_HIDDEN = None


def _hidden_marks():
    """The compiled XPath of hidden-text marks (``w:r/w:rPr/w:vanish``), compiled once."""
    global _HIDDEN
    if _HIDDEN is None:
        from lxml import etree

        _HIDDEN = etree.XPath(".//w:r/w:rPr/w:vanish", namespaces={"w": W[1:-1]})
    return _HIDDEN


def _child(element, tag: str):
    """The first child of `element` with `tag`, else None (``find`` without ElementPath)."""
    for child in element.iterchildren(tag):
        return child
    return None


def _paragraph_lines(p, numbering: Numbering) -> list[str]:
    """A paragraph's text, split at its manual line breaks, with its list label."""
    lines, current = [], [numbering.label(_child(p, _PPR)) if numbering else ""]
    for node in p.iter(*_TEXT_TAGS):
        tag = node.tag
        if tag == _T:
            current.append(node.text or "")
        elif tag == _TAB or tag == _PTAB:
            if node.getparent().tag != _TABS:  # w:tabs/w:tab are tab stops, not characters
                current.append("\t")
        elif tag == _HYPHEN:
            current.append("-")
        elif node.get(_TYPE) != "page":  # w:br (a line break) and w:cr; a page break is not text
            lines.append("".join(current))
            current = []
    lines.append("".join(current))
    return lines


@attrs.define
class _Cell:
    text: str
    place: Place
    start: int          # first grid column (0-based)
    span: int           # grid columns covered
    continues: bool     # w:vMerge="continue": the cell above extends over this one


class _Walker:
    """Walks the body in document order, filling `lines`."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.lines = Lines("docx")
        self.paragraphs = 0     # body paragraphs seen
        self.tables = 0         # tables seen, nested ones included
        self._last_table: tuple[int, list[str]] | None = None   # (grid width, first rows' text) of an open table

    def blocks(self, container, cell_place: Place | None = None) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child, cell_place)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = _child(child, _SDT_CONTENT)
                if content is not None:
                    self.blocks(content, cell_place)
            elif tag in _WRAPPERS:
                self.blocks(child, cell_place)

    def paragraph(self, p, cell_place: Place | None) -> None:
        if cell_place is None:
            self.paragraphs += 1
        place = cell_place or Place(paragraph=self.paragraphs)
        texts = _paragraph_lines(p, self.numbering)
        if not any(text.strip() for text in texts):
            return  # an empty paragraph between two parts of a table keeps them one table
        if self._last_table is not None:
            self.lines.blank()
            self._last_table = None
        for text in texts:
            self.lines.line([(text.strip(), place)])

    def table(self, tbl) -> None:
        self.tables += 1
        number = self.tables
        grid = tbl.findall(f"{W}tblGrid/{W}gridCol")
        trs = list(tbl.iterchildren(_TR))
        rows = [self._row(tr, number, r) for r, tr in enumerate(trs, 1)]
        width = max([len(grid)] + [c.start + c.span for row in rows for c in row])
        if width == 1 and tbl.find(f".//{W}tbl") is not None:  # a one-column layout table: unwrap it
            for tr in trs:
                for tc in tr.iterchildren(_TC):
                    self.blocks(tc, None)
            return
        texts = ["\t".join(c.text for c in row) for row in rows]
        skip = 0
        if self._last_table is not None and self._last_table[0] == width:
            # the second half of a table split across a page: the same columns, no text between.
            # Header rows the author repeated by hand are dropped.
            previous = self._last_table[1]
            while skip < min(len(previous), len(texts) - 1) and texts[skip] == previous[skip] and texts[skip].strip():
                skip += 1
        elif self.lines.format and self._last_table is None:
            self.lines.blank()
        above: dict[int, _Cell] = {}
        nested = []
        for index, row in enumerate(rows):
            cells: list[tuple[str, Place | None]] = []
            column = 0
            for cell in row:
                while column < cell.start:
                    cells.append(("", None))
                    column += 1
                if cell.continues and cell.start in above:
                    cells.append((above[cell.start].text, cell.place))  # the label, at this row's cell
                else:
                    cells.append((cell.text, cell.place))
                    above[cell.start] = cell
                column = cell.start + cell.span
            if index >= skip:
                self.lines.row(cells)
        for tr in trs:
            for tc in tr.iterchildren(_TC):
                nested.extend(tc.iterchildren(_TBL))
        self._last_table = (width, texts if skip == 0 else self._last_table[1])
        for inner in nested:
            self._last_table = None
            self.table(inner)

    def _row(self, tr, table: int, row: int) -> list[_Cell]:
        cells: list[_Cell] = []
        pr = _child(tr, _TRPR)
        column = 0
        if pr is not None:
            before = _child(pr, _GRID_BEFORE)
            if before is not None:
                column = _int(before.get(_VAL))
        for tc in tr.iterchildren(_TC, _SDT, _CUSTOM_XML):
            if tc.tag != _TC:
                tc = next(tc.iterdescendants(_TC), None)
                if tc is None:
                    continue
            props = _child(tc, _TCPR)
            span, continues = 1, False
            if props is not None:
                grid_span = merge = h_merge = None
                for node in props:
                    tag = node.tag
                    if tag == _GRID_SPAN:
                        grid_span = node if grid_span is None else grid_span
                    elif tag == _V_MERGE:
                        merge = node if merge is None else merge
                    elif tag == _H_MERGE:
                        h_merge = node if h_merge is None else h_merge
                if grid_span is not None:
                    span = max(1, _int(grid_span.get(_VAL)))
                continues = merge is not None and merge.get(_VAL, "continue") != "restart"
                if h_merge is not None and h_merge.get(_VAL, "continue") != "restart" and cells:
                    cells[-1].span += span  # the legacy horizontal merge: part of the cell before
                    column += span
                    continue
            place = Place(table=table, row=row, column=column + 1)
            cells.append(_Cell(self._cell_text(tc), place, column, span, continues))
            column += span
        return cells

    def _cell_text(self, tc) -> str:
        """A cell's paragraphs as one line: joined directly between CJK characters, with a
        space between Latin words; tabs and line breaks become spaces."""
        text = ""
        for p in _cell_paragraphs(tc):
            for part in _paragraph_lines(p, self.numbering):
                part = _SPACES.sub(" ", part).strip()
                if not part:
                    continue
                if text and text[-1].isascii() and text[-1].isalnum() and part[0].isascii() and part[0].isalnum():
                    text += " "
                text += part
        return text


def _cell_paragraphs(tc):
    """A cell's own paragraphs (not those of a table nested in it), through content controls."""
    for child in tc:
        tag = child.tag
        if tag == _P:
            yield child
        elif tag == _SDT or tag == _CUSTOM_XML:
            content = _child(child, _SDT_CONTENT) if tag == _SDT else child
            if content is not None:
                yield from _cell_paragraphs(content)


def _int(value: str | None, default: int = 1) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
