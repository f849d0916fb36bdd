"""Code actions: a rule's fix, "disable GAIxxx for this line", and fix-all as text edits.

Fix edits are code-point spans; they become LSP ranges through `Positions`,
in the negotiated encoding, at this edge only.
"""

from __future__ import annotations

import difflib
import re

from lsprotocol import types

from ..ast import Span
from ..diagnostics import Diagnostic
from .positions import Positions

__all__ = ["FIX_ALL", "disable_action", "fix_all_action", "quick_fix", "wanted"]

FIX_ALL = "source.fixAll.gailint"

_NEXT_LINE = re.compile(r"^(\s*<!--\s*gailint:\s*disable-next-line\s*=\s*)([A-Za-z0-9_, ]*?)(\s*-->\s*)$")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def wanted(only: list[str] | None, kind: str) -> bool:
    """Whether the client's `context.only` filter admits `kind` (a prefix admits its sub-kinds)."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def quick_fix(uri: str, positions: Positions, diagnostic: Diagnostic, lsp: types.Diagnostic) -> types.CodeAction:
    """The rule's own fix; an unsafe one (a person must decide) says so and is never preferred."""
    fix = diagnostic.fix
    title = fix.message or f"修复 {diagnostic.code} / fix {diagnostic.code}"
    if fix.applicability == "unsafe":
        title += "（需人工确认 / unsafe）"
    edits = [types.TextEdit(range=positions.range(e.span), new_text=e.replacement) for e in fix.edits]
    return types.CodeAction(title=f"{diagnostic.code}: {title}", kind=types.CodeActionKind.QuickFix,
                            diagnostics=[lsp], is_preferred=fix.applicability == "safe",
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def disable_action(uri: str, positions: Positions, diagnostic: Diagnostic,
                   lsp: types.Diagnostic) -> types.CodeAction:
    """Insert ``<!-- gailint: disable-next-line=CODE -->`` above the diagnostic's first line,
    or add the code to such a comment already there."""
    index, text, code = positions.index, positions.text, diagnostic.code
    line = index.line_of(diagnostic.span.start)
    previous = _NEXT_LINE.match(index.line_text(line - 1)) if line > 0 else None
    if previous is not None:
        start = index.line_span(line - 1)[0]
        codes = [c.strip() for c in previous.group(2).split(",") if c.strip()]
        replaced = Span(start + previous.start(2), start + previous.end(2))
        edit = types.TextEdit(range=positions.range(replaced), new_text=",".join([*codes, code]))
    else:
        newline = match.group() if (match := _NEWLINE.search(text)) else "\n"
        start = index.line_span(line)[0]
        edit = types.TextEdit(range=positions.range(Span(start, start)),
                              new_text=f"<!-- gailint: disable-next-line={code} -->{newline}")
    return types.CodeAction(title=f"在此行禁用 {code} / disable {code} for this line",
                            kind=types.CodeActionKind.QuickFix, diagnostics=[lsp],
                            edit=types.WorkspaceEdit(changes={uri: [edit]}))


def fix_all_action(uri: str, positions: Positions, fixed: str, count: int) -> types.CodeAction:
    """`source.fixAll.gailint`: the document after every safe fix, as edits of the changed lines only."""
    return types.CodeAction(title=f"gailint: 应用全部安全修复（{count} 处）/ fix all safe fixes",
                            kind=FIX_ALL, edit=types.WorkspaceEdit(changes={uri: text_edits(positions, fixed)}))


def text_edits(positions: Positions, after: str) -> list[types.TextEdit]:
    """Line-level edits that turn the document into `after`, leaving unchanged lines untouched."""
    before_lines, before_starts = _lines(positions.text)
    after_lines, after_starts = _lines(after)
    edits = []
    matcher = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        span = Span(before_starts[i1], before_starts[i2])
        edits.append(types.TextEdit(range=positions.range(span), new_text=after[after_starts[j1]:after_starts[j2]]))
    return edits


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The lines with their line breaks, and their start offsets (plus the end of the text)."""
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    if starts[-1] == len(text) and len(starts) > 1:
        starts.pop()
    lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return lines, [*starts, len(text)]
