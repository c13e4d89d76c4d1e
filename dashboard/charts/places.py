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
    LABEL_CHAR_PX,
    LABEL_LINE_PX,
    LAT_SCALE,
    MAP_PLOT_PX,
    MAX_LABELS,
    MAX_POINTS,
    escape,
    figure,
    padded,
)

Box = tuple[float, float, float, float]  # left, right, bottom, top, in pixels


def marker_sizes(n_events: pd.Series) -> np.ndarray:
    """Marker diameters in pixels: grow with the square root of the events, capped."""
    sizes: np.ndarray = np.minimum(10 + 8 * np.sqrt(n_events.to_numpy(dtype=float)), 60).round(1)
    return sizes


def label_positions(venues: pd.DataFrame, plot_px: tuple[int, int] = MAP_PLOT_PX) -> list[bool]:
    """Which venues get a name on the offline map: the busiest first, none whose name would
    overlap a name already written or a busier venue's marker, and only among the busiest
    `MAX_LABELS` (more names than that are not read, and the rest have their hover).
    Names are measured in pixels at the scale the map is drawn at (its extent over
    `plot_px`), so a wide map (Washington to Almaty) spaces them further apart in degrees
    than a map of one region."""
    lon_low, lon_high = padded(venues["lon"], -180, 180)
    lat_low, lat_high = padded(venues["lat"], -90, 90)
    # Pixels per degree of longitude; a degree of latitude is drawn LAT_SCALE times as tall.
    px = min(plot_px[0] / max(lon_high - lon_low, 1e-6), plot_px[1] / max((lat_high - lat_low) * LAT_SCALE, 1e-6))
    sizes = marker_sizes(venues["n_events"])
    xs = venues["lon"].to_numpy(dtype=float) * px
    ys = venues["lat"].to_numpy(dtype=float) * LAT_SCALE * px
    markers = np.stack([xs - sizes / 2, xs + sizes / 2, ys - sizes / 2, ys + sizes / 2], axis=1)
    written: list[Box] = []
    out = []
    for i, (label, x, y, size) in enumerate(zip(venues["label"], xs, ys, sizes)):
        half = len(str(label)) * LABEL_CHAR_PX / 2
        box = (x - half, x + half, y + size / 2, y + size / 2 + LABEL_LINE_PX)  # above its marker
        # A busier venue's marker stays readable; a quieter one's may sit under the name.
        free = i < MAX_LABELS and not _overlaps(box, markers[:i]).any()
        free = free and not any(_overlaps(box, np.array([b]))[0] for b in written)
        if free:
            written.append(box)
        out.append(bool(free))
    return out


def _overlaps(box: Box, boxes: np.ndarray) -> np.ndarray:
    """Per row of `boxes` (left, right, bottom, top): does it overlap `box`?"""
    return ~((box[1] <= boxes[:, 0]) | (boxes[:, 1] <= box[0]) | (box[3] <= boxes[:, 2]) | (boxes[:, 3] <= box[2]))


def venue_map_figure(venues: pd.DataFrame, colours: dict[str, str], basemap: bool) -> go.Figure:
    """Venues (cities) sized by events and coloured by mediation track; customdata = the venue id.

    With `basemap` the points sit on web-map tiles (needs network and WebGL); without
    it they are placed on a longitude/latitude plane and only names that do not
    overlap are written (the rest on hover). `venues` comes busiest first.
    """
    placed = venues.dropna(subset=["lat", "lon"]).head(MAX_POINTS)
    labelled = dict(zip(placed["venue_id"], label_positions(placed)))
    traces: list[dict[str, object]] = []
    for track, part in placed.groupby("track", sort=True):
        sizes = marker_sizes(part["n_events"]).tolist()
        hover = [
            f"<b>{escape(name)}</b><br>{n:,} event(s)<br>Track: {escape(track)}"
            for name, n in zip(part["label"], part["n_events"])
        ]
        colour = palette.colour_of(colours, track)
        trace: dict[str, object] = dict(
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
    layout: dict[str, object] = dict(height=540, legend=BELOW | dict(title=dict(text="Track")))
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
            scaleratio=LAT_SCALE,
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
