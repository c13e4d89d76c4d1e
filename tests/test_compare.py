"""Comparing two builds: identical tables say so; any difference is named."""

import json
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from data_prep.compare import compare_builds
from data_prep.schemas import ALL_TABLES


@pytest.fixture
def two_builds(seed_build, tmp_path):
    """Two copies of the seeds' tables, the second free to change."""
    out, _ = seed_build
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(out, a)
    shutil.copytree(out, b)
    return a, b


def rewrite(folder, name, change, keep_types=True):
    """Change a table in place; with `keep_types`, its Arrow types stay as they were."""
    path = folder / f"{name}.parquet"
    schema = pq.read_schema(path)
    df = change(pd.read_parquet(path))
    if keep_types:
        pq.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False), path)
    else:
        df.to_parquet(path, index=False)


def test_a_copy_is_identical(two_builds):
    comparison = compare_builds(*two_builds)
    assert comparison.identical and len(comparison.tables) == len(ALL_TABLES)
    assert comparison.summary().startswith(f"identical: {len(ALL_TABLES)} tables")


def test_a_changed_value_is_named_with_its_table_and_column(two_builds):
    a, b = two_builds

    def change(df):
        df.loc[0, "status"] = "held" if df.loc[0, "status"] != "held" else "planned"
        return df

    rewrite(b, "rounds", change)
    comparison = compare_builds(a, b)
    assert not comparison.identical
    assert comparison.differences[0].startswith("rounds:") and "status" in comparison.differences[0]


def test_rows_in_another_order_are_a_difference(two_builds):
    a, b = two_builds
    rewrite(b, "events", lambda df: df.iloc[::-1].reset_index(drop=True))
    assert any(d.startswith("events:") for d in compare_builds(a, b).differences)


def test_a_changed_type_is_a_difference(two_builds):
    a, b = two_builds
    rewrite(b, "events", lambda df: df.assign(confidence=df["confidence"].astype(str)), keep_types=False)
    assert any("columns differ" in d for d in compare_builds(a, b).differences)


def test_a_missing_table_or_a_different_csv_twin_is_a_difference(two_builds):
    a, b = two_builds
    (b / "quotes.parquet").unlink()
    (b / "mentions.csv").write_text((b / "mentions.csv").read_text() + "x,y\n")
    differences = compare_builds(a, b).differences
    assert f"quotes: only in {a}" in differences and "mentions.csv: the CSV twins differ" in differences


def test_paths_and_timings_are_ignored_unless_asked_for(two_builds):
    a, b = two_builds
    rewrite(b, "documents", lambda df: df.assign(path="elsewhere/" + df["path"]))
    report = json.loads((b / "build_report.json").read_text())
    (b / "build_report.json").write_text(json.dumps(report | {"seconds": 99.0, "out_dir": "/elsewhere"}))
    assert compare_builds(a, b).identical
    assert not compare_builds(a, b, ignore_columns=()).identical


def test_a_different_build_report_is_a_difference(two_builds):
    a, b = two_builds
    report = json.loads((b / "build_report.json").read_text())
    (b / "build_report.json").write_text(json.dumps(report | {"documents_read": 4}))
    assert compare_builds(a, b).differences == ["build_report.json: differs in documents_read"]
