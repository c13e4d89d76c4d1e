"""The app on the real tables data_prep builds from the five sample articles in seeds/.

Expectations come from the gold annotations (eval/seeds): the four mediation
venues, and the rounds each mediator's track must hold.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.state import TABS

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture
def open_app(seed_build, monkeypatch):
    monkeypatch.setenv("PEACETRACK_TABLES", str(seed_build[0]))  # the seeds, built once per run (conftest.py)
    monkeypatch.setenv("PEACETRACK_OFFLINE", "1")

    def run(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(params)
        return at.run()

    return run


def venues_on_tracks(at: AppTest) -> set[str]:
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        if spec["layout"]["title"]["text"].startswith("Mediation tracks"):
            return {lane.split(" · ")[0] for trace in spec["data"] for lane in trace["y"]}
    return set()


@pytest.mark.parametrize("view", TABS)
def test_app_starts_on_the_seeds_tables_without_exceptions(open_app, view):
    at = open_app(view=view)
    assert not at.exception
    assert not at.warning


def test_headline_counts_the_five_articles(open_app):
    at = open_app()
    assert next(m.value for m in at.metric if m.label == "Documents") == "5"
    assert int(next(m.value for m in at.metric if m.label == "Rounds cancelled")) >= 1


def test_washington_track_has_the_cancelled_november_round(open_app):
    at = open_app(mediator="United States")
    assert venues_on_tracks(at) == {"Washington"}


def test_mediator_european_union_leaves_only_brussels_and_granada(open_app):
    at = open_app()
    at.multiselect(key="mediator").select("european-union").run()
    assert not at.exception
    assert venues_on_tracks(at) == {"Brussels", "Granada"}


def test_every_evidence_sentence_of_the_seeds_is_found_in_its_article(open_app):
    at = open_app(view="Evidence")
    event_ids = at.session_state["_pt_ids_evidence"]
    assert event_ids
    for event_id in event_ids[:: max(1, len(event_ids) // 10)]:  # a spread sample keeps this quick
        reader = open_app(view="Evidence", event=event_id)
        html = "".join(h.proto.body for h in reader.get("html"))
        assert '<mark class="pt-evidence">' in html, event_id


def test_empty_filter_on_the_seeds_shows_the_message(open_app):
    at = open_app(q="zebra crossing quantum")
    assert any("No events match these filters" in i.value for i in at.info)


def accusation_table(at: AppTest):
    return at.dataframe(key="table_accusations").value


def test_accusations_tab_lists_accusations_against_the_us_from_the_seeds(open_app):
    at = open_app(view="Accusations")
    assert not at.exception
    table = accusation_table(at)
    assert "United States" in set(table["Mediator"])
    assert {"Azerbaijan in Focus", "JAMnews"} <= set(
        table["Outlet"]
    )  # the snub article and the Washington-bias analysis


def test_mediator_united_states_leaves_only_accusations_against_the_us(open_app):
    at = open_app(view="Accusations")
    at.multiselect(key="mediator").select("united-states").run()
    table = accusation_table(at)
    assert len(table) and set(table["Mediator"]) == {"United States"}


def test_an_analyst_quoted_in_the_seeds_has_quotes_in_the_profile(open_app):
    at = open_app(view="Actors", profile="Sergei Markedonov")
    assert not at.exception
    assert len(at.dataframe(key="table_quotes_by").value) >= 1


def test_an_empty_filter_on_the_accusations_shows_the_message(open_app):
    at = open_app(view="Accusations", q="zebra crossing quantum")
    assert any("No events match these filters" in i.value for i in at.info)
