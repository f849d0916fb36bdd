"""`gailint lsp`: the language server (stdio), on pygls 2.

Every check goes through `runner.Runner`, exactly as on the command line: the
configuration file is found from the document's own directory (pyproject.toml
``[tool.gailint]``, gailint.toml, .gailint.toml), inline suppressions and
severity overrides apply. Editor settings (``initializationOptions`` or
``workspace/didChangeConfiguration``: ``select``, ``ignore``, ``lang``) replace
the file's values of the same keys.

Diagnostics are published when a document is opened, saved and changed. A
change is checked at once — there is no debounce: a check takes a few
milliseconds, less than the time between two keystrokes, and a debounce would
only add its own length to every publication. Changes that arrive while a
check runs are coalesced: a check still waiting for the worker is cancelled
and replaced by one of the newest version, and a result computed for a version
that is no longer current is dropped, never published. Checks run one at a time
on a worker thread, so hover and code actions stay responsive.

Documents are synchronised in full (not incrementally): LSP ends lines only at
\\n, \\r\\n and \\r, and pdftotext output carries form feeds that pygls's
incremental line splitting would count as line ends.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

import attrs
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..ast import Span
from ..config import CONFIG_NAMES, Config, find_config
from ..diagnostics import Diagnostic, Severity
from ..diagnostics import FileResult
from ..engine import Linter
from ..rule import RULE_DOCS_URL
from ..runner import Runner, RunOptions
from .actions import FIX_ALL, disable_action, fix_all_action, quick_fix, wanted
from .positions import Positions
from .relations import relations_at
from .transport import serve_stdio

__all__ = ["RULE_DOCS_URL", "Settings", "serve"]

log = logging.getLogger(__name__)

_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}


@attrs.frozen
class Settings:
    """Editor settings; a key that is set replaces the configuration file's value."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    lang: str | None = None

    @classmethod
    def parse(cls, raw: object) -> Settings:
        """From ``{"select": [...], "ignore": [...], "lang": "en"}``, also nested under ``"gailint"``.
        Codes may be a list or a comma-separated string. Raises ValueError naming a bad key."""
        if isinstance(raw, dict) and isinstance(raw.get("gailint"), dict):
            raw = raw["gailint"]
        if not isinstance(raw, dict):
            return cls()
        lang = raw.get("lang")
        if lang not in (None, "zh", "en"):
            raise ValueError(f"gailint setting `lang` must be \"zh\" or \"en\", got {lang!r}")
        return cls(_codes(raw, "select"), _codes(raw, "ignore"), lang)

    def apply(self, config: Config) -> Config:
        changes = {field.name: getattr(self, field.name) for field in attrs.fields(Settings)
                   if getattr(self, field.name) is not None}
        if "select" in changes:
            changes["extend_select"] = ()
        return attrs.evolve(config, **changes)


def _codes(raw: dict, key: str) -> tuple[str, ...] | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"gailint setting `{key}` must be a list of rule codes or prefixes, got {value!r}")
    return tuple(v.strip().upper() for v in value if v.strip())


def _docs_url(diagnostic: Diagnostic) -> str | None:
    """The rule's documentation page (`Rule.docs_url`, carried by every diagnostic)."""
    return diagnostic.url


class EditorRunner(Runner):
    """A Runner whose per-file configuration is overridden by the editor settings."""

    def __init__(self, linter: Linter, settings: Settings, options: RunOptions = RunOptions()) -> None:
        super().__init__(linter, options)
        self.settings = settings

    def config_for(self, filename: str | None) -> Config:
        return self.settings.apply(super().config_for(filename))


@attrs.frozen
class Checked:
    """One check of one version of one document, with everything hover and code actions need."""

    version: int | None
    text: str
    result: FileResult
    positions: Positions
    diagnostics: tuple[types.Diagnostic, ...]
    spans: tuple[Span, ...] = ()       # each diagnostic's range in the buffer (code points)

    @property
    def extracted(self) -> bool:
        """The buffer was read by a reader (an HTML page): offsets in it are not offsets in
        the text checked; the source map goes between them."""
        return self.result.source is not None and self.result.source.extracted


class GailintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("gailint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        # plugin load errors (GAI006) go to window/showMessage, not to whichever document opens first
        self.linter = Linter(ignore=("GAI006",))
        self.settings = Settings()
        self.runner = EditorRunner(self.linter, self.settings)
        self._checks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gailint-check")
        self._pending: dict[str, asyncio.Task] = {}
        self._checked: dict[str, Checked] = {}
        self._shown_errors: set[str] = set()

    # --- documents ----------------------------------------------------------------

    def document(self, uri: str):
        return self.workspace.text_documents.get(unquote(uri))

    def path_of(self, uri: str) -> str:
        """The file path the configuration is discovered from: the document's own, or for an
        unsaved document a name in the workspace root (else the current directory)."""
        path = to_fs_path(uri)
        if path is not None:
            return unquote(path)
        root = self.workspace.root_path or str(Path.cwd())
        return str(Path(root) / (unquote(uri).rsplit("/", 1)[-1] or "untitled.txt"))

    def check(self, uri: str, text: str, version: int | None) -> Checked:
        """Check one text (on the worker thread)."""
        path = self.path_of(uri)
        extracted = self.extract(path, text)
        result = self.runner.check_text(path, text, extracted).result
        lang = self.runner.config_for(path).lang
        positions = Positions(text, self.workspace.position_encoding)
        spans = tuple(_span(d, positions, result) for d in result.diagnostics)
        diagnostics = tuple(self.to_lsp(d, positions, lang, span=span) for d, span in zip(result.diagnostics, spans))
        return Checked(version, text, result, positions, diagnostics, spans)

    def extract(self, path: str, text: str):
        """For a buffer in a format a reader reads as text (an HTML page): what the reader
        extracts from it, with places in the buffer; None for a plain report."""
        reader = self.linter.readers.get(Path(path).suffix.lower())
        read_text = getattr(reader, "read_text", None)
        return read_text(text, path) if read_text is not None else None

    def to_lsp(self, diagnostic: Diagnostic, positions: Positions, lang: str,
               result: FileResult | None = None, *, span: Span | None = None) -> types.Diagnostic:
        """The LSP diagnostic, at `span` of the buffer (by default the diagnostic's own span,
        mapped back to the buffer when `result` was read from it by a reader)."""
        href = _docs_url(diagnostic)
        return types.Diagnostic(
            range=positions.range(span if span is not None else _span(diagnostic, positions, result)),
            message=diagnostic.text(lang),
            severity=_SEVERITY[diagnostic.severity], code=diagnostic.code, source="gailint",
            code_description=types.CodeDescription(href=href) if href else None)

    async def current(self, uri: str) -> Checked | None:
        """The check of the document as it is now: the published one, or a fresh one."""
        document = self.document(uri)
        if document is None:
            return None
        checked = self._checked.get(uri)
        if checked is not None and checked.version == document.version and checked.text == document.source:
            return checked
        return await self._run(uri, document.source, document.version)

    async def _run(self, uri: str, text: str, version: int | None) -> Checked | None:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._checks, self.check, uri, text, version)
        except Exception as error:  # noqa: BLE001 - a bad configuration (ConfigError) must not stop the server
            log.debug("check of %s failed", uri, exc_info=True)
            self.show_error(str(error))
            return None

    # --- publishing -----------------------------------------------------------------

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """(Re)start the check of a document now (or after `delay` seconds), replacing one still
        waiting or running: a waiting check is cancelled before it starts; a running one finishes
        on the worker and its result, no longer current, is dropped."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._pending[uri] = asyncio.ensure_future(self._publish(uri, delay))

    async def _publish(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.document(uri)
        if document is None:
            return
        checked = await self._run(uri, document.source, document.version)
        if self._pending.get(uri) is asyncio.current_task():
            del self._pending[uri]
        now = self.document(uri)
        if checked is None or now is None or (now.version, now.source) != (checked.version, checked.text):
            return  # stale: a newer version has its own check under way
        self._checked[uri] = checked
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=list(checked.diagnostics), version=checked.version))

    def close(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._checked.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def reconfigure(self, settings: Settings | None = None) -> None:
        """New settings or a changed configuration file: forget what was read, check again."""
        find_config.cache_clear()
        if settings is not None:
            self.settings = settings
        self.runner = EditorRunner(self.linter, self.settings)
        self._shown_errors.clear()
        for document in list(self.workspace.text_documents.values()):
            self.schedule(document.uri)

    def show_error(self, message: str) -> None:
        if message not in self._shown_errors:
            self._shown_errors.add(message)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"gailint: {message}"))

    # --- hover and code actions -------------------------------------------------------

    def hover_markdown(self, checked: Checked, offset: int) -> str | None:
        """The rules of the diagnostics under the buffer's `offset`, and the sums of the table
        cell there. For an HTML page both go through the source map: a diagnostic's range in
        the page, and the extracted text's offset of the page's character."""
        parts = []
        for diagnostic, span in zip(checked.result.diagnostics, checked.spans, strict=True):
            if span.start <= offset <= span.end:
                rule = self.linter.rule(diagnostic.code)
                summary = rule.summary if rule is not None else diagnostic.message
                name = f" ({rule.name})" if rule is not None else ""
                href = _docs_url(diagnostic)
                link = f" — [文档 / docs]({href})" if href else ""
                parts.append(f"**{diagnostic.code}**{name}: {summary}{link}")
        source = checked.result.source
        at = source.origin.extracted_offset(offset) if checked.extracted and source is not None else offset
        for relation in relations_at(checked.result.report, at) if at is not None else ():
            parts.append(f"**{relation.title}**\n\n{relation.formula}\n\n`{relation.numbers}`")
        return "\n\n---\n\n".join(dict.fromkeys(parts)) or None

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        checked = await self.current(uri)
        if checked is None:
            return None
        only = params.context.only
        span = checked.positions.span(params.range)
        if span.end < span.start:  # a client's reversed range: the same text either way
            span = Span(span.end, span.start)
        if checked.extracted:
            return self._page_actions(uri, checked, span, only)
        actions: list[types.CodeAction] = []
        if wanted(only, types.CodeActionKind.QuickFix):
            disabled = set()
            for diagnostic, lsp in zip(checked.result.diagnostics, checked.diagnostics, strict=True):
                if diagnostic.span.start > span.end or diagnostic.span.end < span.start:
                    continue
                if diagnostic.fix is not None:
                    actions.append(quick_fix(uri, checked.positions, diagnostic, lsp))
                key = (diagnostic.code, lsp.range.start.line)
                if key not in disabled:
                    disabled.add(key)
                    actions.append(disable_action(uri, checked.positions, diagnostic, lsp))
        fixable = [d for d in checked.result.diagnostics if d.fix is not None and d.fix.applicability == "safe"]
        if fixable and wanted(only, FIX_ALL):
            fixer = EditorRunner(self.linter, self.settings, RunOptions(fix=True))
            outcome = await asyncio.get_running_loop().run_in_executor(
                self._checks, fixer.check_text, self.path_of(uri), checked.text)
            if outcome.fixed:
                actions.append(fix_all_action(uri, checked.positions, outcome.text, outcome.fixed))
        return actions

    def _page_actions(self, uri: str, checked: Checked, span: Span,
                      only: list[str] | None) -> list[types.CodeAction]:
        """Code actions for an HTML page: a rule's fix only when every edit maps character for
        character to the page's source (`readers.html.source_fix`, the condition ``--fix``
        uses), as edits of the page with the replacement HTML-escaped; fix-all applies those
        of the safe fixes, as ``--fix`` does. No "disable for this line": the HTML reader
        leaves comments out, so a suppression comment in a page would suppress nothing."""
        source = checked.result.source
        if source is None or source.format != "html":
            return []
        from ..fixes import applicable
        from ..readers.html import fix_text, source_fix

        actions: list[types.CodeAction] = []
        if wanted(only, types.CodeActionKind.QuickFix):
            for diagnostic, lsp, at in zip(checked.result.diagnostics, checked.diagnostics, checked.spans, strict=True):
                if diagnostic.fix is None or at.start > span.end or at.end < span.start:
                    continue
                fix = source_fix(source.origin, diagnostic.fix)
                if fix is not None:
                    actions.append(quick_fix(uri, checked.positions, attrs.evolve(diagnostic, fix=fix), lsp))
        if wanted(only, FIX_ALL):
            fixed, applied = fix_text(checked.text, source.origin, applicable(checked.result.diagnostics, False))
            if applied:
                actions.append(fix_all_action(uri, checked.positions, fixed, len(applied)))
        return actions


def _span(diagnostic: Diagnostic, positions: Positions, result: FileResult | None) -> Span:
    """The diagnostic's span of the buffer: its own, or for extracted text (an HTML page)
    mapped back through the source map to the buffer's own characters."""
    origin = result.source.origin if result is not None and result.source is not None else None
    if origin is None:
        return diagnostic.span
    start, end = origin.locate(diagnostic.span), origin.locate_end(diagnostic.span)
    first = _offset(start, positions)
    return Span(first, max(first, _offset(end, positions)))


def _offset(place, positions: Positions) -> int:
    if place is None:
        return 0
    if place.offset is not None:
        return min(place.offset, len(positions.text))
    line = max((place.line or 1) - 1, 0)
    if line >= len(positions.index):
        return len(positions.text)
    start, end = positions.index.line_span(line)
    return min(start + max((place.column or 1) - 1, 0), end)


def _server() -> GailintServer:
    server = GailintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: GailintServer, params: types.InitializeParams) -> None:
        try:
            ls.settings = Settings.parse(params.initialization_options)
        except ValueError as error:
            ls.show_error(str(error))
        ls.runner = EditorRunner(ls.linter, ls.settings)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: GailintServer, params: types.InitializedParams) -> None:
        for error in ls.linter.plugin_errors:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                           message=f"gailint: GAI006 {error.message_zh}"))
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            pattern = "**/{" + ",".join(CONFIG_NAMES) + "}"
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                id="gailint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern=pattern)]))]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GailintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GailintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GailintServer, params: types.DidSaveTextDocumentParams) -> None:
        if Path(ls.path_of(params.text_document.uri)).name in CONFIG_NAMES:
            ls.reconfigure()
        else:
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GailintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: GailintServer, params: types.DidChangeConfigurationParams) -> None:
        try:
            ls.reconfigure(Settings.parse(params.settings))
        except ValueError as error:
            ls.show_error(str(error))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: GailintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.rsplit("/", 1)[-1] in CONFIG_NAMES for change in params.changes):
            ls.reconfigure()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: GailintServer, params: types.HoverParams) -> types.Hover | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None:
            return None
        markdown = ls.hover_markdown(checked, checked.positions.offset(params.position))
        if markdown is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    async def code_action(ls: GailintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return await ls.code_actions(params)

    return server


def serve() -> int:
    """Run the server on stdin/stdout until the client says exit (framing and error replies:
    `transport`)."""
    serve_stdio(_server())
    return 0
