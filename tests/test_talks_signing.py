"""A signing by both sides' people at a place is a round held there (talks_signing)."""

import pytest


def rounds_of(extraction):
    rounds = [e for e in extraction.events if e.event_type == "talks"]
    return sorted((r.venue_id, r.status, r.date.value if r.date else None) for r in rounds)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The leaders of Armenia and Azerbaijan signed a joint declaration in Vienna on Friday.",
            [("vienna", "held", "2024-07-05")],
        ),
        (
            "On Friday Ilham Aliyev and Nikol Pashinyan signed a joint declaration at the Hofburg in Vienna, with the Austrian chancellor as a witness.",
            [("vienna", "held", "2024-07-05")],
        ),
        (
            "The two foreign ministers signed the protocol in Tbilisi on 3 July.",
            [("tbilisi", "held", "2024-07-03")],
        ),
    ],
)
def test_both_sides_people_signing_at_a_place_held_a_round_there(extract, text, expected):
    assert rounds_of(extract(text, "2024-07-08")) == expected


@pytest.mark.parametrize(
    "text",
    [
        # states, not people at a table
        "Armenia and Azerbaijan signed the Alma-Ata Declaration in Almaty in December 1991.",
        # passive: who signed is not said here
        "The statement was signed in Vienna on 3 July.",
        # one side with someone else
        "Aliyev signed a gas deal with Erdogan in Ankara on Friday.",
        # a signing still to come is a deadline or a hope, not a round
        "The commissions have until 15 July to sign the protocol in Tbilisi.",
        "Pashinyan accused Aliyev of wanting to seize land in Tbilisi rather than sign a treaty.",
    ],
)
def test_other_signings_are_no_round(extract, text):
    assert rounds_of(extract(text, "2024-07-08")) == []
