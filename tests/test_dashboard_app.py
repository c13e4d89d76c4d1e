"""The real app, driven by Streamlit's AppTest on the synthetic build.

Each test opens the app as an analyst would (optionally from a shared link) and
checks what the views show. Helpers read the page the way an analyst reads it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pandas as pd
import pytest
from dashboard_fixtures import (  # noqa: F401 - fixtures
    APP,
    N_EVENTS,
    app_tables,
    build_synthetic_tables,
    dashboard_tables,
    open_app,
)
from streamlit.testing.v1 import AppTest

from dashboard import palette
from dashboard.state import TABS
from dashboard.views.common import EMPTY_MESSAGE

ALL_LANES = {
    "Washington · United States",
    "Brussels · European Union",
    "Granada · European Union",
    "Moscow · Russia",
}


def figures(at) -> dict[str, dict]:
    """Plotly figures on the page by title."""
    out = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        out[spec["layout"].get("title", {}).get("text", "")] = spec
    return out


def figure(at, prefix: str) -> dict:
    return next(spec for title, spec in figures(at).items() if title.startswith(prefix))


def tracks(at) -> set[tuple[str, str]]:
    """(lane, status) of every marker on the mediation tracks chart."""
    return {(lane, trace["name"]) for trace in figure(at, "Mediation tracks")["data"] for lane in trace["y"]}


def lanes(at) -> set[str]:
    return {lane for lane, _ in tracks(at)}


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def texts(at) -> str:
    """Everything written on the page, for 'the page says ...' checks."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [t.value for t in at.title]
    return "\n".join(map(str, parts)).replace("\\", "").replace("**", "")


def article_html(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def highlighted(at) -> str:
    """The highlighted words of the open article, as the analyst reads them (entity marks dropped)."""
    article = article_html(at).partition('<div class="pt-article">')[2]  # after the legend
    marked = re.findall(r'<mark class="pt-evidence">(.*?)</mark>', article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", "".join(marked)))


def table(at, name: str) -> pd.DataFrame:
    """The table a view shows under `name` (keys are table_<name>[_<page digest>])."""
    return next(d.value for d in at.dataframe if (d.key or "").startswith(f"table_{name}"))


def dataframe_with(at, column: str) -> pd.DataFrame:
    """The first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def link(at) -> str:
    return at.sidebar.code[0].value


# ------------------------------------------------------------------ starting


@pytest.mark.parametrize("view", TABS)
def test_every_view_opens_without_exceptions(open_app, view):
    at = open_app(view=view)
    assert not at.exception
    assert [t.label for t in at.tabs] == list(TABS)


def test_overview_gives_the_headline_figures(open_app):
    at = open_app()
    assert {m.label: m.value for m in at.metric} == {
        "Documents": "4",
        "Events": str(N_EVENTS),
        "Actors": "8",
        "Date span": "2023 – 2024-01",
        "Rounds held": "1",
        "Rounds planned": "2",
        "Rounds cancelled": "3",
    }
    assert "Active filters: none" in texts(at)


def test_headline_figures_sit_four_to_a_row_so_no_label_is_cut(open_app):
    at = open_app()
    rows = [block for block in at.main.children.values() if getattr(block, "type", None) == "flex_container"]
    per_row = [sum(len(column.get("metric")) for column in row.children.values()) for row in rows]
    assert [n for n in per_row if n] == [4, 3]


def test_the_title_names_the_conflict_of_the_build(tmp_path, monkeypatch):
    tables = build_synthetic_tables(tmp_path)
    pd.DataFrame({"name": ["Kosovo–Serbia dialogue"], "mediators": [["european-union"]]}).to_parquet(
        tables / "conflict.parquet"
    )
    monkeypatch.setenv("PEACETRACK_TABLES", str(tables))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.title[0].value == "peacetrack · Kosovo–Serbia dialogue"


def test_tracks_chart_shows_every_mediation_track(open_app):
    at = open_app()
    assert lanes(at) == ALL_LANES
    assert ("Moscow · Russia", "held") in tracks(at)
    assert ("Washington · United States", "cancelled") in tracks(at)


def test_clicks_select_on_the_tracks_chart(open_app):
    """A chart forced into box-select drag mode ignores clicks: the drag mode is left to Streamlit."""
    layout = figure(open_app(), "Mediation tracks")["layout"]
    assert "dragmode" not in layout and "clickmode" not in layout


# ------------------------------------------------------------------ filters through the widgets


@pytest.mark.parametrize(
    "key, values, expected_lanes, expected_events",
    [
        ("mediator", ["russia"], {"Moscow · Russia"}, 1),
        ("mediator", ["united-states", "russia"], {"Washington · United States", "Moscow · Russia"}, 4),
        ("venue", ["granada"], {"Granada · European Union"}, 2),
        ("actor", ["ilham-aliyev"], {"Granada · European Union", "Moscow · Russia"}, 3),
        ("actor", ["european-union"], {"Brussels · European Union", "Granada · European Union"}, 4),
        (
            "status",
            ["cancelled"],
            {"Washington · United States", "Brussels · European Union", "Granada · European Union"},
            4,
        ),
        ("status", ["planned"], {"Brussels · European Union"}, 2),
        ("outlet", ["TURAN"], {"Moscow · Russia"}, 4),
        ("type", ["talks"], ALL_LANES, 7),
        ("basis", ["explicit"], ALL_LANES, 11),
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


def test_free_text_finds_actor_names_and_headlines(open_app):
    at = open_app(q="O'Brien")  # named only as an actor of e2, not in any sentence as a whole word
    assert metric(at, "Events") == "1"
    at = open_app(q="realities")  # only in d2's headline
    assert metric(at, "Events") == "5"


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
    timeline = figure(at, "Events per month")
    assert {trace["legendgroup"] for trace in timeline["data"]} == {"European Union", "No mediator"}


def test_the_share_link_reproduces_the_view(open_app):
    at = open_app(mediator="European Union", view="Map")
    assert link(at) == "?mediator=European%20Union&view=Map"


@pytest.mark.parametrize(
    "params, said",
    [
        ({"bogus": "1"}, "Ignored the parameter “bogus”: not one the dashboard knows"),
        ({"mediator": "Atlantis"}, "Mediator: ignored “Atlantis” (no such mediator)"),
        (
            {"mediator": ["European Union", "Atlantis"]},
            "Mediator: applied European Union; ignored “Atlantis” (no such mediator)",
        ),
        ({"dates": "last tuesday"}, "Dates: ignored “last tuesday”: not a YYYY-MM-DD date range"),
        ({"view": "Nowhere"}, "View: ignored “Nowhere” (no such view)"),
        ({"event": "e404"}, "Event: ignored “e404” (no such event)"),
        ({"type": ["talks", "party"]}, "Event type: applied talks; ignored “party” (no such event type)"),
        ({"q": "x" * 1000}, "Search: applied its first 200 characters; ignored the other 800"),
    ],
)
def test_link_notes_say_what_was_applied_and_what_was_ignored(open_app, params, said):
    at = open_app(**params)
    assert not at.exception
    assert at.warning and said in at.warning[0].value.replace("\\", "")
    assert at.tabs  # the dashboard itself is there


def test_a_reversed_date_range_is_applied_in_order_and_the_note_says_so(open_app):
    at = open_app(dates=["2023-11-30", "2023-10-01"])
    assert at.date_input(key="dates").value == (dt.date(2023, 10, 1), dt.date(2023, 11, 30))
    note = at.warning[0].value.replace("\\", "")
    assert "2023-11-30 is after 2023-10-01; applied them swapped, 2023-10-01 – 2023-11-30" in note
    assert "ignored" not in note
    assert metric(at, "Events") == "8"  # what the swapped range lets through, not nothing


def test_a_long_unknown_value_is_quoted_short_and_escaped(open_app):
    hostile = "**bold** [link](https://evil.example) <script>alert(1)</script> " + "A" * 500
    at = open_app(mediator=hostile)
    note = at.warning[0].value
    assert "A" * 60 not in note and len(note) < 300
    assert "**bold**" not in note and "[link](" not in note and "<script>" not in note
    assert "\\*\\*bold\\*\\*" in note  # shown as text, not markup


def test_good_parameters_survive_next_to_bad_ones(open_app):
    at = open_app(mediator=["European Union", "Atlantis"], colour="red")
    assert at.multiselect(key="mediator").value == ["european-union"]
    assert lanes(at) == {"Brussels · European Union", "Granada · European Union"}
    assert "colour" not in link(at)


def test_link_notes_go_once_a_filter_changes(open_app):
    at = open_app(mediator="Atlantis")
    assert at.warning
    at.multiselect(key="status").set_value(["held"]).run()
    assert not at.warning


# ------------------------------------------------------------------ empty results


@pytest.mark.parametrize("view", [t for t in TABS if t != "About the data"])
def test_a_filter_matching_nothing_shows_the_empty_state(open_app, view):
    at = open_app(q="no such words anywhere", view=view)
    assert not at.exception
    assert EMPTY_MESSAGE in [i.value for i in at.info]
    assert not at.get("plotly_chart")
    assert metric(at, "Events") == "0"


# ------------------------------------------------------------------ evidence and reader


def test_evidence_table_lists_the_filtered_events_with_how_each_date_is_known(open_app):
    at = open_app(view="Evidence", mediator="Russia")
    evidence = table(at, "evidence")
    assert list(evidence.columns) == [
        "Date",
        "Evidence",
        "Dated by",
        "Type",
        "Status",
        "Actors",
        "Venue",
        "Mediator",
        "Outlet",
    ]
    assert evidence.iloc[0].to_dict() == {
        "Date": "2023-05-25",
        "Dated by": "day · explicit",
        "Type": "talks",
        "Status": "held",
        "Evidence": "Nikol Pashinyan and Ilham Aliyev held talks in Moscow on May 25, 2023",
        "Actors": "Ilham Aliyev, Nikol Pashinyan",
        "Venue": "Moscow",
        "Mediator": "Russia",
        "Outlet": "TURAN",
    }


def test_the_evidence_column_is_wide_enough_to_read(open_app):
    at = open_app(view="Evidence")
    element = next(d for d in at.dataframe if (d.key or "").startswith("table_evidence"))
    config = json.loads(element.proto.columns)
    assert config["Evidence"]["width"] >= 400


def test_a_publication_date_is_never_shown_as_an_event_date(open_app):
    at = open_app(view="Evidence", q="Further talks")
    assert table(at, "evidence").iloc[0][["Date", "Dated by"]].tolist() == ["2023-09-12", "day · publication"]
    at = open_app(q="Further talks")
    rounds = dataframe_with(at, "Sources disagree")
    assert rounds.iloc[0][["Date", "Dated by"]].tolist() == ["date not given", "—"]
    at = open_app(view="Timeline", q="Further talks")
    bars = figure(at, "Events per month")["data"]
    assert [b["marker"]["pattern"]["shape"] for b in bars] == ["/"]  # hatched: dated by the article


def test_an_event_link_opens_its_article_with_the_sentence_highlighted(open_app):
    at = open_app(view="Evidence", event="e8")
    assert highlighted(at) == "Nikol Pashinyan and Ilham Aliyev held talks in Moscow on May 25, 2023"
    assert 'title="Moscow">Moscow</span>' in article_html(at)
    assert "Moscow hosts Armenian and Azerbaijani leaders" in texts(at)


def test_article_html_is_escaped_in_the_reader(open_app):
    at = open_app(view="Evidence", event="e11")
    html_text = article_html(at)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html_text
    assert "<script>" not in html_text and "<b>great" not in html_text


def test_the_reader_closes_when_a_filter_leaves_its_event_out(open_app):
    at = open_app(view="Evidence", event="e1")  # a US-track event
    assert highlighted(at)
    at.multiselect(key="mediator").set_value(["russia"]).run()
    assert not highlighted(at)
    assert "event" not in at.query_params and "event=" not in link(at)


def test_a_link_to_an_event_outside_its_filters_does_not_open_it(open_app):
    at = open_app(view="Evidence", event="e1", mediator="Russia")
    assert not highlighted(at) and "event" not in at.query_params


def test_the_reader_stays_open_while_its_event_is_in_view(open_app):
    at = open_app(view="Evidence", event="e1")
    at.multiselect(key="status").set_value(["cancelled"]).run()
    assert highlighted(at) == "it would not participate in a November 20 meeting in Washington"


def test_clear_all_closes_the_reader(open_app):
    """(A tab change closes it too: AppTest cannot switch tabs, the browser test does.)"""
    at = open_app(view="Evidence", event="e1")
    at.button(key="clear_all").click().run()
    assert not highlighted(at) and "event" not in at.query_params


def test_a_round_selection_in_the_link_narrows_the_evidence_and_closes_other_articles(open_app):
    at = open_app(rounds="moscow-2023-05-25", event="e1")
    assert "Selected on the chart: 1 round(s)" in texts(at)
    assert list(table(at, "overview")["Evidence"]) == [
        "Nikol Pashinyan and Ilham Aliyev held talks in Moscow on May 25, 2023"
    ]
    assert not highlighted(at)  # e1 is not among the selected rounds' evidence
    at.button(key="clear_rounds").click().run()
    assert len(table(at, "overview")) == 7 and "rounds" not in at.query_params


def test_documents_view_lists_articles_and_reads_one(open_app):
    at = open_app(view="Documents", doc="d3")
    docs = table(at, "documents")
    assert set(docs["Outlet"]) == {"Azerbaijan in Focus", "Daily Sabah", "TURAN", "PanARMENIAN.Net"}
    assert article_html(at).count('<mark class="pt-evidence">') >= 3  # the event sentences of d3


# ------------------------------------------------------------------ exports


def test_every_table_in_view_downloads_as_csv_and_parquet(open_app):
    at = open_app(view="Evidence", mediator="European Union")
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "Parquet"] * 5
    assert "Events** · 4 rows" in "\n".join(m.value for m in at.markdown)


# ------------------------------------------------------------------ other views


def test_map_places_cities_by_coordinates_offline_and_lists_countries_apart(open_app):
    at = open_app(view="Map")
    spec = figure(at, "Venues")
    assert {trace["type"] for trace in spec["data"]} == {"scatter"}
    placed = {v for trace in spec["data"] for v in trace["customdata"]}
    assert "united-states" not in placed  # a country is not a point in Kansas
    assert "Named only as a country or region" in texts(at) and "United States" in texts(at)
    venues = dataframe_with(at, "Mediation track")
    assert "united-states" not in set(venues["Country"]) and "United States" in set(venues["Country"])


def test_actor_matrix_leaves_the_diagonal_blank_and_says_how_many_it_shows(open_app):
    at = open_app(view="Actors", profile="Ilham Aliyev")
    matrix = figure(at, "Who interacts with whom")
    z = matrix["data"][0]["z"]
    assert all(z[i][i] is None for i in range(len(z)))
    assert "most active of 8 actors" in matrix["layout"]["title"]["subtitle"]["text"]
    mediators = figure(at, "Mediators it deals with")["data"][0]
    assert set(mediators["y"]) == {"European Union", "Russia"}


def test_the_review_list_of_new_names_is_shown(open_app):
    at = open_app(view="Actors")
    assert any("New names to review (1)" in e.label for e in at.expander)
    assert "Yuri Kim" in set(dataframe_with(at, "First article")["Name"])


def test_about_panel_reports_skipped_documents(open_app):
    at = open_app(view="About the data")
    assert "1 skipped" in texts(at)
    assert at.dataframe[0].value.iloc[0]["reason"] == "no article text found"


def test_missing_tables_explain_how_to_build_them(tmp_path, monkeypatch):
    monkeypatch.setenv("PEACETRACK_TABLES", str(tmp_path / "nothing"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "python -m data_prep build seeds" in texts(at)


def test_a_build_without_display_tables_still_opens(tmp_path, monkeypatch):
    monkeypatch.setenv("PEACETRACK_TABLES", str(build_synthetic_tables(tmp_path, with_display=False)))
    monkeypatch.setenv("PEACETRACK_OFFLINE", "1")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and metric(at, "Rounds cancelled") == "3"


# ------------------------------------------------------------------ accusations and quotes


def test_accusations_tab_lists_who_accused_which_mediator(open_app):
    at = open_app(view="Accusations")
    accusations = table(at, "accusations")
    assert list(accusations.columns) == [
        "Date",
        "Accuser",
        "Mediator",
        "Accusation",
        "Dated by",
        "Also blamed",
        "Outlet",
        "From",
    ]
    assert sorted(
        zip(accusations["Date"], accusations["Accuser"], accusations["Mediator"], accusations["Dated by"])
    ) == [
        ("2023-11-16", "Azerbaijan", "United States", "day · explicit"),
        ("2023-11-17", "Azerbaijan", "United States", "day · publication"),
        ("2023-12-06", "Ilham Aliyev", "European Union", "day · publication"),
        ("2023-12-06", "Ilham Aliyev", "France", "day · publication"),
    ]
    assert {"Accusations against mediators per month", "Who accused which mediator"} <= set(figures(at))


def test_a_mediator_nobody_accused_gets_a_message_not_an_empty_table(open_app):
    at = open_app(view="Accusations", mediator="Russia")
    assert any("No accusations against a mediator" in i.value for i in at.info)


def test_an_accusation_link_opens_the_article_at_the_quote(open_app):
    at = open_app(view="Accusations", quote="q3")
    assert highlighted(at) == '"The European Union is biased and cannot mediate,"'


def test_an_accusation_event_link_opens_the_article_at_its_sentence(open_app):
    at = open_app(view="Accusations", event="e2")
    assert highlighted(at) == 'It accused James O\'Brien of "a one-sided approach by the US"'


def test_a_quote_link_in_the_profile_highlights_the_quote(open_app):
    at = open_app(view="Actors", profile="Nikol Pashinyan", quote="q4")
    assert highlighted(at) == '"Azerbaijan must lift its one-sided blockade of the Lachin corridor."'


def test_overview_lists_the_rounds_with_sources_and_flags_disagreement(open_app):
    at = open_app()
    rounds = dataframe_with(at, "Sources disagree")
    washington = rounds[rounds["Venue"] == "Washington"].iloc[0]
    assert (
        washington["Status"],
        washington["Called off by"],
        washington["Sources"],
        washington["Sources disagree"],
    ) == (
        "cancelled",
        "Azerbaijan",
        2,
        "⚠ date: 2023-11-20, 2023-11-21",
    )
    assert "1 whose sources disagree" in texts(at)


# ------------------------------------------------------------------ one colour per mediator


def colour_by_name(spec: dict, name: str) -> set[str]:
    """Colours of a figure's traces named `name` (legend name or group)."""
    return {
        t["marker"]["color"] if "marker" in t else t["line"]["color"]
        for t in spec["data"]
        if name in (t.get("name"), t.get("legendgroup"))
    }


def test_a_mediator_has_one_colour_in_every_view(open_app):
    """Whatever else a view shows: the colour belongs to the mediator, not to its rank among the values in view."""
    timeline = figure(open_app(view="Timeline", stack="Mediator"), "Events per month")
    venues = figure(open_app(view="Map", mediator="United States"), "Venues")
    accused = figure(open_app(view="Accusations", mediator="United States"), "Accusations against mediators")
    us = colour_by_name(timeline, "United States")
    assert len(us) == 1 and us == colour_by_name(venues, "United States") == colour_by_name(accused, "United States")
    france = colour_by_name(figure(open_app(view="Accusations", mediator="France"), "Accusations against"), "France")
    assert france != colour_by_name(timeline, "European Union") and france != {palette.UNKNOWN_COLOUR}


# ------------------------------------------------------------------ compare


def test_compare_sets_the_tracks_side_by_side(open_app):
    at = open_app(view="Compare")
    summary = dataframe_with(at, "Track").set_index("Track")
    assert list(summary.index) == ["United States", "European Union", "Russia", "No mediator"]
    assert summary.loc["European Union", ["Held", "Planned", "Cancelled"]].tolist() == [0, 1, 2]
    assert summary.loc["United States", "Called off by"] == "Azerbaijan (1)"
    assert summary.loc["United States", "Accusations against"] == 2
    chart = figure(at, "Rounds per track")
    assert [a["text"] for a in chart["layout"]["annotations"]] == [
        "<b>United States</b>",
        "<b>European Union</b>",
        "<b>Russia</b>",
    ]
    assert any(t.startswith("Who called rounds off, by track") for t in figures(at))
