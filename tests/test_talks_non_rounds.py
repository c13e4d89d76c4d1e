"""Talks words that report no round of their own, and rounds whose place or date is another's."""

import pytest


def rounds(record):
    return [(e.venue_id, e.status, e.date.value if e.date else None) for e in record.events if e.event_type == "talks"]


@pytest.mark.parametrize(
    "text",
    [
        # a denial after the talks word: no round is planned at all
        "Spokesman: a meeting of Pashinyan and Aliyev in Vienna on 3 June is not planned",
        "A trilateral meeting with Aliyev and Pashinyan in Tbilisi is not on the agenda, the ministry said.",
        # an organisation holding its own session names no round between the parties
        "On Tuesday NATO was holding an extraordinary session to discuss the clashes on the Armenian-Azerbaijani border.",
        "On Tuesday the CSTO was holding an extraordinary session of its council to discuss Armenia and Azerbaijan.",
    ],
)
def test_a_denied_round_or_an_organisations_session_is_no_round(extract, text):
    assert rounds(extract(text, "2024-05-20")) == []


def test_a_denial_of_another_round_leaves_the_round_of_the_sentence(extract):
    record = extract(
        "Aliyev and Pashinyan met in Vienna on Monday, but a follow-up meeting is not planned.", "2024-05-22"
    )
    assert rounds(record) == [("vienna", "held", "2024-05-20")]


def test_an_organisations_summit_that_times_the_sentence_still_places_its_round(extract):
    record = extract(
        "Putin is expected to host Aliyev and Pashinyan in Sochi next Thursday, when the CSTO holds its summit there.",
        "2023-05-19",
    )
    assert rounds(record) == [("sochi", "planned", "2023-05-25")]


def test_a_mediating_organisation_holding_a_meeting_of_the_parties_holds_a_round(extract):
    record = extract(
        "The White House convened a meeting of Armenia and Azerbaijan in Washington on Monday.", "2024-05-20"
    )
    assert rounds(record) == [("washington", "held", "2024-05-20")]


@pytest.mark.parametrize(
    "text",
    [
        "The Vienna talks of Armenia and Azerbaijan were announced on Monday by the Austrian foreign ministry.",
        "The Tbilisi meeting of Aliyev and Pashinyan was agreed in Prague in March.",
    ],
)
def test_arranging_or_announcing_a_round_named_before_dates_and_places_the_arrangement(extract, text):
    # the place and date after "was agreed" or "were announced" are the arrangement's, not the
    # round's: the round is told elsewhere in the article, so this sentence makes none
    assert rounds(extract(text, "2024-05-20")) == []


def test_a_round_in_a_where_clause_is_at_the_place_named_before_it(extract):
    record = extract(
        "The Tbilisi meeting was agreed in Prague on 6 October, where Aliyev and Pashinyan met with Macron.",
        "2022-10-20",
    )
    assert rounds(record) == [("prague", "held", "2022-10-06")]


def test_meeting_a_deadline_is_no_meeting(extract):
    record = extract(
        "On Friday, Armenia and Azerbaijan signed the protocol, meeting the 20 April deadline set by both sides.",
        "2024-04-22",
    )
    assert rounds(record) == []


@pytest.mark.parametrize(
    "text",
    [
        # the sentence sets its own time, which the article does not give
        "Aliyev and Pashinyan met in Sochi in May. That same autumn, Aliyev skipped a meeting in Vienna with Pashinyan.",
        "Aliyev and Pashinyan met in Sochi in May, and their ministers spent two days in Vienna later that month.",
    ],
)
def test_a_round_of_a_narrative_takes_no_publication_date(extract, text):
    vienna = [r for r in rounds(extract(text, "2024-12-20")) if r[0] == "vienna"]
    assert vienna and all(date is None for _, _, date in vienna)


def test_a_round_of_the_news_still_takes_the_publication_date(extract):
    assert rounds(extract("Pashinyan and Aliyev met in Vienna.", "2024-12-20")) == [("vienna", "held", "2024-12-20")]


def test_a_round_after_since_is_past_and_the_new_rounds_status_is_not_its(extract):
    record = extract(
        "Aliyev and Pashinyan will meet in Vienna on Monday, the first meeting in this format since the summit "
        "in Tbilisi in May 2021.",
        "2022-10-28",
    )
    assert ("tbilisi", "held", "2021-05") in rounds(record)
    assert ("tbilisi", "planned", "2021-05") not in rounds(record)


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a month a round was planned for is its month, even when it was called off
            "A round planned for November in Brussels was cancelled after Baku refused to attend.",
            ("brussels", "cancelled", "2023-11"),
        ),
    ],
)
def test_the_month_a_round_was_planned_for_is_its_month(extract, text, expected):
    assert rounds(extract(text, "2024-02-27")) == [expected]


def test_an_offset_counting_from_an_undated_event_gives_the_round_neither_its_place_nor_a_date(extract):
    # what follows "four days after" is the event the offset counts from: its place is not the
    # round's, and with no day of its own it dates nothing (the Vienna meeting is the news)
    record = extract(
        "The Vienna meeting of Aliyev and Pashinyan took place four days after troops opened fire near a village "
        "in Tavush province.",
        "2024-02-27",
    )
    assert rounds(record) == [("vienna", "held", "2024-02-27")]


def test_an_offset_counting_from_a_dated_round_still_dates_the_round(extract):
    record = extract(
        "The Vienna summit took place five weeks after the two leaders had met in Tbilisi on 4 May.", "2024-07-01"
    )
    assert sorted(rounds(record)) == [("tbilisi", "held", "2024-05-04"), ("vienna", "held", "2024-06-08")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # months listed after a round's date are rounds of their own
            "Aliyev and Pashinyan met in Brussels in May and June 2023.",
            [("brussels", "held", "2023-05"), ("brussels", "held", "2023-06")],
        ),
        (  # a date that opens another talks word's clause is that round's, not one of the list
            "The foreign ministers of Armenia and Azerbaijan met in Almaty in May, and last month Blinken "
            "brought them together in New York.",
            [("almaty", "held", "2024-05")],
        ),
    ],
)
def test_a_list_of_months_ends_where_another_rounds_clause_begins(extract, text, expected):
    found = [r for r in rounds(extract(text, "2024-10-18")) if r[0] in ("almaty", "brussels")]
    assert sorted(found) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a readiness told in the past tense did not come about
        ("We were prepared to host the foreign ministers of Armenia and Azerbaijan in Washington on Monday.", []),
        (
            "Blinken is ready to host the foreign ministers of Armenia and Azerbaijan in Washington on Monday.",
            [("washington", "planned", "2023-11-20")],
        ),
    ],
)
def test_a_readiness_in_the_past_tense_plans_no_round(extract, text, expected):
    assert rounds(extract(text, "2023-11-17")) == expected
