"""The content-hash cache of check results (``.gailint_cache/``, like ruff's).

An entry is keyed by a SHA-256 of everything that can change a file's
diagnostics:

* the file's bytes and the name it is reported under;
* the effective configuration for that file (`Config.as_dict()`, which
  includes ``max-file-size``), ``--max-file-size``, and the rules active after
  ``--select``/``--ignore``;
* the version of gailint and a fingerprint of its installed files (size and
  modification time of every module and the grammar, so an editable install
  being edited never serves stale results), and the name, distribution,
  version and state of every plugin, with the fingerprint of its module.

An entry stores the diagnostics after configuration and inline suppressions
(before a baseline, which is applied on every run), and the report's record
(`gailint.extract.Record`, which the cross-report rules and ``gailint extract`` use). Only plain checks are
cached: never ``--fix``/``--diff``, never a result in which a rule raised (GAI005:
it runs again), never files read by a plugin reader, never a
run in which a plugin failed to load (its GAI006 belongs to the run, not to a
file). Entries are written atomically (a temporary file, then `os.replace`);
an entry that cannot be read, does not parse or names another key is a miss
and is rewritten — a corrupt or concurrently written cache never changes a
result.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import itertools
import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .ast import Span
from .config import Config
from .diagnostics import Diagnostic, Edit, Fix, Severity
from .diagnostics import FileResult
from .engine import Linter
from .extract import Record
from .guard import invalid
from .source import Source

__all__ = ["DEFAULT_DIR", "Cache"]

log = logging.getLogger(__name__)

DEFAULT_DIR = ".gailint_cache"
_SCHEMA = 4  # 4: entries carry a checksum
_serial = itertools.count()  # unique temporary names within one process
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is the gailint cache; see docs/robustness.md.\n"


def _fingerprint(files: Iterable[Path], root: Path) -> list[tuple[str, int, int]]:
    stamps = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            continue
        try:
            name = file.resolve().relative_to(root).as_posix()
        except (ValueError, OSError):
            name = file.as_posix()
        stamps.append((name, stat.st_size, stat.st_mtime_ns))
    return sorted(stamps)


def _package_fingerprint() -> list[tuple[str, int, int]]:
    root = Path(__file__).resolve().parent
    return _fingerprint((p for p in root.rglob("*") if p.suffix in (".py", ".lark")), root)


def _plugin_files(plugin: object, dist: object) -> list[Path]:
    """Every file a plugin's results can depend on: the files its distribution installed
    (RECORD), and every module of its package — a plugin split into modules, or installed
    in editable mode (where RECORD lists only a path hook), is covered whole."""
    files: list[Path] = []
    for name in getattr(dist, "files", None) or ():
        with contextlib.suppress(Exception):  # a RECORD entry may be malformed or outside the path
            files.append(Path(dist.locate_file(name)))
    for folder in getattr(plugin, "__path__", None) or ():
        files.extend(p for p in Path(folder).rglob("*") if p.suffix in (".py", ".toml", ".json", ".txt"))
    module = getattr(plugin, "__file__", None)
    if module:
        files.append(Path(module))
    return files


def _plugin_fingerprints(linter: Linter) -> list[list]:
    found = []
    for info in linter.plugins.infos:
        stamp: list = []
        if info.status != "builtin":
            plugin = linter.plugins.manager.get_plugin(info.name)
            stamp = _fingerprint(_plugin_files(plugin, info.dist), Path("/"))
        found.append([info.name, info.value, info.distribution, info.version, info.status, stamp])
    return found


def _checksum(entry: dict) -> str:
    """A SHA-256 of an entry's content: an entry altered after it was written (an edited
    message, a shifted span) no longer matches it and is ignored."""
    content = json.dumps([entry["key"], entry["source"], entry["diagnostics"], entry["record"]],
                         ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(content.encode("ascii")).hexdigest()


def _dump(diagnostic: Diagnostic) -> list:
    fix = diagnostic.fix
    return [diagnostic.code, diagnostic.name, diagnostic.severity.value, diagnostic.message, diagnostic.message_en,
            diagnostic.span.start, diagnostic.span.end, diagnostic.url,
            None if fix is None else [fix.applicability, fix.message,
                                      [[e.span.start, e.span.end, e.replacement] for e in fix.edits]]]


def _load(item: list, path: str) -> Diagnostic:
    code, name, severity, message, message_en, start, end, url, fix = item
    loaded = None
    if fix is not None:
        applicability, fix_message, edits = fix
        if applicability not in ("safe", "unsafe"):
            raise ValueError(applicability)
        loaded = Fix(tuple(Edit(Span(int(s), int(e)), str(r)) for s, e, r in edits), applicability, str(fix_message))
    return Diagnostic(str(code), str(name), Severity(severity), str(message), str(message_en), path,
                      Span(int(start), int(end)), loaded, url)


def _source(decoded: list | None, data: bytes, path: str) -> Source | None:
    """The file's text, decoded as the entry records: the key covers the bytes, so the
    detection that `decode` did when the entry was written holds now."""
    if decoded is None:
        return None
    encoding, bom, newline = decoded
    text, _ = codecs.lookup(encoding).decode(data[bom:])  # bytes.decode takes any name for b""
    return Source(path, text, encoding, data[:bom], newline)


class Cache:
    """One run's view of the cache directory: `key`, `get` and `put` per file."""

    def __init__(self, directory: Path, linter: Linter, *, max_file_size: int | None = None) -> None:
        self.directory = Path(directory)
        self._entries = str(self.directory / f"v{_SCHEMA}")
        self.enabled = not linter.plugin_errors
        self._readers = tuple(linter.readers)
        salt = {
            "schema": _SCHEMA, "gailint": __version__, "python": sys.version_info[:2],
            "package": _package_fingerprint(), "plugins": _plugin_fingerprints(linter),
            "rules": [rule.code for rule in linter.rules],  # what --select / --ignore left
            "options": linter.options, "max-file-size": max_file_size,
        }
        self._salt = json.dumps(salt, sort_keys=True, ensure_ascii=False, default=str).encode()
        self._serialised: dict[int, tuple[Config, bytes]] = {}

    def usable_for(self, path: str) -> bool:
        return self.enabled and not path.lower().endswith(self._readers or ("\0",))

    def key(self, path: str, data: bytes, config: Config) -> str:
        """The entry's key: a SHA-256 over the run's salt, the file's name and resolved path
        (configuration is found from it and per-file-ignores match it: a retargeted symlink
        or the same name in another directory is another entry), its configuration with the
        per-file-ignores that apply to it, and its bytes."""
        digest = hashlib.sha256(self._salt)
        place = json.dumps([os.path.realpath(path), config.ignored_for(path)], ensure_ascii=False)
        for part in (path.encode("utf-8", "surrogatepass"), place.encode("utf-8", "surrogatepass"),
                     self._settings(config), data):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def _settings(self, config: Config) -> bytes:
        """The configuration as key material, serialised once per configuration (a batch
        has one or a few, shared by thousands of files)."""
        held = self._serialised.get(id(config))
        if held is None or held[0] is not config:
            settings = json.dumps(config.as_dict(), sort_keys=True, ensure_ascii=False, default=str)
            held = self._serialised[id(config)] = (config, settings.encode("utf-8", "surrogatepass"))
        return held[1]

    def _file(self, key: str) -> str:
        return os.path.join(self._entries, key[:2], f"{key[2:]}.json")

    def get(self, key: str, path: str, data: bytes) -> FileResult | None:
        """The cached result for `key`, or None: missing, unreadable, corrupt, another key, a
        checksum that does not match, or a position outside the current file."""
        try:
            with open(self._file(key), "rb") as file:
                entry = json.loads(file.read())
            if entry["key"] != key:
                return None
            if entry["checksum"] != _checksum(entry):
                raise ValueError("checksum mismatch")
            diagnostics = tuple(_load(item, path) for item in entry["diagnostics"])
            source = _source(entry["source"], data, path)
            record = None if entry["record"] is None else Record.from_json(entry["record"], path)
            length = len(source.text) if source is not None else 0
            for diagnostic in diagnostics:
                problem = invalid(diagnostic, length)
                if problem is not None:
                    raise ValueError(f"{diagnostic.code}: {problem}")
        except (OSError, ValueError, KeyError, TypeError, LookupError) as error:
            if not isinstance(error, FileNotFoundError):
                log.debug("cache entry %s ignored: %s", key, error)
            return None
        return FileResult(path, source, diagnostics, record=record)

    def put(self, key: str, result: FileResult) -> None:
        """Store `result` atomically; a cache that cannot be written is skipped, never an error."""
        source = result.source
        entry = {"key": key, "source": source and [source.encoding, len(source.bom), source.newline],
                 "diagnostics": [_dump(d) for d in result.diagnostics],
                 "record": None if result.record is None else result.record.to_json()}
        entry["checksum"] = _checksum(entry)
        target = Path(self._file(key))
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".tmp-{os.getpid()}-{next(_serial)}-{target.name}")
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError as error:
            log.debug("cache entry %s not written: %s", key, error)
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=True)
            os.replace(temporary, target)
        except (OSError, ValueError) as error:
            log.debug("cache entry %s not written: %s", key, error)
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def problem(self) -> str | None:
        """Why the cache directory cannot be used (it is a file, or cannot be written), or
        None. Tried for real — creating the directory and a file in it — since permission
        bits do not tell (root, read-only file systems)."""
        try:
            self._prepare()
            probe = self.directory / f".probe-{os.getpid()}-{next(_serial)}"
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
            os.unlink(probe)
        except OSError as error:
            return error.strerror or type(error).__name__
        return None

    def _prepare(self) -> None:
        """Create the directory with a .gitignore and a CACHEDIR.TAG, as ruff and pytest do."""
        if (self.directory / ".gitignore").exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        (self.directory / ".gitignore").write_text("# created by gailint\n*\n", encoding="utf-8")
