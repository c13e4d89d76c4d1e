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
