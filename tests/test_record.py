"""The per-article record: plain data a stage fills and the next one reads."""

import pickle
from dataclasses import FrozenInstanceError

import pytest

from data_prep.record import Record


def test_a_record_is_plain_data_that_survives_pickling(extract):
    """So that it can be cached by content and sent back from a worker process."""
    record = extract('"We are ready to sign," Pashinyan said in Ljubljana on Monday.', "2023-11-17")
    copy = pickle.loads(pickle.dumps(record))
    assert copy == record and copy.events == record.events and copy.quotes == record.quotes


def test_a_record_cannot_be_changed_in_place(extract):
    record = extract("Pashinyan said Armenia was ready.")
    with pytest.raises(FrozenInstanceError):
        record.quotes = ()  # type: ignore[misc]


def test_findings_put_each_sentence_beside_its_mentions_and_dates(extract):
    record = extract("Pashinyan spoke on Monday.\nAliyev answered.")
    findings = record.findings()
    assert [f.sentence.text for f in findings] == ["Pashinyan spoke on Monday.", "Aliyev answered."]
    assert [[m.entity_id for m in f.mentions] for f in findings] == [["nikol-pashinyan"], ["ilham-aliyev"]]
    assert [len(f.dates) for f in findings] == [1, 0]


def test_events_are_the_rounds_then_the_other_events(extract):
    record = extract(
        "Aliyev and Pashinyan held talks in Tbilisi on Monday.\nPashinyan said Armenia was ready.", "2022-07-20"
    )
    assert [e.event_type for e in record.events] == ["talks", "statement"]


def test_an_empty_record_holds_only_its_article(extract):
    article = extract("Nothing.").article
    assert Record(article).events == () and Record(article).findings() == []
