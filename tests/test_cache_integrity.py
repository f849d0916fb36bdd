"""Issue 15 (part A): the result cache never serves a result that is not this run's.

* a plugin split into modules is fingerprinted whole (its RECORD and its package), so
  editing a rule in a submodule invalidates its entries;
* an entry is keyed by the file's resolved path and the per-file-ignores that apply to
  it, so the same bytes under the same name in another directory, or behind a retargeted
  symlink, are another entry;
* an entry is checked against its own checksum and the current file before use;
* a cache directory that cannot be used is said once on stderr.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from gailint import cache as cache_module
from gailint.engine import Linter
from gailint.runner import RunOptions, Runner

from .conftest import SEEDS
from .test_cache_parallel import files, outputs
from .test_cli import gailint
from .test_plugins import REPORT, run, write_dist

SEED = SEEDS["000"]  # GAI003 ×23, GAI302 at 3:1, GAI604 at 62:5


def codes(stdout: bytes) -> set[str]:
    return {line.split()[1] for line in stdout.decode().splitlines() if line.strip()}


# --- plugins: the whole distribution ------------------------------------------------------

RULE = '''
from gailint.plugin import Rule, Severity, Span


class Says(Rule):
    """fixture. **Why.** **Failing example.** **Passing example.**"""

    code, name, severity, summary = "SAY001", "says", Severity.WARNING, "fixture / fixture"

    def check(self, report, context):
        yield context.diagnostic(Span(0, 1), "{message}", "{message}")
'''
HOOK = '''
from gailint.plugin import hookimpl

from {rules} import Says


@hookimpl
def gailint_rules():
    return [Says]
'''


@pytest.mark.parametrize("layout", ["package", "modules-in-record"])
def test_editing_a_rule_in_a_plugin_submodule_invalidates_the_cache(tmp_path, layout):
    site = tmp_path / "site"
    site.mkdir()
    if layout == "package":  # glc_pkg/__init__.py registers, glc_pkg/rules.py holds the rule
        (site / "glc_pkg").mkdir()
        rules = site / "glc_pkg" / "rules.py"
        (site / "glc_pkg" / "__init__.py").write_text(HOOK.format(rules=".rules"), encoding="utf-8")
        write_dist(site, "gailint-test-says", {"says": "glc_pkg"})
    else:  # two top-level modules, the rule's known only from the distribution's RECORD
        rules = site / "glc_flat_rules.py"
        (site / "glc_flat.py").write_text(HOOK.format(rules="glc_flat_rules"), encoding="utf-8")
        write_dist(site, "gailint-test-says", {"says": "glc_flat"})
        record = next(site.glob("*.dist-info")) / "RECORD"
        record.write_text("glc_flat.py,,\nglc_flat_rules.py,,\n", encoding="utf-8")
    rules.write_text(RULE.format(message="旧消息 old message"), encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    args = ("check", "--select", "SAY", "--output-format", "concise", "--cache-dir", str(tmp_path / "cache"),
            str(report))
    assert run(site, *args).stdout == f"{report}:1:1: SAY001 旧消息 old message\n"
    assert run(site, *args).stdout == f"{report}:1:1: SAY001 旧消息 old message\n"  # from the cache
    rules.write_text(RULE.format(message="新消息 new message"), encoding="utf-8")
    assert run(site, *args).stdout == f"{report}:1:1: SAY001 新消息 new message\n"


# --- keys: the resolved path and the per-file configuration ----------------------------------

@pytest.fixture
def shared_config(tmp_path) -> Path:
    """root/gailint.toml ignores GAI3 in a/ only; a/r.txt and b/r.txt hold the same bytes."""
    root = tmp_path / "root"
    for folder in ("a", "b"):
        (root / folder).mkdir(parents=True)
        shutil.copy(SEED, root / folder / "r.txt")
    (root / "gailint.toml").write_text('per-file-ignores = { "a/*.txt" = ["GAI3"] }\n', encoding="utf-8")
    return root


def test_same_name_and_bytes_in_two_directories_sharing_a_cache(shared_config, tmp_path):
    cache = str(tmp_path / "cache")
    args = ("check", "--no-plugins", "--output-format", "concise", "--cache-dir", cache, "r.txt")
    assert codes(gailint(*args, cwd=shared_config / "a").stdout) == {"GAI003", "GAI604"}
    assert codes(gailint(*args, cwd=shared_config / "b").stdout) == {"GAI003", "GAI302", "GAI604"}
    assert codes(gailint(*args, cwd=shared_config / "a").stdout) == {"GAI003", "GAI604"}


def test_a_retargeted_symlink_is_another_entry(shared_config, tmp_path):
    cache = str(tmp_path / "cache")
    link = shared_config / "link.txt"
    args = ("check", "--no-plugins", "--output-format", "concise", "--cache-dir", cache, "link.txt")
    link.symlink_to(shared_config / "a" / "r.txt")
    assert codes(gailint(*args, cwd=shared_config).stdout) == {"GAI003", "GAI604"}
    link.unlink()
    link.symlink_to(shared_config / "b" / "r.txt")
    assert codes(gailint(*args, cwd=shared_config).stdout) == {"GAI003", "GAI302", "GAI604"}


# --- entries: checksum and positions -----------------------------------------------------------

@pytest.fixture
def cached(tmp_path):
    """Seed 000 and 003 checked once with a cache: (options, batch, uncached outputs, entries)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in ("000", "003"):
        shutil.copy(SEEDS[number], folder / f"{number}.txt")
    options = RunOptions(cache_dir=tmp_path / "cache")
    batch = files(folder)
    expected = outputs(Runner(Linter(load_plugins=False), options), batch)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 2
    return options, batch, expected, entries


def _alter(entries: list[Path], change, *, checksum: bool = False) -> None:
    for entry in entries:
        data = json.loads(entry.read_text(encoding="utf-8"))
        for item in data["diagnostics"]:
            change(item)
        if checksum:
            data["checksum"] = cache_module._checksum(data)
        entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _edit_message(item):
    item[3] = "被篡改的消息"


def _shift(item):
    item[5], item[6] = item[5] + 3, item[6] + 3


def _out_of_range(item):
    item[5], item[6] = 10**7, 10**7 + 5


def _reverse(item):
    item[5], item[6] = item[6] + 9, item[5]


@pytest.mark.parametrize("change", [_edit_message, _shift, _out_of_range, _reverse])
def test_altered_entries_are_not_served(cached, change):
    options, batch, expected, entries = cached
    _alter(entries, change)
    assert outputs(Runner(Linter(load_plugins=False), options), batch) == expected


@pytest.mark.parametrize("change", [_out_of_range, _reverse])
def test_an_entry_with_a_valid_checksum_is_still_checked_against_the_file(cached, change):
    options, batch, expected, entries = cached
    _alter(entries, change, checksum=True)
    assert outputs(Runner(Linter(load_plugins=False), options), batch) == expected


# --- an unusable cache directory ---------------------------------------------------------------

@pytest.mark.parametrize("where", ["a-file", "under-a-file", "proc"])
def test_an_unusable_cache_directory_is_one_warning_line(tmp_path, where):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory", encoding="utf-8")
    directory = {"a-file": blocker, "under-a-file": blocker / "cache",
                 "proc": Path("/proc/gailint-cache")}[where]
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(9):  # enough for worker processes: they must not warn again
        shutil.copy(SEEDS[f"00{number % 5}"], folder / f"r{number}.txt")
    proc = gailint("check", "--no-plugins", "--jobs", "2", "--output-format", "json", "--cache-dir",
                   str(directory), str(folder), cwd=tmp_path)
    reason = {"a-file": "File exists", "under-a-file": "Not a directory", "proc": "No such file or directory"}[where]
    assert proc.stderr.decode().splitlines() == [
        f"gailint: warning: the cache directory {directory} cannot be used ({reason}); results are not cached"]
    reference = gailint("check", "--no-plugins", "--output-format", "json", "--no-cache", str(folder), cwd=tmp_path)
    assert proc.stdout == reference.stdout and proc.returncode == reference.returncode == 1
