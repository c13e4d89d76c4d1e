"""One article's share of the tables: what the cross-article steps need of its record.

A `Record` keeps every sentence with its tokens, spans and dates, which the stages
need and the tables do not. `article_rows(record, codebook)` keeps only the rows the
article adds to the documents, events, event_actors, mentions and quotes tables
(in contract column order, round_id left for linking to fill) and what linking and
the actor, venue and review tables read: its talks, the people it found, the
places it found in the world gazetteer. That is a few kilobytes per article, so a
build can stream its articles, cache them and pass them between processes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from . import tables
from .codebook import Codebook, Venue
from .quotes import QUOTE_COLUMNS
from .record import Event, NewPerson, Record

Row = tuple[Any, ...]
DOCUMENT_COLUMNS = list(tables.CONTRACT["documents"].columns)
EVENT_COLUMNS = list(tables.CONTRACT["events"].columns)
MENTION_COLUMNS = list(tables.CONTRACT["mentions"].columns)
EVENT_ACTOR_COLUMNS = list(tables.CONTRACT["event_actors"].columns)
PATH_AT = DOCUMENT_COLUMNS.index("path")
ROUND_ID_AT = EVENT_COLUMNS.index("round_id")
VENUE_AT = EVENT_COLUMNS.index("venue_id")
MEDIATOR_AT = EVENT_COLUMNS.index("mediator_id")


@dataclass(frozen=True)
class ArticleRows:
    """The rows one article adds to the per-article tables, and what linking needs."""

    doc_id: str
    published: str | None
    document: Row
    events: tuple[Row, ...] = ()  # round_id is None: linking across articles fills it
    event_actors: tuple[Row, ...] = ()
    mentions: tuple[Row, ...] = ()
    quotes: tuple[Row, ...] = ()
    talks: tuple[Event, ...] = ()
    people: tuple[NewPerson, ...] = ()
    found_venues: Mapping[str, Venue] = field(default_factory=dict)

    def at_path(self, path: str) -> ArticleRows:
        """The same rows for the article read from `path` (a cached article whose folder moved)."""
        if self.document[PATH_AT] == path:
            return self
        return replace(self, document=(*self.document[:PATH_AT], path, *self.document[PATH_AT + 1 :]))


@dataclass(frozen=True)
class Summary:
    """What the cross-article steps need of one article while the articles stream past:
    its talks (for linking), the people and places it found, the spellings of the
    names it mentions and the ids its rows point to. The rows themselves wait on disk."""

    doc_id: str
    published: str | None
    talks: tuple[Event, ...]
    people: tuple[NewPerson, ...]
    found_venues: Mapping[str, Venue]
    seen: Mapping[str, frozenset[str]]  # entity_id -> the texts that name it
    actor_ids: frozenset[str]
    venue_ids: frozenset[str]


def summarise(rows: ArticleRows) -> Summary:
    """The summary of one article's rows."""
    seen: dict[str, set[str]] = {}
    actor_ids: set[str] = set()
    venue_ids: set[str] = set()
    for _, entity_type, entity_id, _, _, text in rows.mentions:
        seen.setdefault(entity_id, set()).add(text)
        (actor_ids if entity_type == "actor" else venue_ids).add(entity_id)
    actor_ids.update(actor_id for _, actor_id, _ in rows.event_actors)
    for event in rows.events:
        venue_id, mediator_id = event[VENUE_AT], event[MEDIATOR_AT]
        if mediator_id:
            actor_ids.add(mediator_id)
        if venue_id:
            venue_ids.add(venue_id)
    return Summary(
        rows.doc_id,
        rows.published,
        rows.talks,
        rows.people,
        rows.found_venues,
        {k: frozenset(v) for k, v in seen.items()},
        frozenset(actor_ids),
        frozenset(venue_ids),
    )


def article_rows(record: Record, codebook: Codebook) -> ArticleRows:
    """The rows of `record` in contract column order."""
    a = record.article
    plover = {name: spec.plover for name, spec in codebook.cues.event_types.items()}
    document = (a.doc_id, a.title, a.source, a.published, a.published_basis, a.url, str(a.path), len(a.text.split()),
                a.sha256)  # fmt: skip
    mentions = tuple(
        (a.doc_id, m.entity_type, m.entity_id, m.start, m.end, a.text[m.start : m.end])
        for sentence_mentions in record.mentions
        for m in sentence_mentions
    )
    events = tuple(_event_row(e, a.text, plover) for e in record.events)
    event_actors = tuple((e.event_id, actor_id, role) for e in record.events for actor_id, role in e.roles.items())
    quotes = tuple(
        tuple(list(value) if isinstance(value, list) else value for value in (getattr(q, c) for c in QUOTE_COLUMNS))
        for q in record.quotes
    )
    return ArticleRows(
        a.doc_id,
        a.published,
        document,
        events,
        event_actors,
        mentions,
        quotes,
        record.talks,
        record.people,
        dict(record.found_venues),
    )


def _event_row(e: Event, text: str, plover: Mapping[str, str]) -> Row:
    mediators = sum(1 for role in e.roles.values() if role == "mediator")
    fmt = None
    if e.event_type in ("talks", "meeting"):
        states = {a for a, r in e.roles.items() if r in ("participant", "mediator", "initiator", "target")}
        fmt = (
            "bilateral"
            if len(states) <= 2 and not e.mediator_id
            else ("trilateral" if mediators <= 1 else "multilateral")
        )
    return (
        e.event_id,
        e.doc_id,
        e.event_type,
        plover[e.event_type],
        e.status,
        e.date.value if e.date else None,
        e.date.precision if e.date else None,
        (e.date.text or None) if e.date else None,
        e.date.basis if e.date else None,
        e.venue_id,
        e.mediator_id,
        text[e.start : e.end],
        e.start,
        e.end,
        fmt,
        None,  # round_id
        float(e.confidence),
        e.aggregate,
    )
