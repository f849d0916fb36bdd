"""HTML pages (.html, .htm — a report as a government CMS serves it): the article body
as lines, with a source map to the exact line and column of every character in the
HTML source.

The page is parsed with lxml (libxml2's forgiving HTML parser; no network, no huge-tree
mode). The article is the smallest element that holds most of the page's readable text
once the site chrome is set aside — navigation, header, footer, breadcrumbs, share and
print buttons, search boxes, scripts, styles, hidden elements (`chrome`); the page's
report title is put first when the article itself does not start with it. Inside the
article, block elements (``<p>``, ``<div>``, headings, list items) and ``<br>`` end lines;
a ``<table>`` becomes one line per row with tab-separated cells, a cell spanning rows
(``rowspan``) repeated on each of them, a cell spanning columns (``colspan``) written
once, as the Word reader does; whitespace is collapsed as a browser does (``&nbsp;`` included,
dropped between two CJK characters), entities decoded.

Positions: lxml knows the line where each element starts, not where its text is; so the
source is walked alongside the tree (`_Cursor`), from the article's start tag: the text
nodes come in the source in the order a walk of the tree meets them, with only markup
(tags, comments, scripts …) between two of them, so each is found after the markup that
ends the previous one — entities, comments and line breaks inside it included. Each
extracted piece is then a *linear* `Place` (`line`, `column`, `offset` in the decoded HTML
source): any character of it maps exactly. Should the walk ever lose its way (markup
libxml2 repaired), the rest of the article falls back to each element's start line.
"""

from __future__ import annotations

import codecs
import functools
import html as _html
import itertools

from .._gc import paused
from .._lazy_re import lazy_compile
from ..origin import Extracted, Place, ReaderError
from ..source import DecodeError, LineIndex, decode
from .lines import Lines

__all__ = ["decode_html", "fix_source", "fix_text", "read", "read_text", "source_fix"]

_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "ul", "tr", "caption", "tbody", "thead", "tfoot", "body", "html",
})
_SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "button",
                      "select", "textarea", "input", "nav", "aside", "head", "title", "meta", "link", "map",
                      "canvas", "audio", "video"})
_RAW = frozenset({"script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "keygen", "basefont", "frame", "isindex", "spacer"})
# class/id words that mark site chrome (compared word by word: "article_content" is not "nav")
_CHROME_WORDS = frozenset({
    "nav", "navbar", "navi", "menu", "menus", "footer", "foot", "header", "banner", "breadcrumb", "breadcrumbs",
    "crumb", "crumbs", "position", "location", "weizhi", "share", "fenxiang", "bdshare", "sidebar", "side", "aside",
    "toolbar", "print", "dayin", "close", "search", "login", "qrcode", "ewm", "erweima", "copyright", "friend",
    "links", "logo", "comment", "comments", "related", "recommend", "xgxx", "xglj", "pager", "pagination",
    "btn", "button", "extend", "fontsize", "zihao", "attachment", "fujian", "hide", "hidden",
})
_CHROME_TAGS = _SKIPPED | {"footer", "header"}
# what a table cell's quick read (`_Reader.cell`) cannot hold, and what it needs a walk for
# once the cell has two texts
_NOT_PLAIN = _SKIPPED | _RAW | {"table"}
_LINE_ENDS = _BLOCK | {"br"}
_WORD = lazy_compile(r"[A-Za-z]+")
_CHARSET = lazy_compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", 2)  # re.IGNORECASE
_SPACE = lazy_compile(r"\s+")
_SPECIAL = lazy_compile(r"[&<\r]")
_ENTITY = lazy_compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# The rest of a start tag: attributes (quoted values may hold ">") up to its ">". Possessive:
# the alternatives start with different characters, so backtracking could never find
# another match — it would only cost time on long Word-exported style attributes.
_TAG_REST = lazy_compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
_TITLE_CLASS = lazy_compile(r"title|biaoti|bt\b", 2)
# Where an extracted piece came from: a source offset (`_Cursor.text`: ``>= 0`` linear,
# ``< 0`` an entity), an element's line once the walk is lost, or nothing (a space added).
_Where = Place | int | None


def _cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def decode_html(data: bytes, path: str) -> str:
    """The page's text: by its BOM, else its ``<meta charset>``, else as a text report
    (UTF-8, else GB18030). GBK and GB2312 are read as GB18030, their superset."""
    return _decode(data, path)[0]


def _decode(data: bytes, path: str) -> tuple[str, str, bytes]:
    """(text, encoding, BOM) of a page; see `decode_html`."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace").lower()
            name = "gb18030" if name in ("gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936") else name
            try:
                return data.decode(name), name, b""
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        source = decode(data, path)
    except DecodeError as error:
        raise ReaderError(f"HTML 页面{error.message_zh}", f"HTML page: {error.message_en}") from None
    return source.text, source.encoding, source.bom


def source_fix(origin, fix):
    """`fix` rewritten for the HTML source: each edit's span moved to the source characters
    it maps to exactly (`SourceMap.exact`), its replacement HTML-escaped; None when an edit
    does not map character for character (it touches an entity, a tag or a label repeated
    from a ``rowspan``). The one condition for writing a fix into a page — ``--fix`` and the
    language server's code actions alike."""
    import attrs

    from ..ast import Span

    edits = []
    for edit in fix.edits:
        exact = origin.exact(edit.span)
        if exact is None:
            return None
        edits.append(attrs.evolve(edit, span=Span(*exact), replacement=_html.escape(edit.replacement, quote=False)))
    return attrs.evolve(fix, edits=tuple(edits))


def fix_text(text: str, origin, diagnostics) -> tuple[str, list]:
    """Apply fixes to a decoded HTML source (a file's, or an editor's buffer): those whose
    `source_fix` exists. Returns the new source and the diagnostics whose fixes were applied."""
    import attrs

    from ..fixes import apply_edits

    mapped = []
    for diagnostic in diagnostics:
        fix = source_fix(origin, diagnostic.fix)
        if fix is not None:
            mapped.append(attrs.evolve(diagnostic, fix=fix))
    return apply_edits(text, mapped)


def fix_source(data: bytes, path: str, origin, diagnostics) -> tuple[bytes, list]:
    """Apply fixes to the HTML source itself (`fix_text`). Returns the new bytes (same
    encoding and BOM) and the diagnostics whose fixes were applied; a fix that touches an
    entity, a tag or a repeated table label is left out."""
    text, encoding, bom = _decode(data, path)
    fixed, applied = fix_text(text, origin, diagnostics)
    return bom + fixed.encode(encoding), applied


def read(data: bytes, path: str) -> Extracted:
    return read_text(_decode(data, path)[0], path)


def read_text(text: str, path: str = "<html>") -> Extracted:
    """Read a page already decoded (an editor's buffer); places are in `text`."""
    with paused():
        return _read_text(text)


def _read_text(text: str) -> Extracted:
    from lxml import etree, html

    if not text.strip():
        raise ReaderError("HTML 页面为空", "the HTML page is empty")
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False,
                              recover=True, default_doctype=False)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise ReaderError(f"无法解析 HTML 页面（{error}）", f"cannot parse the HTML page ({error})") from None
    chrome: set = set()
    article = _article(root, chrome)
    if article is None:
        raise ReaderError("HTML 页面中没有可读的正文", "the HTML page has no readable body text")
    reader = _Reader(text, root, chrome)
    title = _title(root, article, chrome)
    if title is not None:
        reader.block(title)
    reader.block(article)
    return reader.lines.build(reader.index)


# --- finding the article -----------------------------------------------------------

def _is_chrome(element) -> bool:
    if element.tag in _CHROME_TAGS:
        return True
    names = ""
    for key, value in element.items():  # one call for all attributes: most elements have none
        if key == "class" or key == "id":
            names += " " + value
        elif key == "style":
            if ("none" in value or "hidden" in value) and _hiding_style(value):
                return True
        elif key == "hidden" or (key == "aria-hidden" and value == "true"):
            return True
    return bool(names) and _chrome_names(names)


@functools.lru_cache(maxsize=1024)
def _hiding_style(style: str) -> bool:
    """Whether an inline style hides its element (a Word page repeats a few styles with
    ``border:none`` on every cell, so each is looked at once)."""
    squeezed = style.replace(" ", "").lower()
    return "display:none" in squeezed or "visibility:hidden" in squeezed


@functools.lru_cache(maxsize=1024)
def _chrome_names(names: str) -> bool:
    """Whether class and id words name site chrome (a CMS repeats the same few hundred
    times a page, so each is looked at once)."""
    return any(word.lower() in _CHROME_WORDS for word in _WORD.findall(names))


def _text_weights(root, chrome: set) -> dict:
    """Readable characters under each element: text outside chrome and outside links.
    The chrome elements met are added to `chrome`."""
    weights: dict = {}

    def visit(element) -> int:
        tag = element.tag
        if not isinstance(tag, str):
            return 0
        if _is_chrome(element):
            chrome.add(element)
            return 0
        if tag == "a":  # link text is not the article's; what is nested in it is still visited
            for child in element:
                visit(child)
            weights[element] = 0
            return 0
        text = element.text
        total = len(text.strip()) if text else 0
        for child in element:
            total += visit(child)
            tail = child.tail
            if tail:
                total += len(tail.strip())
        weights[element] = total
        return total

    visit(root)
    return weights


def _article(root, chrome: set):
    """The smallest element holding at least 80 % of the page's readable text."""
    weights = _text_weights(root, chrome)
    body = root.find("body")
    node = body if body is not None else root
    total = weights.get(node, 0)
    if total == 0:
        return None
    while True:
        heaviest = max((child for child in node if child in weights), key=weights.get, default=None)
        if heaviest is None or weights[heaviest] < 0.8 * weights[node]:
            return node
        node = heaviest


def _title(root, article, chrome: set):
    """The report's title when the article does not carry it: the last element before the
    article whose class or id says "title" (or an h1–h3), whose text names a report and
    which is not chrome nor inside chrome (`chrome` holds the outermost chrome elements)."""
    first = ""
    for piece in article.itertext():
        first += piece
        if len(first) >= 200:
            break
    candidate = None
    for element in root.iter("h1", "h2", "h3", "div", "p", "span", "td"):
        if element is article:
            break
        if article in element.iterancestors():
            break
        named = element.tag in ("h1", "h2", "h3") or _TITLE_CLASS.search(
            (element.get("class") or "") + " " + (element.get("id") or ""))
        if not named or element in chrome or any(above in chrome for above in element.iterancestors()):
            continue
        text = "".join(element.itertext()).strip()
        if "报告" in text and len(text) < 100 and _SPACE.sub("", text) not in _SPACE.sub("", first):
            candidate = element
    return candidate


# --- walking the source with the tree --------------------------------------------

# What the cursor steps over between two text nodes, as one atomic run: markup — end and
# start tags (attribute values may hold ">"), a raw-text element (script, style …) whole,
# its content included, comments (to the first ``-->``), ``<!…>`` and ``<?…>``
# declarations — each with the whitespace before it (the common cases first). Whitespace
# before text is left for the text; an unterminated comment, declaration or raw element
# runs to the end. Atomic, so a failed match never retries with a comment stretched to a
# later ``-->``.
_MARKUP = lazy_compile(
    r"(?>(?:[ \t\r\n\f]*+(?:"
    r"</[A-Za-z][^\s/>]*+" + _TAG_REST.pattern
    + r"|<(?!(?:" + "|".join(sorted(_RAW)) + r")[\s/>])[A-Za-z][^\s/>]*+" + _TAG_REST.pattern
    + r"|<(" + "|".join(sorted(_RAW)) + r")(?=[\s/>])" + _TAG_REST.pattern + r"(?:.*?</\1\s*[^>]*>|.*\Z)"
    r"|<!--(?:.*?-->|.*\Z)"
    r"|<[!?](?:[^>]*>|.*\Z)"
    r"))*)", 2 | 16)  # re.IGNORECASE | re.DOTALL
_BLANK = lazy_compile(r"[ \t\r\n\f]*")
# For `_Cursor.seek`: the end of each element whose content libxml2 keeps as text (not
# noscript: its content is parsed into elements, which the tree counts), and the next
# comment, declaration, end tag or start tag (its name in group 1).
_RAW_END = {name: lazy_compile(rf"</{name}", 2) for name in _RAW - {"noscript"}}
_TAG = lazy_compile(r"<(?:!--(?:.*?-->|.*\Z)|[!?][^>]*>?|/[A-Za-z][^>]*>?|([A-Za-z][^\s/>]*))", 2 | 16)


class _Lost(Exception):
    """The source no longer matches the tree: fall back to element lines."""


class _Cursor:
    """A position in the HTML source kept in step with a walk of the tree's text.

    Text nodes come in the source in the order a walk of the tree meets them; between
    two of them there is only markup (`_MARKUP`). So the cursor needs no step per
    element: each text node is found after the markup that follows the previous one."""

    def __init__(self, source: str, root) -> None:
        self.source = source
        self.pos = 0
        self.lost = False
        self._root = root
        self._line_starts: list[int] | None = None

    def line_start(self, line: int) -> int:
        if self._line_starts is None:  # lines as libxml2 counts them: ended by \n only
            self._line_starts = [0, *itertools.accumulate(map((1).__add__, map(len, self.source.split("\n")[:-1])))]
        return self._line_starts[min(max(line - 1, 0), len(self._line_starts) - 1)]

    def seek(self, element) -> None:
        """Put the cursor on `element`'s start tag: the k-th ``<tag`` of its source line, k
        counted among the elements of that line and tag before it. Only real start tags
        count: not one inside a comment or a script's string (a page served on one line
        has its whole head there)."""
        line = element.sourceline
        if line is None:
            raise _Lost
        tag = element.tag
        k = 0
        for other in self._root.iter(tag):
            if other is element:
                break
            if other.sourceline == line:
                k += 1
        source, pos = self.source, self.line_start(line)
        while True:
            match = _TAG.search(source, pos)
            if match is None:
                if tag in ("html", "body"):  # implied by the parser: no text of the page comes before it
                    self.pos = 0
                    return
                raise _Lost
            pos = match.end()
            name = match.group(1)
            if name is None:  # a comment, a declaration or an end tag
                continue
            name = name.lower()
            if name == tag:
                if k == 0:
                    self.pos = match.start()
                    return
                k -= 1
            if name in _RAW_END:  # its content is text, not markup
                close = _RAW_END[name].search(source, pos)
                pos = len(source) if close is None else close.start()

    def place(self, text: str) -> list[tuple[str, int | None]] | None:
        """The next text node as (piece, source offset) runs (see `text`), found after the
        markup that follows the previous one.

        Whitespace has no place worth keeping (it is collapsed), so some is let go rather
        than lose the walk. A node of spaces and line breaks only gives ``None`` at once: it
        stands before markup, which `_MARKUP` steps over with the white space before it. So
        does any other node of white space only (``&nbsp;``) that is not there as a whole
        text run; the cursor stays. A node whose leading white space was taken with a
        comment before it (a line break, a comment, a line break, then 文字: one text node
        once the comment is dropped) is found without it, the white space placed nowhere."""
        if not text.strip(" \t\r\n\f"):  # spaces and line breaks only: the markup pattern steps over them
            return None
        source, saved = self.source, self.pos
        start = self.pos = _MARKUP.match(source, saved).end()
        try:
            runs = self.text(text)
        except _Lost:
            if text.isspace():
                self.pos = saved
                return None
            stripped = text.lstrip()
            if len(stripped) == len(text):
                raise
            self.pos = _BLANK.match(source, start).end()
            return [(text[:len(text) - len(stripped)], None), *self.text(stripped)]
        if text.isspace() and self.pos < len(source) and source[self.pos] != "<":
            self.pos = saved  # a text run ends at markup: this whitespace began the next node's text
            return None
        return runs

    def text(self, text: str) -> list[tuple[str, int]]:
        """Match a text node to the source from the cursor: (piece, source offset) runs in
        which every character maps one to one; an entity's run is ``-1 - offset`` (its
        characters all map to where it starts)."""
        source, pos, i, n = self.source, self.pos, 0, len(text)
        if "&" not in text and "<" not in text and "\r" not in text and source.startswith(text, pos):
            # the common case: written as is, so no entity, comment or CR inside it either
            self.pos = pos + n
            return [(text, pos)]
        runs = []
        while i < n:
            special = _SPECIAL.search(source, pos)
            stop = special.start() if special else len(source)
            length = min(stop - pos, n - i)
            if length > 0:
                if source[pos:pos + length] != text[i:i + length]:
                    raise _Lost
                runs.append((text[i:i + length], pos))
                pos += length
                i += length
                continue
            ch = source[pos] if pos < len(source) else ""
            if ch == "&":
                match = _ENTITY.match(source, pos)
                decoded = _entity(match.group()) if match else "&"
                width = match.end() - pos if match else 1
                if text.startswith(decoded, i):
                    runs.append((decoded, -1 - pos))  # an entity: its place is where it starts, not linear
                    i += len(decoded)
                    pos += width
                    continue
                if text[i] == "&":
                    runs.append(("&", pos))
                    i += 1
                    pos += 1
                    continue
                raise _Lost
            if ch == "\r":
                width = 2 if source.startswith("\r\n", pos) else 1
                if text[i] != "\n":
                    raise _Lost
                runs.append(("\n", -1 - pos if width == 2 else pos))
                i += 1
                pos += width
                continue
            if source.startswith("<!--", pos):
                end = source.find("-->", pos + 4)
                pos = len(source) if end < 0 else end + 3
                continue
            if ch == "<" and text[i] == "<":  # a "<" that starts no tag ("a < b") is text
                runs.append(("<", pos))
                i += 1
                pos += 1
                continue
            markup = _MARKUP.match(source, pos).end() if ch == "<" else pos
            if markup > pos:  # a stray tag libxml2 dropped (``</i>`` closing nothing): the text goes on after it
                pos = markup
                continue
            raise _Lost
        self.pos = pos
        return runs


# --- from tree to lines --------------------------------------------------------------

class _Positions:
    """Line and column of a source offset, for the places the source map locates (a clean
    page needs none). A 300 KB page has thousands of lines, and a `LineIndex` of them costs
    a millisecond where a report has a few diagnostics: so lines are counted with
    `str.count` from the last place asked while places are asked in text order (as output
    locates diagnostics); the `LineIndex` is built when one is asked backwards, or for a
    page with a carriage return (its line ends are the index's)."""

    __slots__ = ("_source", "_index", "_last")

    def __init__(self, source: str) -> None:
        self._source = source
        self._index: LineIndex | None = None
        self._last: tuple[int, int] | None = None  # the last place asked: (offset, its 1-based line)

    def position(self, offset: int) -> tuple[int, int]:
        source, last = self._source, self._last
        if self._index is None and (offset < last[0] if last else "\r" in source):
            self._index = LineIndex(source)  # asked backwards (an editor's requests), or CR line ends
        if self._index is not None:
            return self._index.position(offset)
        since, line = last or (0, 1)
        line += source.count("\n", since, offset)
        self._last = (offset, line)
        return line, offset - source.rfind("\n", 0, offset)


class _Reader:
    def __init__(self, source: str, root, chrome: set) -> None:
        self.source = source
        self.chrome = chrome
        self.holds_chrome = {above for element in chrome for above in element.iterancestors()}
        self.index = _Positions(source)
        self.cursor = _Cursor(source, root)
        self.lines = Lines("html")
        self.current: list[tuple[str, _Where]] = []
        self.in_cell = False

    # places
    def pieces(self, text: str | None, element) -> list[tuple[str, _Where]]:
        """A text node as pieces, each with its exact place (or its element's line when lost).
        An exact place is the source offset itself (see `_Cursor.text`): the source map
        computes line and column only for the spans it is asked about."""
        if not text:
            return []
        if not self.cursor.lost:
            try:
                return self.cursor.place(text) or [(text, None)]
            except _Lost:
                self.cursor.lost = True
        return [(text, Place(line=element.sourceline or 1, column=1))]

    # lines
    def flush(self) -> None:
        if self.in_cell:  # a block inside a table cell: the cell stays one cell
            self.current.append((" ", None))
            return
        if not self.current:
            return
        pieces = _collapse(self.current)
        self.current = []
        if pieces:
            self.lines.line(pieces)

    def block(self, element) -> None:
        """Extract one element (the title, or the article) into lines."""
        if not self.cursor.lost:
            try:
                self.cursor.seek(element)
            except _Lost:
                self.cursor.lost = True
        self.visit(element, True)
        self.flush()

    def visit(self, element, emit: bool) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in _RAW:  # a raw element's content is markup to the cursor
            return
        if tag in _VOID:
            if emit and tag == "br":
                self.flush()
            return
        if emit and (tag in _SKIPPED or element in self.chrome):
            emit = False
        if emit and tag == "table" and not self.in_cell:
            self.flush()
            self.table(element)
            self.flush()
            return
        block = emit and tag in _BLOCK
        if block:
            self.flush()
        text = element.text
        if text:
            pieces = self.pieces(text, element)
            if emit:
                self.current.extend(pieces)
        for child in element:
            self.visit(child, emit)
            tail = child.tail
            if tail:
                pieces = self.pieces(tail, element)
                if emit:
                    self.current.extend(pieces)
        if block:
            self.flush()

    def table(self, table) -> None:
        """Rows onto a grid: a cell spanning rows is repeated on each, one spanning columns
        is written once."""
        pending: dict[int, tuple[list, int]] = {}   # column → (pieces, rows still covered)
        for part in _table_parts(self, table):
            if part.tag != "tr":
                self.visit(part, False)
                continue
            cells: list[list[tuple[str, _Where]]] = []
            column = 0

            def fill() -> None:
                nonlocal column
                while column in pending:
                    pieces, left = pending[column]
                    if pieces is not None:
                        cells.append(pieces)
                    if left <= 1:
                        del pending[column]
                    else:
                        pending[column] = (pieces, left - 1)
                    column += 1

            self.pieces(part.text, part)
            for cell in part:
                if cell.tag not in ("td", "th"):
                    self.visit(cell, False)
                    self.pieces(cell.tail, part)
                    continue
                fill()
                pieces = self.cell(cell)
                self.pieces(cell.tail, part)
                rowspan = _span(cell.get("rowspan"))
                colspan = _span(cell.get("colspan"))
                cells.append(pieces)
                if rowspan > 1:
                    pending[column] = (pieces, rowspan - 1)
                    for extra in range(1, colspan):  # covered, but no cell of its own: nothing written
                        pending[column + extra] = (None, rowspan - 1)
                column += colspan
            fill()
            self.lines.row_pieces(cells)

    def cell(self, cell) -> list[tuple[str, _Where]]:
        """A table cell's pieces, whitespace collapsed. The common cell — its text in
        inline elements, or in one block (a Word paragraph) — is read from its text nodes
        as lxml lists them, without a walk of its elements: nothing in it is chrome,
        skipped or raw, and at most one text is more than whitespace or nothing inside
        ends a line (so no block boundary can add a space)."""
        tags = {element.tag for element in cell.iter()}
        if not self.cursor.lost and cell not in self.holds_chrome and tags.isdisjoint(_NOT_PLAIN):
            texts = list(cell.itertext())
            if len(texts) == 1 or sum(not text.isspace() for text in texts) <= 1 or tags.isdisjoint(_LINE_ENDS):
                place, pieces = self.cursor.place, []
                try:
                    for text in texts:
                        pieces.extend(place(text) or [(text, None)])
                except _Lost:
                    self.cursor.lost = True  # the walk below places the cell by its elements' lines
                else:
                    if len(pieces) == 1 and pieces[0][0].split(None, 1) == [pieces[0][0]]:
                        return pieces  # one piece without white space: what `_collapse` would return
                    return _collapse(pieces)
        saved, self.current, self.in_cell = self.current, [], True
        self.visit(cell, True)
        pieces = _collapse(self.current)
        self.current, self.in_cell = saved, False
        return pieces


def _table_parts(reader: _Reader, table):
    """The children of a table in source order, through thead/tbody/tfoot; the text
    between them (whitespace, as a rule) is passed to the reader's cursor as it goes. A
    nested table's rows are its own."""
    reader.pieces(table.text, table)
    for child in table:
        if child.tag in ("thead", "tbody", "tfoot"):
            reader.pieces(child.text, child)
            for row in child:
                yield row
                reader.pieces(row.tail, child)
        else:
            yield child
        reader.pieces(child.tail, table)


@functools.lru_cache(maxsize=512)
def _entity(reference: str) -> str:
    """What an entity reference stands for (a page repeats a few: &nbsp; in every empty cell)."""
    return _html.unescape(reference)


def _span(value: str | None) -> int:
    if not value:
        return 1
    try:
        return max(1, min(int(value), 1000))
    except ValueError:
        return 1


def _collapse(pieces: list[tuple[str, _Where]]) -> list[tuple[str, _Where]]:
    """Collapse whitespace as a browser does, keeping every remaining character's place:
    runs of spaces (``&nbsp;`` included) become one space, none between two CJK
    characters, none at either end."""
    out: list[tuple[str, _Where]] = []
    pending = False
    last = ""
    for text, place in pieces:
        if not text:
            continue
        words = text.split(None, 1)  # str.split's whitespace is exactly the pattern's \s
        if not words:  # whitespace only
            pending = True
            continue
        if len(words) == 1 and len(words[0]) == len(text):  # no whitespace: the piece as it is
            last = _emit(out, text, place, 0, pending, last)
            pending = False
            continue
        position = 0
        for match in _SPACE.finditer(text):
            if match.start() > position:
                out_text = text[position:match.start()]
                last = _emit(out, out_text, place, position, pending, last)
                pending = False
            pending = True
            position = match.end()
        if position < len(text):
            last = _emit(out, text[position:], place, position, pending, last)
            pending = False
    return out


def _emit(out: list, text: str, place: _Where, delta: int, pending: bool, last: str) -> str:
    if pending and out and not (_cjk(last) and _cjk(text[0])):
        out.append((" ", None))
    if delta and place is not None:
        if isinstance(place, int):
            place = place + delta if place >= 0 else place  # an entity maps as a whole
        else:
            place = place.shifted(delta)
    out.append((text, place))
    return text[-1]
