"""Plotly figures from small, already-aggregated frames (no Streamlit).

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

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.model import NO_MEDIATOR, names_of

MAX_POINTS = 2000  # markers or bar segments one chart sends to the browser at most
BASEMAP_TILES = "https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png"
BASEMAP_ATTRIBUTION = "© OpenStreetMap contributors © CARTO"
MONTH_BAR_MS = 24 * 24 * 3600 * 1000  # a bar per month, a little narrower than the month
SYMBOLS = {"day": "circle", "month": "diamond", "year": "square"}
LABEL_SPACING = 4.0  # degrees between two venue names on the offline map
# Written out: a named scale is passed to Plotly.js unvalidated, and Plotly.js runs "Blues" dark to light.
BLUES = [[0, "#f7fbff"], [0.5, "#6baed6"], [1, "#08306b"]]
REDS = [[0, "#fff5f0"], [0.5, "#fb6a4a"], [1, "#67000d"]]
BELOW = dict(orientation="h", yanchor="top", y=-0.18, x=0, xanchor="left")  # fits a phone's width too
_LAYOUT = dict(template="plotly_white", margin=dict(l=10, r=10, t=50, b=10), font=dict(size=13))


def escape(value) -> str:
    """Text from the data, safe in Plotly hover and axis labels (which read a few HTML tags)."""
    return html.escape(str(value))


def wrap(text: str, width: int = 70) -> str:
    """Escape and wrap at word boundaries with <br> for a hover box (long texts cut at 400 characters)."""
    text = str(text)
    text = text if len(text) <= 400 else text[:399] + "…"
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "<br>".join(escape(x) for x in [*lines, line] if x)


# ---------------------------------------------------------------- tracks


def capped_rounds(rounds: pd.DataFrame, limit: int = MAX_POINTS) -> tuple[pd.DataFrame, int]:
    """The dated rounds to plot, at most `limit` (those with most sources first); and how many were left out."""
    dated = rounds.dropna(subset=["plot_date"])
    if len(dated) <= limit:
        return dated, 0
    kept = dated.sort_values(["n_sources", "n_mentions", "round_id"], ascending=[False, False, True]).head(limit)
    return kept, len(dated) - limit


class SharedFigure(go.Figure):
    """A figure drawn unchanged on many reruns: Streamlit asks for its dict on each, and the dict
    (a deep copy of every point) is made once. Change it before it is first drawn, not after."""

    def to_dict(self):
        cached = self.__dict__.get("_pt_dict")
        if cached is None:
            cached = super().to_dict()
            self.__dict__["_pt_dict"] = cached
        return cached


def figure(traces: list[dict], layout: dict) -> go.Figure:
    """A figure from plain trace and layout dicts, not validated attribute by attribute.

    Plotly's validation of per-point lists costs more than the rest of a rerun; the
    unit tests validate every builder's output instead (`go.Figure(fig.to_dict())`).
    """
    return SharedFigure(data=traces, layout=_LAYOUT | layout, _validate=False)


def tracks_figure(rounds: pd.DataFrame, colours: dict[str, dict[str, str]], actor_labels: dict[str, str]) -> go.Figure:
    """The mediation tracks: one lane per venue · mediator, one marker per round, colour = status.

    Marker shape = date precision (circle: day, diamond: month, square: year), size =
    sources, black outline = the sources disagree. customdata = the round id.
    """
    lanes = sorted(rounds["lane"].unique(), key=lambda lane: (lane.endswith(NO_MEDIATOR), lane))
    traces = []
    for status, colour in colours["status"].items():
        part = rounds[rounds["status"] == status]
        for (precision, disagree), group in part.groupby([part["date_precision"].fillna("day"), "disagree"], sort=True):
            hover = [
                _round_hover(r, status, actor_labels)
                for r in group[
                    [
                        "lane",
                        "date_label",
                        "dated_by",
                        "parties",
                        "cancelled_by",
                        "n_sources",
                        "disagree",
                        "disagreement",
                        "sentence",
                    ]
                ].itertuples(index=False)
            ]
            traces.append(
                dict(
                    type="scatter",
                    x=group["plot_date"].dt.strftime("%Y-%m-%d").tolist(),
                    y=group["lane"].tolist(),
                    mode="markers",
                    name=status,
                    legendgroup=status,
                    showlegend=not any(t["legendgroup"] == status for t in traces),
                    marker=dict(
                        color=colour,
                        size=(14 + 3 * np.minimum(group["n_sources"].to_numpy(dtype=int) - 1, 4)).tolist(),
                        symbol=SYMBOLS.get(precision, "circle"),
                        line=dict(color="black" if disagree else "white", width=1.5),
                    ),
                    customdata=group["round_id"].tolist(),
                    hovertext=hover,
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
    return figure(
        traces,
        dict(
            title=dict(text="Mediation tracks: rounds of talks by venue and mediator"),
            yaxis=dict(categoryorder="array", categoryarray=lanes[::-1], title=dict(text=None), type="category"),
            xaxis=dict(type="date", range=_date_range(rounds["plot_date"])),
            legend=dict(title=dict(text="Status"), orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
            height=max(260, 90 + 40 * len(lanes)),
        ),
    )


def _round_hover(r, status: str, actor_labels: dict[str, str]) -> str:
    lines = [f"<b>{escape(r.lane)}</b>", f"{escape(r.date_label)} ({escape(r.dated_by)}) · {escape(status)}"]
    called_off = names_of(r.cancelled_by, actor_labels)
    if called_off:
        lines[-1] += f" · called off by {escape(called_off)}"
    lines.append(f"Parties: {escape(names_of(r.parties, actor_labels)) or '—'}")
    lines.append(f"Sources: {int(r.n_sources)}")
    if r.disagree:
        lines.append("<b>Sources disagree</b>" + (f": {escape(r.disagreement)}" if r.disagreement else ""))
    if r.sentence:
        lines.append(f"<i>{wrap(r.sentence)}</i>")
    return "<br>".join(lines)


# ---------------------------------------------------------------- timeline


def timeline_figure(counts: pd.DataFrame, stack_label: str, colours: dict[str, str]) -> go.Figure:
    """Stacked monthly bars by `stack_label`; hatched where the date is only the article's publication date.

    customdata = 'YYYY-MM|stack' (or 'YYYY-MM|stack|publication' for a hatched segment).
    """
    traces = []
    for (value, publication), part in counts.groupby(["stack", "publication"], sort=True):
        months = part["month"].dt.strftime("%Y-%m")
        suffix = "|publication" if publication else ""
        dated = "dated by the article's publication" if publication else "dated in the text"
        colour = palette.colour_of(colours, value)
        traces.append(
            dict(
                type="bar",
                x=(months + "-15").tolist(),
                y=part["n"].astype(int).tolist(),
                name=escape(value) + (" (publication date)" if publication else ""),
                legendgroup=escape(value),
                marker=dict(
                    color=colour,
                    pattern=dict(
                        shape=palette.PUBLICATION_PATTERN if publication else "", fillmode="overlay", solidity=0.45
                    ),
                    line=dict(color=colour, width=1 if publication else 0),
                ),
                customdata=[f"{m}|{value}{suffix}" for m in months],
                hovertemplate=f"%{{x|%B %Y}}<br>{escape(value)}: %{{y}} event(s), {dated}<extra></extra>",
            )
        )
    return figure(
        traces,
        dict(
            title=dict(text=f"Events per month, by {stack_label}"),
            barmode="stack",
            bargap=0.15,
            xaxis=dict(type="date", tickformat="%b\n%Y"),
            yaxis=dict(title=dict(text="events"), rangemode="tozero"),
            legend=BELOW | dict(title=dict(text=stack_label.capitalize())),
            height=440,
        ),
    )


# ---------------------------------------------------------------- map


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
        layout["xaxis"] = dict(title=dict(text="longitude"), range=_padded(placed["lon"], -180, 180), zeroline=False)
        layout["yaxis"] = dict(
            title=dict(text="latitude"),
            range=_padded(placed["lat"], -90, 90),
            zeroline=False,
            scaleanchor="x",
            scaleratio=1.3,
        )
        subtitle += "; coordinates only, no base map offline"
    layout["title"] = dict(text=title, subtitle=dict(text=subtitle))
    layout["margin"] = dict(l=10, r=10, t=70, b=10)
    return figure(traces, layout)


# ---------------------------------------------------------------- actors


def interaction_figure(matrix: pd.DataFrame, totals: pd.Series, n_total: int) -> go.Figure:
    """Who interacts with whom: events each pair shares. The diagonal is left blank (each actor's own
    total is in brackets after its name), so the pairs set the colour scale."""
    shown = matrix.astype(float).to_numpy().copy()
    np.fill_diagonal(shown, np.nan)
    labels = [f"{escape(a)} ({int(totals[a]):,})" for a in matrix.index]
    return figure(
        [
            dict(
                type="heatmap",
                z=[[None if np.isnan(v) else int(v) for v in row] for row in shown],
                x=labels,
                y=labels,
                colorscale=BLUES,
                hoverongaps=False,
                hovertemplate="%{y} & %{x}: %{z} shared event(s)<extra></extra>",
                colorbar=dict(title=dict(text="shared<br>events")),
            )
        ],
        dict(
            title=dict(
                text="Who interacts with whom",
                subtitle=dict(
                    text=f"shared events of the {len(matrix)} most active of {n_total:,} actors; own total in brackets"
                ),
            ),
            margin=dict(l=10, r=10, t=70, b=10),
            yaxis=dict(autorange="reversed"),
            height=max(380, 160 + 24 * len(labels)),
        ),
    )


def bar_figure(
    counts: pd.Series, title: str, colours: dict[str, str] | None = None, color: str = "#264653"
) -> go.Figure:
    """A small horizontal bar chart of a count Series (index = label); bars coloured by label when `colours`."""
    counts = counts[counts > 0].sort_values().tail(40)
    return figure(
        [
            dict(
                type="bar",
                x=[int(v) for v in counts.values],
                y=[escape(i) for i in counts.index],
                orientation="h",
                marker=dict(color=[palette.colour_of(colours, i) for i in counts.index] if colours else color),
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
        ],
        dict(title=dict(text=title), height=max(220, 90 + 26 * len(counts)), xaxis=dict(title=dict(text="events"))),
    )


# ---------------------------------------------------------------- accusations


def accusations_figure(counts: pd.DataFrame, colours: dict[str, str]) -> go.Figure:
    """Accusations per month stacked by accused mediator; customdata = 'YYYY-MM|mediator'."""
    traces = []
    for value, part in counts.groupby("stack", sort=True):
        months = part["month"].dt.strftime("%Y-%m")
        traces.append(
            dict(
                type="bar",
                x=(months + "-15").tolist(),
                y=part["n"].astype(int).tolist(),
                name=escape(value),
                marker=dict(color=palette.colour_of(colours, value)),
                customdata=[f"{m}|{value}" for m in months],
                hovertemplate="%{x|%B %Y}<br>against " + escape(value) + ": %{y}<extra></extra>",
                width=MONTH_BAR_MS,  # else Plotly widens bars to the gap between the months that have any
            )
        )
    return figure(
        traces,
        dict(
            title=dict(text="Accusations against mediators per month"),
            barmode="stack",
            xaxis=dict(type="date", tickformat="%b\n%Y", range=_date_range(counts["month"], pad_days=45)),
            yaxis=dict(title=dict(text="accusations"), rangemode="tozero"),
            legend=BELOW | dict(title=dict(text="Mediator accused")),
            height=400,
        ),
    )


def accuser_matrix_figure(matrix: pd.DataFrame) -> go.Figure:
    """Who accused which mediator: accusations per accuser (rows) and accused mediator (columns)."""
    values = matrix.to_numpy().astype(int).tolist() if len(matrix) else []
    return figure(
        [
            dict(
                type="heatmap",
                z=values,
                x=[escape(v) for v in matrix.columns],
                y=[escape(v) for v in matrix.index],
                colorscale=REDS,
                text=values,
                texttemplate="%{text}",
                hovertemplate="%{y} accused %{x}: %{z}<extra></extra>",
                showscale=False,
            )
        ],
        dict(
            title=dict(text="Who accused which mediator"),
            yaxis=dict(autorange="reversed"),
            height=max(260, 120 + 30 * len(matrix.index)),
        ),
    )


# ---------------------------------------------------------------- compare


def compare_rounds_figure(counts: pd.DataFrame, colours: dict[str, dict[str, str]], period_label: str) -> go.Figure:
    """Rounds per track and period, one row of bars per track (stacked by status), tracks in the same order
    and colour as everywhere. counts: track, track_id, period, period_key, status, n.
    customdata = 'track_id|period start|status'."""
    tracks = list(dict.fromkeys(counts["track"]))
    rows = len(tracks)
    gap = 0.04
    months = 3 if period_label == "quarter" else 1
    width_ms = months * 26 * 24 * 3600 * 1000  # a bar a little narrower than its period
    middle = (pd.to_datetime(counts["period"]) + pd.DateOffset(days=15 * months)).dt.strftime("%Y-%m-%d")
    counts = counts.assign(middle=middle.to_numpy())
    shown: set[str] = set()
    height = (1 - gap * (rows - 1)) / rows
    traces, annotations, layout = [], [], {}
    x_range = _date_range(pd.to_datetime(counts["period"]), pad_days=20 * months + 15)
    for i, track in enumerate(tracks):
        axis = "" if i == 0 else str(i + 1)
        top = 1 - i * (height + gap)
        domain = [round(max(0.0, top - height), 4), round(min(1.0, top), 4)]
        layout[f"yaxis{axis}"] = dict(domain=domain, rangemode="tozero", anchor=f"x{axis}")
        layout[f"xaxis{axis}"] = dict(
            type="date", anchor=f"y{axis}", showticklabels=i == rows - 1, range=x_range, autorange=False
        )
        annotations.append(
            dict(
                text=f"<b>{escape(track)}</b>",
                x=0,
                xref="paper",
                xanchor="left",
                y=top,
                yref="paper",
                yanchor="bottom",
                showarrow=False,
                font=dict(color=palette.colour_of(colours["mediator"], track), size=14),
            )
        )
        part = counts[counts["track"] == track]
        for status in ("held", "planned", "cancelled", "unknown"):
            bars = part[part["status"] == status]
            if bars.empty:
                continue
            traces.append(
                dict(
                    type="bar",
                    x=bars["middle"].tolist(),
                    y=bars["n"].astype(int).tolist(),
                    width=width_ms,
                    xaxis=f"x{axis}",
                    yaxis=f"y{axis}",
                    name=status,
                    legendgroup=status,
                    showlegend=status not in shown,
                    marker=dict(color=colours["status"].get(status, palette.UNKNOWN_COLOUR)),
                    customdata=[f"{t}|{k}|{status}" for t, k in zip(bars["track_id"], bars["period_key"])],
                    hovertemplate=f"{escape(track)}<br>{period_label} of %{{x|%b %Y}}: %{{y}} round(s) {status}<extra></extra>",
                )
            )
            shown.add(status)
    layout |= dict(
        title=dict(text=f"Rounds per track and {period_label}, by status"),
        barmode="stack",
        annotations=annotations,
        height=max(300, 90 + 110 * rows),
        legend=dict(title=dict(text="Status"), orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
    )
    return figure(traces, layout)


def cancellers_figure(counts: pd.DataFrame, colours: dict[str, str]) -> go.Figure:
    """Who called rounds off, per track: counts (canceller, track, n), bars coloured by track."""
    order = list(dict.fromkeys(counts["canceller"]))
    traces = [
        dict(
            type="bar",
            y=[escape(c) for c in part["canceller"]],
            x=part["n"].astype(int).tolist(),
            orientation="h",
            name=escape(track),
            marker=dict(color=palette.colour_of(colours, track)),
            hovertemplate="%{y} called off %{x} round(s) on the " + escape(track) + " track<extra></extra>",
        )
        for track, part in counts.groupby("track", sort=False)
    ]
    return figure(
        traces,
        dict(
            title=dict(text="Who called rounds off, by track (rounds)"),
            barmode="group",
            height=max(240, 100 + 30 * len(order)),
            yaxis=dict(categoryorder="array", categoryarray=[escape(c) for c in order], autorange="reversed"),
            xaxis=dict(rangemode="tozero"),
            legend=BELOW | dict(title=dict(text="Track")),
        ),
    )


def accusations_by_track_figure(counts: pd.DataFrame, colours: dict[str, str], period_label: str) -> go.Figure:
    """Accusations against each mediator per period: counts (period, mediator, n), bars side by side.

    Bars, not lines: a line between two periods would draw accusations in the months between.
    """
    months = 3 if period_label == "quarter" else 1
    traces = [
        dict(
            type="bar",
            x=(part["period"] + pd.DateOffset(days=15 * months)).dt.strftime("%Y-%m-%d").tolist(),
            y=part["n"].astype(int).tolist(),
            name=escape(mediator),
            marker=dict(color=palette.colour_of(colours, mediator)),
            hovertemplate=f"{period_label} of %{{x|%b %Y}}: %{{y}} accusation(s) against "
            + escape(mediator)
            + "<extra></extra>",
        )
        for mediator, part in counts.groupby("mediator", sort=False)
    ]
    return figure(
        traces,
        dict(
            title=dict(text=f"Accusations against each mediator per {period_label}"),
            barmode="group",
            height=360,
            xaxis=dict(type="date", tickformat="%b\n%Y", range=_date_range(counts["period"], pad_days=30 * months)),
            yaxis=dict(title=dict(text="accusations"), rangemode="tozero"),
            legend=BELOW | dict(title=dict(text="Mediator accused")),
        ),
    )


# ---------------------------------------------------------------- helpers


def _date_range(dates: pd.Series, pad_days: int = 30) -> list[str] | None:
    """A month either side, so a lone round is not pinned to the plot's edge."""
    dates = dates.dropna()
    if dates.empty:
        return None
    pad = pd.Timedelta(days=pad_days)
    return [(dates.min() - pad).strftime("%Y-%m-%d"), (dates.max() + pad).strftime("%Y-%m-%d")]


def _padded(values: pd.Series, low: float, high: float) -> list[float]:
    if values.empty:
        return [low, high]
    lo, hi = float(values.min()), float(values.max())
    pad = max(2.0, (hi - lo) * 0.15)
    return [max(low, lo - pad), min(high, hi + pad)]


def _zoom_for(placed: pd.DataFrame) -> float:
    if len(placed) < 2:
        return 4
    span = max(float(placed["lon"].max() - placed["lon"].min()), float(placed["lat"].max() - placed["lat"].min()) * 1.5)
    return max(0.5, min(8.0, math.log2(360 / max(span, 0.5)) - 0.6))
