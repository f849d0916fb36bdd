"""Bad documents: a truncated or corrupt Word file, a zip bomb, XML with external
entities or entity expansion, a wrong extension, an HTML page of 50 MB, an old .doc with
and without LibreOffice. Each gets a clear GAI001/GAI008 with where the problem is, exit
status 2, bounded time; the rest of the batch is checked; nothing is written."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
import zipfile

import pytest

from .conftest import SEEDS, gailint_executable
from .docfixtures import seed_to_docx
from .test_cli import gailint

_DOCUMENT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')


def _docx(document: bytes | str, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def _messages(tmp_path, *names: str) -> tuple[int, dict[str, list[str]], float]:
    started = time.monotonic()
    proc = gailint("check", "--no-cache", "--output-format", "json", *names, cwd=tmp_path)
    elapsed = time.monotonic() - started
    found: dict[str, list[str]] = {}
    for item in json.loads(proc.stdout):
        found.setdefault(os.path.basename(item["filename"]), []).append(f"{item['code']} {item['message']}")
    return proc.returncode, found, elapsed


def test_broken_word_files_each_get_a_clear_message_and_the_batch_goes_on(tmp_path):
    good = seed_to_docx(SEEDS["001"].read_text(encoding="utf-8"), tmp_path / "good.docx")
    data = good.read_bytes()
    (tmp_path / "truncated.docx").write_bytes(data[: len(data) // 2])
    (tmp_path / "badxml.docx").write_bytes(_docx(b'<?xml version="1.0"?>\n<w:document xmlns:w="x">\n<w:body><w:p>'))
    xxe = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    (tmp_path / "xxe.docx").write_bytes(_docx(_DOCUMENT.format(doctype=xxe, text="&x;")))
    laughs = ('<!DOCTYPE d [<!ENTITY a "lollollollollollollollollollol">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")
    (tmp_path / "laughs.docx").write_bytes(_docx(_DOCUMENT.format(doctype=laughs, text="&j;")))
    (tmp_path / "notazip.docx").write_bytes("一、总体情况\n".encode())
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    (tmp_path / "other.docx").write_bytes(other.getvalue())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    status, found, elapsed = _messages(tmp_path, ".")
    assert status == 2 and elapsed < 60
    assert found.get("good.docx") is None  # seed 001 is clean, also as a Word file
    assert found["truncated.docx"] == [
        "GAI001 Word 文档的 zip 结构已损坏或文件不完整（File is not a zip file）；请在 Word/WPS 中重新保存"]
    [badxml] = found["badxml.docx"]
    assert badxml.startswith("GAI001 Word 文档中的 word/document.xml 第 3 行 XML 格式错误")
    for name in ("xxe.docx", "laughs.docx"):
        assert found[name] == ["GAI001 Word 文档中的 word/document.xml 含有 DOCTYPE/实体声明（Office 文档从不含有），"
                               "可能是恶意构造的文件（XXE/实体膨胀），拒绝读取"], name
    assert found["notazip.docx"] == ["GAI001 文件扩展名表明是Word 文档（.docx），但内容（文件头）是纯文本；请改用正确的扩展名"]
    assert found["other.docx"] == ["GAI001 这是 zip 文件，但不是 Word 文档（缺少 word/document.xml）；若是 WPS 文件请另存为 .docx"]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # nothing written


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = _docx(_DOCUMENT.format(doctype="", text=" " * (70 * 1024 * 1024)))
    assert len(bomb) < 1024 * 1024
    (tmp_path / "bomb.docx").write_bytes(bomb)
    shutil.copy(SEEDS["001"], tmp_path / "good.txt")
    status, found, elapsed = _messages(tmp_path, ".")
    assert status == 2 and elapsed < 30
    [message] = found["bomb.docx"]
    assert message.startswith("GAI001 Word 文档中的 word/document.xml 解压后过大") and "疑为 zip 炸弹" in message
    assert "good.txt" not in found


def test_html_page_of_50_mb_is_refused_by_the_size_guard(tmp_path):
    page = tmp_path / "huge.html"
    with page.open("wb") as out:
        out.write(b"<html><body><div>")
        row = "<p>一、总体情况：本年度共收到申请 7 件。</p>\n".encode()
        out.write(row * (50 * 1024 * 1024 // len(row)))
        out.write(b"</div></body></html>")
    shutil.copy(SEEDS["001"], tmp_path / "good.txt")
    status, found, elapsed = _messages(tmp_path, ".")
    assert status == 2 and elapsed < 30
    [message] = found["huge.html"]
    assert message.startswith("GAI008 文件过大（52,4") and "上限 1,048,576 字节" in message


def test_html_with_entity_declarations_is_not_expanded(tmp_path):
    laughs = ('<!DOCTYPE html [<!ENTITY a "lollollollol">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")
    page = laughs + "<html><body><div><p>一、总体情况</p><p>&j;</p></div></body></html>"
    (tmp_path / "laughs.html").write_text(page, encoding="utf-8")
    started = time.monotonic()
    proc = gailint("parse", "--text", str(tmp_path / "laughs.html"))
    assert time.monotonic() - started < 30
    assert "lollollollol" not in proc.stdout.decode()


@pytest.mark.skipif(shutil.which("soffice") is None and os.environ.get("CI") != "true",
                    reason="LibreOffice (soffice) is not installed")
def test_old_word_file_is_read_through_libreoffice(tmp_path):
    """Seed 000 as Word 97–2003 (.doc, converted by LibreOffice itself) reads into the seed's
    diagnostics; without LibreOffice on PATH the message says how to convert it."""
    import subprocess

    docx = seed_to_docx(SEEDS["000"].read_text(encoding="utf-8"), tmp_path / "000.docx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "out"), str(docx)], check=True, capture_output=True, timeout=180)
    doc = tmp_path / "out" / "000.doc"
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    text_items = json.loads(gailint("check", "--no-cache", "--output-format", "json", str(SEEDS["000"])).stdout)
    proc = gailint("check", "--no-cache", "--output-format", "json", str(doc))
    doc_items = json.loads(proc.stdout)
    assert sorted((i["code"], i["message"]) for i in doc_items) == sorted((i["code"], i["message"]) for i in text_items)
    assert any(i["source"] and i["source"].get("table") == 2 for i in doc_items)
    exe = gailint_executable()
    env = {**os.environ, "PATH": os.path.dirname(exe)}  # no soffice on it
    proc = subprocess.run([exe, "check", "--no-cache", str(doc)], capture_output=True, env=env, timeout=60)
    assert proc.returncode == 2
    assert "读取 .doc/.wps 需要 LibreOffice（未找到 soffice）" in proc.stdout.decode()
