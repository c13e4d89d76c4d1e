"""What every chart shares: sizes, colour scales, the layout, escaping data text for Plotly, and a
figure built from plain dicts (not validated point by point, drawn unchanged on many reruns)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

MAX_POINTS = 2000  # markers or bar segments one chart sends to the browser at most
BASEMAP_TILES = "https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png"
BASEMAP_ATTRIBUTION = "© OpenStreetMap contributors © CARTO"
MONTH_BAR_MS = 24 * 24 * 3600 * 1000  # a bar per month, a little narrower than the month
SYMBOLS = {"day": "circle", "month": "diamond", "year": "square"}
# The offline map: its plotting area in pixels (as drawn in Streamlit's main column at 1280 px), a
# name's width per character and its line height, and how much taller a degree of latitude is
# drawn than one of longitude (near 40°N a degree of longitude is ~0.77 of one of latitude).
MAP_PLOT_PX = (700, 330)
MAX_LABELS = 60  # names tried on the offline map, busiest first
LABEL_CHAR_PX = 7.5
LABEL_LINE_PX = 16
LAT_SCALE = 1.3
# Written out: a named scale is passed to Plotly.js unvalidated, and Plotly.js runs "Blues" dark to light.
BLUES = [[0, "#f7fbff"], [0.5, "#6baed6"], [1, "#08306b"]]
REDS = [[0, "#fff5f0"], [0.5, "#fb6a4a"], [1, "#67000d"]]
BELOW: dict[str, object] = dict(
    orientation="h", yanchor="top", y=-0.18, x=0, xanchor="left"
)  # fits a phone's width too
LAYOUT: dict[str, object] = dict(template="plotly_white", margin=dict(l=10, r=10, t=50, b=10), font=dict(size=13))


def escape(value: object) -> str:
    """Text from the data, safe in Plotly hover and axis labels (which read a few HTML tags)."""
    return html.escape(str(value))


def wrap(value: object, width: int = 70) -> str:
    """Escape and wrap at word boundaries with <br> for a hover box (long texts cut at 400 characters)."""
    text = str(value)
    text = text if len(text) <= 400 else text[:399] + "…"
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "<br>".join(escape(x) for x in [*lines, line] if x)


class SharedFigure(go.Figure):
    """A figure drawn unchanged on many reruns: Streamlit asks for its dict on each, and the dict
    (a deep copy of every point) is made once. Change it before it is first drawn, not after."""

    def to_dict(self) -> dict[str, object]:
        cached: dict[str, object] | None = self.__dict__.get("_pt_dict")
        if cached is None:
            cached = super().to_dict()
            self.__dict__["_pt_dict"] = cached
        return cached


def figure(traces: Sequence[Mapping[str, object]], layout: Mapping[str, object]) -> go.Figure:
    """A figure from plain trace and layout dicts, not validated attribute by attribute.

    Plotly's validation of per-point lists costs more than the rest of a rerun; the
    unit tests validate every builder's output instead (`go.Figure(fig.to_dict())`).
    """
    return SharedFigure(data=traces, layout=LAYOUT | dict(layout), _validate=False)


def date_range(dates: pd.Series, pad_days: int = 30) -> list[str] | None:
    """A month either side, so a lone round is not pinned to the plot's edge."""
    dates = dates.dropna()
    if dates.empty:
        return None
    pad = pd.Timedelta(days=pad_days)
    return [(dates.min() - pad).strftime("%Y-%m-%d"), (dates.max() + pad).strftime("%Y-%m-%d")]


def padded(values: pd.Series, low: float, high: float) -> list[float]:
    if values.empty:
        return [low, high]
    lo, hi = float(values.min()), float(values.max())
    pad = max(2.0, (hi - lo) * 0.15)
    return [max(low, lo - pad), min(high, hi + pad)]


def count_axis(highest: float, **extra: object) -> dict[str, object]:
    """An axis of counts: from zero, whole numbers only (Plotly would tick 0.5 steps up to a count of 3)."""
    whole: dict[str, object] = {"dtick": 1} if highest <= 8 else {}
    return dict(rangemode="tozero", tickformat=",d") | whole | extra


def highest_stack(counts: pd.DataFrame, by: str) -> int:
    """The tallest stack of a stacked bar chart: the counts `n` summed per `by`."""
    return int(counts.groupby(by)["n"].sum().max()) if len(counts) else 0
