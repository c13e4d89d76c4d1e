"""The classifier experiment: gold labels for the build's sentences, the training corpus, and
the variants the leave-one-set-out comparison scores (data_prep/training)."""

from __future__ import annotations

import json

import pytest
import spacy
from conftest import ROOT, SEEDS_GOLD

from data_prep.training.corpus import LABELS, doc_bin
from data_prep.training.loso import add, retype, tally, veto
from data_prep.training.sentences import NONE, Labelled, label_of, set_sentences

ITEMS = [
    {"sentence": "Baku rejected the proposal", "type": "refusal", "alt_types": ["statement"]},
    {"sentence": "Michel said the leaders", "type": "statement"},
]


def _sentence(label: str = NONE, rules: str | None = None, alts: list[str] | None = None) -> Labelled:
    return Labelled("dev", "doc", 0, "Invented sentence.", label, alts or [], rules, False)


def _probs(**given: float) -> dict[str, float]:
    rest = (1.0 - sum(given.values())) / (len(LABELS) - len(given))
    return {label: given.get(label, rest) for label in LABELS}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Baku  rejected the  proposal on Monday.", ("refusal", ["statement"])),
        ("MICHEL SAID THE LEADERS would meet again.", ("statement", [])),
        ("The talks ended without a date for the next round.", (NONE, [])),
    ],
)
def test_label_of_matches_first_words_as_evaluate_does(sentence, expected):
    assert label_of(sentence, ITEMS) == expected


def test_set_sentences_label_every_gold_item_of_the_seeds_and_stop_at_the_furniture(knowledge):
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    sentences = list(set_sentences("seeds", ROOT, knowledge))
    assert sum(s.label != NONE for s in sentences) == sum(len(g["events"]) for g in gold)
    for g in gold:
        if g.get("no_events_after"):
            zone_text = g["no_events_after"]
            assert not any(zone_text in s.text for s in sentences if s.doc_id == g["doc_id"])


def test_corpus_gives_each_sentence_exactly_one_category():
    docs = list(doc_bin([_sentence("refusal"), _sentence()]).get_docs(spacy.blank("en").vocab))
    assert [max(d.cats, key=d.cats.get) for d in docs] == ["refusal", NONE]
    assert all(sorted(d.cats.values()) == [0.0] * (len(LABELS) - 1) + [1.0] for d in docs)


def test_labels_are_the_codebooks_event_types_but_talks(codebook):
    assert set(LABELS) == {*codebook.cues.event_types} - {"talks"} | {NONE}


@pytest.mark.parametrize(
    "none, kept",
    [(0.95, None), (0.5, "statement")],
)
def test_veto_drops_a_rule_event_only_when_the_classifier_is_sure_of_none(none, kept):
    assert veto(0.9)(_sentence(rules="statement"), _probs(NONE=none)) == kept


def test_retype_takes_a_confident_other_type_and_never_makes_an_event():
    assert retype(0.9)(_sentence(rules="meeting"), _probs(statement=0.95)) == "statement"
    assert retype(0.9)(_sentence(rules="meeting"), _probs(statement=0.6)) == "meeting"
    assert retype(0.9)(_sentence(), _probs(statement=0.99)) is None


def test_add_gives_a_sentence_the_rules_left_empty_a_confident_type():
    assert add(0.95)(_sentence(), _probs(agreement=0.97)) == "agreement"
    assert add(0.95)(_sentence(), _probs(NONE=0.97)) is None


def test_tally_scores_alt_types_as_right_and_unlisted_sentences_as_wrong():
    items = [_sentence("refusal", rules="statement", alts=["statement"]), _sentence(rules="meeting")]
    t = tally(items, [_probs(), _probs()], lambda item, p: item.rules)
    assert (t.hits, t.extracted, t.found, t.required) == (1, 2, 1, 1)
