"""Every CSV the project writes is safe to open in a spreadsheet (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from data_prep.spreadsheet import neutralise, to_csv_text
from data_prep.tables import frame, write_tables


@pytest.mark.parametrize(
    "dangerous", ["=1+1", "+44 20 7946", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("http://x")']
)
def test_spreadsheet_text_that_a_spreadsheet_would_run_is_quoted(dangerous):
    assert neutralise(dangerous) == "'" + dangerous


@pytest.mark.parametrize("harmless", ["Brussels", "", "a = b", "2023-11-20", "'already quoted"])
def test_spreadsheet_other_text_is_unchanged(harmless):
    assert neutralise(harmless) == harmless


def test_spreadsheet_numbers_stay_numbers():
    rows = list(csv.reader(io.StringIO(to_csv_text(pd.DataFrame({"lon": [-3.6], "n": [-2]})))))
    assert rows == [["lon", "n"], ["-3.6", "-2"]]


def test_spreadsheet_lists_are_joined_then_neutralised():
    rows = list(csv.reader(io.StringIO(to_csv_text(pd.DataFrame({"aliases": [["=evil", "ok"], ["ok"]]})))))
    assert rows[1:] == [["'=evil | ok"], ["ok"]]


def test_spreadsheet_the_builds_csv_twins_hold_no_live_formula(tmp_path):
    text = '=HYPERLINK("http://evil.example","click")\n@SUM(1)\n-2+3\n'
    documents = frame(
        "documents",
        [
            {
                "doc_id": "=cmd",
                "title": "+title",
                "source": "@outlet",
                "published": None,
                "published_basis": "none",
                "url": None,
                "path": "p.txt",
                "n_words": 3,
                "sha256": "0" * 64,
            }
        ],
    )
    empty = {name: frame(name, []) for name in ("actors", "venues", "events", "event_actors", "mentions")}
    write_tables({"documents": documents, **empty}, tmp_path / "out", files={"text.txt": text})
    with open(tmp_path / "out" / "documents.csv", newline="", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert (row["doc_id"], row["title"], row["source"]) == ("'=cmd", "'+title", "'@outlet")
    for path in (tmp_path / "out").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for cells in csv.reader(handle):
                assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), path
