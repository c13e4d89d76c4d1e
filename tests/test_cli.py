"""The command line is a thin shell: it builds, evaluates and says what went wrong."""

import subprocess
import sys

from conftest import ROOT, SEEDS, SEEDS_GOLD

from data_prep.cli import main


def test_build_prints_a_summary_and_writes_tables(tmp_path, capsys):
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "t"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "documents read: 5" in out and "skipped: 0" in out and "time:" in out
    assert (tmp_path / "t" / "events.parquet").exists()


def test_build_of_a_folder_with_nothing_readable_fails_cleanly(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "t"), "--quiet"]) == 1
    assert "no readable article" in capsys.readouterr().err
    assert not (tmp_path / "t").exists()


def test_evaluate_prints_figures_and_misses(seed_build, capsys):
    assert main(["evaluate", str(SEEDS_GOLD), "--tables", str(seed_build[0])]) == 0
    out = capsys.readouterr().out
    assert "talks_f1 1.000" in out and out.rstrip().endswith("thresholds: all met")


def test_evaluate_without_tables_says_what_to_do(tmp_path, capsys):
    assert main(["evaluate", str(SEEDS_GOLD), "--tables", str(tmp_path)]) == 2
    assert "run `python -m data_prep build` first" in capsys.readouterr().err


def test_module_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "data_prep", "build", str(SEEDS), "--out", str(tmp_path / "t"), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
