"""The codebook is data an analyst edits: it must load, hang together and be documented."""

from dataclasses import FrozenInstanceError

import pytest

from data_prep.codebook import DEFAULT_DIR, CodebookError, load, slug
from data_prep.tables import ACTOR_KINDS, EVENT_TYPES


def test_codebook_loads_with_known_actors_and_venues(codebook):
    assert codebook.actors["nikol-pashinyan"].country == "armenia"
    assert codebook.venues["granada"].mediator_id == "european-union"


def test_every_actor_kind_is_one_the_tables_accept(codebook):
    assert {a.kind for a in codebook.actors.values()} <= set(ACTOR_KINDS)


def test_every_event_type_has_a_plover_mapping_an_explanation_and_cues(codebook):
    types = codebook.cues.event_types
    assert set(types) == set(EVENT_TYPES)
    assert all(spec.plover and spec.means for spec in types.values())
    assert set(codebook.cues.event_cues) == set(EVENT_TYPES) - {"talks"}


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


def copy_codebook(folder):
    for file in DEFAULT_DIR.iterdir():
        if file.suffix in (".csv", ".json"):
            (folder / file.name).write_bytes(file.read_bytes())
    return folder


def test_an_unknown_country_in_the_codebook_is_reported(tmp_path):
    with (copy_codebook(tmp_path) / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("ghost,Ghost,person,atlantis,,,,\n")
    with pytest.raises(CodebookError, match="atlantis"):
        load(tmp_path, world=False)


@pytest.mark.parametrize(
    "file, content, message",
    [
        ("conflict.json", "{not json", r"conflict\.json: Expecting property name"),
        ("conflict.json", '{"sides": {}}', "missing column or key 'mediators'"),
        ("actors.csv", "id,name\nx,X\n", "missing column or key 'actor_id'"),
    ],
)
def test_a_malformed_codebook_file_is_a_codebook_error_naming_it(tmp_path, file, content, message):
    (copy_codebook(tmp_path) / file).write_text(content, encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        load(tmp_path, world=False)


def test_a_missing_codebook_file_is_a_codebook_error(tmp_path):
    (copy_codebook(tmp_path) / "venues.csv").unlink()
    with pytest.raises(CodebookError, match=r"venues\.csv"):
        load(tmp_path, world=False)


def test_the_codebook_is_read_only_during_a_build(codebook):
    """Finding a place in the world gazetteer gives a venue; it does not store it."""
    before = (len(codebook.venues), len(codebook.actors))
    assert codebook.world_place("Ljubljana").country == "slovenia"
    assert codebook.find_venue("ljubljana").venue_id == "ljubljana"
    assert (len(codebook.venues), len(codebook.actors)) == before
    with pytest.raises(FrozenInstanceError):
        codebook.cues = None


def test_places_look_in_the_codebook_first_then_in_what_was_found(codebook):
    ljubljana = codebook.world_place("Ljubljana")
    places = codebook.places({"ljubljana": ljubljana})
    assert places["ljubljana"] is ljubljana and places["brussels"] is codebook.venues["brussels"]
    assert places.is_country("armenia") and not places.is_country("brussels")
    with pytest.raises(KeyError):
        codebook.places({})["ljubljana"]


def test_world_states_the_codebook_lacks_are_added_but_not_ambiguous_names(codebook):
    assert codebook.actors["hungary"].kind == "state" and codebook.venues["hungary"].kind == "country"
    assert "chad" not in codebook.actors and "jordan" not in codebook.actors


def test_the_conflict_has_a_name(codebook):
    assert codebook.name == "Armenia\u2013Azerbaijan peace process"


@pytest.mark.parametrize(
    "name, expected", [("James O\u2019Brien", "james-obrien"), ("Kassym-Jomart Tokayev", "kassym-jomart-tokayev")]
)
def test_slug(name, expected):
    assert slug(name) == expected
