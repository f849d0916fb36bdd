"""A plugin implementing a hook that does not exist (misspelt, or removed in an upgrade)."""

from gailint.plugin import hookimpl


@hookimpl
def gailint_rulez():
    return []
