"""Diagnostics and fixes: the value objects every rule produces."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Literal

import attrs

from .ast import Report, Span
from .source import Source

if TYPE_CHECKING:  # pragma: no cover
    from .extract import Record

__all__ = ["Diagnostic", "Edit", "FileResult", "Fix", "Severity"]


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Edit:
    """Replace the text in `span` with `replacement` (code-point offsets)."""

    span: Span
    replacement: str


@attrs.frozen
class Fix:
    edits: tuple[Edit, ...]
    applicability: Literal["safe", "unsafe"]
    message: str = ""


@attrs.frozen
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str              # Chinese, the default
    message_en: str
    path: str
    span: Span
    fix: Fix | None = None
    url: str | None = None

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message


@attrs.frozen
class FileResult:
    """Everything one file's check produced: its source (None when it could not be
    read), its diagnostics in order, its syntax tree (None when not parsed) and its
    per-report record (`gailint.extract.Record`: small and picklable, it outlives the
    tree when results cross processes or come from the cache)."""

    path: str
    source: Source | None
    diagnostics: tuple[Diagnostic, ...]
    report: Report | None = None
    record: Record | None = None

    @property
    def text(self) -> str | None:
        """The decoded text the diagnostics' spans refer to; None when the file could not be read."""
        return self.source.text if self.source is not None else None
