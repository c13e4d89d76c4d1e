"""Which reports are one real round: one row per real round, never two rounds in one row."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_prep.dates import ResolvedDate
from data_prep.record import Event
from data_prep.round_clusters import assign_round_ids

LEADERS = {"ilham-aliyev": "participant", "nikol-pashinyan": "participant"}
MINISTERS = {"ararat-mirzoyan": "participant", "jeyhun-bayramov": "participant"}


def talks(doc, venue, date=None, status="held", roles=None, basis="explicit", start=0):
    """A talks report as the per-article stages leave it; `date=None` is an undated one."""
    precision = {10: "day", 7: "month", 4: "year"}[len(date)] if date else None
    when = ResolvedDate(date, precision, basis, date, start, start) if date else None
    return Event(doc, "talks", start, start + 10, 0, 0.9, status, when, venue, None, None, roles or {})


@pytest.fixture
def link(codebook):
    places = codebook.places({})

    def rows(events, published=None):
        """The round of each event, in order, as row numbers from 0 in order of first appearance."""
        ids = assign_round_ids(events, places, codebook.cues.linking, published)
        first: dict[str, int] = {}
        return [first.setdefault(ids[e.event_id], len(first)) for e in events]

    return rows


def test_an_undated_report_joins_the_dated_round_it_refers_to(link):
    events = [talks("a", "prague", "2022-10-06"), talks("b", "prague")]
    assert link(events, {"a": "2022-10-07", "b": "2022-10-14"}) == [0, 0]


def test_a_report_dated_only_by_its_article_joins_the_round_of_that_week(link):
    events = [talks("a", "brussels", "2021-12-14"), talks("b", "brussels", "2021-12-15", basis="publication")]
    assert link(events, {"a": "2021-12-16", "b": "2021-12-15"}) == [0, 0]


def test_a_held_report_does_not_join_a_round_still_to_come(link):
    events = [talks("a", "granada", "2023-10-05", "planned"), talks("b", "granada", status="held")]
    assert link(events, {"a": "2023-09-27", "b": "2023-09-28"}) == [0, 1]


def test_a_planned_report_joins_the_coming_round_not_the_one_just_held(link):
    events = [
        talks("a", "brussels", "2023-07-15"),
        talks("b", "brussels", "2023-08", "planned"),
        talks("c", "brussels", status="planned"),
    ]
    assert link(events, {"a": "2023-07-16", "b": "2023-07-20", "c": "2023-07-15"}) == [0, 1, 1]


def test_a_plan_far_from_any_round_is_not_given_one(link):
    events = [talks("a", "washington", "2023-11-20", "cancelled"), talks("b", "washington", status="planned")]
    assert link(events, {"a": "2023-11-18", "b": "2023-09-12"}) == [0, 1]


def test_an_undated_report_with_two_rounds_to_choose_from_stays_apart(link):
    events = [talks("a", "brussels", "2023-05-01"), talks("b", "brussels", "2023-05-20"), talks("c", "brussels")]
    assert link(events, {"a": "2023-05-02", "b": "2023-05-21", "c": "2023-05-25"}) == [0, 1, 2]


def test_the_people_at_the_table_choose_between_two_rounds(link):
    events = [
        talks("a", "moscow", "2023-05-19", roles=MINISTERS),
        talks("b", "moscow", "2023-05-25", roles=LEADERS),
        talks("c", "moscow", "2023-05", roles={"ilham-aliyev": "participant"}),
    ]
    assert link(events) == [0, 1, 1]


def test_two_day_dated_rounds_at_one_venue_in_one_month_stay_apart(link):
    events = [
        talks("a", "brussels", "2023-05-01"),
        talks("b", "brussels", "2023-05-20"),
        talks("c", "brussels", "2023-05-21"),
        talks("d", "brussels", "2023-05"),  # month-only: which of the two? neither
    ]
    assert link(events) == [0, 1, 1, 2]


def test_a_month_only_report_joins_the_round_of_its_city(link):
    events = [talks("a", "munich", "2024-02-17"), talks("b", "berlin", "2024-02-29"), talks("c", "berlin", "2024-02")]
    assert link(events) == [0, 1, 1]


def test_a_month_only_report_in_another_city_is_another_round(link):
    assert link([talks("a", "kazan", "2024-10-24"), talks("b", "moscow", "2024-10")]) == [0, 1]


def test_a_city_next_door_is_the_same_venue(link):
    assert link([talks("a", "washington", "2023-05-01"), talks("b", "arlington", "2023-05")]) == [0, 0]


def test_a_planned_round_and_its_later_held_report_are_one_round(link):
    events = [talks("a", "almaty", "2024-04", "planned"), talks("b", "almaty", "2024-05-10", "held")]
    assert link(events) == [0, 0]


def test_a_round_announced_for_one_month_then_the_next_is_one_round(link):
    events = [talks("a", "brussels", "2022-10", "planned"), talks("b", "brussels", "2022-11", "planned")]
    assert link(events) == [0, 0]


def test_an_announced_round_does_not_slip_into_a_called_off_one_or_far_on(link):
    events = [
        talks("a", "brussels", "2022-11", "planned"),
        talks("b", "brussels", "2022-12-07", "cancelled"),
        talks("c", "brussels", "2023-03", "planned"),
        talks("d", "brussels", "2023-05-14", "held"),  # two months on: too late to be the same
    ]
    assert link(events) == [0, 1, 2, 3]


def test_a_report_with_nothing_to_join_keeps_a_round_of_its_own(link):
    events = [talks("a", "brussels", "2023-11-17", basis="publication"), talks("b", "brussels")]
    assert link(events, {"a": "2023-11-17", "b": "2023-11-18"}) == [0, 1]


def test_far_from_publication_a_report_joins_only_the_one_round_its_city_ever_had(link):
    published = {"a": "2022-10-07", "b": "2025-08-11", "c": "2021-01-12", "d": "2025-08-11"}
    events = [
        talks("a", "prague", "2022-10-06"),
        talks("b", "prague"),
        talks("c", "moscow", "2021-01-11"),
        talks("d", "moscow"),  # Moscow had more than one round by then
        talks("e", "moscow", "2023-05-25"),
    ]
    assert link(events, published) == [0, 0, 1, 2, 3]


EVENTS = [
    talks("a", "prague", "2022-10-06"),
    talks("b", "prague", roles=LEADERS),
    talks("c", "moscow", "2023-05-19", roles=MINISTERS),
    talks("d", "moscow", "2023-05-25", "planned", roles=LEADERS),
    talks("e", "moscow", "2023-05", roles={"nikol-pashinyan": "participant"}),
    talks("f", "almaty", "2024-04", "planned"),
    talks("g", "almaty", "2024-05-10"),
    talks("h", "washington", "2023-05-01"),
    talks("i", "arlington", "2023-05"),
    talks("j", "brussels", "2023-05-20", basis="publication"),
]
PUBLISHED = {e.doc_id: e.date.value if e.date and len(e.date.value) == 10 else "2023-06-01" for e in EVENTS}


@given(st.permutations(EVENTS))
def test_linking_does_not_depend_on_the_order_of_the_articles(codebook, order):
    places = codebook.places({})
    expected = assign_round_ids(EVENTS, places, codebook.cues.linking, PUBLISHED)
    assert assign_round_ids(list(order), places, codebook.cues.linking, PUBLISHED) == expected


def test_month_only_reports_from_cities_next_door_are_one_round(link):
    assert link([talks("a", "washington", "2023-06"), talks("b", "arlington", "2023-06")]) == [0, 0]


def test_a_report_dated_only_to_a_year_joins_the_one_round_of_its_place_that_year(link):
    events = [
        talks("a", "washington", "2022-11-07"),
        talks("b", "washington", "2025-08-08"),
        talks("c", "washington", "2022"),
    ]
    assert link(events, {"a": "2022-11-08", "b": "2025-08-09", "c": "2025-08-09"}) == [0, 1, 0]


def test_a_report_dated_only_to_a_year_with_two_rounds_there_joins_neither(link):
    events = [
        talks("a", "washington", "2023-05-04"),
        talks("b", "washington", "2023-06-29"),
        talks("c", "washington", "2023"),
    ]
    assert link(events, {"a": "2023-05-05", "b": "2023-06-30", "c": "2023-11-17"}) == [0, 1, 2]
