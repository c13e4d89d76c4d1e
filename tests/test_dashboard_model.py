"""Loading and preparing the tables: the join every view relies on."""

import os

import pandas as pd
import pytest
from dashboard_fixtures import N_EVENTS, build_synthetic_tables, dashboard_data, dashboard_tables  # noqa: F401

from dashboard.filters import Filters, apply
from dashboard.loading import TablesMissing, load, read_build_report, read_document_text, table_signature, tables_dir
from dashboard.model import date_period, prepare, unique_labels
from dashboard.rounds import disagreement, round_rows, rounds_in_view, status_counts


@pytest.mark.parametrize(
    "value, start, end, precision",
    [
        ("2023-11-20", "2023-11-20", "2023-11-20", "day"),
        ("2023-10", "2023-10-01", "2023-10-31", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2023", "2023-01-01", "2023-12-31", "year"),
    ],
)
def test_dates_become_periods(value, start, end, precision):
    assert date_period(value) == (pd.Timestamp(start), pd.Timestamp(end), precision)


@pytest.mark.parametrize("value", [None, "", "2023-13", "soon"])
def test_unusable_dates_become_undated(value):
    assert date_period(value) == (None, None, None)


def test_labels_are_unique_even_when_names_repeat():
    labels = unique_labels(pd.Series(["a", "b", "c"]), pd.Series(["Smith", "Smith", None]))
    assert labels == {"a": "Smith (a)", "b": "Smith (b)", "c": "c"}


def test_prepared_events_join_names_and_use_categoricals(dashboard_data):
    events = dashboard_data.events
    assert len(events) == N_EVENTS
    for column in ("event_type", "status", "outlet", "venue", "mediator"):
        assert isinstance(events[column].dtype, pd.CategoricalDtype), column
    e1 = events.set_index("event_id").loc["e1"]
    assert (e1["venue"], e1["mediator"], e1["outlet"], e1["actors"]) == (
        "Washington",
        "United States",
        "Azerbaijan in Focus",
        "Armenia, Azerbaijan",
    )


def test_venue_host_gives_the_mediation_track_when_the_event_names_none(dashboard_data):
    e11 = dashboard_data.events.set_index("event_id").loc["e11"]
    assert pd.isna(e11["mediator_id"]) and e11["mediator"] == "European Union"


def test_rounds_merge_sources_of_the_same_round(dashboard_data):
    rounds = rounds_in_view(dashboard_data, apply(dashboard_data, Filters())).set_index("round_key")
    washington = rounds.loc["round:washington-2023-11-20"]
    assert (washington["n_sources"], washington["status"], washington["lane"]) == (
        2,
        "cancelled",
        "Washington · United States",
    )
    assert sorted(washington["event_ids"]) == ["e1", "e6"]
    assert status_counts(rounds.reset_index()) == {"held": 1, "planned": 1, "cancelled": 3}


def test_eu_rounds_are_brussels_and_granada(dashboard_data):
    rounds = rounds_in_view(dashboard_data, apply(dashboard_data, Filters(mediator=("european-union",))))
    assert set(rounds["venue"]) == {"Brussels", "Granada"}


def test_missing_tables_are_named(tmp_path):
    with pytest.raises(TablesMissing, match="documents"):
        load(tmp_path)


def test_signature_changes_when_a_table_is_rewritten(tmp_path):
    table_dir = build_synthetic_tables(tmp_path)
    before = table_signature(table_dir)
    events = table_dir / "events.parquet"
    os.utime(events, ns=(events.stat().st_atime_ns, events.stat().st_mtime_ns + 10_000_000))
    assert table_signature(table_dir) != before


def test_build_report_is_optional(tmp_path):
    table_dir = build_synthetic_tables(tmp_path, with_report=False)
    assert read_build_report(table_dir) is None
    assert prepare(load(table_dir)).build_report is None


def test_build_report_is_read(dashboard_data):
    assert dashboard_data.build_report["skipped"][0]["reason"] == "no article text found"


def test_tables_dir_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PEACETRACK_TABLES", str(tmp_path))
    assert tables_dir() == tmp_path
    monkeypatch.delenv("PEACETRACK_TABLES")
    assert tables_dir().parts[-2:] == ("data", "processed")


def test_document_text_is_read_from_its_path_or_reported_missing(dashboard_data, tmp_path):
    path = dashboard_data.documents.set_index("doc_id").loc["d1", "path"]
    assert read_document_text(path).startswith("Azerbaijan snubs US talks")
    assert read_document_text(str(tmp_path / "gone.txt")) is None


def test_optional_rounds_table_supplies_source_counts(tmp_path):
    table_dir = build_synthetic_tables(tmp_path)
    rounds = pd.DataFrame(
        {
            "round_id": ["granada-2023-10"],
            "date": ["2023-10"],
            "venue_id": ["granada"],
            "mediator_id": ["european-union"],
            "status": ["cancelled"],
            "parties": [["armenia", "azerbaijan"]],
            "n_sources": [3],
            "disagree": [False],
        }
    )
    rounds.to_parquet(table_dir / "rounds.parquet", index=False)
    data = prepare(load(table_dir))
    view = rounds_in_view(data, apply(data, Filters())).set_index("round_key")
    assert view.loc["round:granada-2023-10", "n_sources"] == 3


# ------------------------------------------------------------------ disagreeing sources


def test_the_built_rounds_table_says_where_sources_disagree(dashboard_data):
    rounds = rounds_in_view(dashboard_data, apply(dashboard_data, Filters())).set_index("round_key")
    assert rounds.loc["round:washington-2023-11-20", ["disagree", "disagreement"]].tolist() == [
        True,
        "date: 2023-11-20, 2023-11-21",
    ]
    assert rounds.loc["round:moscow-2023-05-25", ["disagree", "disagreement"]].tolist() == [False, ""]


@pytest.mark.parametrize(
    "reports, expected",
    [
        ([("cancelled", "2023-10", "explicit"), ("cancelled", "2023-10", "explicit")], ""),
        ([("cancelled", "2023-10", "explicit"), ("planned", "2023-10", "explicit")], "status: cancelled, planned"),
        ([("held", "2023-10", "explicit"), ("held", "2023-10-04", "explicit")], "date: 2023-10, 2023-10-04"),
        (
            [("cancelled", "2023-10", "explicit"), ("planned", "2023-10-04", "explicit")],
            "status: cancelled, planned; date: 2023-10, 2023-10-04",
        ),
        # a publication date says when it was reported, not when the round met
        ([("held", "2023-10", "explicit"), ("held", "2023-11-17", "publication")], ""),
        ([("held", None, None), ("held", "2023-10", "explicit")], ""),
    ],
)
def test_disagreement_names_what_the_reports_of_a_round_differ_on(reports, expected):
    group = pd.DataFrame(reports, columns=["status", "date", "date_basis"])
    assert disagreement(group) == expected


def test_without_a_rounds_table_disagreement_comes_from_the_events(tmp_path):
    data = prepare(load(build_synthetic_tables(tmp_path, with_optional=False)))
    rounds = rounds_in_view(data, apply(data, Filters())).set_index("round_key")
    washington = rounds.loc["round:washington-2023-11-20"]
    assert (washington["disagree"], washington["disagreement"]) == (True, "date: 2023-11-20, 2023-11-21")


def test_rounds_table_lists_each_round_with_its_sources_and_a_visible_flag(dashboard_data):
    table = round_rows(rounds_in_view(dashboard_data, apply(dashboard_data, Filters())))
    assert list(table.columns) == [
        "Date",
        "Venue",
        "Mediator",
        "Status",
        "Called off by",
        "Sources",
        "Sources disagree",
        "Parties",
    ]
    washington = table[table["Venue"] == "Washington"].iloc[0]
    assert (washington["Date"], washington["Status"], washington["Called off by"], washington["Sources"]) == (
        "2023-11-20",
        "cancelled",
        "Azerbaijan",
        2,
    )
    assert washington["Sources disagree"] == "⚠ date: 2023-11-20, 2023-11-21"
    assert set(table.loc[table["Venue"] != "Washington", "Sources disagree"]) == {""}
