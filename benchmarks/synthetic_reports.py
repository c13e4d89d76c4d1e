"""The generator's reports: articles, the events read from them, their actors, mentions and quotes.

Shaped like what the build writes (`pipeline.assemble`), drawn from a `World`
(`benchmarks.synthetic_world`) with skewed choices, as real reporting is: a few
outlets carry most articles, and events bunch around the real rounds in time.
Each table is drawn from the one generator passed in; `benchmarks.generate`
calls them in a fixed order, so one seed gives the same tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.synthetic_vocab import CLAUSES, PHRASES, PLOVER, TYPE_WEIGHTS, invented_names, zipf_weights
from benchmarks.synthetic_world import END, START, World

# The missing value for `np.where`: numpy's stubs take arrays, not a bare None, and this
# 0-d object array broadcasts to the same object-dtype result that None gave.
MISSING = np.array(None, dtype=object)


def documents_table(rng: np.random.Generator, n_events: int) -> pd.DataFrame:
    """The articles: about five events each, outlets Zipf-distributed, most dated by the manifest."""
    span_days = (END - START).days
    n_docs = max(5, n_events // 5)
    outlets = [f"{w} {k}" for w, k in zip(invented_names(rng, 80), ["News", "Times", "Agency", "Post"] * 20)]
    doc_day = START + pd.to_timedelta(rng.integers(0, span_days, n_docs), unit="D")
    doc_ids = np.array([f"{i:06d}_{x:012x}" for i, x in enumerate(rng.integers(0, 2**48, n_docs))], dtype=object)
    basis = rng.choice(["manifest", "text", "none"], n_docs, p=[0.6, 0.35, 0.05])
    published = np.where(basis == "none", MISSING, doc_day.strftime("%Y-%m-%d"))
    documents = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "title": [
                f"{a} and {b} {c}"
                for a, b, c in zip(
                    *(
                        rng.choice(["Armenia", "Azerbaijan", "Mediators", "Leaders", "Ministers"], n_docs)
                        for _ in range(2)
                    ),
                    rng.choice(
                        ["meet again", "trade accusations", "agree on border section", "postpone talks"], n_docs
                    ),
                )
            ],
            "source": rng.choice(outlets, n_docs, p=zipf_weights(len(outlets), 1.0)),
            "published": published,
            "published_basis": basis,
            "url": [f"https://news.example.org/{d}" for d in doc_ids],
            "path": [f"feed/{d}.html" for d in doc_ids],
            "n_words": rng.integers(150, 1500, n_docs),
            "sha256": [f"{x:064x}" for x in rng.integers(0, 2**62, n_docs)],
        }
    )
    return documents


def events_table(rng: np.random.Generator, world: World, documents: pd.DataFrame, n_events: int) -> pd.DataFrame:
    """The events: talks mention a real round (one in twenty a loose mention), others happen near a round or any day.

    Each event's sentence is stitched from the vocabulary's phrases and clauses; its
    round is keyed as the linking stage keys it (venue and month), and undated or
    publication-dated mentions stand alone.
    """
    span_days = (END - START).days
    n_docs = len(documents)
    doc_ids = documents["doc_id"].to_numpy()
    doc_of = np.sort(rng.integers(0, n_docs, n_events))
    types = np.array(list(TYPE_WEIGHTS))
    event_type = rng.choice(types, n_events, p=np.array(list(TYPE_WEIGHTS.values())) / sum(TYPE_WEIGHTS.values()))
    is_talks = event_type == "talks"
    # talks mention a real round (5% are loose mentions); others happen near a round or anywhere
    round_of = np.where(is_talks, rng.integers(0, world.n_rounds, n_events), -1)
    loose = is_talks & (rng.random(n_events) < 0.05)
    near_round = rng.integers(0, world.n_rounds, n_events)
    jitter = rng.normal(0, 20, n_events).astype(int)
    day = np.where(
        is_talks,
        (world.round_day[np.maximum(round_of, 0)] - START).days,
        np.where(
            rng.random(n_events) < 0.6,
            (world.round_day[near_round] - START).days + jitter,
            rng.integers(0, span_days, n_events),
        ),
    )
    day = np.clip(day, 0, span_days)
    when = START + pd.to_timedelta(day, unit="D")
    precision = rng.choice(["day", "month", "year", "none"], n_events, p=[0.6, 0.25, 0.05, 0.10])
    date = np.where(
        precision == "day",
        when.strftime("%Y-%m-%d"),
        np.where(
            precision == "month", when.strftime("%Y-%m"), np.where(precision == "year", when.strftime("%Y"), MISSING)
        ),
    )
    date_basis = np.where(
        precision == "none", MISSING, rng.choice(["explicit", "relative", "publication"], n_events, p=[0.5, 0.25, 0.25])
    )
    venue = np.where(
        is_talks,
        world.round_venue[np.maximum(round_of, 0)],
        np.where(rng.random(n_events) < 0.35, rng.choice(world.venue_pool, n_events, p=world.venue_p), MISSING),
    )
    mediator = np.where(
        is_talks,
        world.round_mediator[np.maximum(round_of, 0)],
        np.where(rng.random(n_events) < 0.3, rng.choice(world.mediators, n_events, p=world.mediator_p), MISSING),
    )
    status = np.where(is_talks, world.round_status[np.maximum(round_of, 0)], MISSING)
    status = np.where(
        is_talks & (rng.random(n_events) < 0.1), rng.choice(["held", "planned", "cancelled"], n_events), status
    )
    # rounds as the linking stage keys them: venue and month; undated or publication-dated mentions stand alone
    event_ids = np.array([f"{x:016x}" for x in rng.integers(0, 2**63, n_events)], dtype=object)
    linkable = is_talks & ~loose & (precision != "none") & (date_basis != "publication") & (precision != "year")
    month = when.strftime("%Y-%m")
    round_id = np.where(
        linkable,
        pd.Series(world.round_venue[np.maximum(round_of, 0)]).astype(str).to_numpy() + "-" + month.to_numpy(),
        np.where(is_talks, doc_ids[doc_of] + "-" + pd.Series(event_ids).str.slice(0, 8).to_numpy(), MISSING),
    )
    places = pd.Series(world.venues.set_index("venue_id")["name"]).reindex(venue).fillna("the region").to_numpy()
    phrase = rng.integers(0, len(PHRASES), n_events)
    clause = np.where(is_talks, rng.choice([0, 2, 7], n_events), rng.integers(0, len(CLAUSES), n_events))
    speaker_names = rng.choice(world.actors["name"].to_numpy(), n_events, p=world.actor_p)
    day_names = np.array(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])[day % 5]
    sentence = [
        f"{s} {PHRASES[p].format(day=d, place=pl)} {CLAUSES[c].format(place=pl)}."
        for s, p, c, d, pl in zip(speaker_names, phrase, clause, day_names, places)
    ]
    char_start = rng.integers(0, 4000, n_events)
    lengths = np.fromiter((len(s) for s in sentence), dtype=np.int64, count=n_events)
    events = pd.DataFrame(
        {
            "event_id": event_ids,
            "doc_id": doc_ids[doc_of],
            "event_type": event_type,
            "plover": pd.Series(event_type).map(PLOVER).to_numpy(),
            "status": status,
            "date": date,
            "date_precision": np.where(precision == "none", MISSING, precision),
            "date_text": np.where(precision == "none", MISSING, day_names),
            "date_basis": date_basis,
            "venue_id": venue,
            "mediator_id": mediator,
            "sentence": sentence,
            "char_start": char_start,
            "char_end": char_start + lengths,
            "format": np.where(is_talks, "trilateral", MISSING),
            "round_id": round_id,
            "confidence": np.round(rng.uniform(0.4, 0.99, n_events), 2),
        }
    )
    return events


def event_actors_table(rng: np.random.Generator, world: World, events: pd.DataFrame) -> pd.DataFrame:
    """Two to four actors per event, the parties most often; talks also name their mediator."""
    n_events = len(events)
    event_ids = events["event_id"].to_numpy()
    mediator = events["mediator_id"].to_numpy()
    is_talks = (events["event_type"] == "talks").to_numpy()
    per_event = rng.integers(2, 5, n_events)
    ea_event = np.repeat(np.arange(n_events), per_event)
    ea_actor = rng.choice(world.actor_pool, len(ea_event), p=world.actor_p)
    roles = rng.choice(["participant", "initiator", "target", "speaker"], len(ea_event), p=[0.45, 0.25, 0.2, 0.1])
    event_actors = pd.DataFrame({"event_id": event_ids[ea_event], "actor_id": ea_actor, "role": roles})
    with_mediator = np.flatnonzero(pd.notna(mediator) & is_talks)
    event_actors = pd.concat(
        [
            event_actors,
            pd.DataFrame(
                {"event_id": event_ids[with_mediator], "actor_id": mediator[with_mediator], "role": "mediator"}
            ),
        ],
        ignore_index=True,
    ).drop_duplicates(["event_id", "actor_id", "role"])
    return event_actors


def mentions_table(rng: np.random.Generator, world: World, events: pd.DataFrame) -> pd.DataFrame:
    """About four entity mentions per event, within its document and near its sentence."""
    n_events = len(events)
    event_doc_ids = events["doc_id"].to_numpy()
    char_start = events["char_start"].to_numpy()
    n_mentions = n_events * 4
    m_event = rng.integers(0, n_events, n_mentions)
    is_venue = rng.random(n_mentions) < 0.2
    m_start = char_start[m_event] + rng.integers(0, 120, n_mentions)
    mentions = pd.DataFrame(
        {
            "doc_id": event_doc_ids[m_event],
            "entity_type": np.where(is_venue, "venue", "actor"),
            "entity_id": np.where(
                is_venue,
                rng.choice(world.venue_pool, n_mentions, p=world.venue_p),
                rng.choice(world.actor_pool, n_mentions, p=world.actor_p),
            ),
            "char_start": m_start,
            "char_end": m_start + rng.integers(4, 20, n_mentions),
            "text": "name",
        }
    ).sort_values(["doc_id", "char_start"], kind="stable")
    return mentions


def quotes_table(rng: np.random.Generator, world: World, events: pd.DataFrame) -> pd.DataFrame:
    """One quote per two events; one in ten an accusation, most of those against a mediator."""
    n_events = len(events)
    event_doc_ids = events["doc_id"].to_numpy()
    char_start = events["char_start"].to_numpy()
    lengths = events["char_end"].to_numpy() - char_start
    n_quotes = n_events // 2
    q_event = rng.integers(0, n_events, n_quotes)
    q_accusation = rng.random(n_quotes) < 0.1
    q_mediator = np.where(
        q_accusation & (rng.random(n_quotes) < 0.8), rng.choice(world.mediators, n_quotes, p=world.mediator_p), MISSING
    )
    q_about = rng.choice(world.actor_pool, n_quotes, p=world.actor_p)
    q_start = char_start[q_event] + 5
    quotes = pd.DataFrame(
        {
            "quote_id": [f"{x:016x}" for x in rng.integers(0, 2**63, n_quotes)],
            "doc_id": event_doc_ids[q_event],
            "speaker_id": np.where(
                rng.random(n_quotes) < 0.85, rng.choice(world.actor_pool, n_quotes, p=world.actor_p), MISSING
            ),
            "text": np.where(
                q_accusation,
                "“the approach of the mediator is one-sided and biased”",
                "“we remain committed to the peace process”",
            ),
            "char_start": q_start,
            "char_end": q_start + 50,
            "sentence_start": char_start[q_event],
            "sentence_end": char_start[q_event] + lengths[q_event],
            "about": [[a] if m is None else sorted({a, m}) for a, m in zip(q_about, q_mediator)],
            "mediators": [[] if m is None else [m] for m in q_mediator],
            "accusation": q_accusation,
        }
    )
    return quotes
