"""Which files a check covers: the paths named on the command line, directories walked.

A directory is walked in sorted order into the files whose extension some reader takes
(.txt and .md, and the extensions of the document readers), skipping hidden and tool
directories and a project's own README/LICENSE-style files. A file named on the command
line is always checked, whatever its name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = ["EXCLUDED_DIRS", "EXCLUDED_FILES", "iter_paths"]

# tool and build directories, and a project's own documentation files
EXCLUDED_DIRS = frozenset({"node_modules", "venv", "__pycache__", "build", "dist", "site-packages"})
EXCLUDED_FILES = ("README", "CHANGELOG", "CHANGES", "LICENSE", "CONTRIBUTING", "NOTICE")


def iter_paths(paths: Sequence[str], extensions: tuple[str, ...],
               unreadable: list[OSError] | None = None) -> Iterator[tuple[str, Path | None]]:
    """(display path, Path) for every report; ``-`` (stdin) gives ("-", None). A directory
    that cannot be listed (the one named, or one met on the walk) is appended to
    `unreadable` as its OSError (``filename`` names it), never skipped silently."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=None if unreadable is None else unreadable.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in EXCLUDED_DIRS)
                for name in sorted(files):
                    if name.lower().endswith(extensions) and not name.upper().startswith(EXCLUDED_FILES):
                        yield os.path.join(root, name), Path(root, name)
        else:
            yield raw, path
