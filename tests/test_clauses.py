"""A sentence read clause by clause: background clauses, negation, quotations."""

import copy
from dataclasses import replace

import pytest

from data_prep.clauses import Clauses, clauses_of, negated, own_clauses


@pytest.fixture
def clauses(through, codebook):
    def read(text: str) -> Clauses:
        record = through("find_names", text)
        return Clauses(record.sentences[0], codebook.cues.event_reading)

    return read


def background_words(c: Clauses) -> list[str]:
    return [word for word, background in zip(c.words, c.background) if background]


@pytest.mark.parametrize(
    "text, background",
    [
        (
            "The meeting comes after Baku pulled out of the talks.",
            ["after", "baku", "pulled", "out", "of", "the", "talks", "."],
        ),
        ("Lavrov, who visited Baku, spoke to Mirzoyan.", ["who", "visited", "baku"]),
        ("The summit followed clashes on the border, officials said.", ["followed", "clashes", "on", "the", "border"]),
        ("Had Moscow said so, Baku would have objected.", ["had", "moscow", "said", "so"]),
        # A coordinator before a predicate ends a temporal clause, not a relative one.
        ("Putin met Aliyev before it began and received Pashinyan.", ["before", "it", "began"]),
        (
            "Kazakhstan, which hosted the round but stressed its neutrality, was thanked.",
            ["which", "hosted", "the", "round", "but", "stressed", "its", "neutrality"],
        ),
        ("Aliyev said the talks had been useful.", []),
    ],
)
def test_background_clauses_run_from_their_opener_to_the_clause_end(clauses, text, background):
    assert background_words(clauses(text)) == background


def test_own_clauses_are_the_runs_outside_the_background(clauses):
    c = clauses("Lavrov, who visited Baku, spoke to Mirzoyan.")
    text = c.sentence.text
    assert [text[a:b] for a, b in own_clauses(c)] == ["Lavrov,", ", spoke to Mirzoyan."]


@pytest.mark.parametrize(
    "text, predicate, expected",
    [
        ("Armenia and Azerbaijan have not agreed on the text.", "agreed", True),
        ("Neither side announced a breakthrough.", "announced", True),
        ("Armenia agreed, and Azerbaijan did not object.", "agreed", False),
        ("Aliyev said he was not satisfied.", "said", False),  # the negation after the verb is what was said
    ],
)
def test_a_negation_before_a_predicate_in_its_clause_negates_it(clauses, text, predicate, expected):
    c = clauses(text)
    cue = next(
        span for key, spans in c.spans.items() if key.startswith("act:") for span in spans if span.text == predicate
    )
    assert negated(c, cue) is expected


def test_a_long_quotation_is_the_quoted_speakers_but_a_few_words_are_the_sentences(clauses):
    c = clauses(
        'The leaders "agreed to stay in close contact", and Aliyev said "we have signed nothing at all yet, and we will not sign anything today".'
    )
    text, start = c.sentence.text, c.sentence.start
    assert not c.quoted_at(start + text.index("agreed"))
    assert c.quoted_at(start + text.index("signed"))
    assert not c.quoted_at(start + text.index("said"))


def test_clauses_of_makes_a_sentences_clauses_once_for_every_reader(through, codebook):
    """The talks and event readers share one reading of a sentence; another sentence
    with the same text, or other cues, gets its own."""
    sentence = through("find_names", "Aliyev said the talks, which began in May, had been useful.").sentences[0]
    reading = codebook.cues.event_reading
    first = clauses_of(sentence, reading)
    assert clauses_of(sentence, reading) is first
    assert first.background == Clauses(sentence, reading).background
    twin = replace(sentence)
    assert clauses_of(twin, reading) is not first
    assert clauses_of(sentence, copy.copy(reading)) is not first
