"""The codebook is data an analyst edits: it must load, hang together and be documented."""

import pytest

from data_prep.codebook import DEFAULT_DIR, CodebookError, load, slug
from data_prep.tables import ACTOR_KINDS, EVENT_TYPES


def test_codebook_loads_with_known_actors_and_venues(codebook):
    assert codebook.actors["nikol-pashinyan"].country == "armenia"
    assert codebook.venues["granada"].mediator_id == "european-union"


def test_every_actor_kind_is_one_the_tables_accept(codebook):
    assert {a.kind for a in codebook.actors.values()} <= set(ACTOR_KINDS)


def test_every_event_type_has_a_plover_mapping_an_explanation_and_cues(codebook):
    types = codebook.cues["event_types"]
    assert set(types) == set(EVENT_TYPES)
    assert all(spec["plover"] and spec["means"] for spec in types.values())
    assert set(codebook.cues["event_cues"]) == set(EVENT_TYPES) - {"talks"}


def test_every_mediation_venue_has_coordinates(codebook):
    for venue in codebook.venues.values():
        if venue.mediator_id:
            assert venue.lat is not None and venue.lon is not None, venue.venue_id


@pytest.mark.parametrize("name", ["actors.csv", "venues.csv", "countries.csv", "conflict.json", "cues.json"])
def test_every_codebook_file_is_documented(name):
    assert f"`{name}`" in (DEFAULT_DIR / "README.md").read_text()


def test_the_conflict_sides(codebook):
    assert codebook.side("ilham-aliyev") == "azerbaijan"
    assert codebook.side("united-states") is None
    assert codebook.mediator_of("antony-blinken") == "united-states"


def test_an_unknown_country_in_the_codebook_is_reported(tmp_path):
    for file in DEFAULT_DIR.iterdir():
        if file.suffix in (".csv", ".json"):
            (tmp_path / file.name).write_bytes(file.read_bytes())
    with (tmp_path / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("ghost,Ghost,person,atlantis,,,,\n")
    with pytest.raises(CodebookError, match="atlantis"):
        load(tmp_path)


@pytest.mark.parametrize(
    "name, expected", [("James O\u2019Brien", "james-obrien"), ("Kassym-Jomart Tokayev", "kassym-jomart-tokayev")]
)
def test_slug(name, expected):
    assert slug(name) == expected
