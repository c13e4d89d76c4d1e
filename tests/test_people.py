"""People beyond the codebook's exact names: titles, misspellings, namesakes, later surnames."""

import pytest


def people_in(record):
    return {a.key: a.how for s in record.sentences for a in s.actors}


@pytest.mark.parametrize(
    "text, name, title, country",
    [
        ("Russian political scientist Ivan Petrovsky said so.", "Ivan Petrovsky", "political scientist", "russia"),
        (
            "EU Special Representative for the South Caucasus Marta Kowalska said talks would resume.",
            "Marta Kowalska",
            "Special Representative for the South Caucasus",
            "european-union",
        ),
    ],
)
def test_a_person_the_codebook_lacks_is_found_from_the_title(through, text, name, title, country):
    (person,) = through("find_names", text).people
    assert (person.name, person.title, person.country) == (name, title, country)
    assert person.actor_id in people_in(through("find_names", text))


def test_a_later_bare_surname_points_to_the_person_found(through):
    record = through("find_names", "Russian political scientist Ivan Petrovsky said so. Petrovsky added more.")
    hows = [a.how for s in record.sentences for a in s.actors if a.key == "ivan-petrovsky"]
    assert hows == ["title", "coref"]


def test_a_misspelt_surname_is_the_codebook_person(through):
    assert people_in(through("find_names", "Pashiniyan arrived in Brussels.")).get("nikol-pashinyan") == "fuzzy"


def test_a_misspelt_name_after_a_title_is_no_new_person(through):
    record = through("find_names", "Foreign Minister Ararat Mirzoyn of Armenia arrived.")
    assert record.people == () and people_in(record)["ararat-mirzoyan"] == "fuzzy"


@pytest.mark.parametrize("text", ["By Kamran Aliyev, staff reporter", "Elnur Aliyev wrote the report."])
def test_a_namesake_is_not_the_codebook_person(through, text):
    assert "ilham-aliyev" not in people_in(through("find_names", text))


def test_a_misspelt_first_name_still_counts(through):
    assert "nikol-pashinyan" in people_in(through("find_names", "Nkil Pashinyan said so."))


def test_words_that_are_never_names_make_no_person(through):
    record = through("find_names", "O'Brien, also the special envoy for European and Eurasian Affairs, was expected.")
    assert record.people == ()
