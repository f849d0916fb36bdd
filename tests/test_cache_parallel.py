"""``--jobs`` (deterministic output, no AST in the parent) and the content-hash cache
(hits, invalidation, corrupt and concurrent entries)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

from gailint import cache as cache_module
from gailint.cache import Cache
from gailint.config import load_config
from gailint.engine import Linter
from gailint.parallel import Setup, check_files
from gailint.runner import RunOptions, Runner

from .conftest import SEEDS
from .test_cli import gailint


@pytest.fixture
def archive(tmp_path) -> Path:
    """24 reports (the seeds, copied) in two directories, plus three bad inputs."""
    root = tmp_path / "archive"
    for number in range(24):
        folder = root / ("b" if number % 2 else "a")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS[f"00{number % 5}"], folder / f"r{number:02d}.txt")
    (root / "a" / "empty.txt").write_bytes(b"")
    (root / "b" / "binary.txt").write_bytes(b"\x00PK\x03\x04" * 10)
    (root / "b" / "broken.txt").symlink_to(root / "gone.txt")
    return root


def run_json(*args: str, cwd: Path) -> tuple[int, list[dict]]:
    proc = gailint("check", "--no-plugins", "--output-format", "json", *args, cwd=cwd)
    return proc.returncode, json.loads(proc.stdout)


def files(directory: Path) -> list[tuple[str, Path]]:
    return sorted((str(p), p) for p in directory.rglob("*.txt"))


def test_output_is_the_same_and_sorted_whatever_jobs(archive, tmp_path):
    runs = {jobs: run_json("--no-cache", "--jobs", jobs, str(archive / "b"), str(archive / "a"), cwd=tmp_path)
            for jobs in ("1", "2", "3", "0")}
    assert len({json.dumps(run) for run in runs.values()}) == 1
    status, items = runs["1"]
    assert status == 2  # the bad inputs
    keys = [(i["filename"], i["location"]["row"], i["location"]["column"]) for i in items]
    assert keys == sorted(keys)  # by file (though b was named before a), then position
    assert len({k[0] for k in keys}) >= 15


def test_workers_return_no_ast(archive):
    setup = Setup(load_plugins=False)
    runner = setup.build()
    for jobs in (1, 2):
        outcomes = list(check_files(runner, setup, files(archive), jobs))
        assert len(outcomes) == 27
        assert all(o.result.report is None for o in outcomes)
        assert [o.result.path for o in outcomes] == [shown for shown, _ in files(archive)]


def lint_calls(monkeypatch) -> list[str]:
    calls: list[str] = []
    lint = Runner._lint

    def counting(self, filename, data, config):
        calls.append(filename)
        return lint(self, filename, data, config)

    monkeypatch.setattr(Runner, "_lint", counting)
    return calls


def outputs(runner: Runner, batch) -> list:
    return [(o.result.path, o.result.source is not None, o.result.diagnostics)
            for o in check_files(runner, Setup(), batch, 1)]


def test_second_run_is_served_from_the_cache(archive, tmp_path, monkeypatch):
    calls = lint_calls(monkeypatch)
    options = RunOptions(cache_dir=tmp_path / "cache")
    first = outputs(Runner(Linter(load_plugins=False), options), files(archive))
    assert len(calls) == 27 - 1  # the broken symlink is never read
    second = outputs(Runner(Linter(load_plugins=False), options), files(archive))
    assert second == first and len(calls) == 26
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (tmp_path / "cache" / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f59")
    uncached = outputs(Runner(Linter(load_plugins=False), RunOptions()), files(archive))
    assert uncached == first


def test_fix_and_diff_bypass_the_cache(archive, tmp_path, monkeypatch):
    calls = lint_calls(monkeypatch)
    batch = files(archive)[:3]
    outputs(Runner(Linter(load_plugins=False), RunOptions(cache_dir=tmp_path / "c")), batch)
    outputs(Runner(Linter(load_plugins=False), RunOptions(cache_dir=tmp_path / "c", diff=True)), batch)
    assert len(calls) == 6


def keys(linter: Linter, config_text: str | None, tmp_path: Path, **cache_options) -> str:
    config_file = tmp_path / "gailint.toml"
    config_file.write_text(config_text or "", encoding="utf-8")
    config = load_config(config_file)
    return Cache(tmp_path / "c", linter, **cache_options).key("r.txt", SEEDS["000"].read_bytes(), config)


def test_the_key_covers_bytes_configuration_selection_and_versions(tmp_path, monkeypatch):
    linter = Linter(load_plugins=False)
    base = keys(linter, None, tmp_path)
    assert keys(Linter(load_plugins=False), None, tmp_path) == base
    assert keys(linter, '[rules.GAI307]\nagency-kind = "government"\n', tmp_path) != base
    assert keys(linter, 'ignore = ["GAI3"]\n', tmp_path) != base
    assert keys(linter, "max-file-size = 5\n", tmp_path) != base
    assert keys(linter, None, tmp_path, max_file_size=0) != base
    assert keys(Linter(load_plugins=False, select=["GAI2"]), None, tmp_path) != base
    config = load_config(tmp_path / "gailint.toml")
    cache = Cache(tmp_path / "c", linter)
    assert cache.key("r.txt", b"x", config) != cache.key("s.txt", b"x", config)
    assert cache.key("r.txt", b"x", config) != cache.key("r.txt", b"y", config)
    monkeypatch.setattr(cache_module, "__version__", "9.9.9")
    assert keys(linter, None, tmp_path) != base


def test_a_plugin_version_or_state_change_invalidates(tmp_path):
    linter = Linter(load_plugins=False)
    base = keys(linter, None, tmp_path)
    info = linter.plugins.infos[0]
    linter.plugins.infos[0] = attrs.evolve(info, version="0.0.0-other")
    assert keys(linter, None, tmp_path) != base
    linter.plugins.infos.append(attrs.evolve(info, name="extra", distribution="extra", version="1.0",
                                             status="disabled"))
    assert keys(linter, None, tmp_path) != base


def test_an_edited_module_invalidates(tmp_path, monkeypatch):
    linter = Linter(load_plugins=False)
    base = keys(linter, None, tmp_path)
    stamps = cache_module._package_fingerprint()
    monkeypatch.setattr(cache_module, "_package_fingerprint", lambda: [(*stamps[0][:2], 1), *stamps[1:]])
    assert keys(linter, None, tmp_path) != base


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong-shape", "bad-source", "other-key",
                                    "directory"])
def test_corrupt_entries_never_change_results(archive, tmp_path, damage):
    options = RunOptions(cache_dir=tmp_path / "cache")
    batch = files(archive)
    expected = outputs(Runner(Linter(load_plugins=False), options), batch)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 26
    for number, entry in enumerate(entries):
        text = entry.read_text(encoding="utf-8")
        if damage == "garbage":
            entry.write_bytes(b"\xff\x00garbage")
        elif damage == "truncated":
            entry.write_text(text[: len(text) // 2], encoding="utf-8")
        elif damage == "empty":
            entry.write_bytes(b"")
        elif damage == "wrong-shape":
            data = json.loads(text)
            data["diagnostics"] = [[1, 2, 3]] if number % 2 else {"x": 1}
            entry.write_text(json.dumps(data), encoding="utf-8")
        elif damage == "bad-source":  # an unknown codec, or not the recorded triple
            data = json.loads(text)
            data["source"] = ["no-such-codec", 0, "\n"] if number % 2 else 7
            entry.write_text(json.dumps(data), encoding="utf-8")
        elif damage == "other-key":
            entry.write_text(entries[(number + 1) % len(entries)].read_text(encoding="utf-8")
                             if number + 1 < len(entries) else text.replace('"key": "', '"key": "0'),
                             encoding="utf-8")
        else:
            entry.unlink()
            entry.mkdir()
    (tmp_path / "cache" / f"v{cache_module._SCHEMA}" / ".tmp-left-over.json").write_text("{", encoding="utf-8")
    again = outputs(Runner(Linter(load_plugins=False), options), batch)
    assert again == expected
    if damage != "directory":  # rewritten: a third run is served from the cache again, intact
        assert all(json.loads(e.read_text(encoding="utf-8"))["diagnostics"] is not None for e in entries)


def test_concurrent_runs_share_one_cache(archive, tmp_path):
    import os
    import sys

    exe = Path(sys.executable).with_name("gailint")
    command = [str(exe), "check", "--no-plugins", "--output-format", "json", "--jobs", "2",
               "--cache-dir", str(tmp_path / "cache"), str(archive)]
    env = {**os.environ, "NO_COLOR": "1"}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, cwd=tmp_path, env=env) for _ in range(4)]
    outputs_ = [run.communicate(timeout=120)[0] for run in runs]
    reference = gailint("check", "--no-plugins", "--output-format", "json", "--no-cache", str(archive), cwd=tmp_path)
    assert all(out == reference.stdout for out in outputs_)
    assert not list((tmp_path / "cache").rglob(".tmp-*"))


def test_no_cache_and_cache_dir(archive, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    gailint("check", "--no-plugins", "--no-cache", str(archive / "a"), cwd=work)
    assert list(work.iterdir()) == []
    gailint("check", "--no-plugins", str(archive / "a"), cwd=work)
    assert (work / ".gailint_cache" / "CACHEDIR.TAG").is_file()
    gailint("check", "--no-plugins", "--cache-dir", str(tmp_path / "elsewhere"), str(archive / "a"), cwd=work)
    assert len(list((tmp_path / "elsewhere").rglob("*.json"))) == 13
