"""The language server on an open .html report: hover and code actions in the page's own
source (the real server, `gailint lsp` in a subprocess, as in test_lsp).

Positions are found here in the HTML text itself (by searching it), never through the
server's source map. A quick fix is offered only where each of its edits maps character
for character to the HTML source — the condition ``gailint check --fix`` uses for a page —
and applying it must give exactly the page ``--fix`` writes.
"""

from __future__ import annotations

import shutil

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from .conftest import SEEDS
from .docfixtures import seed_to_html
from .test_cli import gailint
from .test_lsp import FIX_ALL, _actions, _apply, _change, _hover, _open, _published, _range, client  # noqa: F401

pytestmark = pytest.mark.asyncio(loop_scope="module")

_CELL = '<span style="font-size:12pt">'


def _page(tmp_path, seed: str, name: str = "report.html", edit=None):
    path = seed_to_html(SEEDS[seed].read_text(encoding="utf-8"), tmp_path / name)
    if edit is not None:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path, path.read_text(encoding="utf-8")


def _fixed_by_cli(path, tmp_path) -> str:
    """What ``gailint check --fix`` writes for a copy of the page."""
    copy = tmp_path / "cli" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(path, copy)
    gailint("check", "--no-plugins", "--no-cache", "--fix", "-q", str(copy), cwd=tmp_path)
    return copy.read_text(encoding="utf-8")


async def test_html_hover_shows_the_rule_and_the_table_sums(client: LanguageClient, tmp_path):
    path, text = _page(tmp_path, "003")
    uri = _open(client, path)
    [heading] = [d for d in await _published(client, uri, 1) if d.code == "GAI103"]
    start = text.index("存在的主要问题及改进措施")
    assert heading.range == _range(text, start, start + len("存在的主要问题及改进措施"))
    hover = await _hover(client, uri, _range(text, start + 3, start + 3).start)
    assert hover.contents.value.startswith("**GAI103** (section-heading): ")
    assert "/docs/rules/GAI103.md" in hover.contents.value

    path, text = _page(tmp_path, "001", "sums.html")
    uri = _open(client, path)
    await _published(client, uri, 1)
    row = text.index("一、本年新收政府信息公开申请数量")
    total = row
    for _ in range(7):       # the row's seventh value cell: 总计
        total = text.index(_CELL, total) + len(_CELL)
    assert text[total] == "1"
    hover = await _hover(client, uri, _range(text, total, total).start)
    assert "一、本年新收政府信息公开申请数量" in hover.contents.value
    assert "`总计 = 1 + 0 + 0 + 0 + 0 + 0 = 1`" in hover.contents.value
    tag = text.index("<tr>", row - 200)       # markup maps to no text: no sums there
    assert await _hover(client, uri, _range(text, tag + 1, tag + 1).start) is None


async def test_html_quick_fix_edits_the_page_source_like_fix(client: LanguageClient, tmp_path):
    path, text = _page(tmp_path, "003")
    uri = _open(client, path)
    [heading] = [d for d in await _published(client, uri, 1) if d.code == "GAI103"]
    # the fix and fix-all; no "disable for this line": a comment in a page suppresses nothing
    fix, everything = await _actions(client, uri, heading.range)
    assert fix.title.startswith("GAI103:") and fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert everything.kind == FIX_ALL
    [edit] = fix.edit.changes[uri]
    start = text.index("存在的主要问题及改进措施")
    assert edit.range == _range(text, start, start + len("存在的主要问题及改进措施"))
    fixed = _apply(text, fix.edit.changes[uri])
    assert fixed == text.replace("#### 五、存在的主要问题及改进措施", "#### 五、存在的主要问题及改进情况")
    assert fixed == _fixed_by_cli(path, tmp_path)
    _change(client, uri, fixed, 2)
    assert "GAI103" not in {d.code for d in await _published(client, uri, 2)}

    _change(client, uri, text, 3)
    await _published(client, uri, 3)
    [fix_all] = await _actions(client, uri, _range(text, 0, 0), only=[FIX_ALL])
    assert fix_all.kind == FIX_ALL
    assert _apply(text, fix_all.edit.changes[uri]) == fixed


async def test_html_label_fix_in_a_table_cell(client: LanguageClient, tmp_path):
    """GAI604's fix of a row label: the cell's characters in the page, nothing else."""
    path, text = _page(tmp_path, "000")
    uri = _open(client, path)
    [label] = [d for d in await _published(client, uri, 1) if d.code == "GAI604"]
    [fix] = [a for a in await _actions(client, uri, label.range) if a.title.startswith("GAI604:")]
    start = text.index("其他法律法规禁止公开")
    assert [e.range for e in fix.edit.changes[uri]] == [_range(text, start, start + len("其他法律法规禁止公开"))]
    fixed = _apply(text, fix.edit.changes[uri])
    assert fixed == text[:start] + "其他法律行政法规禁止公开" + text[start + len("其他法律法规禁止公开"):]
    assert fixed == _fixed_by_cli(path, tmp_path)


async def test_html_no_quick_fix_where_the_edit_does_not_map_exactly(client: LanguageClient, tmp_path):
    """The heading's 措 written as an entity: the fix's edit covers it, so it cannot be
    written character for character — no code action, as ``--fix`` writes nothing."""
    path, text = _page(tmp_path, "003", edit=lambda page: page.replace(
        "#### 五、存在的主要问题及改进措施", "#### 五、存在的主要问题及改进&#25514;施"))
    assert "改进&#25514;施" in text
    uri = _open(client, path)
    [heading] = [d for d in await _published(client, uri, 1) if d.code == "GAI103"]
    start = text.index("存在的主要问题及改进&#25514;施")
    assert heading.range == _range(text, start, start + len("存在的主要问题及改进&#25514;施"))
    assert await _actions(client, uri, heading.range) == []
    assert await _actions(client, uri, _range(text, 0, 0), only=[FIX_ALL]) == []
    assert _fixed_by_cli(path, tmp_path) == text
    hover = await _hover(client, uri, heading.range.start)    # hover still explains the rule
    assert hover.contents.value.startswith("**GAI103** (section-heading): ")
