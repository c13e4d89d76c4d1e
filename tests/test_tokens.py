"""A line's tokens read from spaCy's arrays are the tokens and sentences spaCy made."""

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


def test_sentences_found_from_the_arrays_are_the_sentencizers():
    punct = frozenset(NLP.get_pipe("sentencizer").punct_chars)
    texts = [*LINES, 'He said "Stop!" and left. (Then?) Yes... no!! «Non.» 1. 2. End', "...", "Hi!?"]
    for text in texts:
        with_sentences = NLP(text)
        line = Line.of(NLP.make_doc(text), text, 0, punct)
        assert line.sentences() == [(s.start, s.end) for s in with_sentences.sents]


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
    punct = frozenset(NLP.get_pipe("sentencizer").punct_chars)
    text = " ".join(pieces)
    line = Line.of(NLP.make_doc(text), text, 0, punct)
    assert line.sentences() == [(s.start, s.end) for s in NLP(text).sents]
