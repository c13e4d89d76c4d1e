"""The per-article record, and every type a stage hands to the next.

A build reads each article into an `Article`, wraps it in an empty `Record`, and
passes the record through the stages listed in `pipeline.STAGES`. Each stage
returns a new record with its own fields filled and leaves what it was given
untouched, so a stage can be tested on a record built by hand, and an article's
record depends on nothing but the article and the read-only codebook: it can be
cached by content, computed in another process and pickled back.

    Article -> Record(article) -> find_names -> resolve_names -> ... -> Record
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from .codebook import Codebook, Places, Venue, slug
from .dates import ResolvedDate


@dataclass(frozen=True)
class Article:
    """One article as read from its file: the text every offset points into, and its metadata."""

    doc_id: str
    path: Path
    text: str
    sha256: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: str = "none"
    body_end: int = 0  # where page furniture begins (len(text) when there is none)
    dateline: tuple[str, int] | None = None  # (place as written, end of its paragraph)


@dataclass(frozen=True)
class Span:
    """A matched stretch of text: `label` says what it is, `key` which entry."""

    start: int
    end: int
    text: str
    label: str  # actor, venue, cue
    key: str  # actor_id / venue_id / cue category
    how: str = ""  # alias, demonym, metonym, title, fuzzy, coref; or the venue's kind
    token_start: int = 0
    token_end: int = 0


_START, _END = itemgetter(0), itemgetter(1)  # of a (start, end, text) token


@dataclass(frozen=True)
class Sentence:
    """A sentence with the names, places, cue words and quotation marks found in it."""

    start: int
    end: int
    text: str
    tokens: tuple[tuple[int, int, str], ...]  # (start, end, text) per token
    actors: tuple[Span, ...] = ()
    places: tuple[Span, ...] = ()
    cues: tuple[Span, ...] = ()
    quotes: tuple[tuple[int, int], ...] = ()

    def cue(self, key: str) -> list[Span]:
        return [c for c in self.cues if c.key == key]

    def token_before(self, position: int, n: int = 1) -> list[str]:
        """The n tokens ending before character `position`, lower-cased, nearest last.

        The tokens come in order, so those ending by `position` lead and are found by
        bisection; only the ones returned are lower-cased (the talks and date readers ask
        a few times per cue, and scanning every token each time was a few per cent of
        the per-article work)."""
        stop = bisect_right(self.tokens, position, key=_END)
        return [t[2].lower() for t in self.tokens[:stop][-n:]]

    def token_after(self, position: int, n: int = 1) -> list[str]:
        first = bisect_left(self.tokens, position, key=_START)
        return [t[2].lower() for t in self.tokens[first:][:n]]

    def quote_of(self, position: int) -> tuple[int, int] | None:
        return next((q for q in self.quotes if q[0] <= position < q[1]), None)


@dataclass(frozen=True)
class NewPerson:
    """A person found from title cues but unknown to the codebook."""

    name: str
    title: str
    country: str | None

    @property
    def actor_id(self) -> str:
        return slug(self.name)


@dataclass(frozen=True)
class Mention:
    """One resolved name in a sentence: an actor or a place where something happens."""

    entity_type: str  # actor or venue
    entity_id: str
    start: int
    end: int
    how: str  # alias, demonym, metonym, title, fuzzy, coref, locative, attributive


@dataclass
class Event:
    """An event a sentence reports. Mutable while the stage that makes it merges
    mentions of one round; a later stage that changes one works on a copy."""

    doc_id: str
    event_type: str
    start: int
    end: int
    sentence_index: int
    confidence: float
    status: str | None = None
    date: ResolvedDate | None = None
    venue_id: str | None = None
    mediator_id: str | None = None
    mediator_how: str | None = None
    roles: dict[str, str] = field(default_factory=dict)  # actor_id -> role
    anaphoric: bool = False
    places_back_reference: bool = False  # "the meeting took place on the border": may place the round before
    cue_start: int = 0  # where its talks word stands: one sentence can report two rounds
    fresh: bool = False  # announced as another round ("meet again", "the next round")
    aggregate: bool = False  # several rounds counted together ("three rounds hosted here"), not one

    @property
    def event_id(self) -> str:
        """Derived from content, so a rebuild gives the same ids."""
        raw = f"{self.doc_id}|{self.event_type}|{self.start}|{self.end}|{self.cue_start}"
        return hashlib.sha1(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Quote:
    """An attributed quotation: one row of the `quotes` table."""

    quote_id: str
    doc_id: str
    speaker_id: str | None
    text: str
    char_start: int
    char_end: int
    sentence_start: int
    sentence_end: int
    about: list[str]
    mediators: list[str]
    accusation: bool


@dataclass(frozen=True)
class Findings:
    """One sentence with its resolved names and dates: what the event stages read."""

    sentence: Sentence
    mentions: tuple[Mention, ...]
    dates: tuple[ResolvedDate, ...]


@dataclass(frozen=True)
class Record:
    """Everything the build knows about one article; each field says which stage fills it."""

    article: Article
    sentences: tuple[Sentence, ...] = ()  # find_names
    people: tuple[NewPerson, ...] = ()  # find_names
    found_venues: Mapping[str, Venue] = field(default_factory=dict)  # find_names, resolve_names
    mentions: tuple[tuple[Mention, ...], ...] = ()  # resolve_names: one tuple per sentence
    dateline_venue: str | None = None  # resolve_names: the venue of the article's dateline
    dates: tuple[tuple[ResolvedDate, ...], ...] = ()  # date_sentences: one tuple per sentence
    talks: tuple[Event, ...] = ()  # find_talks: one event per round per article
    round_sentences: frozenset[int] = frozenset()  # find_talks: sentences that report a round of their own
    other_events: tuple[Event, ...] = ()  # find_other_events, credit_cancellations, drop_repeated_events
    quotes: tuple[Quote, ...] = ()  # find_quotes

    @property
    def events(self) -> tuple[Event, ...]:
        return self.talks + self.other_events

    def findings(self) -> list[Findings]:
        """The sentences with their mentions and dates, side by side."""
        return [Findings(s, m, d) for s, m, d in zip(self.sentences, self.mentions, self.dates)]

    def places(self, codebook: Codebook) -> Places:
        """Venues by id: the codebook's and those this article found in the world gazetteer."""
        return codebook.places(self.found_venues)
