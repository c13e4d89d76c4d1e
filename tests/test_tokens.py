"""A line's tokens read from spaCy's arrays are the tokens spaCy made, and its sentences but
that an opening quote begins the sentence it opens."""

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.util import filter_spans

from data_prep.tokens import Line, is_name_text, longest_first

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")

LINES = [
    'Pashinyan said: "We will meet in Brussels." Aliyev agreed.  Then  nothing!',
    "WASHINGTON, Nov 7 (Agency) - Talks ended. U.S. officials left.",
    "A headline without a full stop",
    "   ",
]


def test_a_line_has_the_tokens_offsets_and_sentences_of_its_doc():
    for text in LINES:
        doc = NLP(text)
        line = Line.of(doc, text, offset=100)
        assert line.words == [t.text for t in doc]
        assert line.lowers == [t.lower_ for t in doc]
        assert [line.char_span(i, i + 1)[:2] for i in range(len(line))] == [
            (100 + t.idx, 100 + t.idx + len(t.text)) for t in doc
        ]
        assert [(s.start, s.end) for s in doc.sents] == line.sentences()


def sentence_texts(text: str) -> list[str]:
    """The sentences `Line.of` finds in `text` (with the sentencizer's characters), as text."""
    line = Line.of(NLP.make_doc(text), text, 0, frozenset(NLP.get_pipe("sentencizer").punct_chars))
    return [line.char_span(start, end)[2] for start, end in line.sentences()]


def test_sentences_found_from_the_arrays_are_the_sentencizers():
    """Where no quote opens after a sentence's end, the sentences are spaCy's."""
    punct = frozenset(NLP.get_pipe("sentencizer").punct_chars)
    texts = [
        *LINES,
        'He said "Stop!" and left. (Then?) Yes... no!! «Non.» 1. 2. End',
        "...",
        "Hi!?",
        'He said: "Go." Talks ended.',
        'It ended. " Then nothing.',
        'He left."Why?" she asked.',
    ]
    for text in texts:
        with_sentences = NLP(text)
        line = Line.of(NLP.make_doc(text), text, 0, punct)
        assert line.sentences() == [(s.start, s.end) for s in with_sentences.sents]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # An opening quote after a full stop begins the next sentence (spaCy ends the first with it).
        ('Officials said. "We are ready," he added.', ["Officials said.", '"We are ready," he added.']),
        ("She said. 'Yes,' he replied.", ["She said.", "'Yes,' he replied."]),
        ('Why? "Because," she said!', ["Why?", '"Because," she said!']),
        # A closing quote glued to the full stop stays with the sentence it closes.
        ('He said: "We are ready." Talks ended.', ['He said: "We are ready."', "Talks ended."]),
        ('Talks ended."', ['Talks ended."']),
        # Curly quotes say which way they face: \u201c and \u2018 open, \u201d and \u2019 close.
        (
            "Officials said. \u201cWe are ready,\u201d he added.",
            ["Officials said.", "\u201cWe are ready,\u201d he added."],
        ),
        ("He said: \u201cWe are ready.\u201d Talks ended.", ["He said: \u201cWe are ready.\u201d", "Talks ended."]),
        ("Why? \u2018Because,\u2019 she said.", ["Why?", "\u2018Because,\u2019 she said."]),
        # A quote at the start of a text begins the first sentence.
        ('"We are ready," he said. Talks ended.', ['"We are ready," he said.', "Talks ended."]),
        # Adjacent quotations: the first quote closes, the second opens.
        ('"Go home." "We stay," they said.', ['"Go home."', '"We stay," they said.']),
        ("\"Go home!\" 'No.' Then silence.", ['"Go home!"', "'No.'", "Then silence."]),
        # A quote with spaces on both sides faces neither way: spaCy's reading stands.
        ('It ended. " Then nothing.', ['It ended. "', "Then nothing."]),
    ],
)
def test_sentences_an_opening_quote_begins_the_sentence_it_opens(text, sentences):
    assert sentence_texts(text) == sentences


def test_an_empty_line_has_no_tokens():
    line = Line.of(NLP(""), "")
    assert len(line) == 0 and line.sentences() == []


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 4)), max_size=12))
def test_longest_first_is_spacys_filter_spans(pairs):
    doc = NLP("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen")
    spans = [(start, start + size) for start, size in pairs]
    expected = [(s.start, s.end) for s in filter_spans([doc[a:b] for a, b in spans])]
    assert longest_first(spans) == expected


def test_name_words_are_capitalised_with_a_lower_case_letter():
    assert [is_name_text(w) for w in ("Pashinyan", "O'Brien", "O'Neil", "USA", "said", "Baku-based")] == [
        True,
        True,
        True,
        False,
        False,
        True,
    ]


@given(
    st.lists(
        st.sampled_from(
            ["Talks", "ended", ".", "!", "?", '"', ")", "(", "...", "U.S.", "«", "»", " ", "  ", "\u3002", "1.", ";"]
        ),
        max_size=30,
    )
)
def test_sentences_from_the_arrays_are_the_sentencizers_for_any_text(pieces):
    # Pieces joined by spaces: no quote is glued to a word, so none opens and spaCy's sentences stand.
    punct = frozenset(NLP.get_pipe("sentencizer").punct_chars)
    text = " ".join(pieces)
    line = Line.of(NLP.make_doc(text), text, 0, punct)
    assert line.sentences() == [(s.start, s.end) for s in NLP(text).sents]
