"""Names in text resolve to canonical actors and venues, read in their context."""

import pytest


def actors_of(extraction):
    return {m["entity_id"] for m in extraction.mentions if m["entity_type"] == "actor"}


def venues_of(extraction):
    return {m["entity_id"] for m in extraction.mentions if m["entity_type"] == "venue"}


@pytest.mark.parametrize(
    "text",
    [
        "Pashinyan spoke.",
        "Nikol Pashinyan spoke.",
        "Prime Minister Pashinyan spoke.",
        "Prime Minister Nkil Pashinyan spoke.",
        "Armenian premier Nikol Pashinian spoke.",
    ],
)
def test_spellings_of_one_person_are_one_actor(extract, text):
    assert "nikol-pashinyan" in actors_of(extract(text))


@pytest.mark.parametrize(
    "text", ["O'Brien said so.", "O\u2019Brien said so.", "James O\u2019Brien\u2019s visit ended."]
)
def test_apostrophes_do_not_split_an_actor(extract, text):
    assert actors_of(extract(text)) == {"james-obrien"}


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Azerbaijani officials objected.", "azerbaijan"),
        ("Washington\u2019s bias angered them.", "united-states"),
        ("Baku said it would not come.", "azerbaijan"),
        ("Yerevan welcomed the step.", "armenia"),
        ("Moscow has a role.", "russia"),
        ("The Kremlin said nothing.", "russia"),
    ],
)
def test_demonyms_possessives_and_capitals_resolve_to_the_state(extract, text, actor):
    assert actor in actors_of(extract(text))


def test_a_capital_used_as_a_place_is_a_venue_not_a_government(extract):
    x = extract("Ali Asadov told a forum in Tbilisi last month that peace was near.")
    assert "georgia" not in actors_of(x)
    assert "tbilisi" in venues_of(x)


def test_a_country_named_as_a_place_is_a_venue_not_an_actor(extract):
    x = extract("Aliyev refused to attend a round of negotiations with Pashinyan in Spain.")
    assert "spain" in venues_of(x)
    assert "spain" not in actors_of(x)


def test_hyphenated_route_names_are_not_governments(extract):
    assert "georgia" not in actors_of(extract("Washington once opposed the Baku-Tbilisi-Kars project."))


def test_unknown_person_found_from_title_with_country(extract):
    x = extract("Russian political scientist Ivan Petrovsky said in a post. Petrovsky added more.")
    person = next(p for p in x.people if p.name == "Ivan Petrovsky")
    assert person.country == "russia" and person.title == "political scientist"
    assert sum(1 for m in x.mentions if m["entity_id"] == "ivan-petrovsky") == 2


def test_unknown_person_after_a_title_with_a_domain(extract):
    x = extract("EU Special Representative for the South Caucasus Marta Kowalska said talks would resume.")
    assert "Marta Kowalska" in {p.name for p in x.people}


def test_a_title_domain_alone_is_not_a_person(extract):
    x = extract("O'Brien, also the special envoy for European and Eurasian Affairs, was expected in Baku.")
    assert x.people == []


def test_a_namesake_is_not_the_codebook_person(extract):
    assert "ilham-aliyev" not in actors_of(extract("By Kamran Aliyev, staff reporter"))


def test_media_outlets_are_actors_of_kind_media(extract, codebook):
    x = extract("Russia\u2019s Tass news agency reported Thursday.")
    assert "tass" in actors_of(x)
    assert codebook.actors["tass"].kind == "media"


@pytest.mark.parametrize(
    "text, venue",
    [
        ("They met in the US capital at the end of June 2023.", "washington"),
        ("Talks were held in the Black Sea resort of Sochi.", "sochi"),
        ("A Brussels meeting will not take place.", "brussels"),
        ("The parties are prepared to return to Washington.", "washington"),
        ("Leaders met in the capital of the United Arab Emirates.", "abu-dhabi"),
        ("They met on the sidelines of the Munich Security Conference.", "munich"),
        ("The ministers met in Dushanbe on Friday.", "dushanbe"),
        ("A meeting was floated for Moscow on 9 November.", "moscow"),
    ],
)
def test_places_of_events(extract, text, venue):
    assert venue in venues_of(extract(text))


@pytest.mark.parametrize(
    "text", ["Washington remains serious about it.", "Support to Armenia continues.", "In May the talks resumed."]
)
def test_names_not_used_as_places_make_no_venue(extract, text):
    assert venues_of(extract(text)) == set()


def test_a_place_from_the_world_gazetteer_gets_coordinates(extract, codebook):
    extract("The talks took place in Tirana.")
    venue = codebook.venue("tirana")
    assert venue.lat == pytest.approx(41.33, abs=0.1) and venue.kind == "city"


def test_a_quote_is_credited_to_who_said_it(extract):
    x = extract('"There cannot be business as usual," O\'Brien said of relations with Baku.')
    assert [(q["speaker_id"], q["accusation"]) for q in x.quotes] == [("james-obrien", False)]


def test_a_quote_calling_a_mediator_biased_is_an_accusation_about_it(extract):
    x = extract('Aliyev said the talks failed because of the "biased position of the United States."')
    quote = x.quotes[0]
    assert quote["speaker_id"] == "ilham-aliyev" and quote["mediators"] == ["united-states"] and quote["accusation"]


def test_a_misspelt_name_after_a_title_is_the_codebook_person(extract):
    x = extract("Foreign Minister Ararat Mirzoyn of Armenia arrived.")
    assert "ararat-mirzoyan" in actors_of(x) and x.people == []


def test_a_demonym_inside_a_place_description_is_no_actor(extract):
    x = extract("The previous meeting, also in the Belgian capital, took place last month.")
    assert "brussels" in venues_of(x) and "belgium" not in actors_of(x)
