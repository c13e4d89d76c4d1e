"""The cross-article step: tidy tables from the per-article records.

Rounds are linked across articles (linking.py), then every table of the contract
(schemas.py) is made: only the actors and venues the tables refer to, with the
spellings the articles used as aliases. Records are read, never changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

import pandas as pd

from . import display, tables
from .codebook import Codebook, Places, Venue
from .linking import assign_round_ids, rounds_table_rows
from .quotes import QUOTE_COLUMNS
from .record import Event, NewPerson, Record

ROUND_COLUMNS = list(tables.CONTRACT["rounds"].columns)
REVIEW_COLUMNS = list(tables.CONTRACT["review_names"].columns)


def found_venues(records: Sequence[Record]) -> dict[str, Venue]:
    """The world-gazetteer venues the articles found, the first finder's version kept."""
    found: dict[str, Venue] = {}
    for record in records:
        for venue_id, venue in record.found_venues.items():
            found.setdefault(venue_id, venue)
    return found


def build_tables(records: Sequence[Record], codebook: Codebook) -> dict[str, pd.DataFrame]:
    """Every table of the contract from the records of a build, in the records' order."""
    places = codebook.places(found_venues(records))
    plover = {name: spec.plover for name, spec in codebook.cues.event_types.items()}
    talks = [e for r in records for e in r.talks]
    round_ids = assign_round_ids(talks, places, codebook.cues.linking.same_round_days)
    documents: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    event_actors: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    seen: dict[str, set[str]] = {}
    for record in records:
        a = record.article
        documents.append(
            {
                "doc_id": a.doc_id,
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "published_basis": a.published_basis,
                "url": a.url,
                "path": str(a.path),
                "n_words": len(a.text.split()),
                "sha256": a.sha256,
            }
        )
        for sentence_mentions in record.mentions:
            for m in sentence_mentions:
                text = a.text[m.start : m.end]
                mentions.append(
                    {
                        "doc_id": a.doc_id,
                        "entity_type": m.entity_type,
                        "entity_id": m.entity_id,
                        "char_start": m.start,
                        "char_end": m.end,
                        "text": text,
                    }
                )
                seen.setdefault(m.entity_id, set()).add(text)
        for e in record.events:
            events.append(_event_row(e, a.text, plover, round_ids))
            event_actors.extend(
                {"event_id": e.event_id, "actor_id": actor_id, "role": role} for actor_id, role in e.roles.items()
            )
    people = {p.actor_id: p for r in records for p in r.people}
    actor_ids: set[str] = (
        {m["entity_id"] for m in mentions if m["entity_type"] == "actor"}
        | {r["actor_id"] for r in event_actors}
        | {e["mediator_id"] for e in events if e["mediator_id"]}
    )
    venue_ids: set[str] = {m["entity_id"] for m in mentions if m["entity_type"] == "venue"} | {
        e["venue_id"] for e in events if e["venue_id"]
    }
    venues = [_venue_row(places, v, seen) for v in sorted(venue_ids)]
    actor_ids |= {v["mediator_id"] for v in venues if v["mediator_id"]} | {v["country"] for v in venues if v["country"]}
    actor_ids |= {c for a in actor_ids if a in codebook.actors and (c := codebook.actors[a].country)}
    actor_ids |= {p.country for p in people.values() if p.country}
    actors = [_actor_row(codebook, people, a, seen) for a in sorted(actor_ids)]
    published = {r.article.doc_id: r.article.published for r in records}
    frames = {
        "documents": tables.frame("documents", documents),
        "actors": tables.frame("actors", actors),
        "venues": tables.frame("venues", venues),
        "events": tables.frame("events", events),
        "event_actors": tables.frame("event_actors", event_actors),
        "mentions": tables.frame("mentions", mentions),
        "rounds": pd.DataFrame(rounds_table_rows(talks, round_ids, published, codebook, places), columns=ROUND_COLUMNS),
        "quotes": pd.DataFrame([asdict(q) for r in records for q in r.quotes], columns=QUOTE_COLUMNS),
        "review_names": _review_names(records),
    }
    return frames | display.derive(frames, frames, codebook)  # what the dashboard shows, once per build


def _event_row(e: Event, text: str, plover: Mapping[str, str], round_ids: Mapping[str, str]) -> dict[str, Any]:
    mediators = sum(1 for role in e.roles.values() if role == "mediator")
    fmt = None
    if e.event_type in ("talks", "meeting"):
        states = {a for a, r in e.roles.items() if r in ("participant", "mediator", "initiator", "target")}
        fmt = (
            "bilateral"
            if len(states) <= 2 and not e.mediator_id
            else ("trilateral" if mediators <= 1 else "multilateral")
        )
    return {
        "event_id": e.event_id,
        "doc_id": e.doc_id,
        "event_type": e.event_type,
        "plover": plover[e.event_type],
        "status": e.status,
        "date": e.date.value if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "date_text": (e.date.text or None) if e.date else None,
        "date_basis": e.date.basis if e.date else None,
        "venue_id": e.venue_id,
        "mediator_id": e.mediator_id,
        "sentence": text[e.start : e.end],
        "char_start": e.start,
        "char_end": e.end,
        "format": fmt,
        "round_id": round_ids.get(e.event_id),
        "confidence": float(e.confidence),
    }


def _actor_row(
    codebook: Codebook, people: Mapping[str, NewPerson], actor_id: str, seen: Mapping[str, set[str]]
) -> dict[str, Any]:
    if actor_id in codebook.actors:
        a = codebook.actors[actor_id]
        return {
            "actor_id": a.actor_id,
            "name": a.name,
            "kind": a.kind,
            "country": a.country,
            "title": a.title,
            "aliases": sorted({*a.aliases, *seen.get(actor_id, set())} - {a.name}),
        }
    p = people[actor_id]
    return {
        "actor_id": actor_id,
        "name": p.name,
        "kind": "person",
        "country": p.country,
        "title": p.title,
        "aliases": sorted(seen.get(actor_id, set()) - {p.name}),
    }


def _venue_row(places: Places, venue_id: str, seen: Mapping[str, set[str]]) -> dict[str, Any]:
    v = places[venue_id]
    return {
        "venue_id": v.venue_id,
        "name": v.name,
        "country": v.country,
        "lat": v.lat,
        "lon": v.lon,
        "mediator_id": v.mediator_id,
        "aliases": sorted({*v.aliases, *seen.get(venue_id, set())} - {v.name}),
    }


def _review_names(records: Sequence[Record]) -> pd.DataFrame:
    """Names found from title cues that the codebook lacks: candidates for an analyst to add."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[NewPerson, str]] = {}
    for record in records:
        for p in record.people:
            counts[p.actor_id] += 1
            first.setdefault(p.actor_id, (p, record.article.doc_id))
    rows = [
        {
            "actor_id": a,
            "name": first[a][0].name,
            "title": first[a][0].title,
            "country": first[a][0].country,
            "n_documents": n,
            "first_doc_id": first[a][1],
        }
        for a, n in counts.most_common()
    ]
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)
