"""Plotly figures from small, already-aggregated frames (no Streamlit), one module per kind of chart.

Each builder takes what one chart shows (one row per round, bar segment, venue or
actor pair, never per event) and returns a `go.Figure`, so the figures can be
unit-tested and no chart ships more than `MAX_POINTS` points to the browser.
Colours come from `palette` through the `colours` mapping of the prepared data,
so a mediator, event type or status has one colour in every view. Every
selectable point carries a single key in `customdata` (a round id, 'YYYY-MM|stack',
a venue id ...), which is what a selection puts in the link.

Drag mode and click mode are left to Streamlit: with point selection on, it
makes clicks select and offers box and lasso in the chart's toolbar. A chart
forced into box-select drag mode ignores clicks.
"""

from dashboard.charts.base import BASEMAP_TILES, MAX_POINTS, escape, figure, wrap
from dashboard.charts.places import label_positions, venue_map_figure
from dashboard.charts.relations import (
    accusations_by_track_figure,
    accusations_figure,
    accuser_matrix_figure,
    bar_figure,
    interaction_figure,
)
from dashboard.charts.rounds import (
    cancellers_figure,
    capped_rounds,
    compare_rounds_figure,
    timeline_figure,
    tracks_figure,
)

__all__ = [
    "BASEMAP_TILES",
    "MAX_POINTS",
    "accusations_by_track_figure",
    "accusations_figure",
    "accuser_matrix_figure",
    "bar_figure",
    "cancellers_figure",
    "capped_rounds",
    "compare_rounds_figure",
    "escape",
    "figure",
    "interaction_figure",
    "label_positions",
    "timeline_figure",
    "tracks_figure",
    "venue_map_figure",
    "wrap",
]
