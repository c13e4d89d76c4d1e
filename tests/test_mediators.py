"""Who mediates a round, and which mediator another event concerns."""

import pytest

from data_prep.mediators import mediator_involved, round_mediator


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
