"""Stage date_sentences: each sentence's dates, resolved against the publication date."""

from dataclasses import replace

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
