"""Every output names the original place of a diagnostic in a Word file or an HTML page;
`--fix` writes only what maps exactly (HTML), never into a Word file; `check DIR` picks
documents up; `parse --text` shows what the rules read."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT, SEEDS
from .docfixtures import TABLE2_LAYOUT, seed_to_docx, seed_to_html
from .test_cli import gailint

TOTAL_ROW = 4 + TABLE2_LAYOUT.index("total")


@pytest.fixture
def documents(tmp_path):
    text = SEEDS["000"].read_text(encoding="utf-8")
    return seed_to_docx(text, tmp_path / "000.docx"), seed_to_html(text, tmp_path / "000.html")


def _total(items, filename):
    return next(i for i in items if i["filename"] == filename and i["code"] == "GAI003" and "（七）总计" in i["message"])


def test_full_output_shows_the_extracted_line_and_the_document_place(documents):
    docx, html = documents
    out = gailint("check", "--no-cache", str(docx)).stdout.decode()
    block = out[out.index("“（七）总计”"):]
    block = block[:block.index("\n\n")]
    assert f"= 位置: 表2 第{TOTAL_ROW}行第4列" in block
    assert "三、本年度办理结果    (七) 总计    0    0" in block  # the extracted line, tabs shown as spaces
    out = gailint("check", "--no-cache", "--lang", "en", str(html)).stdout.decode()
    assert "= in the document: HTML source " in out


def test_json_adds_the_source_object(documents):
    docx, html = documents
    items = json.loads(gailint("check", "--no-cache", "--output-format", "json", str(docx), str(html)).stdout)
    docx_total, html_total = _total(items, str(docx)), _total(items, str(html))
    assert docx_total["source"] == {"table": 2, "row": TOTAL_ROW, "column": 4}
    assert docx_total["location"] == html_total["location"] or docx_total["location"]["column"] > 1
    source = html.read_text(encoding="utf-8")
    row, column = html_total["source"]["row"], html_total["source"]["column"]
    line = source.split("\n")[row - 1]
    assert line[column - 1:].startswith("0<"), line[column - 10:column + 10]  # the first value cell
    assert html_total["end_source"]["row"] >= row


def test_sarif_regions_for_html_and_logical_locations_for_word(documents):
    jsonschema = pytest.importorskip("jsonschema")
    docx, html = documents
    log = json.loads(gailint("check", "--no-cache", "--output-format", "sarif", str(docx), str(html)).stdout)
    schema = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    by_file = {}
    for result in results:
        location = result["locations"][0]
        by_file.setdefault(location["physicalLocation"]["artifactLocation"]["uri"], []).append(location)
    word = by_file[docx.as_posix()][-1]
    assert "region" not in word["physicalLocation"]
    assert word["logicalLocations"][0]["fullyQualifiedName"].startswith("table[2]/row[")
    assert word["properties"]["source"]["table"] == 2
    page = by_file[html.as_posix()][-1]
    assert page["physicalLocation"]["region"]["startLine"] == page["properties"]["source"]["row"]
    assert not any("fixes" in r for r in results)  # a fix in extracted text is not a SARIF edit of the file


def test_fix_never_writes_a_word_file_and_diff_shows_the_suggestion(documents):
    docx, _ = documents
    before = docx.read_bytes()
    proc = gailint("check", "--no-cache", "--diff", str(docx))
    assert f"{docx} (extracted text)" in proc.stdout.decode()
    assert "+三、本年度办理结果\t（三）不予公开\t2.其他法律行政法规禁止公开" in proc.stdout.decode()
    gailint("check", "--no-cache", "--fix", "--unsafe-fixes", str(docx))
    assert docx.read_bytes() == before


def test_fix_writes_an_html_page_where_the_edit_maps_exactly(tmp_path):
    page = ("<html><body><div class='TRS_Editor'>\n<p>平潭综合实验区2022年度政府信息公开工作年度报告</p>\n"
            "<p>打造整体统一的的网站界面&nbsp;&amp;。</p>\n</div></body></html>\n")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    diff = gailint("check", "--no-cache", "--diff", "--select", "GAI605", str(path)).stdout.decode()
    assert "-<p>打造整体统一的的网站界面&nbsp;&amp;。</p>" in diff and "+<p>打造整体统一的网站界面&nbsp;&amp;。</p>" in diff
    assert path.read_text(encoding="utf-8") == page
    proc = gailint("check", "--no-cache", "--fix", "--select", "GAI605", str(path))
    assert proc.returncode == 0, proc.stdout
    assert path.read_text(encoding="utf-8") == page.replace("的的", "的")


def test_check_dir_picks_up_documents_and_parse_text_shows_what_is_read(documents, tmp_path):
    docx, html = documents
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04")
    items = json.loads(gailint("check", "--no-cache", "--output-format", "json", str(tmp_path)).stdout)
    assert {i["filename"] for i in items} == {str(docx), str(html)}
    proc = gailint("parse", "--text", str(docx))
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert "一、总体情况" in text and "\t(七) 总计\t0\t0\t0\t0\t0\t0\n" in text
    structure = gailint("parse", str(html)).stdout.decode()
    assert structure.startswith("format: html\n") and "(HTML 源码 " in structure
