"""Bounded, safe reading of untrusted containers: zip members and XML parts.

A report is untrusted input. A zip member is inflated only after its declared size and
compression ratio pass (`MAX_MEMBER`, `MAX_RATIO`), and never past its bound whatever the
header claims (a zip bomb lies in its headers). XML is parsed without a DTD, without
entity expansion, without the network and without lxml's huge-tree mode; a part that
declares a DOCTYPE is refused outright, since no OOXML part has one (XXE, billion laughs).
"""

from __future__ import annotations

import io
import zipfile

from ..origin import ReaderError

__all__ = ["MAX_MEMBER", "MAX_RATIO", "ZipParts", "parse_xml"]

MAX_MEMBER = 64 * 1024 * 1024      # bytes of one inflated part (a 300-page report's document.xml is ~10 MB)
MAX_RATIO = 200                    # inflated / compressed, for parts above 1 MiB (XML compresses ~10:1)
_RATIO_FLOOR = 1024 * 1024


class ZipParts:
    """The members of a zip archive (an OOXML package), read within bounds."""

    def __init__(self, data: bytes, what_zh: str, what_en: str) -> None:
        self.what_zh, self.what_en = what_zh, what_en
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._infos = {info.filename: info for info in self._zip.infolist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
            raise ReaderError(f"{what_zh}的 zip 结构已损坏或文件不完整（{error}）；请在 Word/WPS 中重新保存",
                              f"the {what_en}'s zip structure is damaged or the file is truncated ({error}); "
                              "save it again from Word or WPS") from None

    def __contains__(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """A member's bytes, refusing one whose declared or real size passes the bounds."""
        info = self._infos[name]
        if info.file_size > MAX_MEMBER or (
                info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise self._bomb(name, info.file_size, info.compress_size)
        try:
            with self._zip.open(info) as member:
                data = member.read(MAX_MEMBER + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
            raise ReaderError(f"{self.what_zh}中的 {name} 已损坏，无法解压（{error}）",
                              f"{name} in the {self.what_en} is damaged and cannot be inflated ({error})") from None
        if len(data) > MAX_MEMBER:
            raise self._bomb(name, len(data), info.compress_size)
        return data

    def _bomb(self, name: str, size: int, compressed: int) -> ReaderError:
        return ReaderError(
            f"{self.what_zh}中的 {name} 解压后过大（声明 {size:,} 字节，压缩后 {compressed:,} 字节，上限 "
            f"{MAX_MEMBER:,} 字节、压缩比 {MAX_RATIO}:1），疑为 zip 炸弹，未读取",
            f"{name} in the {self.what_en} inflates too far ({size:,} bytes from {compressed:,}; limits "
            f"{MAX_MEMBER:,} bytes and a ratio of {MAX_RATIO}:1): a zip bomb? Not read")


def parse_xml(data: bytes, name: str, what_zh: str, what_en: str):
    """Parse one XML part safely; a DOCTYPE or malformed XML is a `ReaderError` naming the
    part and the line."""
    from lxml import etree

    head = data[:4096]
    if b"<!DOCTYPE" in data or b"<!ENTITY" in head:
        raise ReaderError(f"{what_zh}中的 {name} 含有 DOCTYPE/实体声明（Office 文档从不含有），"
                          "可能是恶意构造的文件（XXE/实体膨胀），拒绝读取",
                          f"{name} in the {what_en} declares a DOCTYPE or entities, which Office documents "
                          "never do: possibly a crafted file (XXE, entity expansion); not read")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = getattr(error, "lineno", None) or (error.position[0] if getattr(error, "position", None) else "?")
        raise ReaderError(f"{what_zh}中的 {name} 第 {line} 行 XML 格式错误（{error.msg}）；文件可能不完整或已损坏",
                          f"{name} in the {what_en}, line {line}: malformed XML ({error.msg}); the file may be "
                          "truncated or damaged") from None
