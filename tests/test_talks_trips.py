"""A refused trip to a mediator's city is a boycotted round (talks_trips), and the day a
report of it names is the report's, in the past (dating.report_verbs)."""

import pytest

STORY = "Michel hoped to host Aliyev and Pashinyan in Vienna later this month. "


def rounds_of(extraction):
    rounds = [e for e in extraction.events if e.event_type == "talks"]
    return sorted((r.venue_id, r.status, r.date.value if r.date else None) for r in rounds)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            STORY + "State media reported on Wednesday that Aliyev would not travel to Granada.",
            [("granada", "cancelled", "2024-07-03"), ("vienna", "planned", "2024-07")],
        ),
        (
            STORY + "In June Aliyev declined to go to Granada.",
            [("granada", "cancelled", "2024-06"), ("vienna", "planned", "2024-07")],
        ),
        (
            # another talks word names the round: the refusal is its status
            STORY + "Last December, Aliyev refused to come to a Brussels meeting because Macron was to join it.",
            [("brussels", "cancelled", "2023-12"), ("vienna", "planned", "2024-07")],
        ),
    ],
)
def test_a_refused_trip_in_a_story_of_rounds_is_a_boycotted_round(extract, text, expected):
    assert rounds_of(extract(text, "2024-07-05")) == expected


@pytest.mark.parametrize(
    "text",
    [
        # no round in the story: a trip not made is not yet a boycott
        "Pashinyan will not travel to Moscow on Thursday, his office said.",
        # another purpose
        STORY + "Pashinyan would not travel to Moscow for the Victory Day parade.",
        # an organisation's own meeting
        STORY + "Pashinyan said he would not go to Minsk, where the CSTO summit opens on Thursday.",
    ],
)
def test_other_refused_trips_are_no_round(extract, text):
    assert [r for r in rounds_of(extract(text, "2024-07-05")) if r[0] != "vienna"] == []


def test_not_sending_a_minister_to_the_talks_cancels_them(extract):
    text = (
        "Baku said yesterday it will not send its foreign minister to the talks with Armenia in Washington on Monday."
    )
    assert rounds_of(extract(text, "2023-11-17")) == [("washington", "cancelled", "2023-11-20")]
