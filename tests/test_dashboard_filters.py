"""Filters: what each sidebar choice keeps, on the synthetic build."""

import datetime as dt

import pytest
from dashboard_fixtures import N_EVENTS, dashboard_data, dashboard_tables  # noqa: F401 - fixtures

from dashboard.filters import Filters, apply, documents_for, narrow_to_bars, narrow_to_points, text_matches


def ids(events):
    return set(events["event_id"])


def test_no_filter_keeps_every_event(dashboard_data):
    assert len(apply(dashboard_data, Filters())) == N_EVENTS
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
        (Filters(outlet=("TURAN",)), {"e8", "e9", "e10"}),
        (Filters(q="lachin"), {"e9"}),
        (Filters(q="WASHINGTON november"), {"e1", "e6"}),
    ],
    ids=lambda v: repr(v) if isinstance(v, Filters) else None,
)
def test_each_filter_keeps_only_matching_events(dashboard_data, filters, expected):
    assert ids(apply(dashboard_data, filters)) == expected


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
    assert ids(apply(dashboard_data, Filters(actor=(actor,)))) == expected


def test_several_actors_are_alternatives(dashboard_data):
    both = ids(apply(dashboard_data, Filters(actor=("james-obrien", "russia"))))
    assert both == {"e2", "e8"}


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
    kept = ids(apply(dashboard_data, Filters(date_from=date_from, date_to=date_to)))
    assert kept == expected
    assert "e3" not in kept  # undated events only pass while the range is unbounded


def test_filter_matching_nothing_gives_an_empty_frame_with_the_same_columns(dashboard_data):
    none = apply(dashboard_data, Filters(q="no such words anywhere"))
    assert none.empty and list(none.columns) == list(dashboard_data.events.columns)


def test_text_search_is_plain_text_not_a_regex(dashboard_data):
    assert not text_matches(dashboard_data.events, "(.*").any()


def test_documents_follow_the_events_in_view(dashboard_data):
    f = Filters(mediator=("russia",))
    docs = documents_for(dashboard_data, f, apply(dashboard_data, f))
    assert set(docs["doc_id"]) == {"d3"}


def test_outlet_filter_alone_keeps_the_outlets_documents(dashboard_data):
    f = Filters(outlet=("PanARMENIAN.Net",))
    assert set(documents_for(dashboard_data, f, apply(dashboard_data, f))["doc_id"]) == {"d4"}


def test_chart_point_selection_narrows_to_the_events_behind_the_points(dashboard_data):
    events = apply(dashboard_data, Filters())
    selection = {"selection": {"points": [{"customdata": [["e1", "e6"], "2023-11-20"]}, {"customdata": [["e8"]]}]}}
    assert ids(narrow_to_points(events, selection)) == {"e1", "e6", "e8"}


@pytest.mark.parametrize("selection", [None, {}, {"selection": {"points": []}}, {"selection": {"points": [{"x": 1}]}}])
def test_no_usable_selection_leaves_the_events_alone(dashboard_data, selection):
    events = apply(dashboard_data, Filters())
    assert len(narrow_to_points(events, selection)) == len(events)
    assert len(narrow_to_bars(events, selection, "event_type")) == len(events)


def test_bar_selection_narrows_to_that_month_and_stack(dashboard_data):
    events = apply(dashboard_data, Filters())
    selection = {"selection": {"points": [{"customdata": ["2023-10", "talks"]}]}}
    assert ids(narrow_to_bars(events, selection, "event_type")) == {"e4", "e5"}
