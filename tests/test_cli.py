"""The command line is a thin shell: it builds, evaluates and says what went wrong."""

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS, SEEDS_GOLD

from data_prep import pipeline
from data_prep.cli import main
from data_prep.errors import (
    CodebookError,
    DataPrepError,
    IntegrityError,
    NothingToBuild,
    SchemaViolation,
    UnreadableFile,
)
from data_prep.schemas import ALL_TABLES


@pytest.fixture(autouse=True)
def reuse_knowledge(monkeypatch, knowledge):
    """Loading the codebook and its matchers takes seconds; every build here shares one."""
    monkeypatch.setattr(pipeline.Knowledge, "load", classmethod(lambda cls, codebook=None: knowledge))


def test_build_prints_a_summary_and_writes_tables(tmp_path, capsys):
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "t"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "documents read: 5" in out and "skipped: 0" in out and "time:" in out
    assert (tmp_path / "t" / "events.parquet").exists()


def test_build_of_a_folder_with_nothing_readable_fails_cleanly(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "t"), "--quiet"]) == 1
    assert "error: nothing to build: no readable article" in capsys.readouterr().err
    assert not (tmp_path / "t").exists()


def test_evaluate_prints_figures_and_misses(seed_build, capsys):
    assert main(["evaluate", str(SEEDS_GOLD), "--tables", str(seed_build[0])]) == 0
    out = capsys.readouterr().out
    assert "talks_f1 1.000" in out and out.rstrip().endswith("thresholds: all met")


def test_evaluate_without_tables_says_what_to_do(tmp_path, capsys):
    assert main(["evaluate", str(SEEDS_GOLD), "--tables", str(tmp_path)]) == 2
    assert "run `python -m data_prep build` first" in capsys.readouterr().err


@pytest.mark.slow  # a new interpreter loads the codebook and builds the seeds
def test_module_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "data_prep", "build", str(SEEDS), "--out", str(tmp_path / "t"), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "error, line",
    [
        (
            CodebookError("cues.json: talks.nouns: Field required"),
            "error: codebook: cues.json: talks.nouns: Field required",
        ),
        (
            SchemaViolation("table events: column 'event_type' failed"),
            "error: schema: table events: column 'event_type' failed",
        ),
        (IntegrityError("events.venue_id -> venues.venue_id: 1 id(s) not found"), "error: integrity: events.venue_id"),
    ],
)
def test_every_named_error_is_one_line_and_exit_status_1(tmp_path, capsys, monkeypatch, error, line):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(pipeline, "assemble_tables", fail)
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "t"), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(line) and len(err.splitlines()) == 1
    assert not (tmp_path / "t").exists()


def test_every_named_error_kind_has_its_own_label():
    kinds = [CodebookError, SchemaViolation, IntegrityError, NothingToBuild, UnreadableFile]
    assert all(issubclass(kind, DataPrepError) for kind in kinds)
    assert len({kind.label for kind in kinds}) == len(kinds)


def test_a_folder_that_cannot_be_written_is_one_line_too(tmp_path, capsys):
    (tmp_path / "file").write_text("not a folder")
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "file" / "t"), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and len(err.splitlines()) == 1


def test_compare_says_identical_or_lists_the_differences(seed_build, tmp_path, capsys):
    out, _ = seed_build
    assert main(["compare", str(out), str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"identical: {len(ALL_TABLES)} tables")
    shutil.copytree(out, tmp_path / "copy")
    (tmp_path / "copy" / "rounds.parquet").unlink()
    assert main(["compare", str(out), str(tmp_path / "copy")]) == 1
    assert "rounds: only in" in capsys.readouterr().out


def test_the_build_shows_progress_as_plain_lines_when_not_on_a_terminal(tmp_path, capsys):
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "t")]) == 0
    err = capsys.readouterr().err
    assert "read 1/5" in err and "read 5/5" in err and "\r" not in err
