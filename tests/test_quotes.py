"""Stage find_quotes: who said what about whom."""

from dataclasses import replace

import pytest

from data_prep.quotes import QUOTE_COLUMNS, find_quotes
from data_prep.schemas import CONTRACT


def test_a_quote_is_credited_to_who_said_it(extract):
    x = extract('"There cannot be business as usual," O\'Brien said of relations with Baku.')
    assert [(q.speaker_id, q.accusation) for q in x.quotes] == [("james-obrien", False)]


def test_a_quote_calling_a_mediator_biased_is_an_accusation_about_it(extract):
    x = extract('Aliyev said the talks failed because of the "biased position of the United States."')
    quote = x.quotes[0]
    assert quote.speaker_id == "ilham-aliyev" and quote.mediators == ["united-states"] and quote.accusation
    assert quote.about == ["united-states"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"We are ready to sign the treaty," Pashinyan said.', "nikol-pashinyan"),
        ('"We are ready to sign the treaty," said Pashinyan.', "nikol-pashinyan"),
        ('Azerbaijan objected to "one-sided and biased comments" by the US.', "azerbaijan"),
        ('"We are ready to sign the treaty," a diplomat said.', None),
    ],
)
def test_the_speaker_is_named_outside_the_quote_next_to_a_speech_verb(extract, text, speaker):
    assert [q.speaker_id for q in extract(text).quotes] == [speaker]


def test_after_a_complaint_the_next_name_is_the_target_not_the_speaker(extract):
    quotes = extract('It complained that Pashinyan was "not serious about the talks".').quotes
    assert [q.speaker_id for q in quotes] == [None]


def test_short_quotations_are_not_quotes(extract):
    assert extract('Aliyev called the plan "unfair" on Monday.').quotes == ()


def test_a_quote_lies_inside_its_sentence_and_slices_back(extract):
    text = 'Pashinyan said: "Azerbaijan must lift its blockade of the corridor. Now." Aliyev did not answer.'
    x = extract(text)
    for q in x.quotes:
        assert text[q.char_start : q.char_end] == q.text
        assert q.sentence_start <= q.char_start < q.char_end <= q.sentence_end


def test_quote_ids_come_from_content(extract):
    text = '"We are ready to sign the treaty," Pashinyan said.'
    assert extract(text).quotes[0].quote_id == extract(text).quotes[0].quote_id
    assert extract(text, doc_id="other").quotes[0].quote_id != extract(text).quotes[0].quote_id


def test_find_quotes_reads_the_mentions_in_the_record(through, knowledge):
    """With no mention of Pashinyan left in the record, the quote has no speaker."""
    record = through("drop_repeated_events", '"We are ready to sign the treaty," Pashinyan said.')
    assert [q.speaker_id for q in find_quotes(record, knowledge).quotes] == ["nikol-pashinyan"]
    unnamed = replace(record, mentions=tuple(() for _ in record.mentions))
    assert [q.speaker_id for q in find_quotes(unnamed, knowledge).quotes] == [None]


def test_the_quote_record_has_the_columns_of_the_quotes_table():
    assert list(CONTRACT["quotes"].columns) == QUOTE_COLUMNS


@pytest.mark.parametrize(
    "text, accusation",
    [
        ('Hajiyev said the French approach was "one-sided and biased against Azerbaijan."', True),
        ('Armenia rejected the accusations of bias, saying "we remain committed to the talks."', False),
        ('"These claims of bias are baseless and unfounded," the ministry said.', False),
    ],
)
def test_a_dismissed_accusation_does_not_flag_the_quote(extract, text, accusation):
    assert [q.accusation for q in extract(text).quotes] == [accusation]
