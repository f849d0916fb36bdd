"""The pluggy hook specifications (project name, marker and entry-point group: ``gailint``)."""

from __future__ import annotations

import pluggy

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "gailint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def gailint_rules() -> list[type]:
    """Return the rule classes (subclasses of `gailint.plugin.Rule`) this plugin provides."""
