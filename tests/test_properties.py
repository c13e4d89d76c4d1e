"""Properties that hold for any text at all, checked on random and adversarial input.

Whatever an article contains (any Unicode, quotes, control characters, very long
lines, repeated headlines, date-like strings, codebook names jumbled together),
reading and extraction never raise, every offset slices back to the text it
claims, nothing comes from page furniture, and the tables fit together.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_prep import tables
from data_prep.pipeline import Builder, assemble
from data_prep.reading import (
    UnreadableFile,
    article_from_text,
    decode,
    furniture_start,
    published_from_text,
    read_manifest,
)

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
DATE_VALUE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@pytest.fixture(scope="module")
def builder():
    return Builder()


@pytest.fixture(scope="module")
def markers(builder):
    return builder.codebook.cues["furniture_markers"]


def _names(builder) -> list[str]:
    cb = builder.codebook
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


def any_text(builder):
    return st.one_of(st.text(max_size=3000), adversarial_text(_names(builder)))


def check_extraction(builder, markers, texts: list[str]) -> None:
    """The invariants of one extraction over `texts`, one article each."""
    extractions = []
    for number, text in enumerate(texts):
        article = article_from_text(text, f"doc{number}", Path(f"doc{number}.txt"), {}, markers)
        assert 0 <= article.body_end <= len(text)
        assert article.published is None or DATE_VALUE.match(article.published)
        x = builder.extract(article)
        sentences = {(s.start, s.end): s for s in builder.language.analyse(text, article.body_end)[0]}
        starts, ends = {s.start for s in sentences.values()}, {s.end for s in sentences.values()}
        for e in x.events:
            assert 0 <= e.start < e.end <= article.body_end, "an event must lie in the body, not in furniture"
            # Evidence is whole sentences (two, where a later sentence completed a round).
            assert e.start in starts and e.end in ends
        for m in x.mentions:
            assert 0 <= m["char_start"] < m["char_end"] <= article.body_end
            assert m["text"] == text[m["char_start"] : m["char_end"]] and m["text"].strip()
        assert len({e.event_id for e in x.events}) == len(x.events)
        extractions.append(x)
    frames, extra = assemble(extractions, builder.codebook)
    tables.validate(frames)
    texts_by_doc = {f"doc{n}": t for n, t in enumerate(texts)}
    for row in frames["events"].itertuples():
        assert texts_by_doc[row.doc_id][row.char_start : row.char_end] == row.sentence
    for row in frames["mentions"].itertuples():
        assert texts_by_doc[row.doc_id][row.char_start : row.char_end] == row.text
    assert set(extra["rounds"]["round_id"]) == set(frames["events"]["round_id"].dropna())


@SETTINGS
@given(data=st.data())
def test_extraction_never_raises_and_offsets_slice_back(builder, markers, data):
    text = data.draw(any_text(builder))
    check_extraction(builder, markers, [text])


@settings(SETTINGS, max_examples=20)  # each example validates six tables: fewer, larger examples
@given(data=st.data())
def test_several_articles_assemble_into_tables_that_fit_together(builder, markers, data):
    names = _names(builder)
    texts = data.draw(st.lists(adversarial_text(names), min_size=2, max_size=3, unique=True))
    check_extraction(builder, markers, texts)


@SETTINGS
@given(text=st.text(max_size=2000))
def test_decoding_gives_back_any_utf8_or_utf16_text(text):
    expected = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    for raw in (text.encode("utf-8"), text.encode("utf-16")):
        try:
            decoded = decode(raw)
        except UnreadableFile:
            continue  # empty or mostly control characters: refused, with a reason
        if raw.startswith(b"\xef\xbb\xbf") or raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            expected_here = expected.removeprefix("\ufeff")
        else:
            expected_here = expected
        assert decoded in (expected, expected_here)


@SETTINGS
@given(raw=st.binary(max_size=3000))
def test_decoding_random_bytes_returns_text_or_a_reason(raw):
    try:
        text = decode(raw)
    except UnreadableFile as error:
        assert str(error)
    else:
        assert isinstance(text, str) and "\r" not in text and "\x00" not in text


@SETTINGS
@given(
    text=st.one_of(
        st.text(max_size=2000), st.lists(st.sampled_from(DATES + FURNITURE + CUES), max_size=30).map("\n".join)
    )
)
def test_furniture_and_publication_date_never_raise_and_stay_in_range(markers, text):
    body_end = furniture_start(text, markers)
    assert 0 <= body_end <= len(text)
    published = published_from_text(text, body_end)
    assert published is None or DATE_VALUE.match(published)


@SETTINGS
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


def test_two_talks_in_one_sentence_get_distinct_event_ids(builder, markers):
    text = "Mirzoyan and Bayramov held talks in Washington in May and negotiations in Almaty in June.\n"
    x = builder.extract(article_from_text(text, "d", Path("d.txt"), {}, markers))
    ids = [e.event_id for e in x.events]
    assert len(ids) == len(set(ids))
