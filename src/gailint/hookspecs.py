"""The pluggy hook specifications (project name, marker and entry-point group: ``gailint``).

These signatures are the plugin API (see docs/plugins.md for the stability
promise). Plugin authors import `hookimpl` from `gailint.plugin`, never from here.
A plugin implements any subset of the hooks; each hook is called once per
plugin, in isolation, so that one plugin's failure cannot hide another's rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from .origin import Extracted
    from .rule import Option, Rule

__all__ = ["API_VERSION", "PROJECT", "hookimpl", "hookspec"]

PROJECT = "gailint"
API_VERSION = "1.4"  # 1.1: context.facts; internals left __all__ (deprecated until 2.0). 1.2: Place.shifted, SourceMap.locate_end and .exact (exact HTML places). 1.3: cross-report rules (CrossReportRule, Record). 1.4: SourceMap.extracted_offset, Problem.plausible
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def gailint_rules() -> Sequence[type[Rule]]:
    """Return the rule classes (subclasses of `gailint.plugin.Rule`) this plugin provides.

    Codes must use the plugin's own prefix (2–5 capital letters, not ``GAI``) and 3 digits.
    """
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations


@hookspec
def gailint_rule_options() -> Mapping[str, Sequence[Option]]:
    """Declare options for this plugin's rules by code, in addition to each rule's
    ``options`` attribute: ``{"XYZ002": [Option("deadline", str, "01-31", "…")]}``.

    Declarations are checked when the plugin loads (name, type, doc, choices, pattern,
    and that the default is valid); a bad one is a GAI006 error naming the plugin.
    Users set the values under ``[tool.gailint.rules.XYZ002]``.
    """
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations


@hookspec
def gailint_readers() -> Mapping[str, Callable[[bytes, str], str | Extracted]]:
    """Input formats: ``{".docx": read_docx}``. A reader gets the file's bytes and its
    path and returns the report text, or an `Extracted` (text plus a `SourceMap` back
    into the original document, so that outputs name the page, cell or source line);
    diagnostics are positioned in that text.
    Raise `gailint.plugin.ReaderError` (or any exception) for an unreadable file:
    it is reported as GAI001 for that file.
    """
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations


@hookspec
def gailint_formatters() -> Mapping[str, Callable[..., None]]:
    """Output formats for ``--output-format NAME``: ``{"csv": write_csv}`` where
    ``write_csv(results, out, lang)`` writes a sequence of `gailint.plugin.CheckedFile`
    (``path``, ``diagnostics``, ``text``) to the text stream ``out``. Built-in names cannot be replaced.
    """
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations


@hookspec
def gailint_configure(config: Mapping[str, Mapping[str, object]]) -> None:
    """Receive the final, validated rule configuration before files are checked: a
    read-only mapping ``{code: {option: value}}`` of the options the user set
    (defaults are not filled in; inside a rule use `Context.option`, which also
    sees per-directory configuration). Called by `Linter` with its ``options``, and
    again by `Linter.configure` when a caller has read configuration files.
    """
