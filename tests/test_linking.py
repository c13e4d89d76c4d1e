"""Linking: the same real-world round, reported by several articles, gets one round_id."""

import pytest

from data_prep.dates import ResolvedDate
from data_prep.linking import assign_round_ids, rounds_table_rows
from data_prep.record import Event


def talks(doc, venue, date, status="held", mediator=None, roles=None, basis="explicit", start=0):
    precision = {10: "day", 7: "month", 4: "year"}[len(date)] if date else None
    when = ResolvedDate(date, precision, basis, date, start, start) if date else None
    return Event(doc, "talks", start, start + 10, 0, 0.9, status, when, venue, mediator, None, roles or {})


@pytest.fixture
def places(codebook):
    return codebook.places({})


def link(events, places, days=3):
    cues = places.codebook.cues.linking.model_copy(update={"same_round_days": days})
    ids = assign_round_ids(events, places, cues)
    return [ids[e.event_id] for e in events]


def test_reports_of_one_round_share_an_id_across_articles(places):
    events = [
        talks("a", "washington", "2023-11-20"),
        talks("b", "united-states", "2023-11"),
        talks("c", "arlington", "2023-11-21"),
    ]
    assert len(set(link(events, places))) == 1


def test_a_city_names_the_round_over_its_country(places):
    assert (
        link([talks("a", "united-states", "2023-11"), talks("b", "washington", "2023-11")], places)
        == ["washington-2023-11"] * 2
    )


def test_days_far_apart_in_one_month_are_different_rounds(places):
    ids = link([talks("a", "brussels", "2023-05-01"), talks("b", "brussels", "2023-05-20")], places)
    assert ids == ["brussels-2023-05-01", "brussels-2023-05-20"]
    assert (
        len(set(link([talks("a", "brussels", "2023-05-01"), talks("b", "brussels", "2023-05-20")], places, days=30)))
        == 1
    )


def test_undated_rounds_keep_an_id_of_their_own_document(places):
    events = [talks("a", "brussels", "2023-11-17", basis="publication"), talks("b", "brussels", None)]
    ids = link(events, places)
    assert ids[0].startswith("a-") and ids[1].startswith("b-") and ids[0] != ids[1]


def test_the_rounds_table_counts_sources_and_says_where_they_disagree(codebook, places):
    events = [
        talks(
            "a",
            "washington",
            "2023-11-20",
            "planned",
            "united-states",
            {"armenia": "participant", "azerbaijan": "participant"},
        ),
        talks(
            "b",
            "washington",
            "2023-11-21",
            "cancelled",
            "united-states",
            {"azerbaijan": "initiator", "armenia": "participant"},
        ),
    ]
    ids = assign_round_ids(events, places, codebook.cues.linking)
    (row,) = rounds_table_rows(events, ids, {"a": "2023-11-10", "b": "2023-11-18"}, codebook, places)
    assert row["n_sources"] == 2 and row["status"] == "cancelled" and row["cancelled_by"] == ["azerbaijan"]
    assert row["parties"] == ["armenia", "azerbaijan"] and row["disagree"]
    assert row["disagreement"] == "status: cancelled, planned; date: 2023-11-20, 2023-11-21"


def test_a_tie_between_dates_goes_to_the_latest_whatever_the_order(codebook, places):
    """The build gives the same tables every time: no choice depends on set order."""
    events = [talks("a", "arlington", "2023-05-01"), talks("a", "arlington", "2023-05-04", start=20)]
    for order in (events, events[::-1]):
        ids = assign_round_ids(order, places, codebook.cues.linking)
        (row,) = rounds_table_rows(order, ids, {"a": "2023-05-10"}, codebook, places)
        assert row["date"] == "2023-05-04"


def test_a_planned_round_and_its_held_report_are_one_row_with_its_latest_status_and_history(codebook, places):
    events = [
        talks("a", "almaty", "2024-04", "planned", roles={"armenia": "participant", "azerbaijan": "participant"}),
        talks("b", "almaty", "2024-05-10", "held", "kazakhstan", basis="relative"),
        talks("c", "almaty", "2024-05-15", "held", basis="publication"),  # dated only by its article
    ]
    published = {"a": "2024-04-30", "b": "2024-05-10", "c": "2024-05-15"}
    ids = assign_round_ids(events, places, codebook.cues.linking, published)
    (row,) = rounds_table_rows(events, ids, published, codebook, places)
    assert row["status"] == "held" and row["n_sources"] == 3
    assert (row["date"], row["date_precision"], row["date_basis"]) == ("2024-05-10", "day", "relative")
    assert row["status_history"] == ["2024-04-30 planned", "2024-05-10 held"]
