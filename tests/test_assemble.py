"""The cross-article step: every table of the contract from the records of a build."""

from data_prep import tables
from data_prep.assemble import build_tables, found_venues


def test_every_table_of_the_contract_is_made_and_fits_together(extract, codebook):
    records = [
        extract("Aliyev and Pashinyan held talks in Tbilisi on Monday.", "2022-07-20", doc_id="a"),
        extract('"We are ready to sign," Russian political scientist Ivan Petrovsky said in Ljubljana.', doc_id="b"),
    ]
    frames = build_tables(records, codebook)
    assert set(frames) == set(tables.ALL_TABLES)
    tables.validate(frames)
    assert list(frames["documents"]["doc_id"]) == ["a", "b"]
    assert "ljubljana" in set(frames["venues"]["venue_id"])
    assert list(frames["review_names"]["actor_id"]) == ["ivan-petrovsky"]


def test_only_the_actors_and_venues_the_tables_refer_to_and_their_states(extract, codebook):
    frames = build_tables([extract("Pashinyan arrived in Tbilisi.", doc_id="a")], codebook)
    assert set(frames["actors"]["actor_id"]) == {"nikol-pashinyan", "armenia", "georgia"}
    assert set(frames["venues"]["venue_id"]) == {"tbilisi"}


def test_the_spellings_an_article_used_become_aliases(extract, codebook):
    frames = build_tables([extract("Pashiniyan arrived.", doc_id="a")], codebook)
    aliases = frames["actors"].set_index("actor_id").loc["nikol-pashinyan", "aliases"]
    assert "Pashiniyan" in list(aliases)


def test_a_place_found_by_two_articles_is_one_venue_the_first_finder_kept(extract):
    records = [extract("They met in Ljubljana.", doc_id="a"), extract("Envoys flew to Ljubljana.", doc_id="b")]
    assert list(found_venues(records)) == ["ljubljana"]


def test_the_tables_follow_the_records_order(extract, codebook):
    a = extract("Pashinyan said Armenia was ready.", doc_id="a")
    b = extract("Aliyev said Azerbaijan was ready.", doc_id="b")
    forward, backward = build_tables([a, b], codebook), build_tables([b, a], codebook)
    assert list(forward["events"]["doc_id"]) == ["a", "b"] and list(backward["events"]["doc_id"]) == ["b", "a"]
    assert forward["actors"].equals(backward["actors"])  # sorted by id, whatever the order
