"""Filters: what each sidebar choice keeps, on the synthetic build; what a view derives from them."""

import datetime as dt

import numpy as np
import pytest
from dashboard_fixtures import N_EVENTS, dashboard_data, dashboard_tables  # noqa: F401 - fixtures

from dashboard.filters import Filters
from dashboard.inview import InView, select, unique_counts


def in_view(data, filters=None) -> InView:
    return select(data, filters)


def ids(data, rows) -> set[str]:
    return set(data.events["event_id"].iloc[rows])


def kept(data, filters) -> set[str]:
    return ids(data, in_view(data, filters).rows)


def test_no_filter_keeps_every_event(dashboard_data):
    assert in_view(dashboard_data).n_events == N_EVENTS
    assert not Filters().active


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(mediator=("european-union",)), {"e4", "e5", "e7", "e11"}),
        (Filters(mediator=("russia",)), {"e8"}),
        (Filters(mediator=("united-states", "russia")), {"e1", "e2", "e6", "e8"}),
        (Filters(venue=("granada",)), {"e4", "e7"}),
        (Filters(type=("accusation",)), {"e2", "e9"}),
        (Filters(status=("held",)), {"e8"}),
        (Filters(status=("cancelled",), mediator=("european-union",)), {"e4", "e5"}),
        (Filters(outlet=("TURAN",)), {"e8", "e9", "e10", "e12"}),
        (Filters(basis=("publication",)), {"e12"}),
        (Filters(q="lachin"), {"e9"}),
        (Filters(q="WASHINGTON november"), {"e1", "e6"}),
    ],
    ids=lambda v: repr(v) if isinstance(v, Filters) else None,
)
def test_each_filter_keeps_only_matching_events(dashboard_data, filters, expected):
    assert kept(dashboard_data, filters) == expected


@pytest.mark.parametrize(
    "actor, expected",
    [
        # participant, initiator, target, speaker ...
        ("james-obrien", {"e2"}),
        ("nikol-pashinyan", {"e3", "e4", "e8"}),
        # ... and mediator: by role, by the event's mediator, or by hosting the venue
        ("european-union", {"e4", "e5", "e7", "e11"}),
        ("russia", {"e8"}),
    ],
)
def test_actor_selects_events_in_any_role_including_mediator(dashboard_data, actor, expected):
    assert kept(dashboard_data, Filters(actor=(actor,))) == expected


def test_several_actors_are_alternatives(dashboard_data):
    assert kept(dashboard_data, Filters(actor=("james-obrien", "russia"))) == {"e2", "e8"}


@pytest.mark.parametrize(
    "date_from, date_to, expected",
    [
        # a month-dated event (e4, e5, e7: 2023-10) overlaps a range that starts mid-month
        (dt.date(2023, 10, 15), dt.date(2023, 10, 31), {"e4", "e5", "e7", "e10"}),
        # the year-dated e10 (2023) overlaps any range in 2023
        (dt.date(2023, 5, 1), dt.date(2023, 5, 31), {"e8", "e10"}),
        (dt.date(2024, 1, 1), None, {"e11"}),
        (None, dt.date(2023, 6, 1), {"e8", "e10"}),
    ],
)
def test_date_range_keeps_events_whose_period_overlaps(dashboard_data, date_from, date_to, expected):
    result = kept(dashboard_data, Filters(date_from=date_from, date_to=date_to))
    assert result == expected
    assert "e3" not in result  # undated events only pass while the range is unbounded


@pytest.mark.parametrize(
    "query, expected",
    [
        ("(.*", set()),  # plain text, not a regex
        ("O'Brien", {"e2"}),  # an actor's name
        ("realities", {"e4", "e5", "e6", "e7", "e13"}),  # the headline of d2
        ("May 25", {"e8"}),
    ],
)
def test_text_search_reads_sentences_actor_names_and_headlines(dashboard_data, query, expected):
    assert kept(dashboard_data, Filters(q=query)) == expected


def test_events_are_listed_in_date_order_undated_last(dashboard_data):
    view = in_view(dashboard_data)
    dates = dashboard_data.events["date_start"].to_numpy()[view.rows]
    dated = dates[~np.isnat(dates)]
    assert (np.diff(dated.astype("int64")) >= 0).all()
    assert np.isnat(dates[-1])


def test_documents_follow_the_events_in_view(dashboard_data):
    assert set(in_view(dashboard_data, Filters(mediator=("russia",))).documents["doc_id"]) == {"d3"}


def test_outlet_filter_alone_keeps_the_outlets_documents(dashboard_data):
    assert set(in_view(dashboard_data, Filters(outlet=("PanARMENIAN.Net",))).documents["doc_id"]) == {"d4"}


def test_rounds_in_view_answer_to_their_own_status_track_and_venue(dashboard_data):
    rounds = in_view(dashboard_data, Filters(mediator=("european-union",))).rounds
    assert set(rounds["round_id"]) == {"granada-2023-10", "brussels-2023-10", "brussels-2024-01"}
    assert set(in_view(dashboard_data, Filters(status=("planned",))).rounds["round_id"]) == {
        "brussels-2024-01",
        "d3-e12",
    }


def test_a_round_is_in_view_when_one_of_its_mentions_is(dashboard_data):
    view = in_view(dashboard_data, Filters(outlet=("Daily Sabah",)))  # e6 reports the Washington round
    assert "washington-2023-11-20" in set(view.rounds["round_id"])
    assert view.rounds.set_index("round_id").loc["washington-2023-11-20", "n_sources"] == 2  # the build's count


def test_a_round_selection_narrows_to_its_mentions(dashboard_data):
    view = in_view(dashboard_data)
    assert ids(dashboard_data, view.rows_of_rounds(["washington-2023-11-20"])) == {"e1", "e6"}


@pytest.mark.parametrize(
    "keys, column, expected",
    [
        (["2023-10|talks"], "event_type", {"e4", "e5"}),
        (["2023-09|talks|publication"], "event_type", {"e12"}),
        (["2023-09|talks"], "event_type", set()),  # the hatched segment is a bar of its own
        (["2023-11|United States"], "mediator", {"e1", "e2", "e6"}),
        (["2023-11|No mediator"], "mediator", {"e13"}),
        (["nonsense", "2023-99|talks", "2023-10|nope"], "event_type", set()),
    ],
)
def test_a_bar_selection_narrows_to_that_month_and_stack(dashboard_data, keys, column, expected):
    assert ids(dashboard_data, in_view(dashboard_data).rows_of_bars(keys, column)) == expected


def test_monthly_counts_split_publication_dates_apart(dashboard_data):
    counts = in_view(dashboard_data).monthly("event_type")
    row = counts[(counts["stack"] == "talks") & (counts["month"] == "2023-09-01")]
    assert row[["publication", "n"]].values.tolist() == [[True, 1]]
    assert counts["n"].sum() == N_EVENTS - 2  # e3 undated, e10 dated to the year only


def test_accusations_follow_the_filters(dashboard_data):
    view = in_view(dashboard_data, Filters(mediator=("united-states",)))
    assert set(view.accusations["accusation_id"]) == {"event:e2", "quote:q1:united-states"}
    assert in_view(dashboard_data, Filters(status=("held",))).accusations.empty
    by_actor = in_view(dashboard_data, Filters(actor=("armenia",))).accusations  # blamed by Aliyev's quote
    assert set(by_actor["accusation_id"]) == {"quote:q7:france"}


def test_actor_counts_count_an_actor_once_per_event(dashboard_data):
    counts = in_view(dashboard_data).actor_counts
    labels = dashboard_data.actors["label"].to_numpy()
    assert dict(zip(labels[counts.index], counts))["Armenia"] == 7


def test_cooccurrence_counts_shared_events(dashboard_data):
    matrix, totals = in_view(dashboard_data).cooccurrence(top=20)
    assert matrix.loc["Ilham Aliyev", "Nikol Pashinyan"] == 2  # e4 and e8
    assert matrix.loc["Armenia", "Armenia"] == totals["Armenia"] == 7


def test_unique_counts_by_sorting():
    values, counts = unique_counts(np.array([3, 1, 3, 2, 3]))
    assert values.tolist() == [1, 2, 3] and counts.tolist() == [1, 1, 3]
