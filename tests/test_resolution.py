"""Stage resolve_names: names in text resolve to canonical actors and venues, read in their context."""

from dataclasses import replace

import pytest

from data_prep.record import Span
from data_prep.resolution import resolve_names


def actors_of(record):
    return {m.entity_id for sentence in record.mentions for m in sentence if m.entity_type == "actor"}


def venues_of(record):
    return {m.entity_id for sentence in record.mentions for m in sentence if m.entity_type == "venue"}


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
    assert sum(1 for ms in x.mentions for m in ms if m.entity_id == "ivan-petrovsky") == 2


def test_unknown_person_after_a_title_with_a_domain(extract):
    x = extract("EU Special Representative for the South Caucasus Marta Kowalska said talks would resume.")
    assert "Marta Kowalska" in {p.name for p in x.people}


def test_a_title_domain_alone_is_not_a_person(extract):
    x = extract("O'Brien, also the special envoy for European and Eurasian Affairs, was expected in Baku.")
    assert x.people == ()


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


def test_a_place_from_the_world_gazetteer_travels_with_the_record_not_the_codebook(extract, codebook):
    x = extract("The talks took place in Ljubljana.")
    venue = x.found_venues["ljubljana"]
    assert venue.lat == pytest.approx(46.05, abs=0.1) and venue.kind == "city" and venue.country == "slovenia"
    assert "ljubljana" in venues_of(x) and "ljubljana" not in codebook.venues


def test_the_dateline_place_becomes_the_records_dateline_venue(through):
    text = "ALMATY, May 10 (Agency) – Talks went on."
    assert through("resolve_names", text, dateline=("Almaty", len(text))).dateline_venue == "almaty"
    elsewhere = through("resolve_names", text, dateline=("Ljubljana", len(text)))
    assert elsewhere.dateline_venue == "ljubljana" and "ljubljana" in elsewhere.found_venues


def test_resolve_names_reads_the_names_the_record_carries(through, knowledge):
    """Resolution decides between the readings find_names left in the record: a place
    span taken away leaves only the actor reading of "Washington"."""
    record = through("find_names", "Talks were held in Washington.")
    assert venues_of(resolve_names(record, knowledge)) == {"washington"}
    sentence = record.sentences[0]
    only_actor = replace(sentence, places=())
    assert venues_of(resolve_names(replace(record, sentences=(only_actor,)), knowledge)) == set()


def test_resolve_names_gives_one_tuple_of_mentions_per_sentence(through):
    record = through("resolve_names", "Aliyev spoke.\nNothing here.\nPashinyan answered.")
    assert [[m.entity_id for m in ms] for ms in record.mentions] == [["ilham-aliyev"], [], ["nikol-pashinyan"]]


def test_a_span_is_a_value():
    assert Span(0, 3, "Baku", "venue", "baku") == Span(0, 3, "Baku", "venue", "baku")


def test_a_misspelt_name_after_a_title_is_the_codebook_person(extract):
    x = extract("Foreign Minister Ararat Mirzoyn of Armenia arrived.")
    assert "ararat-mirzoyan" in actors_of(x) and x.people == ()


def test_a_demonym_inside_a_place_description_is_no_actor(extract):
    x = extract("The previous meeting, also in the Belgian capital, took place last month.")
    assert "brussels" in venues_of(x) and "belgium" not in actors_of(x)


@pytest.mark.parametrize(
    "text, venues",
    [
        ("In June, Baku and Yerevan exchanged drafts of the treaty.", set()),  # the month is what "in" places
        ("On Friday, Yerevan rejected the proposal.", set()),
        ("At the summit in Vienna, President Ilham Aliyev of Azerbaijan met Pashinyan.", {"vienna"}),
    ],
)
def test_a_preposition_does_not_reach_past_a_fronted_date_or_a_persons_name(extract, text, venues):
    assert venues_of(extract(text)) == venues
