"""The venue map: a basemap when its tiles can be reached, an offline map with non-overlapping labels otherwise."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.charts.base import (
    BASEMAP_ATTRIBUTION,
    BASEMAP_TILES,
    BELOW,
    LABEL_SPACING,
    MAX_POINTS,
    escape,
    figure,
    padded,
)


def label_positions(venues: pd.DataFrame, spacing: float = LABEL_SPACING) -> list[bool]:
    """Which venues get a name on the offline map: the busiest first, none within `spacing` degrees of another."""
    shown: list[tuple[float, float]] = []
    out = []
    for lat, lon in zip(venues["lat"], venues["lon"]):
        free = all(math.hypot(lat - a, (lon - b) * math.cos(math.radians(lat))) >= spacing for a, b in shown)
        if free:
            shown.append((lat, lon))
        out.append(free)
    return out


def venue_map_figure(venues: pd.DataFrame, colours: dict[str, str], basemap: bool) -> go.Figure:
    """Venues (cities) sized by events and coloured by mediation track; customdata = the venue id.

    With `basemap` the points sit on web-map tiles (needs network and WebGL); without
    it they are placed on a longitude/latitude plane and only names that do not
    overlap are written (the rest on hover). `venues` comes busiest first.
    """
    placed = venues.dropna(subset=["lat", "lon"]).head(MAX_POINTS)
    labelled = dict(zip(placed["venue_id"], label_positions(placed)))
    traces = []
    for track, part in placed.groupby("track", sort=True):
        sizes = np.minimum(10 + 8 * np.sqrt(part["n_events"].to_numpy(dtype=float)), 60).round(1).tolist()
        hover = [
            f"<b>{escape(name)}</b><br>{n:,} event(s)<br>Track: {escape(track)}"
            for name, n in zip(part["label"], part["n_events"])
        ]
        colour = palette.colour_of(colours, track)
        trace = dict(
            name=escape(track),
            customdata=part["venue_id"].tolist(),
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
        if basemap:
            trace |= dict(
                type="scattermap",
                lat=part["lat"].tolist(),
                lon=part["lon"].tolist(),
                mode="markers",
                marker=dict(size=sizes, color=colour, opacity=0.85),
            )
        else:
            text = [escape(name) if labelled[v] else "" for v, name in zip(part["venue_id"], part["label"])]
            trace |= dict(
                type="scatter",
                x=part["lon"].tolist(),
                y=part["lat"].tolist(),
                mode="markers+text",
                text=text,
                textposition="top center",
                marker=dict(size=sizes, color=colour, opacity=0.85, line=dict(color="white", width=1)),
            )
        traces.append(trace)
    title, subtitle = "Venues", "size = events, colour = mediation track"
    layout: dict = dict(height=540, legend=BELOW | dict(title=dict(text="Track")))
    if basemap:
        center = (
            dict(lat=float(placed["lat"].mean()), lon=float(placed["lon"].mean()))
            if len(placed)
            else dict(lat=45, lon=25)
        )
        layout["map"] = dict(
            style="white-bg",
            center=center,
            zoom=_zoom_for(placed),
            layers=[
                dict(below="traces", sourcetype="raster", sourceattribution=BASEMAP_ATTRIBUTION, source=[BASEMAP_TILES])
            ],
        )
    else:
        layout["xaxis"] = dict(title=dict(text="longitude"), range=padded(placed["lon"], -180, 180), zeroline=False)
        layout["yaxis"] = dict(
            title=dict(text="latitude"),
            range=padded(placed["lat"], -90, 90),
            zeroline=False,
            scaleanchor="x",
            scaleratio=1.3,
        )
        subtitle += "; coordinates only, no base map offline"
    layout["title"] = dict(text=title, subtitle=dict(text=subtitle))
    layout["margin"] = dict(l=10, r=10, t=70, b=10)
    return figure(traces, layout)


def _zoom_for(placed: pd.DataFrame) -> float:
    if len(placed) < 2:
        return 4
    span = max(float(placed["lon"].max() - placed["lon"].min()), float(placed["lat"].max() - placed["lat"].min()) * 1.5)
    return max(0.5, min(8.0, math.log2(360 / max(span, 0.5)) - 0.6))
