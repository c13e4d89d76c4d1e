"""The matchers compiled from the codebook, and the Knowledge every stage reads."""

import pickle

from data_prep.matchers import Knowledge, normalise


def test_normalise_straightens_quotes_one_character_for_one():
    text = "\u201cAzerbaijan\u2019s\u201d \u00abtalks\u00bb"
    assert normalise(text) == '"Azerbaijan\'s" "talks"' and len(normalise(text)) == len(text)


def test_every_match_maps_back_to_its_codebook_entry(knowledge):
    doc = knowledge.matchers.nlp.make_doc("Pashinyan met Aliyev in Granada")
    entries = {knowledge.matchers.entry(m)[:2] for m, _, _ in knowledge.matchers.names(doc)}
    assert {("actor", "nikol-pashinyan"), ("actor", "ilham-aliyev"), ("venue", "granada")} <= entries


def test_codebook_surnames_of_five_letters_or_more_are_kept_for_misspellings(knowledge):
    surnames = knowledge.matchers.surnames
    assert surnames["Pashinyan"] == "nikol-pashinyan"
    minimum = knowledge.cues.names.min_surname_chars
    assert all(len(s) >= minimum for s in surnames)


def test_knowledge_can_be_sent_to_another_process(knowledge):
    """Worker processes receive the codebook and matchers by pickling."""
    copy = pickle.loads(pickle.dumps(knowledge))
    doc = copy.matchers.nlp.make_doc("Pashinyan met Aliyev")
    assert len(copy.matchers.names(doc)) == len(
        knowledge.matchers.names(knowledge.matchers.nlp.make_doc("Pashinyan met Aliyev"))
    )
    assert copy.codebook.actors == knowledge.codebook.actors


def test_knowledge_made_from_a_codebook_uses_it(codebook):
    assert Knowledge.load(codebook).codebook is codebook
