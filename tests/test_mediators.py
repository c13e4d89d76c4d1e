"""Who mediates a round, and which mediator another event concerns."""

import pytest

from data_prep.mediators import mediator_involved, no_mediator_said, round_mediator


def mediator(through, codebook, text, venue=None):
    record = through("resolve_names", text)
    sentence, mentions = record.sentences[0], record.mentions[0]
    cue = sentence.cue("talks:nouns")[0]
    return round_mediator(sentence, mentions, cue, venue, codebook, record.places(codebook))


@pytest.mark.parametrize(
    "text, venue, expected",
    [
        ("Putin hosted Aliyev and Pashinyan for trilateral talks.", None, ("russia", "host")),
        ("Talks between Armenia and Azerbaijan, hosted by Germany, ended.", None, ("germany", "host")),
        ("The Russian, Armenian and Azerbaijani foreign ministers met.", None, ("russia", "participant")),
        ("Armenia and Azerbaijan held talks.", "granada", ("european-union", "venue")),
        ("Armenia and Azerbaijan held US talks.", None, ("united-states", "adjacent")),
        ("Armenia and Azerbaijan held talks.", "kazakhstan", ("kazakhstan", "country")),
        ("Armenia and Azerbaijan held talks.", None, (None, None)),
    ],
)
def test_the_firmest_evidence_names_the_mediator(through, codebook, text, venue, expected):
    assert mediator(through, codebook, text, venue) == expected


def test_evidence_strength_orders_the_kinds_of_evidence(knowledge):
    strength = knowledge.cues.mediators.strength
    assert strength("host") > strength("participant") > strength("venue") > strength("country") > strength(None) == 0


@pytest.mark.parametrize(
    "roles, event_type, expected",
    [
        ({"azerbaijan": "initiator", "james-obrien": "target"}, "accusation", "united-states"),
        ({"france": "initiator", "azerbaijan": "target"}, "accusation", None),
        ({"antony-blinken": "initiator", "ilham-aliyev": "participant"}, "call", "united-states"),
        ({"france": "initiator", "germany": "participant"}, "meeting", None),
    ],
)
def test_the_mediator_an_event_concerns(codebook, roles, event_type, expected):
    assert mediator_involved(roles, event_type, codebook) == expected


def round_mediators(extract, text):
    return [(r.venue_id, r.mediator_id) for r in extract(text).talks]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Both sides, then "without mediators": their round had none, whatever its venue's track.
        ("Aliyev and Pashinyan met in Brussels on Monday, without mediators.", [("brussels", None)]),
        ("Aliyev and Pashinyan last met in Abu Dhabi on July 10, without any mediator.", [("abu-dhabi", None)]),
        # One side's view of mediation says nothing of the round reported before it.
        (
            "Aliyev and Pashinyan met in Brussels on Monday. Azerbaijan prefers to negotiate without mediators.",
            [("brussels", "european-union")],
        ),
        # A mediation refused in a longer phrase is no word on this round's table.
        (
            "Aliyev and Pashinyan met in Brussels on Monday; they did not accept Russia as a mediator.",
            [("brussels", "european-union")],
        ),
    ],
)
def test_both_sides_meeting_without_mediators_had_none(extract, text, expected):
    assert round_mediators(extract, text) == expected


def test_a_side_that_did_not_take_part_boycotted_and_says_nothing_of_mediation(codebook, through):
    record = through("resolve_names", "Azerbaijan and Armenia were invited, but Azerbaijan did not take part.")
    assert no_mediator_said(record.sentences[0], record.mentions[0], codebook) == (False, None)


@pytest.mark.parametrize(
    "text, expected",
    [
        # The talks word is the gathering verb: its subject hosts, however far before it stands.
        (
            "Blinken had also quietly convened the two foreign ministers in New York in September 2022.",
            [("new-york", "united-states")],
        ),
        # Whoever reports the gathering is not its subject: the speech verb stands between.
        ("Lavrov said the ministers had been convened in Geneva in October.", [("geneva", None)]),
    ],
)
def test_the_subject_of_a_gathering_verb_hosts_the_round(extract, text, expected):
    assert round_mediators(extract, text) == expected
