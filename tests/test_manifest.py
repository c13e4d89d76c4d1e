"""The manifest: every row an analyst wrote is used or reported, never fatal."""

from __future__ import annotations

import pytest
from conftest import write

from data_prep.manifest import normalise_doc_id, parse_published, read_manifest


def test_manifest_rows_are_read_by_doc_id(tmp_path):
    path = write(
        tmp_path / "m.csv",
        "doc_id,published,source,url,title\na1,2023-11-17,TASS,https://t.ru/1,Talks\na2,2024-07,,,\n",
    )
    rows, problems = read_manifest(path)
    assert problems == []
    assert rows["a1"] == {
        "doc_id": "a1",
        "published": "2023-11-17",
        "source": "TASS",
        "url": "https://t.ru/1",
        "title": "Talks",
    }
    assert rows["a2"]["published"] == "2024-07" and rows["a2"]["source"] is None


def test_missing_manifest_is_no_manifest():
    assert read_manifest(None) == ({}, [])


def test_manifest_row_with_wrong_column_count_is_reported_and_the_rest_kept(tmp_path):
    path = write(
        tmp_path / "m.csv", "doc_id,published,source,url,title\na1,2023-11-17,TASS,u,t,extra\na2,2023-11-18,TASS,u,t\n"
    )
    rows, problems = read_manifest(path)
    assert set(rows) == {"a2"}
    assert len(problems) == 1 and "line 2" in problems[0] and "6 fields" in problems[0]


def test_manifest_bad_date_costs_only_the_date(tmp_path):
    path = write(
        tmp_path / "m.csv",
        "doc_id,published,source\na1,2023-13-45,TASS\na2,17/11/2023,TASS\na3,2023-11-17T10:00:00Z,TASS\n",
    )
    rows, problems = read_manifest(path)
    assert rows["a1"]["published"] is None and rows["a1"]["source"] == "TASS"
    assert rows["a2"]["published"] is None
    assert rows["a3"]["published"] == "2023-11-17"
    assert len(problems) == 2 and "'2023-13-45'" in problems[0] and "line 3" in problems[1]


def test_manifest_row_without_doc_id_is_reported(tmp_path):
    rows, problems = read_manifest(write(tmp_path / "m.csv", "doc_id,published\n,2023-11-17\na1,\n"))
    assert set(rows) == {"a1"} and "no doc_id" in problems[0]


def test_manifest_repeated_doc_id_keeps_the_first_row(tmp_path):
    rows, problems = read_manifest(write(tmp_path / "m.csv", "doc_id,source\na1,first\na1,second\n"))
    assert rows["a1"]["source"] == "first" and "listed again" in problems[0]


def test_undecodable_manifest_is_reported_not_raised(tmp_path):
    rows, problems = read_manifest(write(tmp_path / "m.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256))))
    assert rows == {} and "binary" in problems[0] and "ignored" in problems[0]


def test_manifest_that_is_a_folder_is_reported_not_raised(tmp_path):
    (tmp_path / "m.csv").mkdir()
    rows, problems = read_manifest(tmp_path / "m.csv")
    assert rows == {} and "folder" in problems[0]


def test_manifest_without_doc_id_column_is_reported(tmp_path):
    rows, problems = read_manifest(write(tmp_path / "m.csv", "id,published\na1,2023-11-17\n"))
    assert rows == {} and "no doc_id column" in problems[0]


def test_manifest_from_a_spreadsheet_semicolons_bom_and_capitals(tmp_path):
    path = write(tmp_path / "m.csv", "\ufeffDoc_ID;Published;Source\na1;2023-11-17;TASS\n")
    rows, problems = read_manifest(path)
    assert problems == [] and rows["a1"]["published"] == "2023-11-17"


def test_manifest_doc_ids_are_normalised_to_build_ids():
    assert normalise_doc_id("sub\\a1.txt") == "sub/a1"
    assert normalise_doc_id("./sub/a1.html") == "sub/a1"
    assert normalise_doc_id("v1.2") == "v1.2"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-11-17", "2023-11-17"),
        ("2023-11", "2023-11"),
        ("2024-02-30", None),
        ("2023-1-5", None),
        ("yesterday", None),
        ("2023-11-17 10:00", "2023-11-17"),
    ],
)
def test_published_values_must_be_calendar_dates(value, expected):
    assert parse_published(value) == expected
