"""Loading and preparing the tables: labels, codes and row links every view relies on."""

import os

import numpy as np
import pandas as pd
import pytest
from dashboard_fixtures import N_EVENTS, build_synthetic_tables, dashboard_data, dashboard_tables  # noqa: F401

from dashboard.columns import unique_labels
from dashboard.loading import (
    TablesMissing,
    build_date,
    load,
    read_build_report,
    read_document_text,
    read_mentions,
    table_signature,
    tables_dir,
)
from dashboard.model import prepare
from dashboard.periods import date_period, date_periods


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


def test_periods_are_parsed_for_a_whole_column_at_once():
    start, end = date_periods(pd.Series(["2023-10", None, "2023-11-20"]))
    assert start.tolist()[0] == pd.Timestamp("2023-10-01") and pd.isna(start[1])
    assert end.tolist()[2] == pd.Timestamp("2023-11-20")


def test_labels_are_unique_even_when_names_repeat():
    labels = unique_labels(pd.Series(["a", "b", "c"]), pd.Series(["Smith", "Smith", None]))
    assert labels == {"a": "Smith (a)", "b": "Smith (b)", "c": "c"}


def test_prepared_events_are_labelled_categoricals(dashboard_data):
    events = dashboard_data.events
    assert len(events) == N_EVENTS
    for column in ("event_type", "status", "outlet", "venue", "mediator", "date", "date_basis"):
        assert isinstance(events[column].dtype, pd.CategoricalDtype), column
    e1 = events.set_index("event_id").loc["e1"]
    assert (e1["venue"], e1["mediator"], e1["outlet"]) == ("Washington", "United States", "Azerbaijan in Focus")


def test_venue_host_gives_the_mediation_track_when_the_event_names_none(dashboard_data):
    e11 = dashboard_data.events.set_index("event_id").loc["e11"]
    assert pd.isna(e11["mediator_id"]) and e11["mediator"] == "European Union"


def test_months_are_left_out_for_dates_known_only_to_the_year(dashboard_data):
    events = dashboard_data.events.set_index("event_id")
    assert pd.isna(events.loc["e10", "month"]) and events.loc["e10", "month_index"] == -1
    assert events.loc["e4", "month"] == pd.Timestamp("2023-10-01")


def test_actor_links_are_row_numbers_sorted_by_event(dashboard_data):
    data = dashboard_data
    assert (np.diff(data.link_row) >= 0).all()
    e8 = data.event_row("e8")
    names = set(data.actors["label"].to_numpy()[data.link_actor[data.link_row == e8]])
    assert names == {"Nikol Pashinyan", "Ilham Aliyev", "Russia"}


def test_rounds_carry_lanes_dates_and_how_the_date_is_known(dashboard_data):
    rounds = dashboard_data.rounds.set_index("round_id")
    assert rounds.loc["granada-2023-10", ["lane", "dated_by"]].tolist() == [
        "Granada · European Union",
        "month · explicit",
    ]
    assert rounds.loc["granada-2023-10", "plot_date"] == pd.Timestamp("2023-10-16")  # the middle of the month
    assert rounds.loc["d3-e12", ["date_label", "dated_by"]].tolist() == ["date not given", "—"]
    assert rounds.loc["brussels-2024-01", "mediator"] == "European Union"  # the venue's track


def test_mediators_are_ranked_in_the_conflicts_order(dashboard_data):
    assert dashboard_data.mediator_rank[:4] == ["united-states", "european-union", "russia", "france"]
    colours = dashboard_data.colours["mediator"]
    assert len({colours[m] for m in ("United States", "European Union", "Russia", "France", "No mediator")}) == 5


def test_missing_tables_are_named(tmp_path):
    with pytest.raises(TablesMissing, match="documents"):
        load(tmp_path)


def test_signature_changes_when_a_table_is_rewritten(tmp_path):
    table_dir = build_synthetic_tables(tmp_path)
    before = table_signature(table_dir)
    events = table_dir / "events.parquet"
    os.utime(events, ns=(events.stat().st_atime_ns, events.stat().st_mtime_ns + 10_000_000))
    assert table_signature(table_dir) != before


def test_the_build_date_is_when_the_tables_were_written(dashboard_tables):
    assert build_date(dashboard_tables) == pd.Timestamp.now(tz="UTC").date().isoformat()


def test_build_report_is_optional(tmp_path):
    table_dir = build_synthetic_tables(tmp_path, with_report=False)
    assert read_build_report(table_dir) is None
    assert prepare(load(table_dir)).build_report is None


def test_tables_dir_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PEACETRACK_TABLES", str(tmp_path))
    assert tables_dir() == tmp_path
    monkeypatch.delenv("PEACETRACK_TABLES")
    assert tables_dir().parts[-2:] == ("data", "processed")


def test_document_text_is_read_from_its_path_or_reported_missing(dashboard_data, tmp_path):
    path = dashboard_data.documents.set_index("doc_id").loc["d1", "path"]
    assert read_document_text(path).startswith("Azerbaijan snubs US talks")
    assert read_document_text(str(tmp_path / "gone.txt")) is None


def test_mentions_are_read_for_one_article_only(dashboard_tables):
    mentions = read_mentions(dashboard_tables, "d3")
    assert len(mentions) and {"entity_type", "entity_id", "char_start", "char_end"} == set(mentions.columns)


def test_an_older_build_without_display_tables_gets_them_derived(tmp_path, dashboard_data):
    older = prepare(load(build_synthetic_tables(tmp_path, with_display=False)))
    assert set(older.rounds["round_id"]) == set(dashboard_data.rounds["round_id"])
    assert len(older.raw_accusations) == len(dashboard_data.raw_accusations)


def test_display_rows_that_no_longer_match_the_events_are_not_trusted(tmp_path, dashboard_data):
    table_dir = build_synthetic_tables(tmp_path)
    events = pd.read_parquet(table_dir / "events.parquet")
    events.iloc[::-1].to_parquet(table_dir / "events.parquet", index=False)  # rewritten in another order
    data = prepare(load(table_dir))
    e8 = data.event_row("e8")
    assert set(data.actors["label"].to_numpy()[data.link_actor[data.link_row == e8]]) == {
        "Nikol Pashinyan",
        "Ilham Aliyev",
        "Russia",
    }
