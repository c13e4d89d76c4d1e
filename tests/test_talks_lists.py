"""Rounds an analysis or timeline lists in one breath: each month, place or clause of the
list is a round of its own, with the status its own clause gives it."""

import pytest


def rounds_of(extraction):
    rounds = [e for e in extraction.events if e.event_type == "talks"]
    return sorted((r.venue_id, r.status, r.date.value[:7] if r.date else None) for r in rounds)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            # "sessions" names rounds as "session" does
            "The ministers' sessions in Vienna in May and June produced more agreed text than any summit.",
            [("vienna", "held", "2024-05"), ("vienna", "held", "2024-06")],
        ),
        (
            # the second month of a list may be "the end of" one
            "The foreign ministers of Armenia and Azerbaijan met in Vienna in early May and again at the end of June.",
            [("vienna", "held", "2024-05"), ("vienna", "held", "2024-06")],
        ),
        (
            "The two leaders met in Tbilisi in March and at the beginning of April.",
            [("tbilisi", "held", "2024-03"), ("tbilisi", "held", "2024-04")],
        ),
    ],
)
def test_each_month_of_a_list_is_a_round(extract, text, expected):
    assert rounds_of(extract(text, "2024-07-10")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            # a new clause of the list ("and they are expected") gives the later place its status
            "Aliyev and Pashinyan met in Vienna on 14 May, and they are expected in Tbilisi next month.",
            [("tbilisi", "planned", "2024-08"), ("vienna", "held", "2024-05")],
        ),
        (
            "The two leaders met in Vienna in May, but were due in Tbilisi in September.",
            [("tbilisi", "planned", "2024-09"), ("vienna", "held", "2024-05")],
        ),
        (
            # an aside of the first place ("as planned") opens no clause: both rounds were held
            "The two leaders met in Vienna in May, as planned, and in Tbilisi in June.",
            [("tbilisi", "held", "2024-06"), ("vienna", "held", "2024-05")],
        ),
        (
            # without a new clause, every place of the list shares the sentence's status
            "The two leaders met in Vienna on 3 March, in Tbilisi on 12 April and in Tirana on 5 May.",
            [("tbilisi", "held", "2024-04"), ("tirana", "held", "2024-05"), ("vienna", "held", "2024-03")],
        ),
    ],
)
def test_a_later_place_of_a_list_takes_the_status_of_its_own_clause(extract, text, expected):
    assert rounds_of(extract(text, "2024-07-10")) == expected


def test_a_talks_word_followed_by_again_continues_the_parties_of_the_story(extract):
    text = (
        "Deputy prime ministers of Armenia and Azerbaijan met in Vienna on Saturday for the first session of a working group. "
        "The meeting was chaired by the Austrian minister. "
        "The officials agreed to form expert subgroups. "
        "The subgroups are to report by February. "
        "The working group itself will convene again in Tbilisi, on a date still to be settled."
    )
    assert [(v, s) for v, s, _ in rounds_of(extract(text, "2024-01-27"))] == [
        ("tbilisi", "planned"),
        ("vienna", "held"),
    ]


def test_again_without_a_round_in_the_story_names_no_parties(extract):
    assert rounds_of(extract("The working group will convene again in Tbilisi next month.", "2024-01-27")) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            # "and to" continues the motion of the place before it
            "Blinken brought the foreign ministers to Vienna in May and to Tbilisi in June.",
            [("tbilisi", "held", "2024-06"), ("vienna", "held", "2024-05")],
        ),
        (
            # months after a year, set off by a dash or colon, are the rounds the year counted
            "The two leaders met in Vienna twice in 2023: in May and in October.",
            [("vienna", "held", "2023-05"), ("vienna", "held", "2023-10")],
        ),
        (
            "Blinken brought the foreign ministers to Vienna in November 2022 and to Tbilisi twice in 2023 - in early May and again at the end of June.",
            [("tbilisi", "held", "2023-05"), ("tbilisi", "held", "2023-06"), ("vienna", "held", "2022-11")],
        ),
        (
            # a year alone stays the round's date
            "The two leaders met in Vienna in 2023.",
            [("vienna", "held", "2023")],
        ),
    ],
)
def test_lists_of_trips_and_of_months_after_a_year(extract, text, expected):
    assert rounds_of(extract(text, "2024-07-10")) == expected


def test_and_to_after_no_place_places_nothing(extract):
    assert rounds_of(extract("Blinken brought peace to the region in May and to Tbilisi in June.", "2024-07-10")) == []
