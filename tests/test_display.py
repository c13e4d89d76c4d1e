"""data_prep.display: the tables the dashboard reads, derived once per build."""

from __future__ import annotations

import pandas as pd
import pytest

from data_prep import display
from data_prep.schemas import DISPLAY_SCHEMAS
from data_prep.tables import read_tables


def events_frame(rows: list[dict]) -> pd.DataFrame:
    base = dict(
        doc_id="d1",
        event_type="talks",
        status="held",
        date=None,
        date_precision=None,
        date_basis=None,
        venue_id=None,
        mediator_id=None,
        sentence="s",
        char_start=0,
        char_end=1,
        round_id=None,
        confidence=0.5,
    )
    return pd.DataFrame([base | row for row in rows])


VENUES = pd.DataFrame(
    {
        "venue_id": ["brussels", "spain", "united-states"],
        "name": ["Brussels", "Spain", "United States"],
        "country": ["belgium", "spain", "united-states"],
        "mediator_id": ["european-union", None, None],
    }
)


def test_round_links_come_from_the_events_round_ids():
    events = events_frame([dict(event_id="e1", round_id="r1"), dict(event_id="e2"), dict(event_id="e3", round_id="r1")])
    links = display.round_event_links(events)
    assert links.to_dict("records") == [
        {"round_id": "r1", "event_id": "e1", "event_row": 0},
        {"round_id": "r1", "event_id": "e3", "event_row": 2},
    ]


def test_a_link_table_from_the_linking_stage_wins_over_round_ids():
    events = events_frame([dict(event_id="e1", round_id="r1"), dict(event_id="e2")])
    built = pd.DataFrame({"round_id": ["r1", "r1"], "event_id": ["e1", "e2"]})
    assert list(display.round_event_links(events, built)["event_id"]) == ["e1", "e2"]


def test_a_rounds_date_basis_is_the_firmest_among_the_mentions_giving_that_date():
    events = events_frame(
        [
            dict(event_id="e1", round_id="r1", date="2023-11-20", date_precision="day", date_basis="relative"),
            dict(event_id="e2", round_id="r1", date="2023-11-20", date_precision="day", date_basis="explicit"),
            dict(event_id="e3", round_id="r2", date="2023-11-17", date_precision="day", date_basis="publication"),
        ]
    )
    rounds = pd.DataFrame(
        {
            "round_id": ["r1", "r2"],
            "date": ["2023-11-20", None],  # the build never dates a round by publication
            "venue_id": ["brussels", None],
            "mediator_id": [None, None],
            "status": ["held", "planned"],
            "n_sources": [2, 1],
        }
    )
    out = display.display_rounds(rounds, events, VENUES, display.round_event_links(events)).set_index("round_id")
    assert out.loc["r1", ["date_precision", "date_basis", "track_id", "n_mentions"]].tolist() == [
        "day",
        "explicit",
        "european-union",  # no mediator of its own: the venue's host
        2,
    ]
    assert out.loc["r2", "date_basis"] is None and out.loc["r2", "date_precision"] is None


def test_the_lead_evidence_of_a_round_is_its_most_confident_mention():
    events = events_frame(
        [
            dict(event_id="e1", round_id="r1", sentence="weak", confidence=0.4),
            dict(event_id="e2", round_id="r1", sentence="strong", confidence=0.9),
        ]
    )
    rounds = pd.DataFrame({"round_id": ["r1"], "date": [None], "venue_id": [None], "mediator_id": [None]})
    rounds["status"] = "held"
    out = display.display_rounds(rounds, events, VENUES, display.round_event_links(events))
    assert out.loc[0, ["lead_event_id", "sentence"]].tolist() == ["e2", "strong"]


def test_without_a_rounds_table_rounds_are_grouped_by_round_id():
    events = events_frame(
        [
            dict(
                event_id="e1", doc_id="d1", round_id="r1", date="2023-10", date_precision="month", date_basis="explicit"
            ),
            dict(
                event_id="e2",
                doc_id="d2",
                round_id="r1",
                date="2023-10-05",
                date_precision="day",
                date_basis="explicit",
            ),
        ]
    )
    out = display.display_rounds(None, events, VENUES, display.round_event_links(events))
    assert out.loc[0, ["round_id", "date", "date_precision", "n_sources"]].tolist() == ["r1", "2023-10-05", "day", 2]


ACCUSATION_EVENTS = events_frame(
    [
        dict(
            event_id="a1",
            event_type="accusation",
            status=None,
            mediator_id="united-states",
            date="2023-11-16",
            date_precision="day",
            date_basis="explicit",
            sentence='It accused the US of "a one-sided approach"',
            char_start=10,
            char_end=53,
        ),
        dict(event_id="a2", event_type="accusation", status=None, mediator_id=None),  # against no mediator
        dict(event_id="a3", event_type="accusation", status=None, mediator_id="russia", doc_id="d2"),
    ]
)
ACCUSATION_LINKS = pd.DataFrame(
    {
        "event_id": ["a1", "a1", "a1", "a3", "a3"],
        "actor_id": ["azerbaijan", "james-obrien", "united-states", "russia", "armenia"],
        "role": ["initiator", "target", "target", "initiator", "speaker"],
    }
)
QUOTES = pd.DataFrame(
    {
        "quote_id": ["q1", "q2", "q3"],
        "doc_id": ["d1", "d1", "d2"],
        "speaker_id": ["azerbaijan", "ilham-aliyev", None],
        "text": ['"a one-sided approach"', '"both are biased"', '"fair"'],
        "char_start": [32, 100, 5],
        "char_end": [53, 120, 10],
        "about": [["united-states"], ["european-union", "russia", "armenia"], ["russia"]],
        "mediators": [["united-states"], ["european-union", "russia"], ["russia"]],
        "accusation": [True, True, False],
    }
)
DOCUMENTS = pd.DataFrame({"doc_id": ["d1", "d2"], "published": ["2023-11-17", "2023-12"]})


@pytest.fixture
def accused():
    rows = display.accusations(ACCUSATION_EVENTS, ACCUSATION_LINKS, QUOTES, DOCUMENTS)
    return rows.set_index("accusation_id")


def test_accusations_come_from_events_and_quotes_each_counted_once(accused):
    assert set(accused.index) == {
        "event:a1",
        "event:a3",
        # q1 repeats a1's sentence: left out
        "quote:q2:european-union",
        "quote:q2:russia",
    }


def test_the_accused_mediator_is_never_its_own_accuser_and_speakers_stand_in_for_initiators(accused):
    assert accused.loc["event:a1", "accuser_ids"] == ["azerbaijan"]
    assert accused.loc["event:a1", "target_ids"] == ["james-obrien"]
    assert accused.loc["event:a3", "accuser_ids"] == []  # Russia "accusing" Russia is a misreading


def test_a_quote_accusation_is_dated_by_its_article_and_says_so(accused):
    row = accused.loc["quote:q2:russia"]
    assert (row["date"], row["date_precision"], row["date_basis"]) == ("2023-11-17", "day", "publication")
    assert row["accuser_ids"] == ["ilham-aliyev"] and row["target_ids"] == ["armenia", "european-union"]


def test_venue_kind_and_track_without_a_codebook():
    events = events_frame(
        [
            dict(event_id="e1", venue_id="spain", mediator_id="european-union"),
            dict(event_id="e2", venue_id="spain", mediator_id="european-union"),
            dict(event_id="e3", venue_id="spain", mediator_id="russia"),
        ]
    )
    out = display.venue_tracks(VENUES, events).set_index("venue_id")
    assert out.loc["united-states", "kind"] == "country"  # a venue that is its own country
    assert out.loc["spain", "track_id"] == "european-union"  # the commonest track of the talks held there
    assert out.loc["brussels", "track_id"] == "european-union"


def test_venue_kinds_come_from_the_codebook(codebook):
    out = display.venue_tracks(VENUES, events_frame([dict(event_id="e1")]), codebook).set_index("venue_id")
    assert out["kind"].to_dict() == {"brussels": "city", "spain": "country", "united-states": "country"}


def test_the_conflict_table_names_the_conflict_and_orders_its_mediators(codebook):
    row = display.conflict_table(codebook).iloc[0]
    assert row["name"] == "Armenia–Azerbaijan peace process"
    assert list(row["mediators"])[:3] == ["united-states", "european-union", "russia"]


def test_the_build_writes_every_display_table_valid(seed_build):
    out, _ = seed_build
    tables = read_tables(out, names=tuple(DISPLAY_SCHEMAS))
    assert set(tables) == set(DISPLAY_SCHEMAS)
    for name, df in tables.items():
        DISPLAY_SCHEMAS[name].validate(df)
    rounds = read_tables(out, names=("rounds",))["rounds"]
    assert set(tables["rounds_display"]["round_id"]) == set(rounds["round_id"])


def test_event_rows_count_rows_of_the_events_table_as_written(seed_build):
    out, _ = seed_build
    tables = read_tables(out, names=("events", "event_actors", "round_events", "event_actor_rows"))
    events = tables["events"]
    links = tables["round_events"]
    assert (events["event_id"].to_numpy()[links["event_row"]] == links["event_id"].to_numpy()).all()
    by_row = tables["event_actor_rows"].assign(
        event_id=events["event_id"].to_numpy()[tables["event_actor_rows"]["event_row"]]
    )
    pairs = lambda df: sorted(zip(df["event_id"], df["actor_id"], df["role"]))  # noqa: E731
    assert pairs(by_row) == pairs(tables["event_actors"])


def test_a_round_reported_planned_then_held_shows_its_history():
    assert display.history_text(["2024-04-30 planned", "2024-05-10 held"]) == "2024-04-30 planned → 2024-05-10 held"
    assert display.history_text(["2024-05-09 held", "2024-05-10 held"]) is None  # one status: nothing changed
    assert display.history_text(None) is None and display.history_text([]) is None
