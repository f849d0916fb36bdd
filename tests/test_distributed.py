"""``--executor dask://HOST:PORT``: a real dask.distributed LocalCluster of two worker
processes gives exactly the output of ``--jobs 1`` — per-file and cross-report
diagnostics, every output format's content, and ``gailint extract``'s rows.

The cluster and gailint run in processes of their own, as in production (and because
importing dask.distributed installs a metadata finder that would change what later
tests of plugin discovery see in this process)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import SEEDS
from .test_crossreport import _pairs

CLUSTER = """
import sys
from distributed import LocalCluster
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                  silence_logs=50) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()  # until the test closes stdin
"""


@pytest.fixture(scope="module")
def cluster():
    process = subprocess.Popen([sys.executable, "-c", CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    try:
        address = process.stdout.readline().strip()
        assert address.startswith("tcp://"), f"the LocalCluster did not start: {address!r}"
        yield address.replace("tcp://", "dask://")
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """206 reports: 40 renamed copies of each seed and the three pairs of the cross-report tests."""
    directory = tmp_path_factory.mktemp("archive")
    for number in range(40):
        for code, path in SEEDS.items():
            (directory / f"r{number:02d}_{code}.txt").write_bytes(path.read_bytes())
    _pairs(directory)
    assert len(list(directory.glob("*.txt"))) >= 200
    return directory


def _run(*argv: str, cwd=None) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-c", "import sys; from gailint.cli import main; sys.exit(main(sys.argv[1:]))",
                           *argv], capture_output=True, text=True, timeout=600, cwd=cwd)
    return done.returncode, done.stdout


def test_check_on_a_local_cluster_equals_jobs_1(cluster, reports):
    local = _run("check", str(reports), "--jobs", "1", "--no-cache", "-q", "--output-format", "json")
    remote = _run("check", str(reports), "--executor", cluster, "--no-cache", "-q", "--output-format", "json")
    assert remote == local
    assert '"code": "GAI701"' in local[1] and '"code": "GAI702"' in local[1]
    assert local[0] == 1


def test_streaming_format_and_cache_on_a_local_cluster(cluster, reports, tmp_path):
    local = _run("check", str(reports), "--jobs", "1", "--no-cache", "--output-format", "concise")
    cache = str(tmp_path / "cache")
    cold = _run("check", str(reports), "--executor", cluster, "--cache-dir", cache, "--output-format", "concise")
    warm = _run("check", str(reports), "--executor", cluster, "--cache-dir", cache, "--output-format", "concise")
    assert cold == warm == local
    assert any((tmp_path / "cache").rglob("*.json")), "the workers wrote the cache"


def test_extract_on_a_local_cluster_equals_jobs_1(cluster, reports, tmp_path):
    assert _run("extract", str(reports), "-o", str(tmp_path / "local.csv"), "--jobs", "1", "--no-cache", "-q")[0] == 0
    assert _run("extract", str(reports), "-o", str(tmp_path / "remote.csv"), "--executor", cluster,
                "--no-cache", "-q")[0] == 0
    local = (tmp_path / "local.csv").read_text(encoding="utf-8")
    assert (tmp_path / "remote.csv").read_text(encoding="utf-8") == local
    assert local.count("\n") == 1 + 206


def test_a_bad_executor_url_is_a_usage_error(reports, capsys):
    from gailint.cli import main

    assert main(["check", str(reports), "--executor", "spark://x:1"]) == 2
    assert "expected dask://HOST:PORT" in capsys.readouterr().err


def test_urls_are_read_by_the_workers_through_fsspec(cluster, reports):
    """``file://`` is fsspec's local protocol: the same code path as ``s3://`` or ``gs://``."""
    import json

    local = _run("check", str(reports), "--jobs", "1", "--no-cache", "-q", "--output-format", "json")
    remote = _run("check", reports.as_uri(), "--executor", cluster, "--no-cache", "-q", "--output-format", "json")
    assert remote[0] == local[0] == 1

    def positions(out: str) -> list[tuple[str, str, int, int]]:
        return [(d["filename"].rsplit("/", 1)[-1], d["code"], d["location"]["row"], d["location"]["column"])
                for d in json.loads(out)]

    assert positions(remote[1]) == positions(local[1])
    assert json.loads(remote[1])[0]["filename"].startswith("file://")


def test_a_url_without_an_executor_is_a_usage_error(reports, capsys):
    from gailint.cli import main

    assert main(["check", reports.as_uri()]) == 2
    assert "--executor" in capsys.readouterr().err
