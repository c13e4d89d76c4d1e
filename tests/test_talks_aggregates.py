"""An aggregate ("three rounds hosted here") is recorded as such, not as one round.

The talks stage marks a talks event whose own clause counts several rounds
(`Event.aggregate`, the events table's `aggregate` column); linking gives it no
round and folds it into none, and the event stays in `events` as evidence.
The sentences are invented.
"""

import pytest

from data_prep.dates import ResolvedDate
from data_prep.linking import assign_round_ids, rounds_table_rows
from data_prep.record import Event
from data_prep.rows import article_rows
from data_prep.schemas import CONTRACT


def talks_events(record):
    return [(e.aggregate, e.venue_id) for e in record.talks]


@pytest.mark.parametrize(
    "text, venue",
    [
        ("Officials said: \"We've had three rounds of meetings that we've hosted here in Washington.\"", "washington"),
        ("Brussels has hosted six such meetings between Aliyev and Pashinyan since 2021.", "brussels"),
        ("Aliyev and Pashinyan held several rounds of talks in Brussels last year.", "brussels"),
        ("Armenia and Azerbaijan held a series of meetings in Washington in 2023.", "washington"),
        (
            "The foreign ministers of Armenia and Azerbaijan held 4 rounds of talks in Washington this year.",
            "washington",
        ),
    ],
)
def test_a_count_governing_the_talks_noun_makes_an_aggregate(extract, text, venue):
    assert talks_events(extract(f"Talks\n\n{text}\n")) == [(True, venue)]


@pytest.mark.parametrize(
    "text",
    [
        "The third round of talks between Armenia and Azerbaijan was held in Washington on May 1.",  # ordinal
        "The two leaders met in Brussels on May 14, 2023.",  # a count of people
        "Aliyev and Pashinyan held talks in Brussels on May 14, 2023.",  # a plain round
        "Pashinyan and Aliyev met in Brussels on May 14 after three rounds of talks in Washington.",  # count too far
    ],
)
def test_an_ordinal_a_count_of_people_or_a_plain_round_is_one_round(extract, text):
    rounds = talks_events(extract(f"Talks\n\n{text}\n"))
    assert rounds == [(False, "brussels" if "Brussels" in text else "washington")]


def test_rounds_listed_by_place_beside_their_count_stay_single_rounds(extract):
    text = "Armenia and Azerbaijan held two rounds of talks, in Brussels in May and in Granada in October."
    assert talks_events(extract(f"Talks\n\n{text}\n")) == [(False, "brussels"), (False, "granada")]


def test_an_aggregate_is_not_merged_with_a_single_round_of_its_article(extract):
    record = extract(
        "Talks\n\nBrussels has hosted six such meetings between Aliyev and Pashinyan since 2021. "
        "The latest meeting between Aliyev and Pashinyan was held in Brussels on May 14.\n"
    )
    assert [(e.aggregate, e.date.value if e.date else None) for e in record.talks] == [
        (True, "2023-11-17"),
        (False, "2023-05-14"),
    ]


def test_the_events_table_says_which_talks_event_is_an_aggregate(extract, codebook):
    record = extract("Talks\n\nBrussels has hosted six such meetings between Aliyev and Pashinyan since 2021.\n")
    rows = article_rows(record, codebook).events
    column = list(CONTRACT["events"].columns).index("aggregate")
    assert [row[column] for row in rows if row[2] == "talks"] == [True]


def talks(doc, date, aggregate=False, basis="explicit"):
    when = ResolvedDate(date, "day" if len(date) == 10 else "month", basis, date, 0, 0)
    event = Event(doc, "talks", 0, 10, 0, 0.9, "held", when, "brussels", "eu", None, {"armenia": "participant"})
    event.aggregate = aggregate
    return event


def test_linking_makes_no_round_of_an_aggregate_and_folds_none_into_one(codebook):
    places = codebook.places({})
    single = talks("a", "2023-05-14")
    same_month = talks("b", "2023-05-14", aggregate=True)
    undated = talks("c", "2023-11-17", aggregate=True, basis="publication")
    events = [single, same_month, undated]
    ids = assign_round_ids(events, places, codebook.cues.linking, {"c": "2023-11-17"})
    assert ids == {single.event_id: "brussels-2023-05"}
    rows = rounds_table_rows(events, ids, {}, codebook, places)
    assert [(r["round_id"], r["n_sources"]) for r in rows] == [("brussels-2023-05", 1)]
