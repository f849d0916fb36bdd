"""Build test documents from a seed report, the way an office produces them.

`seed_to_docx` writes a Word file with python-docx: every text line a paragraph (the
six section headings drawn by Word's automatic list numbering, ``一、`` not typed, when
`numbered_headings`), and the three statistical tables in the national template's
layout — table 1 in its four blocks with ``gridSpan`` headers, table 2 with its
three-row header (``gridSpan`` and ``vMerge``) and its vertically merged row labels
(三、本年度办理结果 over 21 rows, （三）不予公开 over 8 …), table 3 with its merged group
headers. The numbers are the seed's, read by gailint's own parser, so the document
says what the seed says; a row the seed damaged (fewer cells) keeps its damage.

`seed_to_html` writes the page a government CMS serves: site chrome (navigation,
breadcrumbs, share buttons, footer, scripts, styles) around an article whose tables use
``rowspan``/``colspan`` like the template, text with entities and ``&nbsp;``.

`table_cell_places` answers, for a built document, where each value of the seed's
template tables was put, so a test can assert the reader's source map exactly.
"""

from __future__ import annotations

import html
from pathlib import Path

from gailint.parser import parse
from gailint.recognize import recognize
from gailint.text import is_value_text
from gailint.template import TABLE2_ROWS

__all__ = ["TABLE2_LAYOUT", "seed_to_docx", "seed_to_html"]

# Table 2 of the template, one entry per body row: (group label spanning rows, sub-group
# label, row key). Column 1 holds 一/二/三/四; columns 2–3 the outcome labels; 4–10 values.
_GROUPS = {
    "refused": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
TABLE2_LAYOUT = [spec.key for spec in TABLE2_ROWS if "2021" in spec.versions]
_TABLE1 = (
    ("一", ("本年制发件数", "本年废止件数", "现行有效件数"), ("rules", "normative_documents")),
    ("五", ("本年处理决定数量",), ("licensing",)),
    ("六", ("本年处理决定数量",), ("punishment", "coercion")),
    ("八", ("本年收费金额（单位：万元）",), ("fees",)),
)
_TABLE1_LABELS = {"rules": "规章", "normative_documents": "行政规范性文件", "licensing": "行政许可",
                  "punishment": "行政处罚", "coercion": "行政强制", "fees": "行政事业性收费"}
_TABLE3_HEAD = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_SECTION_NUMERALS = "一二三四五六"


def _blocks(seed_text: str):
    """The seed in document order: ("line", text) for text lines and ("table", TemplateTable)
    for each recognised template table (other tables as ("raw", Table))."""
    report = recognize(parse(seed_text))
    template = {t.table.span.start: t for t in report.tables}
    tables = []
    for section in (None, *report.sections):
        blocks = report.preamble if section is None else section.blocks
        tables.extend(b for b in blocks if type(b).__name__ == "Table")
    spans = sorted(tables, key=lambda t: t.span.start)
    headings = {s.heading.span.start: s.heading for s in report.sections}
    offset = 0
    out = []
    for line in seed_text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        table = next((t for t in spans if t.span.start <= start < t.span.end), None)
        if table is not None:
            if start == table.span.start or not out or out[-1][1] is not table and out[-1][1] is not template.get(
                    table.span.start):
                out.append(("table", template[table.span.start]) if table.span.start in template
                           else ("raw", table))
            continue
        text = line.strip()
        if text:
            out.append(("heading", headings[start]) if start in headings else ("line", text))
    return out


def _values(table, key: str) -> list[str] | None:
    row = next((r for r in table.rows if r.key == key), None)
    return None if row is None else [cell.text for cell in row.cells]


def _label(table, key: str, default: str) -> str:
    """The row's label as the seed prints it (its last label cell), else the template's."""
    row = next((r for r in table.rows if r.key == key), None)
    if row is None:
        return default
    line = next((line for line in table.table.lines if line.span.start <= row.span.start <= line.span.end), None)
    labels = [cell.text for cell in (line.cells if line else ()) if cell.text and not is_value_text(cell.text)]
    return labels[-1] if labels else default


# --- DOCX ----------------------------------------------------------------------

def seed_to_docx(seed_text: str, path: Path | str, *, numbered_headings: bool = True) -> Path:
    """Write `seed_text` as a Word document at `path` (see the module docstring)."""
    import docx

    document = docx.Document()
    num_id = _chinese_list(document) if numbered_headings else None
    for kind, item in _blocks(seed_text):
        if kind == "line":
            document.add_paragraph(item)
        elif kind == "heading":
            if num_id is None:
                document.add_paragraph(item.text if item.text.startswith(item.numeral) else
                                       f"{item.numeral}、{item.text}")
            else:
                paragraph = document.add_paragraph(item.text)
                _number(paragraph, num_id)
        elif kind == "raw":
            _raw_table(document, item)
        else:
            {1: _docx_table1, 2: _docx_table2, 3: _docx_table3}[item.number](document, item)
    path = Path(path)
    document.save(path)
    return path


def _chinese_list(document) -> str:
    """Add a list definition ``一、`` ``二、`` … (chineseCounting, no suffix) and return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find(num.tag)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return "90"


def _number(paragraph, num_id: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


class _Grid:
    """A new table of `rows` × `columns`, its cells looked up once (python-docx's
    ``Table.cell`` rescans the whole table each call). Texts are put first, then cells
    merged: Word keeps the text of a merged cell in its first (top-left) cell."""

    def __init__(self, document, rows: int, columns: int) -> None:
        self.table = document.add_table(rows=rows, cols=columns)
        self.table.style = "Table Grid"
        self.cells = [[cell for cell in row.cells] for row in self.table.rows]
        self.merges: list[tuple[int, int, int, int]] = []

    def put(self, row: int, column: int, text: str, *, to: tuple[int, int] | None = None) -> None:
        self.cells[row][column].paragraphs[0].text = text
        if to is not None:
            self.merges.append((row, column, *to))

    def finish(self, short_rows: dict[int, int] | None = None) -> None:
        for r1, c1, r2, c2 in self.merges:
            self.cells[r1][c1].merge(self.cells[r2][c2])
        for row, keep in (short_rows or {}).items():
            _drop_after(self.table.rows[row], keep)


def _drop_after(row, keep_columns: int) -> None:
    """Remove the row's cells after its first `keep_columns` grid columns (a damaged row:
    the grid is left short, as Word records it with w:gridAfter)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    column, dropped = 0, 0
    for tc in list(row._tr.tc_lst):
        if column >= keep_columns:
            row._tr.remove(tc)
            dropped += tc.grid_span
        column += tc.grid_span
    if dropped:
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:gridAfter {nsdecls("w")} w:val="{dropped}"/>'))


def _docx_table1(document, table) -> None:
    grid = _Grid(document, sum(2 + len(keys) for _, _, keys in _TABLE1), 4)
    r = 0
    for item, heads, keys in _TABLE1:
        grid.put(r, 0, f"第二十条第（{item}）项", to=(r, 3))
        grid.put(r + 1, 0, "信息内容")
        if len(heads) == 3:
            for c, head in enumerate(heads, 1):
                grid.put(r + 1, c, head)
        else:
            grid.put(r + 1, 1, heads[0], to=(r + 1, 3))
        for i, key in enumerate(keys):
            row = r + 2 + i
            grid.put(row, 0, _label(table, key, _TABLE1_LABELS[key]))
            values = _values(table, key) or []
            if len(heads) == 3:
                for c in range(3):
                    grid.put(row, c + 1, values[c] if c < len(values) else "")
            else:
                grid.put(row, 1, values[0] if values else "", to=(row, 3))
        r += 2 + len(keys)
    grid.finish()


def _docx_table2(document, table) -> None:
    keys = [key for key in TABLE2_LAYOUT if _values(table, key) is not None]
    grid = _Grid(document, 3 + len(keys), 10)
    # the three header rows
    grid.put(0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", to=(2, 2))
    grid.put(0, 3, "申请人情况", to=(0, 9))
    grid.put(1, 3, "自然人", to=(2, 3))
    grid.put(1, 4, "法人或其他组织", to=(1, 8))
    grid.put(1, 9, "总计", to=(2, 9))
    for c, head in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), 4):
        grid.put(2, c, head)
    # body rows: labels merged as the template merges them
    outcome_rows = [i for i, key in enumerate(keys) if key not in ("new", "carried_over", "carried_forward")]
    spans: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        group = key.split(".")[0] if "." in key else None
        if group in _GROUPS:
            spans.setdefault(group, []).append(i)
    if outcome_rows:
        grid.put(3 + outcome_rows[0], 0, "三、本年度办理结果", to=(3 + outcome_rows[-1], 0))
    for group, members in spans.items():
        grid.put(3 + members[0], 1, _GROUPS[group], to=(3 + members[-1], 1))
    short = {}
    for i, key in enumerate(keys):
        row = 3 + i
        spec = next(s for s in TABLE2_ROWS if s.key == key)
        label = _label(table, key, spec.label)
        if key in ("new", "carried_over", "carried_forward"):
            grid.put(row, 0, label, to=(row, 2))
        elif "." in key and key.split(".")[0] in _GROUPS:
            grid.put(row, 2, label)
        else:
            grid.put(row, 1, label, to=(row, 2))
        values = _values(table, key) or []
        for c in range(min(7, len(values))):
            grid.put(row, 3 + c, values[c])
        if len(values) < 7:
            short[row] = 3 + len(values)
    grid.finish(short)


def _docx_table3(document, table) -> None:
    values = _values(table, "values") or []
    grid = _Grid(document, 4, 15)
    grid.put(0, 0, "行政复议", to=(0, 4))
    grid.put(0, 5, "行政诉讼", to=(0, 14))
    for c, head in enumerate(_TABLE3_HEAD):
        grid.put(1, c, head, to=(2, c))
    grid.put(1, 5, "未经复议直接起诉", to=(1, 9))
    grid.put(1, 10, "复议后起诉", to=(1, 14))
    for c in range(10):
        grid.put(2, 5 + c, _TABLE3_HEAD[c % 5])
    for c in range(min(15, len(values))):
        grid.put(3, c, values[c])
    grid.finish({3: len(values)} if len(values) < 15 else None)


def _raw_table(document, table) -> None:
    grid = _Grid(document, len(table.lines), max(len(line.cells) for line in table.lines))
    for r, line in enumerate(table.lines):
        for c, cell in enumerate(line.cells):
            grid.put(r, c, cell.text)
    grid.finish()


# --- HTML ----------------------------------------------------------------------

_CHROME_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="Url" content="https://www.example.gov.cn/zwgk/zfxxgknb/t20260120_1.htm">
<title>{title}_政府信息公开年报_示例市人民政府</title>
<link rel="stylesheet" href="/css/style.css">
<style>
  .nav li {{ float: left; }} .share a:after {{ content: "分享到微信"; }}
</style>
<script type="text/javascript">
  var _hmt = _hmt || []; document.write("<div>一、总体情况（脚本里的文字）</div>");
</script>
</head>
<body>
<div class="header"><div class="logo">示例市人民政府</div>
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul>
  <form class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></form>
</div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="main">
<div class="sidebar"><h3>政府信息公开</h3><ul><li><a href="#">政府信息公开指南</a></li>
  <li><a href="#">政府信息公开制度</a></li><li><a href="#">法定主动公开内容</a></li>
  <li><a href="#">政府信息公开年报</a></li></ul></div>
<div class="article">
<div class="info">发布时间：2026-01-20&nbsp;&nbsp;来源：示例市政务公开办&nbsp;&nbsp;浏览次数：<span id="count">128</span>
<span class="font">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
<div class="TRS_Editor" id="zoom">
"""

_CHROME_FOOT = """</div>
<div class="share">分享到：<a class="weixin" href="#">微信</a> <a class="weibo" href="#">微博</a>
  <a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
</div>
<div class="footer"><p>主办单位：示例市人民政府办公室&nbsp;&nbsp;承办单位：示例市大数据中心</p>
<p>网站标识码：1234000001&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">京ICP备12345678号</a></p>
<p>一、总体情况　二、主动公开政府信息情况（页脚链接）</p></div>
<script>window.onload = function () { var n = document.getElementById("count"); };</script>
</body>
</html>
"""


def seed_to_html(seed_text: str, path: Path | str) -> Path:
    """Write `seed_text` as a government CMS page at `path` (see the module docstring)."""
    title = ""
    body: list[str] = []
    for kind, item in _blocks(seed_text):
        if kind == "line":
            if not title:
                title = item
                body.append(f'<p style="text-align:center"><strong>{_esc(item)}</strong></p>')
            else:
                body.append(f'<p style="text-indent:2em">{_esc(item)}</p>')
        elif kind == "heading":
            text = item.text if item.text.startswith(item.numeral) else f"{item.numeral}、{item.text}"
            body.append(f"<p><strong>{_esc(text)}</strong></p>")
        elif kind == "raw":
            body.append(_html_raw(item))
        else:
            body.append({1: _html_table1, 2: _html_table2, 3: _html_table3}[item.number](item))
    page = _CHROME_HEAD.format(title=html.escape(title)) + "\n".join(body) + "\n" + _CHROME_FOOT
    path = Path(path)
    path.write_text(page, encoding="utf-8")
    return path


def _esc(text: str) -> str:
    """Escape as a CMS editor does: markup characters as entities, a full-width space as &nbsp;&nbsp;."""
    return html.escape(text, quote=False).replace("\u3000", "&nbsp;&nbsp;")


def _td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    attributes = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f'<td{attributes}><p style="text-align:center"><span style="font-size:12pt">{_esc(text)}</span></p></td>'


def _tr(cells: list[str]) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _table(rows: list[str]) -> str:
    return ('<table border="1" cellspacing="0" style="border-collapse:collapse"><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>")


def _html_table1(table) -> str:
    rows = []
    for item, heads, keys in _TABLE1:
        rows.append(_tr([_td(f"第二十条第（{item}）项", colspan=4)]))
        if len(heads) == 3:
            rows.append(_tr([_td("信息内容"), *(_td(h) for h in heads)]))
        else:
            rows.append(_tr([_td("信息内容"), _td(heads[0], colspan=3)]))
        for key in keys:
            values = _values(table, key) or []
            label = _td(_label(table, key, _TABLE1_LABELS[key]))
            if len(heads) == 3:
                rows.append(_tr([label, *(_td(values[c] if c < len(values) else "") for c in range(3))]))
            else:
                rows.append(_tr([label, _td(values[0] if values else "", colspan=3)]))
    return _table(rows)


def _html_table2(table) -> str:
    keys = [key for key in TABLE2_LAYOUT if _values(table, key) is not None]
    rows = [
        _tr([_td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
             _td("申请人情况", colspan=7)]),
        _tr([_td("自然人", rowspan=2), _td("法人或其他组织", colspan=5), _td("总计", rowspan=2)]),
        _tr([_td(h) for h in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]),
    ]
    outcomes = [k for k in keys if k not in ("new", "carried_over", "carried_forward")]
    group_sizes: dict[str, int] = {}
    for key in keys:
        if "." in key and key.split(".")[0] in _GROUPS:
            group_sizes[key.split(".")[0]] = group_sizes.get(key.split(".")[0], 0) + 1
    opened: set[str] = set()
    for key in keys:
        spec = next(s for s in TABLE2_ROWS if s.key == key)
        label = _label(table, key, spec.label)
        cells = []
        if key in ("new", "carried_over", "carried_forward"):
            cells.append(_td(label, colspan=3))
        else:
            if key == outcomes[0]:
                cells.append(_td("三、本年度办理结果", rowspan=len(outcomes)))
            group = key.split(".")[0] if "." in key else None
            if group in _GROUPS:
                if group not in opened:
                    opened.add(group)
                    cells.append(_td(_GROUPS[group], rowspan=group_sizes[group]))
                cells.append(_td(label))
            else:
                cells.append(_td(label, colspan=2))
        cells.extend(_td(value) for value in (_values(table, key) or []))
        rows.append(_tr(cells))
    return _table(rows)


def _html_table3(table) -> str:
    values = _values(table, "values") or []
    rows = [
        _tr([_td("行政复议", colspan=5), _td("行政诉讼", colspan=10)]),
        _tr([*(_td(h, rowspan=2) for h in _TABLE3_HEAD), _td("未经复议直接起诉", colspan=5),
             _td("复议后起诉", colspan=5)]),
        _tr([_td(h) for h in _TABLE3_HEAD * 2]),
        _tr([_td(v) for v in values]),
    ]
    return _table(rows)


def _html_raw(table) -> str:
    return _table([_tr([_td(cell.text) for cell in line.cells]) for line in table.lines])

