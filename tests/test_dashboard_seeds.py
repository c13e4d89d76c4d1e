"""The app on the real tables data_prep builds from the five sample articles in seeds/.

Expectations come from the gold annotations (eval/seeds): the four mediation
venues, and the rounds each mediator's track must hold.
"""

from __future__ import annotations

import json

import pytest
from dashboard_fixtures import open_app, seed_table_dir  # noqa: F401 - fixtures

from dashboard.state import TABS


@pytest.fixture
def app_tables(seed_table_dir):
    """`open_app` opens the seeds' build here."""
    return seed_table_dir


def venues_on_tracks(at) -> set[str]:
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


def test_every_evidence_sentence_of_the_seeds_is_found_in_its_article(open_app, seed_table_dir):
    import pandas as pd

    event_ids = list(pd.read_parquet(seed_table_dir / "events.parquet", columns=["event_id"])["event_id"])
    for event_id in event_ids[:: max(1, len(event_ids) // 8)]:  # a spread sample keeps this quick
        reader = open_app(view="Evidence", event=event_id)
        html = "".join(h.proto.body for h in reader.get("html"))
        assert '<mark class="pt-evidence">' in html, event_id


def test_accusations_tab_lists_accusations_against_the_us_from_the_seeds(open_app):
    at = open_app(view="Accusations")
    table = next(d.value for d in at.dataframe if "Accuser" in d.value.columns)
    assert "United States" in set(table["Mediator"])
    assert {"Azerbaijan in Focus", "JAMnews"} <= set(
        table["Outlet"]
    )  # the snub article and the Washington-bias analysis


def test_an_analyst_quoted_in_the_seeds_has_quotes_in_the_profile(open_app):
    at = open_app(view="Actors", profile="Sergei Markedonov")
    assert not at.exception
    assert any((d.key or "").startswith("table_quotes_by") and len(d.value) for d in at.dataframe)


def test_the_seeds_review_list_names_the_people_the_codebook_lacks(open_app):
    at = open_app(view="Actors")
    names = next(d.value for d in at.dataframe if "First article" in d.value.columns)
    assert {"Yuri Kim", "Sergei Markedonov"} <= set(names["Name"])
