"""Where the per-article work runs changes nothing: one process, two, or a Dask cluster."""

import re
import socket

import pytest
from conftest import ROOT

from data_prep import compare_builds, pipeline, source, writing
from data_prep.errors import ClusterUnavailable
from data_prep.running import ProcessRunner, SerialRunner, default_workers, runner_for

REPORTING = ROOT / "eval" / "reporting"


def build_reporting(out, **options):
    return pipeline.build(REPORTING / "articles", out, REPORTING / "manifest.csv", **options)


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of two files, chunks of five, runs of seven articles: every seam is crossed."""
    monkeypatch.setattr(source, "BATCH", 2)
    monkeypatch.setattr(source, "CHUNK", 5)
    monkeypatch.setattr(writing, "RUN_ARTICLES", 7)


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    """The reporting set built in this process, in one run: the reference."""
    out = tmp_path_factory.mktemp("one") / "tables"
    build_reporting(out, workers=1)
    return out


def test_two_worker_processes_write_the_tables_one_process_writes(tmp_path, one_process, small_batches):
    report = build_reporting(tmp_path / "two", workers=2)
    assert report.run["workers"] == 2
    comparison = compare_builds(one_process, tmp_path / "two")
    assert comparison.identical, comparison.summary()


def test_many_small_runs_write_the_tables_one_run_writes(tmp_path, one_process, small_batches):
    build_reporting(tmp_path / "runs", workers=1)
    comparison = compare_builds(one_process, tmp_path / "runs")
    assert comparison.identical, comparison.summary()


def test_a_small_build_stays_in_this_process_and_a_large_one_uses_the_cores():
    assert default_workers(20) == 1
    assert default_workers(100_000) >= 1


def test_no_worker_process_starts_before_there_is_work(knowledge):
    loaded = []

    def load():
        loaded.append(1)
        return knowledge

    runner = runner_for(load, pipeline.analyse_article, knowledge.codebook, 2, None, "fingerprint")
    assert isinstance(runner, ProcessRunner) and runner.pool is None and not loaded
    runner.close()
    serial = runner_for(load, pipeline.analyse_article, knowledge.codebook, 1, None, "fingerprint")
    assert isinstance(serial, SerialRunner) and not loaded


def test_a_cluster_that_does_not_answer_is_one_clear_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from data_prep import running

    monkeypatch.setattr(running, "CONNECT_TIMEOUT", "1s")
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(ClusterUnavailable, match=re.escape(f"no Dask scheduler answers at tcp://127.0.0.1:{port}")):
        build_reporting(tmp_path / "t", cluster=f"tcp://127.0.0.1:{port}")
    assert not (tmp_path / "t").exists()


def test_a_local_dask_cluster_of_two_workers_writes_the_tables_a_local_build_writes(tmp_path, one_process, monkeypatch):
    """What `--cluster tcp://host:8786` does on a real cluster, on two worker processes here."""
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(source, "BATCH", 3)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = build_reporting(tmp_path / "cluster", cluster=cluster.scheduler_address)
    assert report.run["cluster"] == cluster.scheduler_address and report.run["workers"] == 2
    comparison = compare_builds(one_process, tmp_path / "cluster")
    assert comparison.identical, comparison.summary()


def test_the_cluster_address_can_come_from_the_environment(tmp_path, monkeypatch):
    """$PEACETRACK_CLUSTER points a build at a cluster when no address is given."""
    pytest.importorskip("distributed")
    from data_prep import running

    monkeypatch.setattr(running, "CONNECT_TIMEOUT", "1s")
    monkeypatch.setenv("PEACETRACK_CLUSTER", "tcp://127.0.0.1:9")
    with pytest.raises(ClusterUnavailable, match=re.escape("tcp://127.0.0.1:9")):
        build_reporting(tmp_path / "t")
