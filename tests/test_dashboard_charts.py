"""Chart builders: the right marks in the right places, one colour per value, nothing unbounded sent to the browser."""

import pandas as pd
import plotly.graph_objects as go
import pytest
from dashboard_fixtures import dashboard_data, dashboard_tables  # noqa: F401 - fixtures
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import charts, compare, palette
from dashboard.charts.base import LAT_SCALE, MAP_PLOT_PX, padded
from dashboard.charts.places import marker_sizes
from dashboard.filters import Filters, event_mask
from dashboard.inview import InView
from dashboard.views.accusations import accuser_mediator_counts, monthly_accusations


@pytest.fixture
def view(dashboard_data):
    return InView(dashboard_data, Filters(), event_mask(dashboard_data, Filters()))


def valid(fig: go.Figure) -> go.Figure:
    """Figures are built without Plotly's per-attribute validation; validate them here instead."""
    return go.Figure(fig.to_dict())


def tracks(view):
    return valid(
        charts.tracks_figure(view.rounds.dropna(subset=["plot_date"]), view.data.colours, view.data.labels["actor"])
    )


def markers(fig) -> set[tuple[str, str]]:
    return {(lane, trace.name) for trace in fig.data for lane in trace.y}


def test_tracks_have_one_lane_per_venue_and_mediator(view):
    assert set(tracks(view).layout.yaxis.categoryarray) == {
        "Washington · United States",
        "Brussels · European Union",
        "Granada · European Union",
        "Moscow · Russia",
    }


def test_each_dated_round_is_one_marker_coloured_by_status(view):
    fig = tracks(view)
    assert markers(fig) == {
        ("Washington · United States", "cancelled"),
        ("Brussels · European Union", "cancelled"),
        ("Brussels · European Union", "planned"),
        ("Granada · European Union", "cancelled"),
        ("Moscow · Russia", "held"),
    }
    assert sum(len(t.x) for t in fig.data) == 5  # the round dated only by publication is not placed
    for trace in fig.data:
        assert trace.marker.color == palette.STATUS_COLOURS[trace.name]


def test_each_marker_carries_its_round_id_as_the_selection_key(view):
    keys = {key for trace in tracks(view).data for key in trace.customdata}
    assert keys == {
        "washington-2023-11-20",
        "brussels-2023-10",
        "brussels-2024-01",
        "granada-2023-10",
        "moscow-2023-05-25",
    }


def test_marker_shape_is_the_date_precision_and_an_outline_the_disagreement(view):
    fig = tracks(view)
    by_key = {key: trace for trace in fig.data for key in trace.customdata}
    assert by_key["granada-2023-10"].marker.symbol == "diamond"
    assert by_key["moscow-2023-05-25"].marker.symbol == "circle"
    assert by_key["washington-2023-11-20"].marker.line.color == "black"
    assert by_key["moscow-2023-05-25"].marker.line.color == "white"
    assert len({t.name for t in fig.data if t.showlegend is not False}) == len({t.name for t in fig.data})


def test_track_hover_gives_date_basis_parties_sources_evidence_and_disagreement(view):
    fig = tracks(view)
    hover = {key: text for trace in fig.data for key, text in zip(trace.customdata, trace.hovertext)}
    washington = hover["washington-2023-11-20"]
    assert "2023-11-20 (day · explicit) · cancelled · called off by Azerbaijan" in washington
    assert "Parties: Armenia, Azerbaijan" in washington and "Sources: 2" in washington
    assert "Sources disagree</b>: date: 2023-11-20, 2023-11-21" in washington


def test_hover_text_from_articles_is_escaped(view):
    rounds = view.rounds.dropna(subset=["plot_date"]).copy()
    rounds["sentence"] = "<img src=x onerror=alert(1)> talks"
    fig = charts.tracks_figure(rounds, view.data.colours, view.data.labels["actor"])
    assert all("<img" not in text and "&lt;img" in text for trace in fig.data for text in trace.hovertext)


def test_the_chart_does_not_force_a_drag_mode(view):
    """In box-select drag mode a click selects nothing; Streamlit picks the mode from the selection modes."""
    layout = tracks(view).to_dict()["layout"]
    assert "dragmode" not in layout and "clickmode" not in layout


def test_no_chart_plots_more_than_max_points():
    rounds = pd.DataFrame(
        {
            "round_id": [f"r{i}" for i in range(5000)],
            "plot_date": pd.Timestamp("2023-01-01"),
            "n_sources": range(5000),
            "n_mentions": 1,
        }
    )
    kept, left_out = charts.capped_rounds(rounds, limit=charts.MAX_POINTS)
    assert len(kept) == charts.MAX_POINTS and left_out == 5000 - charts.MAX_POINTS
    assert kept["n_sources"].min() == 5000 - charts.MAX_POINTS  # the best-sourced are kept


@pytest.mark.parametrize("stack, column", [("type", "event_type"), ("mediator", "mediator")])
def test_timeline_sends_one_bar_per_month_stack_and_basis(view, stack, column):
    counts = view.monthly(column)
    fig = valid(charts.timeline_figure(counts, stack, view.data.colours["type" if stack == "type" else "mediator"]))
    assert sum(len(t.x) for t in fig.data) == len(counts) < view.n_events
    assert sum(sum(t.y) for t in fig.data) == counts["n"].sum()


def test_publication_dates_are_hatched_on_the_timeline(view):
    fig = valid(charts.timeline_figure(view.monthly("event_type"), "type", view.data.colours["type"]))
    hatched = [t for t in fig.data if t.marker.pattern.shape == "/"]
    assert [(t.legendgroup, list(t.customdata)) for t in hatched] == [("talks", ["2023-09|talks|publication"])]
    assert all(t.marker.pattern.shape in ("", None) for t in fig.data if t not in hatched)


def test_timeline_bars_take_the_colour_of_their_type(view):
    fig = valid(charts.timeline_figure(view.monthly("event_type"), "type", view.data.colours["type"]))
    for trace in fig.data:
        assert trace.marker.color == palette.TYPE_COLOURS[trace.legendgroup]


def test_talks_and_accusation_are_far_apart_in_colour():
    def rgb(colour):
        return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]

    talks, accusation = rgb(palette.TYPE_COLOURS["talks"]), rgb(palette.TYPE_COLOURS["accusation"])
    assert sum((a - b) ** 2 for a, b in zip(talks, accusation)) ** 0.5 > 150
    assert len(set(palette.TYPE_COLOURS.values())) == len(palette.TYPE_COLOURS)


@pytest.mark.parametrize("basemap, trace_type", [(False, "scatter"), (True, "scattermap")])
def test_map_places_venues_by_coordinates_coloured_by_track(view, basemap, trace_type):
    venues = view.venue_counts
    cities = venues[venues["kind"] != "country"]
    fig = valid(charts.venue_map_figure(cities, view.data.colours["mediator"], basemap=basemap))
    assert {t.type for t in fig.data} == {trace_type}
    for trace in fig.data:
        assert trace.marker.color == view.data.colours["mediator"][trace.name]
    assert {v for t in fig.data for v in t.customdata} == set(cities["venue_id"])


def test_offline_map_names_only_venues_that_do_not_overlap():
    venues = pd.DataFrame(
        {
            "label": ["Brussels", "Waterloo", "Granada", "Washington"],
            "lat": [50.85, 50.72, 37.2, 38.9],
            "lon": [4.35, 4.40, -3.6, -77.0],
            "n_events": [40, 2, 10, 30],
        }
    )
    assert charts.label_positions(venues) == [True, False, True, True]


def test_a_wider_map_spaces_names_further_apart():
    """Geneva and Munich (3.5 degrees apart) both fit on a map of Europe, not on one from Washington to Almaty."""
    europe = pd.DataFrame({"label": ["Geneva", "Munich"], "lat": [46.2, 48.1], "lon": [6.1, 11.6], "n_events": [5, 5]})
    wide = pd.concat(
        [
            europe,
            pd.DataFrame(
                {"label": ["Washington", "Almaty"], "lat": [38.9, 43.2], "lon": [-77.0, 76.9], "n_events": [5, 5]}
            ),
        ]
    )
    assert charts.label_positions(europe) == [True, True]
    assert charts.label_positions(wide) == [True, False, True, True]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(-60, 70), st.floats(-170, 170), st.integers(1, 500), st.text("abcdefgh", min_size=1, max_size=20)
        ),
        min_size=1,
        max_size=40,
    )
)
def test_no_two_names_written_on_the_offline_map_overlap(points):
    venues = pd.DataFrame(points, columns=["lat", "lon", "n_events", "label"])
    shown = venues[charts.label_positions(venues)]
    lon_low, lon_high = padded(venues["lon"], -180, 180)
    lat_low, lat_high = padded(venues["lat"], -90, 90)
    px = min(MAP_PLOT_PX[0] / (lon_high - lon_low), MAP_PLOT_PX[1] / ((lat_high - lat_low) * LAT_SCALE))
    sizes = dict(zip(shown.index, marker_sizes(shown["n_events"])))
    boxes = [
        (r.lon * px - len(r.label) * 3.75, r.lon * px + len(r.label) * 3.75, r.lat * LAT_SCALE * px + sizes[i] / 2)
        for i, r in shown.iterrows()
    ]
    for a, (left, right, bottom) in enumerate(boxes):
        for other_left, other_right, other_bottom in boxes[a + 1 :]:
            assert right <= other_left or other_right <= left or abs(bottom - other_bottom) >= 16 - 1e-9
    assert charts.label_positions(venues)[0]  # the first (venues come busiest first) is always named


def test_interaction_matrix_leaves_the_diagonal_blank(view):
    matrix, totals = view.cooccurrence(top=20)
    fig = valid(charts.interaction_figure(matrix, totals, len(view.actor_counts)))
    z = fig.data[0].z
    assert all(z[i][i] is None for i in range(len(z)))
    assert "(7)" in fig.data[0].x[list(matrix.index).index("Armenia")]  # own total in the label


def test_accusation_bars_take_the_colour_of_the_accused_mediator(view):
    counts = monthly_accusations(view.accusations)
    fig = valid(charts.accusations_figure(counts, view.data.colours["mediator"]))
    colours = {t.name: t.marker.color for t in fig.data}
    assert colours == {m: view.data.colours["mediator"][m] for m in ("United States", "European Union", "France")}
    assert len(set(colours.values())) == 3


def test_count_axes_tick_whole_numbers_only(view):
    counts = monthly_accusations(view.accusations)
    axis = valid(charts.accusations_figure(counts, view.data.colours["mediator"])).layout.yaxis
    assert counts.groupby("month")["n"].sum().max() <= 8 and axis.dtick == 1 and axis.tickformat == ",d"
    many = counts.assign(n=counts["n"] * 100)
    axis = valid(charts.accusations_figure(many, view.data.colours["mediator"])).layout.yaxis
    assert axis.dtick is None and axis.tickformat == ",d"  # Plotly picks the step; labels stay whole


def test_accuser_matrix_puts_accusers_on_rows_and_escapes_names():
    accusations = pd.DataFrame({"accuser": ["A<b>", "A<b>", "C"], "mediator": ["EU", "US", "EU"]})
    fig = valid(charts.accuser_matrix_figure(accuser_mediator_counts(accusations)))
    assert list(fig.data[0].y) == ["A&lt;b&gt;", "C"] and list(fig.data[0].x) == ["EU", "US"]


def test_compare_chart_has_one_row_per_track_titled_in_its_colour(view):
    order = compare.track_order(view.rounds, view.data.mediator_rank, view.data.labels["actor"])
    counts, period = compare.rounds_by_track(view.rounds, order)
    fig = valid(charts.compare_rounds_figure(counts, view.data.colours, period))
    titles = [(a.text, a.font.color) for a in fig.layout.annotations]
    assert titles == [
        (f"<b>{t}</b>", view.data.colours["mediator"][t]) for t in ("United States", "European Union", "Russia")
    ]
    keys = {k for trace in fig.data for k in trace.customdata}
    assert "european-union|2023-10-01|cancelled" in keys


def test_cancellers_and_accusations_by_track_are_coloured_by_track(view):
    order = compare.track_order(view.rounds, view.data.mediator_rank, view.data.labels["actor"])
    calls = compare.cancellers(view.rounds, order, view.data.labels["actor"])
    fig = valid(charts.cancellers_figure(calls, view.data.colours["mediator"]))
    assert {t.name: t.marker.color for t in fig.data} == {
        "United States": view.data.colours["mediator"]["United States"]
    }
    per_track, period = compare.accusations_by_track(view.accusations, order)
    fig = valid(charts.accusations_by_track_figure(per_track, view.data.colours["mediator"], period))
    assert [t.name for t in fig.data] == ["United States", "European Union", "France"]
