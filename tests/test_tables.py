"""The table contract: every build validates against its schemas and the tables fit together."""

import json

import pandas as pd
import pytest

from data_prep import tables
from data_prep.decoding import document_text

CONTRACT_COLUMNS = {
    "documents": ["doc_id", "title", "source", "published", "published_basis", "url", "path", "n_words", "sha256"],
    "actors": ["actor_id", "name", "kind", "country", "title", "aliases"],
    "venues": ["venue_id", "name", "country", "lat", "lon", "mediator_id", "aliases"],
    "events": [
        "event_id",
        "doc_id",
        "event_type",
        "plover",
        "status",
        "date",
        "date_precision",
        "date_text",
        "date_basis",
        "venue_id",
        "mediator_id",
        "sentence",
        "char_start",
        "char_end",
        "format",
        "round_id",
        "confidence",
        "aggregate",
    ],
    "event_actors": ["event_id", "actor_id", "role"],
    "mentions": ["doc_id", "entity_type", "entity_id", "char_start", "char_end", "text"],
    "rounds": [
        "round_id",
        "date",
        "venue_id",
        "mediator_id",
        "status",
        "parties",
        "cancelled_by",
        "n_sources",
        "disagree",
        "disagreement",
        "date_precision",
        "date_basis",
        "status_history",
    ],
    "quotes": [
        "quote_id",
        "doc_id",
        "speaker_id",
        "text",
        "char_start",
        "char_end",
        "sentence_start",
        "sentence_end",
        "about",
        "mediators",
        "accusation",
    ],
    "review_names": ["actor_id", "name", "title", "country", "n_documents", "first_doc_id"],
    # the display tables (display.py), derived once per build for the dashboard
    "round_events": ["round_id", "event_id", "event_row"],
    "event_actor_rows": ["event_row", "actor_id", "role"],
    "rounds_display": [
        "round_id",
        "date",
        "date_precision",
        "date_basis",
        "venue_id",
        "mediator_id",
        "track_id",
        "status",
        "history",
        "parties",
        "cancelled_by",
        "n_sources",
        "n_mentions",
        "disagree",
        "disagreement",
        "lead_event_id",
        "sentence",
    ],
    "accusations": [
        "accusation_id",
        "source",
        "event_id",
        "quote_id",
        "doc_id",
        "date",
        "date_precision",
        "date_basis",
        "mediator_id",
        "venue_id",
        "accuser_ids",
        "target_ids",
        "text",
        "char_start",
        "char_end",
    ],
    "venue_tracks": ["venue_id", "kind", "track_id"],
    "conflict": ["name", "mediators"],
}


@pytest.mark.parametrize("name", CONTRACT_COLUMNS)
def test_each_table_has_exactly_the_contract_columns(seed_tables, name):
    assert list(seed_tables[name].columns) == CONTRACT_COLUMNS[name]


def test_every_table_the_build_writes_has_a_contract(seed_build):
    out, _ = seed_build
    assert {p.stem for p in out.glob("*.parquet")} == set(tables.ALL_TABLES) == set(CONTRACT_COLUMNS)


def test_tables_pass_their_schemas_and_foreign_keys(seed_tables):
    tables.validate(seed_tables)


def test_every_csv_twin_has_the_rows_of_its_parquet(seed_build):
    out, _ = seed_build
    for name in tables.ALL_TABLES:
        assert len(pd.read_csv(out / f"{name}.csv")) == len(pd.read_parquet(out / f"{name}.parquet"))


def test_every_evidence_offset_slices_back_to_its_sentence(seed_tables):
    texts = {row.doc_id: document_text(row.path) for row in seed_tables["documents"].itertuples()}
    for event in seed_tables["events"].itertuples():
        assert texts[event.doc_id][event.char_start : event.char_end] == event.sentence


def test_every_mention_offset_slices_back_to_its_text(seed_tables):
    texts = {row.doc_id: document_text(row.path) for row in seed_tables["documents"].itertuples()}
    for mention in seed_tables["mentions"].itertuples():
        assert texts[mention.doc_id][mention.char_start : mention.char_end] == mention.text


def test_talks_have_a_status_and_other_events_none(seed_tables):
    events = seed_tables["events"]
    assert events.loc[events.event_type == "talks", "status"].notna().all()
    assert events.loc[events.event_type != "talks", "status"].isna().all()


def test_round_ids_link_reports_of_the_same_round(seed_tables):
    events = seed_tables["events"]
    washington = events[(events.event_type == "talks") & (events.round_id == "washington-2023-11")]
    assert sorted(washington.doc_id) == ["000_849a80309763584d", "001_671e32042e201acf", "004_1829f9cda528f8c6"]
    rounds = seed_tables["rounds"].set_index("round_id")
    assert rounds.loc["washington-2023-11", "n_sources"] == 3
    assert rounds.loc["washington-2023-11", "status"] == "cancelled"


def test_build_report_is_written_beside_the_tables(seed_build):
    out, report = seed_build
    saved = json.loads((out / "build_report.json").read_text())
    assert saved["documents_read"] == report.documents_read == 5 and saved["skipped"] == []


def copies(seed_tables):
    return {name: df.copy() for name, df in seed_tables.items()}


@pytest.mark.parametrize(
    "table, column, value, message",
    [
        ("events", "event_type", "picnic", "table events"),
        ("events", "char_end", -1, "table events"),
        ("rounds", "status", "maybe", "table rounds"),
        ("quotes", "char_start", 10**9, "table quotes"),
        ("review_names", "n_documents", 0, "table review_names"),
    ],
)
def test_validate_rejects_a_value_outside_the_schema_in_one_line(seed_tables, table, column, value, message):
    broken = copies(seed_tables)
    broken[table].loc[broken[table].index[0], column] = value
    with pytest.raises(tables.SchemaViolation, match=message) as raised:
        tables.validate(broken)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "table, column, value, key",
    [
        ("event_actors", "actor_id", "nobody", r"event_actors\.actor_id -> actors\.actor_id"),
        ("events", "round_id", "no-such-round", r"events\.round_id -> rounds\.round_id"),
        ("rounds", "parties", ["nobody"], r"rounds\.parties -> actors\.actor_id"),
        ("quotes", "speaker_id", "nobody", r"quotes\.speaker_id -> actors\.actor_id"),
        ("review_names", "first_doc_id", "no-such-doc", r"review_names\.first_doc_id -> documents\.doc_id"),
    ],
)
def test_validate_rejects_a_dangling_id_naming_the_key(seed_tables, table, column, value, key):
    broken = copies(seed_tables)
    frame = broken[table]
    if column == "round_id":
        row = frame.index[frame["round_id"].notna()][0]
    else:
        row = frame.index[0]
    frame.at[row, column] = value
    with pytest.raises(tables.IntegrityError, match=key):
        tables.validate(broken)


def test_a_mention_is_checked_against_the_table_its_type_names(seed_tables):
    broken = copies(seed_tables)
    mentions = broken["mentions"]
    row = mentions.index[mentions["entity_type"] == "venue"][0]
    mentions.at[row, "entity_id"] = "nikol-pashinyan"  # an actor, not a venue
    with pytest.raises(tables.IntegrityError, match="where entity_type = 'venue'"):
        tables.validate(broken)


def test_the_later_tables_are_optional_but_checked_when_present(seed_tables):
    core = {name: seed_tables[name] for name in tables.CORE_TABLES}
    tables.validate(core)
    with pytest.raises(tables.IntegrityError, match="missing tables"):
        tables.validate({name: df for name, df in core.items() if name != "events"})


def test_an_empty_table_must_still_have_the_contract_columns(seed_tables):
    broken = copies(seed_tables)
    broken["quotes"] = pd.DataFrame(columns=["quote_id", "text"])
    with pytest.raises(tables.SchemaViolation, match="table quotes: columns"):
        tables.validate(broken)


def test_a_failed_write_leaves_the_previous_tables_intact(seed_tables, tmp_path, monkeypatch):
    contract = dict(seed_tables)
    out = tmp_path / "processed"
    tables.write_tables(contract, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = []

    def failing_to_csv(self, *args, **kwargs):
        calls.append(1)
        if len(calls) > 2:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    original = pd.DataFrame.to_csv
    monkeypatch.setattr(pd.DataFrame, "to_csv", failing_to_csv)
    with pytest.raises(OSError, match="disk full"):
        tables.write_tables(contract, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["processed"]


def test_rounds_say_who_called_a_round_off(seed_tables):
    rounds = seed_tables["rounds"].set_index("round_id")
    assert "azerbaijan" in list(rounds.loc["washington-2023-11", "cancelled_by"])
    assert list(rounds.loc["granada-2023-10", "cancelled_by"]) == ["ilham-aliyev"]


def test_quotes_slice_back_and_sit_inside_their_sentence(seed_tables):
    texts = {row.doc_id: document_text(row.path) for row in seed_tables["documents"].itertuples()}
    quotes = seed_tables["quotes"]
    assert len(quotes) > 0
    for q in quotes.itertuples():
        assert texts[q.doc_id][q.char_start : q.char_end] == q.text
        assert q.sentence_start <= q.char_start and q.char_end <= q.sentence_end
