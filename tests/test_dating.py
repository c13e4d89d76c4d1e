"""Stage date_sentences: each sentence's dates, resolved against the publication date."""

from dataclasses import replace

import pytest

from data_prep.dating import date_sentences


def dates_of(record):
    return [[(d.value, d.precision, d.basis) for d in sentence] for sentence in record.dates]


def test_one_tuple_of_dates_per_sentence_with_offsets_into_the_article(through):
    text = "Aliyev spoke on Monday.\nNothing dated here.\nThey met on 5 May 2023."
    record = through("date_sentences", text, "2023-11-17")
    assert dates_of(record) == [[("2023-11-13", "day", "relative")], [], [("2023-05-05", "day", "explicit")]]
    for sentence in record.dates:
        for d in sentence:
            assert text[d.start : d.end] == d.text


def test_a_bare_weekday_looks_ahead_after_a_future_cue_and_back_otherwise(through):
    assert dates_of(through("date_sentences", "They will meet on Friday.", "2023-11-15")) == [
        [("2023-11-17", "day", "relative")]
    ]
    assert dates_of(through("date_sentences", "They said on Friday they were ready.", "2023-11-15")) == [
        [("2023-11-10", "day", "relative")]
    ]


def test_an_offset_counts_from_the_last_day_named_before_it(through):
    text = "The talks were held on 5 May 2023. Three weeks later the ministers met again."
    assert dates_of(through("date_sentences", text, "2023-11-17"))[1] == [("2023-05-26", "day", "relative")]


def test_an_article_dated_to_a_month_places_weekdays_only_to_the_month(through):
    ((found,),) = dates_of(through("date_sentences", "They met on Friday.", "2023-11"))
    assert found[1:] == ("month", "relative")


def test_without_a_publication_date_only_explicit_dates_resolve(through):
    assert dates_of(through("date_sentences", "They met on Friday, 5 May 2023.", None)) == [
        [("2023-05-05", "day", "explicit")]
    ]


def test_the_future_window_is_read_from_the_cues(through, knowledge):
    """`dating.future_cue_to_date_chars`: a date too far after the future cue looks back."""
    record = through("find_names", "They will meet on Friday.", "2023-11-15")
    near = date_sentences(record, knowledge)
    cues = knowledge.cues.model_copy(
        update={"dating": knowledge.cues.dating.model_copy(update={"future_cue_to_date_chars": 0})}
    )
    far = date_sentences(record, replace(knowledge, codebook=replace(knowledge.codebook, cues=cues)))
    assert dates_of(near) == [[("2023-11-17", "day", "relative")]]
    assert dates_of(far) == [[("2023-11-10", "day", "relative")]]


def values_of(record):
    return [[d.value for d in sentence] for sentence in record.dates]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # The nearest tense word before the date decides.
        ("The ministers met on Friday and will meet again on Monday.", "2023-11-15", ["2023-11-10", "2023-11-20"]),
        # A planning word leaves the tense open: the clause's own verb decides, else it looks ahead.
        ("Baku cancelled a meeting scheduled for 20 November.", "2024-07-10", ["2023-11-20"]),
        ("The meeting is scheduled for 20 November.", "2024-07-10", ["2024-11-20"]),
        ("The minister will not travel to Vienna for the meeting scheduled for Friday.", "2022-12-22", ["2022-12-23"]),
        ("The leaders were invited to meet again in Vienna, in October.", "2023-05-08", ["2023-10"]),
        # Without a tense word before it, the nearest one after it decides.
        ("On Friday the two leaders will meet in Vienna.", "2023-11-15", ["2023-11-17"]),
        # A speech verb closes the clause: its date is the saying's.
        ("He told reporters on Friday that the ministers would meet soon.", "2023-11-15", ["2023-11-10"]),
    ],
)
def test_a_yearless_date_looks_ahead_or_back_as_the_tense_of_its_clause_says(through, text, published, expected):
    assert values_of(through("date_sentences", text, published)) == [expected]


def test_a_yearless_month_paired_with_a_dated_one_takes_its_year(through):
    record = through("date_sentences", "They met twice in Vienna, in May and June 2023.", "2025-08-08")
    assert dates_of(record) == [[("2023-05", "month", "explicit"), ("2023-06", "month", "explicit")]]


def test_that_year_is_the_year_the_narrative_has_set(through):
    text = (
        "The commissions were set up in March 2022. At their first meeting, on 24 May that year, they agreed on rules."
    )
    assert values_of(through("date_sentences", text, "2024-04-23")) == [["2022-03"], ["2022-05-24"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # "that November": the November of the year the sentence has just named
            "Talks stalled after the war in September 2023, and Baku skipped a meeting that November.",
            [["2023-09", "2023-11"]],
        ),
        (  # the year the narrative set in an earlier sentence
            "The commissions were set up in March 2022. They met for the first time that May.",
            [["2022-03"], ["2022-05"]],
        ),
        (  # no year named: which November is not known
            "Baku skipped a meeting that November.",
            [[]],
        ),
    ],
)
def test_that_month_is_in_the_year_the_narrative_has_set(through, text, expected):
    assert values_of(through("date_sentences", text, "2025-08-08")) == expected


def test_without_a_publication_date_a_yearless_date_takes_the_narratives_year(through):
    text = "The leaders met in Vienna on 10 July, their first meeting since the text was agreed in March 2025."
    assert dates_of(through("date_sentences", text, None)) == [
        [("2025-07-10", "day", "relative"), ("2025-03", "month", "explicit")]
    ]


def test_more_than_two_months_earlier_lies_beyond_two_months(through):
    text = "The ministers opened talks on 10 May 2024. They had last met more than two months earlier, in Vienna."
    assert values_of(through("date_sentences", text, "2024-05-11")) == [["2024-05-10"], ["2024-02"]]
    plain = "The ministers opened talks on 10 May 2024. They had last met two months earlier, in Vienna."
    assert values_of(through("date_sentences", plain, "2024-05-11"))[1] == ["2024-03"]


def test_an_offset_after_a_day_named_later_in_its_sentence_counts_from_that_day(through):
    text = "The Vienna meeting came ten days after the clashes on 16 November."
    assert values_of(through("date_sentences", text, "2021-11-29")) == [["2021-11-26", "2021-11-16"]]


def test_last_thursday_is_the_week_before_when_thursday_is_yesterday(through):
    record = through(
        "date_sentences",
        "Aliyev and Pashinyan met in Vienna on Thursday. They had also met last Thursday in Tbilisi.",
        "2024-04-12",
    )
    assert [[d.value for d in s] for s in record.dates] == [["2024-04-11"], ["2024-04-04"]]


def test_last_friday_is_the_friday_just_gone_when_friday_is_not_of_the_publication_week(through):
    # Written on a Tuesday: "on Friday" and "last Friday" are the same day, four days before.
    record = through(
        "date_sentences",
        "The commissions met last Friday in Ijevan. A spokesman commented on Friday evening.",
        "2024-04-23",
    )
    assert [[d.value for d in s] for s in record.dates] == [["2024-04-19"], ["2024-04-19"]]
