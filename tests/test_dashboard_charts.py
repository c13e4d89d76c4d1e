"""Chart builders: the right marks in the right places, aggregated before plotting."""

import pandas as pd
import plotly.graph_objects as go
import pytest
from dashboard_fixtures import dashboard_data, dashboard_tables  # noqa: F401 - fixtures

from dashboard import charts
from dashboard.filters import Filters, apply
from dashboard.rounds import rounds_in_view


@pytest.fixture
def rounds(dashboard_data):
    return rounds_in_view(dashboard_data, apply(dashboard_data, Filters()))


def markers(fig):
    """(lane, status) of every marker of the tracks chart."""
    return {(lane, trace.name) for trace in fig.data for lane in trace.y}


def test_tracks_have_one_lane_per_venue_and_mediator(rounds):
    fig = charts.tracks_figure(rounds)
    assert set(fig.layout.yaxis.categoryarray) == {
        "Washington · United States",
        "Brussels · European Union",
        "Granada · European Union",
        "Moscow · Russia",
    }


def test_each_round_is_one_marker_coloured_by_status(rounds):
    fig = charts.tracks_figure(rounds)
    assert markers(fig) == {
        ("Washington · United States", "cancelled"),
        ("Brussels · European Union", "cancelled"),
        ("Brussels · European Union", "planned"),
        ("Granada · European Union", "cancelled"),
        ("Moscow · Russia", "held"),
    }
    assert sum(len(t.x) for t in fig.data) == len(rounds)
    for trace in fig.data:
        assert trace.marker.color == charts.STATUS_COLORS[trace.name]


def test_track_hover_gives_date_parties_sources_evidence_and_disagreement(rounds):
    fig = charts.tracks_figure(rounds)
    cancelled = next(t for t in fig.data if t.name == "cancelled")
    washington = next(c for c in cancelled.customdata if c[5].startswith("Washington"))
    event_ids, date, parties, n_sources, sentence, _, disagreement, called_off = washington
    assert (sorted(event_ids), date, parties, n_sources) == (["e1", "e6"], "2023-11-20", "Armenia, Azerbaijan", 2)
    assert "November 20" in sentence
    assert disagreement == "<br><b>Sources disagree</b>: date: 2023-11-20, 2023-11-21"
    assert called_off == " · called off by Azerbaijan"
    for part in ("customdata[1]", "customdata[2]", "customdata[3]", "customdata[4]", "customdata[6]", "customdata[7]"):
        assert part in cancelled.hovertemplate


def test_only_disagreeing_rounds_get_an_outline_and_a_hover_line(rounds):
    fig = charts.tracks_figure(rounds)
    outlined = {
        lane: (color, custom[6])
        for t in fig.data
        for lane, color, custom in zip(t.y, t.marker.line.color, t.customdata)
    }
    assert outlined["Washington · United States"][0] == "black"
    assert outlined["Moscow · Russia"] == ("white", "")


@pytest.mark.parametrize(
    "disagree, text, line",
    [
        (False, None, ""),
        (False, "status: held, planned", ""),  # the flag decides, not the leftover text
        (True, "status: cancelled, planned", "<br><b>Sources disagree</b>: status: cancelled, planned"),
        (True, None, "<br><b>Sources disagree</b>"),
        (True, "date: <i>2023</i>", "<br><b>Sources disagree</b>: date: &lt;i&gt;2023&lt;/i&gt;"),
    ],
)
def test_disagreement_hover_line(disagree, text, line):
    assert charts.disagreement_hover(disagree, text) == line


def test_hover_text_from_articles_is_escaped(rounds):
    hostile = rounds.assign(sentence="<script>x</script>", parties="<b>A</b>")
    fig = charts.tracks_figure(hostile)
    custom = fig.data[0].customdata[0]
    assert "<script>" not in custom[4] and "&lt;script&gt;" in custom[4]
    assert custom[2] == "&lt;b&gt;A&lt;/b&gt;"


def test_month_dated_rounds_sit_mid_month_as_diamonds(rounds):
    granada = rounds.set_index("round_key").loc["round:granada-2023-10"]
    assert granada["date"] == pd.Timestamp("2023-10-16")
    fig = charts.tracks_figure(rounds)
    cancelled = next(t for t in fig.data if t.name == "cancelled")
    symbols = dict(zip(cancelled.y, cancelled.marker.symbol))
    assert symbols["Granada · European Union"] == "diamond"
    assert symbols["Washington · United States"] == "circle"


@pytest.mark.parametrize("stack, column", [("type", "event_type"), ("mediator", "mediator")])
def test_timeline_aggregates_to_one_bar_per_month_and_stack(dashboard_data, stack, column):
    events = apply(dashboard_data, Filters())
    counts = charts.monthly_counts(events, column)
    assert counts["n"].sum() == events["month"].notna().sum()
    fig = charts.timeline_figure(counts, stack)
    assert fig.layout.barmode == "stack"
    assert sum(len(t.x) for t in fig.data) == len(counts)
    assert all(isinstance(t, go.Bar) for t in fig.data)


def test_timeline_by_type_counts_october_talks(dashboard_data):
    counts = charts.monthly_counts(apply(dashboard_data, Filters()), "event_type").set_index(["month", "stack"])
    assert counts.loc[(pd.Timestamp("2023-10-01"), "talks"), "n"] == 2


def test_timeline_by_mediator_names_events_without_one(dashboard_data):
    counts = charts.monthly_counts(apply(dashboard_data, Filters()), "mediator")
    assert "No mediator" in set(counts["stack"])


@pytest.fixture
def venue_counts(dashboard_data):
    return charts.venue_counts(dashboard_data.venues, apply(dashboard_data, Filters()), dashboard_data.labels["actor"])


def test_venues_are_counted_and_coloured_by_track(venue_counts):
    counts = venue_counts.set_index("name")
    assert counts.loc["Brussels", "n_events"] == 2 and counts.loc["Brussels", "track"] == "European Union"
    assert counts.loc["Washington", "n_events"] == 2


@pytest.mark.parametrize("basemap, trace_type", [(True, go.Scattermap), (False, go.Scatter)])
def test_map_places_every_venue_by_its_coordinates(venue_counts, basemap, trace_type):
    fig = charts.venue_map_figure(venue_counts, basemap=basemap)
    assert {type(t) for t in fig.data} == {trace_type}
    assert {t.name for t in fig.data} == {"European Union", "Russia", "United States"}
    placed = sum(len(t.customdata) for t in fig.data)
    assert placed == len(venue_counts)


def test_offline_map_needs_no_tiles_and_labels_venues(venue_counts):
    fig = charts.venue_map_figure(venue_counts, basemap=False)
    assert not fig.layout.map.layers
    moscow = next(t for t in fig.data if t.name == "Russia")
    assert (moscow.x[0], moscow.y[0], moscow.text[0]) == (37.6173, 55.7558, "Moscow")


def test_online_map_draws_tiles_under_the_points(venue_counts):
    fig = charts.venue_map_figure(venue_counts, basemap=True)
    assert fig.layout.map.style == "white-bg"
    assert fig.layout.map.layers[0].source[0] == charts.BASEMAP_TILES


def test_interaction_matrix_counts_shared_events(dashboard_data):
    matrix = charts.cooccurrence(dashboard_data.event_actors)
    assert matrix.loc["Nikol Pashinyan", "Ilham Aliyev"] == 2  # Granada and Moscow
    assert matrix.loc["Armenia", "Azerbaijan"] == matrix.loc["Azerbaijan", "Armenia"]
    fig = charts.interaction_figure(matrix)
    assert fig.data[0].type == "heatmap"


def test_interaction_matrix_keeps_the_most_active(dashboard_data):
    assert charts.cooccurrence(dashboard_data.event_actors, top=3).shape == (3, 3)


def test_accusations_chart_has_one_bar_series_per_accused_mediator(dashboard_data):
    counts = charts.monthly_counts(dashboard_data.accusations, "mediator")
    fig = charts.accusations_figure(counts)
    assert {trace.name for trace in fig.data} == {"United States", "European Union"}
    assert sum(sum(trace.y) for trace in fig.data) == 3
    assert all(trace.width == charts.MONTH_BAR_MS for trace in fig.data)


def test_accuser_matrix_puts_accusers_on_rows_and_escapes_names():
    matrix = pd.DataFrame(
        [[2, 0], [0, 1]], index=["Azerbaijan", "<b>X</b>"], columns=["United States", "European Union"]
    )
    fig = charts.accuser_matrix_figure(matrix)
    assert list(fig.data[0].y) == ["Azerbaijan", "&lt;b&gt;X&lt;/b&gt;"]
    assert list(fig.data[0].x) == ["United States", "European Union"]


def test_a_place_without_a_track_takes_the_track_of_its_rounds(dashboard_data):
    venues = pd.DataFrame(
        [dict(venue_id="spain", name="Spain", country="spain", lat=40.4, lon=-3.7, mediator_id=None, aliases=[])]
    )
    events = pd.DataFrame([dict(event_id="x", venue_id="spain", event_type="talks", mediator_id="european-union")])
    counts = charts.venue_counts(venues, events, {"european-union": "European Union"})
    assert counts.loc[0, "track"] == "European Union"
