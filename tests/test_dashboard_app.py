"""The real app, driven by Streamlit's AppTest on the synthetic build.

Each test opens the app as an analyst would (optionally from a shared link) and
checks what the views show.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from dashboard_fixtures import N_EVENTS, build_synthetic_tables, dashboard_tables  # noqa: F401 - fixtures
from streamlit.testing.v1 import AppTest

from dashboard.state import TABS
from dashboard.views import EMPTY_MESSAGE

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
ALL_LANES = {"Washington · United States", "Brussels · European Union", "Granada · European Union", "Moscow · Russia"}


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Test machines have no network: do not even probe the tile server."""
    monkeypatch.setenv("PEACETRACK_OFFLINE", "1")


@pytest.fixture
def open_app(dashboard_tables, monkeypatch):
    """open_app(**query_params) -> the app after its first run, as opened from that link."""
    monkeypatch.setenv("PEACETRACK_TABLES", str(dashboard_tables))

    def run(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(params)
        return at.run()

    return run


def figures(at: AppTest) -> dict[str, dict]:
    """Plotly figures on the page by title."""
    out = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        out[spec["layout"].get("title", {}).get("text", "")] = spec
    return out


def tracks(at: AppTest) -> set[tuple[str, str]]:
    """(lane, status) of every marker on the mediation tracks chart."""
    spec = next(s for title, s in figures(at).items() if title.startswith("Mediation tracks"))
    return {(lane, trace["name"]) for trace in spec["data"] for lane in trace["y"]}


def lanes(at: AppTest) -> set[str]:
    return {lane for lane, _ in tracks(at)}


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def texts(at: AppTest) -> str:
    """Everything written on the page, for 'the page says ...' checks."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [e.value for e in at.error]
    return "\n".join(map(str, parts)).replace("\\", "").replace("**", "")


def article_html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def highlighted(at: AppTest) -> str:
    """The highlighted words of the open article, as the analyst reads them (entity marks dropped)."""
    article = article_html(at).partition('<div class="pt-article">')[2]  # after the legend
    marked = re.findall(r'<mark class="pt-evidence">(.*?)</mark>', article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", "".join(marked)))


def dataframe_with(at: AppTest, column: str):
    """The first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


# ------------------------------------------------------------------ starting


@pytest.mark.parametrize("view", TABS)
def test_every_view_opens_without_exceptions(open_app, view):
    at = open_app(view=view)
    assert not at.exception
    assert [t.label for t in at.tabs] == list(TABS)


def test_overview_gives_the_headline_figures(open_app):
    at = open_app()
    assert {
        label: metric(at, label)
        for label in ("Documents", "Events", "Rounds held", "Rounds planned", "Rounds cancelled", "Actors")
    } == {
        "Documents": "4",
        "Events": str(N_EVENTS),
        "Rounds held": "1",
        "Rounds planned": "1",
        "Rounds cancelled": "3",
        "Actors": "8",
    }
    assert metric(at, "Date span") == "2023 – 2024-01"
    assert "Active filters: none" in texts(at)


def test_tracks_chart_shows_every_mediation_track(open_app):
    at = open_app()
    assert lanes(at) == ALL_LANES
    assert ("Moscow · Russia", "held") in tracks(at)
    assert ("Washington · United States", "cancelled") in tracks(at)


# ------------------------------------------------------------------ filters through the widgets


def test_mediator_european_union_leaves_only_brussels_and_granada(open_app):
    at = open_app()
    at.multiselect(key="mediator").select("european-union").run()
    assert lanes(at) == {"Brussels · European Union", "Granada · European Union"}
    assert "Active filters: Mediator: European Union" in texts(at)


@pytest.mark.parametrize(
    "key, values, expected_lanes, expected_events",
    [
        ("mediator", ["russia"], {"Moscow · Russia"}, 1),
        (
            "mediator",
            ["united-states", "russia"],
            {"Washington · United States", "Moscow · Russia"},
            4,
        ),  # e1, e6, e8 and the accusation e2
        ("venue", ["granada"], {"Granada · European Union"}, 2),
        ("actor", ["ilham-aliyev"], {"Granada · European Union", "Moscow · Russia"}, 3),
        ("actor", ["european-union"], {"Brussels · European Union", "Granada · European Union"}, 4),
        (
            "status",
            ["cancelled"],
            {"Washington · United States", "Brussels · European Union", "Granada · European Union"},
            4,
        ),
        ("status", ["planned"], {"Brussels · European Union"}, 1),
        ("outlet", ["TURAN"], {"Moscow · Russia"}, 3),
        ("type", ["talks"], ALL_LANES, 6),
    ],
)
def test_each_filter_changes_what_the_views_show(open_app, key, values, expected_lanes, expected_events):
    at = open_app()
    at.multiselect(key=key).set_value(values).run()
    assert not at.exception
    assert lanes(at) == expected_lanes
    assert metric(at, "Events") == str(expected_events)


def test_date_range_narrows_the_tracks(open_app):
    at = open_app()
    at.date_input(key="dates").set_value((dt.date(2023, 11, 1), dt.date(2024, 1, 31))).run()
    assert lanes(at) == {"Washington · United States", "Brussels · European Union"}
    assert "Dates: 2023-11-01 – …" in texts(at)


def test_free_text_searches_the_evidence(open_app):
    at = open_app()
    at.text_input(key="q").input("Lachin").run()
    assert metric(at, "Events") == "1"
    assert "No rounds of talks among the events in view" in texts(at)


def test_clear_all_removes_every_filter(open_app):
    at = open_app(mediator="European Union", q="Brussels")
    assert metric(at, "Events") == "2"
    at.button(key="clear_all").click().run()
    assert metric(at, "Events") == str(N_EVENTS)
    assert at.multiselect(key="mediator").value == [] and at.text_input(key="q").value == ""
    assert lanes(at) == ALL_LANES


# ------------------------------------------------------------------ links


@pytest.mark.parametrize(
    "params, widget, value, expected_lanes",
    [
        (
            {"mediator": "European Union"},
            "mediator",
            ["european-union"],
            {"Brussels · European Union", "Granada · European Union"},
        ),
        ({"actor": ["James O'Brien", "Russia"]}, "actor", ["james-obrien", "russia"], {"Moscow · Russia"}),
        ({"status": "held"}, "status", ["held"], {"Moscow · Russia"}),
        (
            {"venue": ["Washington", "Moscow"]},
            "venue",
            ["washington", "moscow"],
            {"Washington · United States", "Moscow · Russia"},
        ),
    ],
)
def test_a_link_restores_the_filters(open_app, params, widget, value, expected_lanes):
    at = open_app(**params)
    assert at.multiselect(key=widget).value == value
    assert lanes(at) == expected_lanes
    assert not at.warning


def test_a_link_restores_dates_text_and_view(open_app):
    at = open_app(dates=["2023-09-01", "2023-10-31"], q="Azerbaijan", view="Timeline", stack="Mediator")
    assert at.date_input(key="dates").value == (dt.date(2023, 9, 1), dt.date(2023, 10, 31))
    assert at.text_input(key="q").value == "Azerbaijan"
    assert at.radio(key="stack").value == "Mediator"
    timeline = next(s for t, s in figures(at).items() if t.startswith("Events per month"))
    assert {trace["name"] for trace in timeline["data"]} == {"European Union", "No mediator"}


def test_the_share_link_reproduces_the_view(open_app):
    at = open_app(mediator="European Union", view="Map")
    link = at.sidebar.code[0].value
    assert link == "?mediator=European%20Union&view=Map"


@pytest.mark.parametrize(
    "params, mentioned",
    [
        ({"bogus": "1"}, "bogus"),
        ({"mediator": "Atlantis"}, "Atlantis"),
        ({"dates": "last tuesday"}, "dates"),
        ({"dates": ["2024-01-01", "2023-01-01"]}, "is after"),
        ({"view": "Nowhere"}, "Nowhere"),
        ({"event": "e404"}, "e404"),
        ({"type": ["talks", "party"]}, "party"),
        ({"q": "x" * 1000}, "was cut"),
    ],
)
def test_bad_parameters_are_ignored_with_a_visible_note(open_app, params, mentioned):
    at = open_app(**params)
    assert not at.exception
    assert at.warning and mentioned in at.warning[0].value.replace("\\", "")
    assert at.tabs  # the dashboard itself is there


def test_good_parameters_survive_next_to_bad_ones(open_app):
    at = open_app(mediator=["European Union", "Atlantis"], colour="red")
    assert at.multiselect(key="mediator").value == ["european-union"]
    assert lanes(at) == {"Brussels · European Union", "Granada · European Union"}


# ------------------------------------------------------------------ empty results


@pytest.mark.parametrize("view", [t for t in TABS if t != "About the data"])
def test_a_filter_matching_nothing_shows_the_empty_state(open_app, view):
    at = open_app(q="no such words anywhere", view=view)
    assert not at.exception
    assert EMPTY_MESSAGE in [i.value for i in at.info]
    assert not at.get("plotly_chart")
    assert metric(at, "Events") == "0"


def test_contradicting_filters_show_the_empty_state(open_app):
    at = open_app()
    at.multiselect(key="mediator").set_value(["russia"]).run()
    at.multiselect(key="venue").set_value(["granada"]).run()
    assert EMPTY_MESSAGE in [i.value for i in at.info]


# ------------------------------------------------------------------ evidence and reader


def test_evidence_table_lists_the_filtered_events(open_app):
    at = open_app(view="Evidence", mediator="Russia")
    table = at.dataframe(key="table_evidence").value
    assert list(table.columns) == ["Date", "Type", "Status", "Actors", "Venue", "Mediator", "Outlet", "Evidence"]
    assert table.iloc[0].to_dict() | {} == {
        "Date": "2023-05-25",
        "Type": "talks",
        "Status": "held",
        "Actors": "Ilham Aliyev, Nikol Pashinyan",
        "Venue": "Moscow",
        "Mediator": "Russia",
        "Outlet": "TURAN",
        "Evidence": "Nikol Pashinyan and Ilham Aliyev held talks in Moscow on May 25, 2023",
    }


def test_an_event_link_opens_its_article_with_the_sentence_highlighted(open_app):
    at = open_app(view="Evidence", event="e8")
    html = article_html(at)
    assert '<mark class="pt-evidence">' in html
    assert 'title="Moscow">Moscow</span>' in html
    assert "Moscow hosts Armenian and Azerbaijani leaders" in texts(at)


def test_article_html_is_escaped_in_the_reader(open_app):
    at = open_app(view="Evidence", event="e11")
    html = article_html(at)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>" not in html and "<b>great" not in html


def test_documents_view_lists_articles_and_reads_one(open_app):
    at = open_app(view="Documents", doc="Moscow hosts Armenian and Azerbaijani leaders — TURAN")
    docs = at.dataframe[0].value
    assert set(docs["source"]) == {"Azerbaijan in Focus", "Daily Sabah", "TURAN", "PanARMENIAN.Net"}
    html = article_html(at)
    assert html.count('<mark class="pt-evidence">') >= 3  # the three event sentences of d3


def test_downloads_offer_the_filtered_events_actors_and_venues(open_app):
    at = open_app(view="Evidence")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Events (CSV)", "Event actors (CSV)", "Venues (CSV)"]


# ------------------------------------------------------------------ other views


def test_map_places_venues_by_coordinates_offline(open_app):
    at = open_app(view="Map")
    spec = next(s for t, s in figures(at).items() if t.startswith("Venues"))
    assert {trace["type"] for trace in spec["data"]} == {"scatter"}
    assert {trace["name"] for trace in spec["data"]} == {"European Union", "Russia", "United States"}
    assert "coordinates only" in spec["layout"]["title"]["text"]


def test_actor_profile_shows_roles_and_mediators(open_app):
    at = open_app(view="Actors", profile="Ilham Aliyev")
    titles = set(figures(at))
    assert {"Who interacts with whom (shared events)", "Roles", "Mediators it deals with"} <= titles
    mediators = figures(at)["Mediators it deals with"]["data"][0]
    assert set(mediators["y"]) == {"European Union", "Russia"}


def test_about_panel_reports_skipped_documents(open_app):
    at = open_app(view="About the data")
    assert "1 skipped" in texts(at)
    assert at.dataframe[0].value.iloc[0]["reason"] == "no article text found"


def test_about_panel_without_a_build_report(tmp_path, monkeypatch):
    monkeypatch.setenv("PEACETRACK_TABLES", str(build_synthetic_tables(tmp_path, with_report=False)))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = "About the data"
    at.run()
    assert not at.exception and "No build report" in texts(at)


def test_missing_tables_explain_how_to_build_them(tmp_path, monkeypatch):
    monkeypatch.setenv("PEACETRACK_TABLES", str(tmp_path / "nothing"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "python -m data_prep build seeds" in texts(at)


# ------------------------------------------------------------------ accusations and quotes


def accusations(at: AppTest):
    """The Accusations table as shown."""
    return at.dataframe(key="table_accusations").value


def test_accusations_tab_lists_who_accused_which_mediator(open_app):
    at = open_app(view="Accusations")
    assert not at.exception
    table = accusations(at)
    assert list(table.columns) == ["Date", "Accuser", "Mediator", "Accusation", "Also blamed", "Outlet", "From"]
    assert sorted(zip(table["Date"], table["Accuser"], table["Mediator"], table["Outlet"])) == [
        ("2023-11-16", "Azerbaijan", "United States", "Azerbaijan in Focus"),
        ("2023-11-17", "Azerbaijan", "United States", "Azerbaijan in Focus"),
        ("2023-12-06", "Ilham Aliyev", "European Union", "Daily Sabah"),
    ]
    assert {"Accusations against mediators per month", "Who accused which mediator"} <= set(figures(at))


@pytest.mark.parametrize(
    "mediator, expected",
    [(["united-states"], {"United States"}), (["european-union"], {"European Union"})],
)
def test_mediator_filter_narrows_the_accusations(open_app, mediator, expected):
    at = open_app(view="Accusations")
    at.multiselect(key="mediator").set_value(mediator).run()
    assert set(accusations(at)["Mediator"]) == expected
    matrix = figures(at)["Who accused which mediator"]["data"][0]
    assert set(matrix["x"]) == expected


def test_a_mediator_nobody_accused_gets_a_message_not_an_empty_table(open_app):
    at = open_app(view="Accusations", mediator="Russia")
    assert not at.exception
    assert any("No accusations against a mediator" in i.value for i in at.info)
    assert not any("Accuser" in d.value.columns for d in at.dataframe)


def test_an_accusation_link_opens_the_article_at_the_quote(open_app):
    at = open_app(view="Accusations", quote="q3")
    assert highlighted(at) == '"The European Union is biased and cannot mediate,"'
    assert "Aliyev wants US to consider new realities" in texts(at)


def test_an_accusation_event_link_opens_the_article_at_its_sentence(open_app):
    at = open_app(view="Accusations", event="e2")
    assert highlighted(at) == 'It accused James O\'Brien of "a one-sided approach by the US"'


@pytest.mark.parametrize(
    "actor, said, heard",
    [
        ("Nikol Pashinyan", ['"Azerbaijan must lift its one-sided blockade of the Lachin corridor."'], None),
        (
            "Azerbaijan",
            ['"a one-sided approach by the US"', '"The approach of the United States is one-sided and biased,"'],
            ['"Azerbaijan must lift its one-sided blockade of the Lachin corridor."'],
        ),
    ],
)
def test_actor_profile_shows_the_quotes_by_and_about_the_actor(open_app, actor, said, heard):
    at = open_app(view="Actors", profile=actor)
    assert not at.exception
    assert sorted(at.dataframe(key="table_quotes_by").value["Quote"]) == sorted(said)
    if heard is None:
        assert f"No quote by others names {actor}" in texts(at)
    else:
        assert list(at.dataframe(key="table_quotes_about").value["Quote"]) == heard


def test_a_quote_link_in_the_profile_highlights_the_quote(open_app):
    at = open_app(view="Actors", profile="Nikol Pashinyan", quote="q4")
    assert highlighted(at) == '"Azerbaijan must lift its one-sided blockade of the Lachin corridor."'


def test_quoted_html_from_an_article_is_shown_as_text(open_app):
    at = open_app(view="Accusations", quote="q6")  # not an accusation: the Accusations tab does not open it
    assert not at.warning and not highlighted(at)
    at = open_app(view="Documents", doc="d4 — PanARMENIAN.Net", quote="q6")
    assert "<b>talks</b>" not in article_html(at) and "&lt;b&gt;talks&lt;/b&gt;" in article_html(at)


def test_quotes_follow_the_sidebar_filters_in_the_profile(open_app):
    at = open_app(view="Actors", profile="Azerbaijan", outlet="TURAN")
    assert "No quote attributed to Azerbaijan" in texts(at)
    assert len(at.dataframe(key="table_quotes_about").value) == 1


def test_overview_lists_the_rounds_with_sources_and_flags_disagreement(open_app):
    at = open_app()
    table = dataframe_with(at, "Sources disagree")
    washington = table[table["Venue"] == "Washington"].iloc[0]
    assert (
        washington["Status"],
        washington["Called off by"],
        washington["Sources"],
        washington["Sources disagree"],
    ) == ("cancelled", "Azerbaijan", 2, "⚠ date: 2023-11-20, 2023-11-21")
    assert "1 round(s) whose sources disagree" in texts(at)
