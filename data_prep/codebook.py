"""The codebook: what peacetrack knows about a conflict, loaded from data files.

Everything specific to one peace process lives in `data_prep/codebook/` (see its
README): actors with aliases, demonyms and capitals; venues with coordinates and
mediation tracks; the conflict's sides and mediators; cue words for event types,
statuses and titles (`cues.json`, see `cues.py`). Following another conflict means
editing those files, not code.

A loaded codebook is read-only: a build never writes into it, so one codebook can
serve any number of articles, in any order, in any number of processes. Places the
world gazetteer supplies for an article travel with that article's record instead
(see `Places`).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from . import gazetteer
from .cues import Cues, load_cues
from .errors import CodebookError

DEFAULT_DIR = Path(__file__).parent / "codebook"
T = TypeVar("T")
WORLD_STATE_MIN_POPULATION = 1_000_000


def slug(name: str) -> str:
    """'James O’Brien' -> 'james-obrien': a stable id from a name."""
    name = name.replace("\u2019", "'").lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


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


@dataclass(frozen=True)
class Codebook:
    actors: Mapping[str, Actor]
    venues: Mapping[str, Venue]
    sides: Mapping[str, list[str]]
    mediators: list[str]
    cues: Cues
    name: str = ""
    source_dir: Path = field(default=DEFAULT_DIR)

    def find_venue(self, name: str) -> Venue | None:
        """A venue by its name or an alias, ignoring case; the world gazetteer after the codebook."""
        wanted = name.strip().lower()
        for venue in self.venues.values():
            if wanted in (venue.name.lower(), *(a.lower() for a in venue.aliases)):
                return venue
        return self.world_place(name.strip().title())

    def world_place(self, name: str) -> Venue | None:
        """A venue from the world gazetteer for a place the codebook lacks, or None.

        >>> load().world_place("Dushanbe").kind
        'city'
        """
        place = gazetteer.lookup(name)
        if place is None:
            return None
        country = self._state_named.get(place.country_name) if place.country_name else None
        return Venue(slug(place.name), place.name, place.kind, country, place.lat, place.lon, None, ())

    @cached_property
    def _state_named(self) -> dict[str, str]:
        """State name or alias -> actor_id, the first state listed winning."""
        named: dict[str, str] = {}
        for actor in self.actors.values():
            if actor.kind == "state":
                for name in (actor.name, *actor.aliases):
                    named.setdefault(name, actor.actor_id)
        return named

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

    def kind(self, actor_id: str) -> str:
        """An actor's kind; people found from their title are not in the codebook."""
        actor = self.actors.get(actor_id)
        return actor.kind if actor else "person"

    def places(self, found: Mapping[str, Venue]) -> Places:
        """The venues of this codebook together with those `found` in the world gazetteer."""
        return Places(self, found)


@dataclass(frozen=True)
class Places:
    """Venues by id: the codebook's own first, then those the world gazetteer supplied
    for the articles at hand (an article's record carries what it found)."""

    codebook: Codebook
    found: Mapping[str, Venue]

    def __getitem__(self, venue_id: str) -> Venue:
        return self.codebook.venues.get(venue_id) or self.found[venue_id]

    def is_country(self, venue_id: str) -> bool:
        return self[venue_id].kind == "country"


def load(directory: Path | str = DEFAULT_DIR, world: bool = True) -> Codebook:
    """Read the codebook files in `directory`; with `world`, add the world's other
    states from the gazetteer so that any state an article names is recognised.

    Raises CodebookError when a file is missing, malformed or names an unknown id.

    >>> cb = load()
    >>> cb.actors["nikol-pashinyan"].name
    'Nikol Pashinyan'
    """
    directory = Path(directory)
    actors = {row.actor_id: row for row in _read(directory / "actors.csv", _read_actors)}
    venues = {row.venue_id: row for row in _read(directory / "venues.csv", _read_venues)}
    for venue in _read(directory / "countries.csv", lambda path: _read_countries(path, actors)):
        venues.setdefault(venue.venue_id, venue)
    sides, mediators, name = _read(directory / "conflict.json", _read_conflict)
    cues = load_cues(directory / "cues.json")
    _check(actors, venues, sides, mediators)
    if world:
        extra_actors, extra_venues = _world_states(actors, venues, cues)
        actors.update({a.actor_id: a for a in extra_actors})
        venues.update({v.venue_id: v for v in extra_venues})
    return Codebook(actors, venues, sides, mediators, cues, name, directory)


def _read(path: Path, reader: Callable[[Path], T]) -> T:
    """`reader(path)`, any failure reported as a CodebookError naming the file."""
    try:
        return reader(path)
    except OSError as error:
        raise CodebookError(f"cannot read {path}: {error.strerror or error}") from None
    except KeyError as error:
        raise CodebookError(f"{path.name}: missing column or key {error}") from None
    except ValueError as error:
        raise CodebookError(f"{path.name}: {error}") from None


def _read_conflict(path: Path) -> tuple[dict[str, list[str]], list[str], str]:
    conflict = json.loads(path.read_text(encoding="utf-8"))
    return conflict["sides"], conflict["mediators"], conflict.get("name", "")


def _world_states(actors: dict[str, Actor], venues: dict[str, Venue], cues: Cues) -> tuple[list[Actor], list[Venue]]:
    """States the codebook lacks ("Hungary said", "talks in Malta"), as actors and as
    country venues, so any state an article names is found. Names that are also
    common words or first names (`ambiguous_country_names` in cues.json) are left out."""
    known = {name for actor in actors.values() for name in (actor.name, *actor.aliases)}
    new_actors, new_venues = [], []
    for country in gazetteer.countries():
        if (
            country.name in known
            or country.name in cues.ambiguous_country_names
            or country.population < WORLD_STATE_MIN_POPULATION
        ):
            continue
        actor_id = slug(country.name)
        if actor_id in actors or actor_id in venues:
            continue
        capital = country.capital
        new_actors.append(Actor(actor_id=actor_id, name=country.name, kind="state"))
        new_venues.append(
            Venue(
                actor_id,
                country.name,
                "country",
                actor_id,
                capital.lat if capital else None,
                capital.lon if capital else None,
            )
        )
    return new_actors, new_venues


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _blank_to_none(cell: str | None) -> str | None:
    cell = (cell or "").strip()
    return cell or None


def _read_actors(path: Path) -> list[Actor]:
    return [
        Actor(
            actor_id=row["actor_id"].strip(),
            name=row["name"].strip(),
            kind=row["kind"].strip(),
            country=_blank_to_none(row.get("country")),
            title=_blank_to_none(row.get("title")),
            aliases=_split(row.get("aliases")),
            demonyms=_split(row.get("demonyms")),
            metonyms=_split(row.get("metonyms")),
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
            aliases=_split(row.get("aliases")),
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


def _check(
    actors: dict[str, Actor], venues: dict[str, Venue], sides: Mapping[str, list[str]], mediators: list[str]
) -> None:
    """Every id the codebook files point to is an actor they define."""
    known = set(actors)
    for actor in actors.values():
        if actor.country and actor.country not in known:
            raise CodebookError(f"actor {actor.actor_id}: unknown country {actor.country}")
    for venue in venues.values():
        if venue.mediator_id and venue.mediator_id not in known:
            raise CodebookError(f"venue {venue.venue_id}: unknown mediator {venue.mediator_id}")
        if venue.country and venue.country not in known:
            raise CodebookError(f"venue {venue.venue_id}: unknown country {venue.country}")
    for actor_id in [*mediators, *(a for members in sides.values() for a in members)]:
        if actor_id not in known:
            raise CodebookError(f"conflict.json names unknown actor {actor_id}")
