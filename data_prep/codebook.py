"""The codebook: what peacetrack knows about a conflict, loaded from data files.

Everything specific to one peace process lives in `data_prep/codebook/` (see its
README): actors with aliases, demonyms and capitals; venues with coordinates and
mediation tracks; the conflict's sides and mediators; cue words for event types,
statuses and titles. Following another conflict means editing those files, not code.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

DEFAULT_DIR = Path(__file__).parent / "codebook"


def slug(name: str) -> str:
    """'James O’Brien' -> 'james-obrien': a stable id from a name."""
    name = name.replace("\u2019", "'").lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _blank_to_none(cell: str | None) -> str | None:
    cell = (cell or "").strip()
    return cell or None


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    kind: str
    country: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Venue:
    venue_id: str
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    mediator_id: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Codebook:
    actors: dict[str, Actor]
    venues: dict[str, Venue]
    sides: dict[str, list[str]]
    mediators: list[str]
    cues: dict
    source_dir: Path = field(default=DEFAULT_DIR)
    found_venues: dict[str, Venue] = field(default_factory=dict)

    def venue(self, venue_id: str) -> Venue:
        """A curated venue, or one found in the world gazetteer during this build."""
        return self.venues.get(venue_id) or self.found_venues[venue_id]

    def add_found_venue(self, venue: Venue) -> Venue:
        return self.venues.get(venue.venue_id) or self.found_venues.setdefault(venue.venue_id, venue)

    def find_venue(self, name: str) -> Venue | None:
        """A venue by its name or an alias, ignoring case; the world gazetteer after the codebook."""
        wanted = name.strip().lower()
        for venue in self.venues.values():
            if wanted in (venue.name.lower(), *(a.lower() for a in venue.aliases)):
                return venue
        from .gazetteer import lookup

        found = lookup(name.strip().title(), self)
        return self.add_found_venue(found) if found else None

    def host_country(self, venue_id: str | None) -> str | None:
        """The state hosting a venue, if it is not a conflict party: the fallback mediator."""
        if not venue_id:
            return None
        venue = self.venue(venue_id)
        if venue.country and venue.country in self.actors and self.side(venue.country) is None:
            return venue.country
        return None

    @cached_property
    def side_of(self) -> dict[str, str]:
        """actor_id -> side, for the states of each side (people inherit via `country`)."""
        return {actor_id: side for side, members in self.sides.items() for actor_id in members}

    def side(self, actor_id: str) -> str | None:
        """Which conflict side an actor stands on, through its country if it has one."""
        if actor_id in self.side_of:
            return self.side_of[actor_id]
        actor = self.actors.get(actor_id)
        if actor and actor.country:
            return self.side_of.get(actor.country)
        return None

    def mediator_of(self, actor_id: str) -> str | None:
        """The mediating state or organisation an actor speaks for, if any."""
        if actor_id in self.mediators:
            return actor_id
        actor = self.actors.get(actor_id)
        if actor and actor.country in self.mediators:
            return actor.country
        return None

    @cached_property
    def venue_for_country(self) -> dict[str, Venue]:
        """Country-level venues (a state named as a place), keyed by actor_id."""
        return {v.venue_id: v for v in self.venues.values() if v.kind == "country"}


def load(directory: Path | str = DEFAULT_DIR, world: bool = True) -> Codebook:
    """Read the codebook files in `directory`; with `world`, add the world's other
    states from the gazetteer so that any state an article names is recognised.

    >>> cb = load()
    >>> cb.actors["nikol-pashinyan"].name
    'Nikol Pashinyan'
    """
    directory = Path(directory)
    actors = {row.actor_id: row for row in _read_actors(directory / "actors.csv")}
    venues = {row.venue_id: row for row in _read_venues(directory / "venues.csv")}
    for venue in _read_countries(directory / "countries.csv", actors):
        venues.setdefault(venue.venue_id, venue)
    conflict = json.loads((directory / "conflict.json").read_text(encoding="utf-8"))
    cues = json.loads((directory / "cues.json").read_text(encoding="utf-8"))
    codebook = Codebook(actors, venues, conflict["sides"], conflict["mediators"], cues, directory)
    _check(codebook)
    if world:
        from .gazetteer import world_states

        extra_actors, extra_venues = world_states(codebook)
        codebook.actors.update({a.actor_id: a for a in extra_actors})
        codebook.venues.update({v.venue_id: v for v in extra_venues})
    return codebook


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _read_actors(path: Path) -> list[Actor]:
    return [
        Actor(
            actor_id=row["actor_id"].strip(),
            name=row["name"].strip(),
            kind=row["kind"].strip(),
            country=_blank_to_none(row.get("country")),
            title=_blank_to_none(row.get("title")),
            aliases=tuple(_split(row.get("aliases"))),
            demonyms=tuple(_split(row.get("demonyms"))),
            metonyms=tuple(_split(row.get("metonyms"))),
        )
        for row in _read_csv(path)
    ]


def _read_venues(path: Path) -> list[Venue]:
    return [
        Venue(
            venue_id=row["venue_id"].strip(),
            name=row["name"].strip(),
            kind=row["kind"].strip(),
            country=_blank_to_none(row.get("country")),
            lat=float(row["lat"]) if row.get("lat") else None,
            lon=float(row["lon"]) if row.get("lon") else None,
            mediator_id=_blank_to_none(row.get("mediator_id")),
            aliases=tuple(_split(row.get("aliases"))),
        )
        for row in _read_csv(path)
    ]


def _read_countries(path: Path, actors: dict[str, Actor]) -> list[Venue]:
    """States named as places ("talks in Spain") become country-level venues."""
    venues = []
    for row in _read_csv(path):
        actor = actors.get(row["actor_id"])
        aliases = tuple(a for a in (actor.aliases if actor else ()) if not a.endswith("government"))
        venues.append(
            Venue(
                venue_id=row["venue_id"].strip(),
                name=row["name"].strip(),
                kind="country",
                country=row["actor_id"].strip(),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                mediator_id=None,
                aliases=aliases,
            )
        )
    return venues


class CodebookError(ValueError):
    """The codebook files contradict themselves (an unknown id, a duplicate)."""


def _check(codebook: Codebook) -> None:
    known = set(codebook.actors)
    for actor in codebook.actors.values():
        if actor.country and actor.country not in known:
            raise CodebookError(f"actor {actor.actor_id}: unknown country {actor.country}")
    for venue in codebook.venues.values():
        if venue.mediator_id and venue.mediator_id not in known:
            raise CodebookError(f"venue {venue.venue_id}: unknown mediator {venue.mediator_id}")
        if venue.country and venue.country not in known:
            raise CodebookError(f"venue {venue.venue_id}: unknown country {venue.country}")
    for actor_id in [*codebook.mediators, *(a for m in codebook.sides.values() for a in m)]:
        if actor_id not in known:
            raise CodebookError(f"conflict.json names unknown actor {actor_id}")
