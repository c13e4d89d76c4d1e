"""Properties that hold for any text at all, checked on random and adversarial input.

Whatever an article contains (any Unicode, quotes, control characters, very long
lines, repeated headlines, date-like strings, codebook names jumbled together),
reading and extraction never raise, every offset slices back to the text it
claims, nothing comes from page furniture, and the tables fit together.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_prep import tables
from data_prep.assemble import build_tables
from data_prep.decoding import decode
from data_prep.errors import UnreadableFile
from data_prep.furniture import furniture_start
from data_prep.manifest import read_manifest
from data_prep.pipeline import analyse_article
from data_prep.published import published_from_text
from data_prep.reading import article_from_text

# The number of examples comes from the profile (conftest.py): a quick look by
# default, a thorough one in CI.
DATE_VALUE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _names(knowledge) -> list[str]:
    cb = knowledge.codebook
    names = [n for a in list(cb.actors.values())[:80] for n in (a.name, *a.aliases[:2], *a.demonyms[:1])]
    return names + [n for v in list(cb.venues.values())[:40] for n in (v.name, *v.aliases[:1])]


CUES = [
    "talks",
    "held talks",
    "will meet",
    "met",
    "negotiations",
    "mediated by",
    "hosted by",
    "peace treaty",
    "round of talks",
    "cancelled",
    "postponed",
    "said",
    "accused",
    "signed",
    "agreed",
    "the two sides",
    "the ministers",
    "summit",
    "in",
    "at",
    "on",
    "and",
    "with",
]
DATES = [
    "November 18, 2023 - 13:12 AMT",
    "10.05.2024 | 14:22",
    "Nov 7",
    "on Monday",
    "last week",
    "2023-13-45",
    "31.02.2024",
    "99/99/2024",
    "3 weeks earlier",
    "in 2022",
    "Dec. 6, 2023",
    "0.0.0000",
    "29 February 2023",
    "1/1/1900",
    "next month",
    "09 July 2024 / 13:33",
    "mid-2024",
    "2023-11-17T10:00:00Z",
    "Sunday, Sunday",
    "12:00",
]
PUNCTUATION = [
    ".",
    ",",
    ":",
    ";",
    " \u2013 ",
    " - ",
    "\u201c",
    "\u201d",
    '"',
    "'",
    "\u2019",
    "\u00ab",
    "\u00bb",
    "(",
    ")",
    "(AA Photo)",
    "(Reuters) -",
    "!",
    "?",
    "\u2026",
]
ODD = [
    "\t",
    "\x0b",
    "\x0c",
    "\x07",
    "\u200b",
    "\u00a0",
    "\ufeff",
    "\u202e",
    "\U0001f600",
    "e\u0301",
    "\ufffd",
    "\u2028",
    "\x85",
    "ǅ",
    "ß",
    "İ",
    "\r",
    "\r\n",
]
FURNITURE = [
    "Related news",
    "Read more",
    "Most read",
    "Share this article",
    "\u00a9 2024 News Agency. All rights reserved.",
]


@st.composite
def adversarial_text(draw, names: list[str]) -> str:
    """Paragraphs of codebook names, cue words, date-like strings, punctuation and odd
    characters, with headlines repeated, very long lines and trailing furniture."""
    pieces = st.one_of(
        st.sampled_from(names),
        st.sampled_from(CUES),
        st.sampled_from(DATES),
        st.sampled_from(PUNCTUATION),
        st.sampled_from(ODD),
        st.text(max_size=8),
    )
    paragraphs = draw(st.lists(st.lists(pieces, min_size=1, max_size=30).map(" ".join), min_size=1, max_size=8))
    headline = draw(st.sampled_from(paragraphs))
    if draw(st.booleans()):
        paragraphs = [headline, headline, *paragraphs]  # repeated headline
    if draw(st.booleans()):
        paragraphs.append(
            " ".join(draw(st.lists(st.sampled_from(names + CUES), min_size=200, max_size=400)))
        )  # a very long line
    if draw(st.booleans()):
        paragraphs += [draw(st.sampled_from(FURNITURE))] + [
            draw(st.sampled_from(names)) + " talks\n" + draw(st.sampled_from(DATES)) for _ in range(3)
        ]
    return draw(st.sampled_from(["\n", "\n\n", "\r\n"])).join(paragraphs)


def any_text(knowledge):
    return st.one_of(st.text(max_size=3000), adversarial_text(_names(knowledge)))


def check_extraction(knowledge, texts: list[str]) -> None:
    """The invariants of one extraction over `texts`, one article each."""
    records = []
    for number, text in enumerate(texts):
        article = article_from_text(text, f"doc{number}", Path(f"doc{number}.txt"), {}, knowledge.cues)
        assert 0 <= article.body_end <= len(text)
        assert article.published is None or DATE_VALUE.match(article.published)
        record = analyse_article(article, knowledge)
        starts, ends = {s.start for s in record.sentences}, {s.end for s in record.sentences}
        for e in record.events:
            assert 0 <= e.start < e.end <= article.body_end, "an event must lie in the body, not in furniture"
            # Evidence is whole sentences (two, where a later sentence completed a round).
            assert e.start in starts and e.end in ends
        for m in (m for sentence in record.mentions for m in sentence):
            assert 0 <= m.start < m.end <= article.body_end
            assert text[m.start : m.end].strip()
        assert len({e.event_id for e in record.events}) == len(record.events)
        records.append(record)
    frames = build_tables(records, knowledge.codebook)
    tables.validate(frames)  # every table, with every foreign key
    texts_by_doc = {f"doc{n}": t for n, t in enumerate(texts)}
    for row in frames["events"].itertuples():
        assert texts_by_doc[row.doc_id][row.char_start : row.char_end] == row.sentence
    for row in frames["mentions"].itertuples():
        assert texts_by_doc[row.doc_id][row.char_start : row.char_end] == row.text
    assert set(frames["rounds"]["round_id"]) == set(frames["events"]["round_id"].dropna())


# Each example runs the whole extraction on up to a few thousand characters: half as many.
@settings(max_examples=max(5, settings().max_examples // 2))
@given(data=st.data())
def test_extraction_never_raises_and_offsets_slice_back(knowledge, data):
    text = data.draw(any_text(knowledge))
    check_extraction(knowledge, [text])


# Each example extracts several articles and validates nine tables: a quarter as many.
@settings(max_examples=max(5, settings().max_examples // 4))
@given(data=st.data())
def test_several_articles_assemble_into_tables_that_fit_together(knowledge, data):
    names = _names(knowledge)
    texts = data.draw(st.lists(adversarial_text(names), min_size=2, max_size=3, unique=True))
    check_extraction(knowledge, texts)


def _has_words(text: str) -> bool:
    """Something besides white space, once a leading byte order mark is read as one."""
    return bool(text.removeprefix("\ufeff").strip())


# Text a person could have written: no control characters (tabs and line breaks
# aside), no replacement characters, and something besides white space.
READABLE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffd")
    | st.sampled_from("\t\n\r"),
    min_size=1,
    max_size=2000,
).filter(_has_words)


@given(text=READABLE)
def test_decoding_gives_back_any_readable_utf8_or_utf16_text(text):
    """Readable text is never refused, and comes back as it was (line endings made "\\n",
    a leading byte order mark read as one)."""
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    for raw in (text.encode("utf-8"), text.encode("utf-16")):
        decoded = decode(raw)
        assert decoded in (expected, expected.removeprefix("\ufeff"))


@given(raw=st.one_of(st.binary(max_size=3000), READABLE.map(lambda t: t.encode("utf-8"))))
def test_decoding_any_bytes_gives_clean_text_or_a_reason(raw):
    """Any bytes give text without carriage returns or NULs, or a refusal that says why;
    bytes that are readable UTF-8 text are never refused."""
    try:
        text = decode(raw)
    except UnreadableFile as error:
        assert str(error)
        assert not _readable_utf8(raw), f"readable text refused: {error}"
    else:
        assert isinstance(text, str) and "\r" not in text and "\x00" not in text


def _readable_utf8(raw: bytes) -> bool:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    control = any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r" for ch in text)
    return _has_words(text) and not control and "\ufffd" not in text


@pytest.mark.parametrize(
    "prop",
    [test_decoding_gives_back_any_readable_utf8_or_utf16_text, test_decoding_any_bytes_gives_clean_text_or_a_reason],
)
def test_the_decoding_properties_fail_when_decode_refuses_everything(prop, monkeypatch):
    """The two properties above can fail: a decode that refuses every input breaks both."""

    def refuse(raw: bytes) -> str:
        raise UnreadableFile("refused")

    monkeypatch.setattr(sys.modules[__name__], "decode", refuse)
    with pytest.raises(Exception) as failure:
        prop()
    assert "refused" in str(failure.value) or isinstance(failure.value, UnreadableFile)


@given(
    text=st.one_of(
        st.text(max_size=2000), st.lists(st.sampled_from(DATES + FURNITURE + CUES), max_size=30).map("\n".join)
    )
)
def test_furniture_and_publication_date_never_raise_and_stay_in_range(knowledge, text):
    body_end = furniture_start(text, knowledge.cues.furniture_markers)
    assert 0 <= body_end <= len(text)
    published = published_from_text(text, knowledge.cues.page, body_end)
    assert published is None or DATE_VALUE.match(published)


@given(
    raw=st.one_of(
        st.binary(max_size=2000),
        st.lists(
            st.lists(
                st.sampled_from(["a1", "", "2023-11-17", "2023-13-45", '"', ",", ";", "\x00", "\n", "x" * 50]),
                max_size=7,
            ).map(",".join),
            max_size=10,
        ).map(lambda rows: ("doc_id,published,source,url,title\n" + "\n".join(rows)).encode()),
    )
)
def test_any_manifest_gives_rows_and_notes_never_an_error(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("manifest") / "manifest.csv"
    path.write_bytes(raw)
    rows, problems = read_manifest(path)
    assert all(isinstance(p, str) and p for p in problems)
    for doc_id, row in rows.items():
        assert doc_id and row["doc_id"] == doc_id
        assert row["published"] is None or DATE_VALUE.match(row["published"])


def test_two_talks_in_one_sentence_get_distinct_event_ids(knowledge):
    text = "Mirzoyan and Bayramov held talks in Washington in May and negotiations in Almaty in June.\n"
    record = analyse_article(article_from_text(text, "d", Path("d.txt"), {}, knowledge.cues), knowledge)
    ids = [e.event_id for e in record.events]
    assert len(ids) == len(set(ids))
