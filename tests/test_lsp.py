"""Issue 6: the language server, end to end — `gailint lsp` in a subprocess driven by pytest-lsp.

Positions in the assertions are computed here independently of the server: UTF-16 code
units (or UTF-8 bytes) counted with Python's codecs, lines split at \\n, \\r\\n and \\r.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from gailint.engine import Linter
from gailint.runner import Runner, RunOptions

from .conftest import SEEDS, report_of

pytestmark = pytest.mark.asyncio(loop_scope="module")

SERVER = [sys.executable, "-m", "gailint.cli", "lsp"]
TIMEOUT = 20.0
FIX_ALL = "source.fixAll.gailint"


def _recording_client() -> LanguageClient:
    """The pytest-lsp client, also keeping every publishDiagnostics in order (`client.published`)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)
        client.diagnostics[params.uri] = params.diagnostics

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=_recording_client)


async def _start(client: LanguageClient, capabilities: types.ClientCapabilities, **init):
    result = await client.initialize_session(types.InitializeParams(capabilities=capabilities, **init))
    yield result
    await client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: LanguageClient):
    """A client with no position-encoding preference: UTF-16, the LSP default."""
    async for result in _start(lsp_client, types.ClientCapabilities()):
        lsp_client.init_result = result
        yield


# --- helpers ------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _NEWLINE.finditer(text)]


def _units(text: str, encoding: str = "utf-16") -> int:
    return len(text.encode("utf-8")) if encoding == "utf-8" else len(text.encode("utf-16-le")) // 2


def _position(text: str, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
    starts = _line_starts(text)
    line = max(i for i, start in enumerate(starts) if start <= offset)
    return line, _units(text[starts[line]:offset], encoding)


def _range(text: str, start: int, end: int, encoding: str = "utf-16") -> types.Range:
    (l1, c1), (l2, c2) = _position(text, start, encoding), _position(text, end, encoding)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def _cell_range(text: str, cell) -> types.Range:
    return _range(text, cell.span.start, cell.span.end)


def _offset(text: str, position: types.Position) -> int:
    start = _line_starts(text)[position.line]
    units = 0
    for offset in range(start, len(text) + 1):
        if units >= position.character:
            return offset
        units += _units(text[offset])
    raise AssertionError(f"position {position} is past the end of the text")


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply TextEdits (UTF-16 positions) as an editor does: from the last to the first."""
    spans = [(_offset(text, e.range.start), _offset(text, e.range.end), e.new_text) for e in edits]
    for start, end, new_text in sorted(spans, reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


async def _published(client: LanguageClient, uri: str, version: int | None) -> list[types.Diagnostic]:
    """Wait for the diagnostics of `uri` at `version` (None: the next publication for `uri`)."""
    seen = len(client.published) if version is None else 0
    try:
        async with asyncio.timeout(TIMEOUT):
            while True:
                for params in client.published[seen:]:
                    if params.uri == uri and (version is None or params.version == version):
                        return list(params.diagnostics)
                await asyncio.sleep(0.01)
    except TimeoutError:
        raise AssertionError(f"no diagnostics for {uri} version {version}; server said {client.messages}") from None


def _open(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = _uri(path)
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="plaintext", version=version, text=text)))
    return uri


def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def _actions(client: LanguageClient, uri: str, range_: types.Range, only=None) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=range_,
        context=types.CodeActionContext(diagnostics=[], only=only))) or []


async def _hover(client: LanguageClient, uri: str, position: types.Position) -> types.Hover:
    return await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position))


def _cli_diagnostics(path: Path):
    """What the command line's runner reports for the file (same pipeline, same config)."""
    return Runner(Linter(ignore=("GAI006",))).check(str(path), path.read_bytes()).result.diagnostics


def _seed_copy(tmp_path: Path, seed: str, name: str | None = None) -> Path:
    target = tmp_path / (name or SEEDS[seed].name)
    shutil.copy(SEEDS[seed], target)
    return target


# --- tests --------------------------------------------------------------------------

async def test_capabilities(client: LanguageClient):
    capabilities = client.init_result.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Full
    assert capabilities.text_document_sync.save
    assert capabilities.hover_provider
    assert set(capabilities.code_action_provider.code_action_kinds) == {types.CodeActionKind.QuickFix, FIX_ALL}


async def test_open_seed_publishes_the_cli_diagnostics_with_exact_ranges(client: LanguageClient):
    path = SEEDS["003"]
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    published = await _published(client, uri, 1)
    expected = _cli_diagnostics(path)
    assert [(d.code, d.range) for d in published] == [
        (d.code, _range(text, d.span.start, d.span.end)) for d in expected]
    [heading] = [d for d in published if d.code == "GAI103"]
    start = text.index("存在的主要问题及改进措施", text.index("#### 五、"))
    assert heading.range == _range(text, start, start + len("存在的主要问题及改进措施"))
    assert heading.range.start == types.Position(line=77, character=7)  # after `#### 五、`
    assert heading.source == "gailint" and heading.code == "GAI103"
    assert heading.code_description.href.endswith("/docs/rules/GAI103.md")
    assert heading.severity == types.DiagnosticSeverity.Warning
    assert heading.message.startswith("第五部分标题应为")


async def test_editing_a_total_publishes_gai201_then_clears_it(client: LanguageClient, tmp_path):
    path = _seed_copy(tmp_path, "004")
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    assert "GAI201" not in {d.code for d in await _published(client, uri, 1)}
    row = "一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |"
    broken = text.replace(row, row[:-3] + "5 |")
    _change(client, uri, broken, 2)
    [total] = [d for d in await _published(client, uri, 2) if d.code == "GAI201"]
    cell = broken.index(row[:-3]) + len(row) - 3
    assert total.range == _range(broken, cell, cell + 1)
    assert "总计应为 4（4+0+0+0+0+0），实为 5" in total.message
    _change(client, uri, text, 3)
    assert "GAI201" not in {d.code for d in await _published(client, uri, 3)}


async def test_stale_versions_are_never_published(client: LanguageClient, tmp_path):
    """There is no debounce: a change is checked at once. Changes that arrive while a check
    runs are coalesced, and a result for a version that is no longer current is dropped.
    How many of versions 2 and 3 are superseded before their check ends depends on the
    machine's speed, so the test asserts what holds either way: the versions published
    only ever increase, end with the newest, and each carries its own version's numbers —
    never an older text's diagnostics, never a version published after a newer one."""
    path = _seed_copy(tmp_path, "004")
    text = path.read_text(encoding="utf-8") + "".join(f"第{n}段：本机关按要求公开政府信息。\n" for n in range(20000))
    path.write_text(text, encoding="utf-8")
    uri = _open(client, path)
    await _published(client, uri, 1)
    first = len(client.published)
    for version in (2, 3, 4):  # each version its own wrong total: 12, 13, 14
        _change(client, uri, text.replace("| 4 | 0 | 0 | 0 | 0 | 0 | 4 |", f"| 4 | 0 | 0 | 0 | 0 | 0 | {version + 10} |"),
                version)
    totals = [d.message for d in await _published(client, uri, 4) if d.code == "GAI201"]
    assert totals[0] == "“一、本年新收政府信息公开申请数量”总计应为 4（4+0+0+0+0+0），实为 14"
    assert all(message.endswith("实为 14") for message in totals)  # version 4's numbers, none of 2's or 3's
    await asyncio.sleep(1.0)  # anything late would have arrived by now
    published = [p for p in client.published[first:] if p.uri == uri]
    versions = [p.version for p in published]
    assert versions == sorted(set(versions)) and versions[-1] == 4, versions
    for params in published:
        totals = [d.message for d in params.diagnostics if d.code == "GAI201"]
        assert totals and all(message.endswith(f"实为 {params.version + 10}") for message in totals), params.version


async def test_save_rechecks_and_close_clears(client: LanguageClient, tmp_path):
    path = _seed_copy(tmp_path, "003")
    uri = _open(client, path)
    assert await _published(client, uri, 1)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await _published(client, uri, None)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await _published(client, uri, None) == []


async def test_quick_fix_disable_comment_and_fix_all(client: LanguageClient, tmp_path):
    path = _seed_copy(tmp_path, "003")
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    [heading] = [d for d in await _published(client, uri, 1) if d.code == "GAI103"]
    actions = await _actions(client, uri, heading.range)
    titles = [a.title for a in actions]
    [fix] = [a for a in actions if a.title.startswith("GAI103:")]
    [disable] = [a for a in actions if "disable GAI103 for this line" in a.title]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred, titles
    assert fix.diagnostics[0].code == "GAI103"

    fixed = _apply(text, fix.edit.changes[uri])
    assert "#### 五、存在的主要问题及改进情况" in fixed and fixed.count("\n") == text.count("\n")
    _change(client, uri, fixed, 2)
    assert "GAI103" not in {d.code for d in await _published(client, uri, 2)}

    suppressed = _apply(text, disable.edit.changes[uri])
    assert "<!-- gailint: disable-next-line=GAI103 -->\n#### 五、存在的主要问题及改进措施" in suppressed
    _change(client, uri, suppressed, 3)
    assert {"GAI103", "GAI007"}.isdisjoint(d.code for d in await _published(client, uri, 3))

    _change(client, uri, text, 4)
    await _published(client, uri, 4)
    [fix_all] = await _actions(client, uri, _range(text, 0, 0), only=[FIX_ALL])
    assert fix_all.kind == FIX_ALL
    assert _apply(text, fix_all.edit.changes[uri]) == Runner(Linter(ignore=("GAI006",)), RunOptions(fix=True)) \
        .check_text(str(path), text).text
    assert "#### 五、存在的主要问题及改进情况" in _apply(text, fix_all.edit.changes[uri])
    assert await _actions(client, uri, _range(text, 0, 0), only=[types.CodeActionKind.Refactor]) == []


async def test_unsafe_fix_is_offered_but_not_preferred(client: LanguageClient, tmp_path):
    path = _seed_copy(tmp_path, "004")
    row = "一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |"
    text = path.read_text(encoding="utf-8").replace(row, row[:-3] + "5 |")
    uri = _open(client, path, text)
    [total] = [d for d in await _published(client, uri, 1) if d.code == "GAI201"]
    [fix] = [a for a in await _actions(client, uri, total.range) if a.title.startswith("GAI201:")]
    assert "unsafe" in fix.title and not fix.is_preferred
    assert _apply(text, fix.edit.changes[uri]) == path.read_text(encoding="utf-8")
    assert await _actions(client, uri, total.range, only=[FIX_ALL]) == []  # fix-all applies safe fixes only


async def test_hover_shows_rule_summary_and_table_relations(client: LanguageClient, tmp_path):
    path = SEEDS["001"]
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    await _published(client, uri, 1)
    report = report_of(text)
    hover = await _hover(client, uri, _cell_range(text, report.table(2).row("new").cells[6]).start)
    assert "`总计 = 1 + 0 + 0 + 0 + 0 + 0 = 1`" in hover.contents.value
    assert "一、本年新收政府信息公开申请数量" in hover.contents.value

    hover = await _hover(client, uri, _cell_range(text, report.table(2).row("total").cells[0]).start)
    assert re.search(r"（七）总计 = (\d+ \+ ){20}\d+ = \d+", hover.contents.value), hover.contents.value

    hover = await _hover(client, uri, _cell_range(text, report.table(3).rows[0].cells[4]).start)
    assert "行政复议" in hover.contents.value and "`总计 = 0 + 0 + 0 + 0 = 0`" in hover.contents.value

    uri = _open(client, _seed_copy(tmp_path, "003"))
    [heading] = [d for d in await _published(client, uri, 1) if d.code == "GAI103"]
    hover = await _hover(client, uri, heading.range.end)
    assert hover.contents.value.startswith("**GAI103** (section-heading): ")
    assert "/docs/rules/GAI103.md" in hover.contents.value


async def test_utf16_positions_with_an_astral_character_and_crlf(client: LanguageClient, tmp_path):
    """𠀀 (U+20000, two UTF-16 units) before the defect on the same line, CRLF line ends."""
    path = _seed_copy(tmp_path, "004", "crlf.txt")
    row = "一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |"
    text = path.read_text(encoding="utf-8").replace(row, "𠀀" + row[:-3] + "5 |").replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    uri = _open(client, path, text)
    [total] = [d for d in await _published(client, uri, 1) if d.code == "GAI201"]
    cell = text.index("𠀀") + 1 + len(row) - 3
    line = text[:cell].count("\r\n")
    assert total.range == types.Range(start=types.Position(line=line, character=len(row) - 3 + 2),
                                      end=types.Position(line=line, character=len(row) - 3 + 3))
    hover = await _hover(client, uri, total.range.start)
    assert "`总计 = 4 + 0 + 0 + 0 + 0 + 0 = 4（表中为 5 / printed 5）`" in hover.contents.value
    [fix] = [a for a in await _actions(client, uri, total.range) if a.title.startswith("GAI201:")]
    assert _apply(text, fix.edit.changes[uri]) == text.replace(row[:-3] + "5 |", row)
    [disable] = [a for a in await _actions(client, uri, total.range) if "disable GAI201" in a.title]
    assert "<!-- gailint: disable-next-line=GAI201 -->\r\n𠀀一、" in _apply(text, disable.edit.changes[uri])


async def test_workspace_config_and_editor_settings_override_it(client: LanguageClient, tmp_path):
    path = _seed_copy(tmp_path, "003")
    (tmp_path / "pyproject.toml").write_text('[tool.gailint]\nignore = ["GAI103"]\n', encoding="utf-8")
    uri = _open(client, path)
    assert "GAI103" not in {d.code for d in await _published(client, uri, 1)}

    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"gailint": {"ignore": [], "lang": "en"}}))
    diagnostics = await _published(client, uri, None)
    [heading] = [d for d in diagnostics if d.code == "GAI103"]
    assert heading.message.startswith("section 5 heading should be")

    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"gailint": {}}))
    assert "GAI103" not in {d.code for d in await _published(client, uri, None)}

    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.gailint]\nselect = ["GAI1"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=_uri(config))))
    assert {d.code for d in await _published(client, uri, None)} == {"GAI103"}


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def utf8_client(lsp_client: LanguageClient):
    """A client that prefers UTF-8 positions."""
    capabilities = types.ClientCapabilities(general=types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]))
    async for result in _start(lsp_client, capabilities, initialization_options={"select": ["GAI2"]}):
        lsp_client.init_result = result
        yield


async def test_negotiated_utf8_positions_and_initialization_options(utf8_client: LanguageClient, tmp_path):
    assert utf8_client.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    path = _seed_copy(tmp_path, "004", "utf8.txt")
    row = "一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |"
    text = path.read_text(encoding="utf-8").replace(row, "𠀀" + row[:-3] + "5 |")
    uri = _open(utf8_client, path, text)
    diagnostics = await _published(utf8_client, uri, 1)
    assert all(d.code.startswith("GAI2") for d in diagnostics)  # initializationOptions select = ["GAI2"]
    [total] = [d for d in diagnostics if d.code == "GAI201"]
    cell = text.index("𠀀") + 1 + len(row) - 3
    assert total.range == _range(text, cell, cell + 1, "utf-8")
    assert total.range.start.character == 4 + len((row[:-3]).encode("utf-8"))


async def test_the_fuzzed_reversed_ranges_are_published_in_order(client: LanguageClient, tmp_path):
    """Issue 15: GAI004 of `\\t第二十条第（一）项\\n\\t0\\n\\n\\t行政规范性文件` was published from
    (3, 1) to (1, 2); it now runs from the number to the end of the label."""
    cases = [("a.txt", "\t第二十条第（一）项\n\t0\n\n\t行政规范性文件", "GAI004", (1, 1), (3, 8)),
             ("b.txt", "第二十条第（八）项\n2\n行政事业性收费", "GAI105", (1, 0), (2, 7))]
    for name, text, code, start, end in cases:
        uri = _open(client, tmp_path / name, text)
        [diagnostic] = [d for d in await _published(client, uri, 1) if d.code == code]
        assert diagnostic.range == types.Range(start=types.Position(line=start[0], character=start[1]),
                                               end=types.Position(line=end[0], character=end[1]))


async def test_html_report_diagnostics_at_their_html_source_positions(client: LanguageClient, tmp_path):
    """An open .html report is read by the HTML reader; each diagnostic is published at the
    characters of the HTML source it came from (the first value cell of a damaged row)."""
    from .docfixtures import seed_to_html

    path = seed_to_html(SEEDS["000"].read_text(encoding="utf-8"), tmp_path / "report.html")
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    published = await _published(client, uri, 1)
    expected = Runner(Linter(ignore=("GAI006",))).check(str(path), path.read_bytes()).result
    assert [d.code for d in published] == [d.code for d in expected.diagnostics]
    total = next(d for d in published if d.code == "GAI003" and "（七）总计" in d.message)
    row = text.index("(七) 总计")
    first_value = text.index("<span style=\"font-size:12pt\">0</span>", row) + len("<span style=\"font-size:12pt\">")
    assert total.range.start == _range(text, first_value, first_value).start
    label = next(d for d in published if d.code == "GAI604")
    start = text.index("其他法律法规禁止公开")
    assert label.range == _range(text, start, start + len("其他法律法规禁止公开"))
