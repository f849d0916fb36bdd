"""Configuration: ``[tool.gailint]`` in pyproject.toml, or gailint.toml / .gailint.toml.

The file is found from each checked file's own directory upward (the nearest
one wins), unless ``--config PATH`` names one. Keys::

    select = ["GAI"]                 # codes or prefixes to enable (default: all)
    extend-select = ["XYZ"]          # added to select
    ignore = ["GAI605"]              # codes or prefixes to disable
    per-file-ignores = { "archive/*.txt" = ["GAI3"] }
    lang = "zh"                      # or "en"
    max-file-size = 1048576          # bytes; larger files are skipped with GAI008 (0: no limit)
    max-pdf-pages = 300              # a PDF with more pages is not read: GAI001 (0: no limit)
    [severity]                       # per-rule severity overrides
    GAI401 = "error"
    [rules.GAI307]                   # per-rule options
    agency-kind = "department"
"""

from __future__ import annotations

import fnmatch
import functools
import os
import tomllib
from pathlib import Path, PurePath

import attrs

__all__ = ["CONFIG_NAMES", "DEFAULT_MAX_FILE_SIZE", "DEFAULT_MAX_PDF_PAGES", "Config", "ConfigError", "find_config", "load_config"]

CONFIG_NAMES = (".gailint.toml", "gailint.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 1 << 20  # 1 MiB: 60 times the largest real report seen
DEFAULT_MAX_PDF_PAGES = 300      # real annual reports have 3–30 pages; more is not a report (and costs time)
_SEVERITIES = ("error", "warning", "info")
_KEYS = {
    "select": "a list of rule codes or prefixes",
    "extend-select": "a list of rule codes or prefixes",
    "ignore": "a list of rule codes or prefixes",
    "per-file-ignores": "a table of glob = [codes]",
    "severity": "a table of CODE = \"error\" | \"warning\" | \"info\"",
    "rules": "a table of [rules.CODE] option tables",
    "lang": "\"zh\" or \"en\"",
    "max-file-size": "a number of bytes (0: no limit)",
    "max-pdf-pages": "a number of pages (0: no limit)",
}


class ConfigError(Exception):
    """A configuration file is malformed; the message names the file, the key and what is allowed."""


@attrs.frozen
class Config:
    path: Path | None = None
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rules: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()
    lang: str = "zh"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path else None

    def enabled(self, code: str, filename: str) -> bool:
        selected = code.startswith(self.select or ("",)) or code.startswith(self.extend_select or ("\0",))
        if not selected or code.startswith(self.ignore or ("\0",)):
            return False
        return not any(code.startswith(codes) for codes in self._ignores_for(filename))

    def ignored_for(self, filename: str) -> list[str]:
        """The codes `per-file-ignores` turn off for this file (its path resolved against the
        configuration's directory)."""
        if not self.per_file_ignores:
            return []
        return sorted({code for codes in self._ignores_for(filename) for code in codes})

    def _ignores_for(self, filename: str):
        relative = self._relative(filename)
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(PurePath(relative).name, pattern):
                yield codes

    def _relative(self, filename: str) -> str:
        path = Path(filename)
        if self.root is not None:
            try:
                return Path(os.path.realpath(path)).relative_to(os.path.realpath(self.root)).as_posix()
            except (ValueError, OSError):
                pass
        return path.as_posix()

    def severity_of(self, code: str) -> str | None:
        return dict(self.severity).get(code)

    def options(self) -> dict[str, dict[str, object]]:
        return {code: dict(values) for code, values in self.rules}

    def as_dict(self) -> dict:
        return {
            "config-file": str(self.path) if self.path else None,
            "select": list(self.select), "extend-select": list(self.extend_select), "ignore": list(self.ignore),
            "per-file-ignores": {pattern: list(codes) for pattern, codes in self.per_file_ignores},
            "severity": dict(self.severity), "rules": self.options(), "lang": self.lang,
            "max-file-size": self.max_file_size, "max-pdf-pages": self.max_pdf_pages,
        }


def _codes(file: Path, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{file}: `{key}` must be {_KEYS.get(key, 'a list of rule codes or prefixes')}, "
                          f"got {value!r}")
    return tuple(v.strip().upper() for v in value)


def _count(file: Path, data: dict, key: str, default: int) -> int:
    """A limit: a whole number ≥ 0 (0: no limit)."""
    value = data.get(key, default)
    if type(value) is not int or value < 0:
        raise ConfigError(f"{file}: `{key}` must be {_KEYS[key]}, got {value!r}")
    return value


def load_config(file: Path) -> Config:
    """Read and validate one configuration file."""
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{file}: cannot read configuration: {error}") from None
    if file.name == "pyproject.toml":
        data = data.get("tool", {}).get("gailint", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{file}: [tool.gailint] must be a table")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        allowed = ", ".join(sorted(_KEYS))
        raise ConfigError(f"{file}: unknown key `{unknown[0]}` (allowed: {allowed})")
    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{file}: `per-file-ignores` must be {_KEYS['per-file-ignores']}")
    severity = data.get("severity", {})
    if not isinstance(severity, dict) or any(v not in _SEVERITIES for v in severity.values()):
        raise ConfigError(f"{file}: `severity` must be {_KEYS['severity']}, got {severity!r}")
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{file}: `rules` must be {_KEYS['rules']}, got {rules!r}")
    lang = data.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise ConfigError(f"{file}: `lang` must be {_KEYS['lang']}, got {lang!r}")
    max_file_size = _count(file, data, "max-file-size", DEFAULT_MAX_FILE_SIZE)
    max_pdf_pages = _count(file, data, "max-pdf-pages", DEFAULT_MAX_PDF_PAGES)
    return Config(
        path=file,
        select=_codes(file, "select", data["select"]) if "select" in data else (),
        extend_select=_codes(file, "extend-select", data.get("extend-select", [])),
        ignore=_codes(file, "ignore", data.get("ignore", [])),
        per_file_ignores=tuple((pattern, _codes(file, f"per-file-ignores.{pattern}", codes))
                               for pattern, codes in per_file.items()),
        severity=tuple((code.upper(), level) for code, level in severity.items()),
        rules=tuple((code.upper(), tuple(values.items())) for code, values in rules.items()),
        lang=lang,
        max_file_size=max_file_size,
        max_pdf_pages=max_pdf_pages,
    )


@functools.lru_cache(maxsize=1024)
def find_config(directory: Path) -> Config:
    """The configuration for files in `directory`: the nearest file upward, or the defaults."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_section(candidate):
                    continue
                return load_config(candidate)
    return Config()


def _has_tool_section(pyproject: Path) -> bool:
    try:
        return "gailint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
