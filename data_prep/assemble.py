"""The cross-article step: tidy tables from the articles' rows.

Rounds are linked across articles (linking.py), then every table of the contract
(schemas.py) is made: only the actors and venues the tables refer to, with the
spellings the articles used as aliases.

A build streams its articles: `Assembly.add` takes each article's summary
(`rows.Summary`: talks, people, places, the names each entity was written as, the
ids its rows point to), while the rows wait on disk; `Assembly.finish` links the
rounds and makes the small tables (actors, venues, rounds, review_names); then
`Assembly.article_tables` makes the per-article tables (documents, events,
event_actors, mentions, quotes) for any run of articles, so they can be written a
run at a time. `build_tables` does all of it in memory, for a list of records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from . import display, tables
from .codebook import Codebook, Places, Venue
from .linking import assign_round_ids, rounds_table_rows
from .quotes import QUOTE_COLUMNS
from .record import Event, NewPerson, Record
from .rows import ROUND_ID_AT, ArticleRows, Summary, article_rows, summarise

ROUND_COLUMNS = list(tables.CONTRACT["rounds"].columns)
REVIEW_COLUMNS = list(tables.CONTRACT["review_names"].columns)
SMALL_TABLES = ("actors", "venues", "rounds", "review_names")
ARTICLE_TABLES = ("documents", "events", "event_actors", "mentions", "quotes")
TABLE_ORDER = (
    "documents",
    "actors",
    "venues",
    "events",
    "event_actors",
    "mentions",
    "rounds",
    "quotes",
    "review_names",
)


def found_venues(records: Sequence[Record]) -> dict[str, Venue]:
    """The world-gazetteer venues the articles found, the first finder's version kept."""
    found: dict[str, Venue] = {}
    for record in records:
        for venue_id, venue in record.found_venues.items():
            found.setdefault(venue_id, venue)
    return found


def build_tables(records: Sequence[Record | ArticleRows], codebook: Codebook) -> dict[str, pd.DataFrame]:
    """Every table of the contract from the records of a build, in the records' order."""
    rows = [r if isinstance(r, ArticleRows) else article_rows(r, codebook) for r in records]
    assembly = Assembly(codebook)
    for article in rows:
        assembly.add(summarise(article))
    small = assembly.finish()
    frames = {**assembly.article_tables(rows), **small}
    ordered = {name: frames[name] for name in TABLE_ORDER}
    return ordered | display.derive(ordered, ordered, codebook)  # what the dashboard shows


class Assembly:
    """The cross-article steps over articles that stream past (see the module docstring)."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.found: dict[str, Venue] = {}
        self.talks: list[Event] = []
        self.people: dict[str, NewPerson] = {}  # the last finder's version, as the actors table shows it
        self.review: dict[str, tuple[NewPerson, str]] = {}  # the first finder's version and article
        self.review_counts: Counter[str] = Counter()
        self.seen: dict[str, set[str]] = {}  # entity_id -> the spellings the articles used
        self.actor_ids: set[str] = set()
        self.venue_ids: set[str] = set()
        self.published: dict[str, str | None] = {}
        self.round_ids: Mapping[str, str] = {}

    def add(self, article: Summary) -> None:
        """Take note of one article (its summary: the rows themselves are not kept)."""
        for venue_id, venue in article.found_venues.items():
            self.found.setdefault(venue_id, venue)
        self.talks.extend(article.talks)
        for p in article.people:
            self.people[p.actor_id] = p
            self.review_counts[p.actor_id] += 1
            self.review.setdefault(p.actor_id, (p, article.doc_id))
        for entity_id, texts in article.seen.items():
            self.seen.setdefault(entity_id, set()).update(texts)
        self.actor_ids |= article.actor_ids
        self.venue_ids |= article.venue_ids
        self.published[article.doc_id] = article.published

    def finish(self) -> dict[str, pd.DataFrame]:
        """Link the rounds; the actors, venues, rounds and review_names tables."""
        codebook = self.codebook
        places = codebook.places(self.found)
        self.round_ids = assign_round_ids(self.talks, places, codebook.cues.linking, self.published)
        venues = [_venue_row(places, v, self.seen) for v in sorted(self.venue_ids)]
        actor_ids = set(self.actor_ids)
        actor_ids |= {v["mediator_id"] for v in venues if v["mediator_id"]} | {
            v["country"] for v in venues if v["country"]
        }
        actor_ids |= {c for a in actor_ids if a in codebook.actors and (c := codebook.actors[a].country)}
        actor_ids |= {p.country for p in self.people.values() if p.country}
        actors = [_actor_row(codebook, self.people, a, self.seen) for a in sorted(actor_ids)]
        rounds = rounds_table_rows(self.talks, self.round_ids, self.published, codebook, places)
        return {
            "actors": tables.frame("actors", actors),
            "venues": tables.frame("venues", venues),
            "rounds": pd.DataFrame(rounds, columns=ROUND_COLUMNS),
            "review_names": self._review_names(),
        }

    def article_tables(self, articles: Iterable[ArticleRows]) -> dict[str, pd.DataFrame]:
        """The documents, events, event_actors, mentions and quotes of `articles`, in their
        order, with the rounds `finish` linked."""
        return article_tables(articles, self.round_ids)

    def _review_names(self) -> pd.DataFrame:
        """Names found from title cues that the codebook lacks: candidates for an analyst to add."""
        rows = [
            {
                "actor_id": a,
                "name": self.review[a][0].name,
                "title": self.review[a][0].title,
                "country": self.review[a][0].country,
                "n_documents": n,
                "first_doc_id": self.review[a][1],
            }
            for a, n in self.review_counts.most_common()
        ]
        return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def article_tables(articles: Iterable[ArticleRows], round_ids: Mapping[str, str]) -> dict[str, pd.DataFrame]:
    """The per-article tables of `articles`, in their order, each talks event with the
    round linking gave it (`round_ids`; other events have none)."""
    articles = list(articles)
    events = [(*e[:ROUND_ID_AT], round_ids.get(e[0]), *e[ROUND_ID_AT + 1 :]) for a in articles for e in a.events]
    return {
        "documents": tables.frame("documents", [a.document for a in articles]),
        "events": tables.frame("events", events),
        "event_actors": tables.frame("event_actors", [r for a in articles for r in a.event_actors]),
        "mentions": tables.frame("mentions", [r for a in articles for r in a.mentions]),
        "quotes": pd.DataFrame(
            [dict(zip(QUOTE_COLUMNS, q)) for a in articles for q in a.quotes], columns=QUOTE_COLUMNS
        ),
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
