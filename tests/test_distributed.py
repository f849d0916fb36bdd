"""``--executor dask://HOST:PORT``: a real dask.distributed LocalCluster of two worker
processes gives exactly the output of ``--jobs 1`` — per-file and cross-report
diagnostics, every output format's content, and ``gailint extract``'s rows."""

from __future__ import annotations

import contextlib
import io

import pytest

from gailint.cli import main

from .conftest import SEEDS
from .test_crossreport import _pairs

distributed = pytest.importorskip("distributed", reason="the dask extra (gailint[dask]) is part of the test extra")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as local:
        yield local.scheduler_address.replace("tcp://", "dask://")


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


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(list(argv))
    return status, out.getvalue()


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


def test_extract_on_a_local_cluster_equals_jobs_1(cluster, reports, tmp_path):
    assert main(["extract", str(reports), "-o", str(tmp_path / "local.csv"), "--jobs", "1", "--no-cache", "-q"]) == 0
    assert main(["extract", str(reports), "-o", str(tmp_path / "remote.csv"), "--executor", cluster,
                 "--no-cache", "-q"]) == 0
    local = (tmp_path / "local.csv").read_text(encoding="utf-8")
    assert (tmp_path / "remote.csv").read_text(encoding="utf-8") == local
    assert local.count("\n") == 1 + 206


def test_a_bad_executor_url_is_a_usage_error(reports, capsys):
    assert main(["check", str(reports), "--executor", "spark://x:1"]) == 2
    assert "expected dask://HOST:PORT" in capsys.readouterr().err
