"""Plotly figures from already-filtered, already-aggregated frames (no Streamlit).

Each builder takes small frames and returns a `go.Figure`, so the figures can be
unit-tested and a large table never reaches the browser: aggregation happens in
pandas first, one point per round, bar segment or venue.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.model import NO_MEDIATOR
from dashboard.rounds import hover_sentence

STATUS_COLORS = {"held": "#2a9d8f", "planned": "#457b9d", "cancelled": "#d62839", "unknown": "#8d99ae"}
PALETTE = [
    "#264653",
    "#e76f51",
    "#2a9d8f",
    "#e9c46a",
    "#6d597a",
    "#457b9d",
    "#b56576",
    "#8ab17d",
    "#f4a261",
    "#355070",
    "#9c6644",
    "#5c677d",
]
BASEMAP_TILES = "https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png"
BASEMAP_ATTRIBUTION = "© OpenStreetMap contributors © CARTO"
MONTH_BAR_MS = 24 * 24 * 3600 * 1000  # a bar per month, a little narrower than the month
_LAYOUT = dict(template="plotly_white", margin=dict(l=10, r=10, t=50, b=10), font=dict(size=13))


def color_map(values) -> dict[str, str]:
    """A stable colour per category (sorted), shared by the charts that use the same field."""
    named = sorted(set(map(str, values)) - {NO_MEDIATOR})
    return {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(named)} | {NO_MEDIATOR: "#adb5bd"}


def tracks_figure(rounds: pd.DataFrame) -> go.Figure:
    """The mediation tracks: one lane per venue · mediator, one marker per round, colour = status.

    customdata[0] of every marker is the list of event ids behind the round, so a
    selection can narrow the evidence table.
    """
    dated = rounds.dropna(subset=["date"])
    lanes = sorted(dated["lane"].unique(), key=lambda lane: (lane.endswith(NO_MEDIATOR), lane))
    fig = go.Figure()
    for status, color in STATUS_COLORS.items():
        part = dated[dated["status"] == status]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["lane"],
                mode="markers",
                name=status,
                marker=dict(
                    color=color,
                    size=[16 + 3 * min(n - 1, 4) for n in part["n_sources"]],
                    symbol=["circle" if p == "day" else "diamond" for p in part["precision"]],
                    line=dict(color=["black" if d else "white" for d in part["disagree"]], width=1.5),
                ),
                customdata=list(
                    zip(
                        part["event_ids"],
                        part["date_label"],
                        part["parties"].map(html.escape),
                        part["n_sources"],
                        part["sentence"].map(hover_sentence),
                        part["lane"].map(html.escape),
                        [disagreement_hover(flag, text) for flag, text in zip(part["disagree"], part["disagreement"])],
                        part.get("cancelled_by", pd.Series("", index=part.index)).fillna("").map(called_off_hover),
                    )
                ),
                hovertemplate=(
                    "<b>%{customdata[5]}</b><br>%{customdata[1]} · "
                    + status
                    + "%{customdata[7]}"
                    + "<br>Parties: %{customdata[2]}<br>Sources: %{customdata[3]}%{customdata[6]}"
                    + "<br><i>%{customdata[4]}</i><extra></extra>"
                ),
            )
        )
    fig.update_layout(
        title="Mediation tracks: rounds of talks by venue and mediator",
        yaxis=dict(categoryorder="array", categoryarray=lanes[::-1], title=None, type="category"),
        xaxis=dict(title=None, type="date", range=_date_range(dated["date"])),
        legend=dict(title="Status", orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
        height=max(260, 90 + 55 * len(lanes)),
        clickmode="event+select",
        dragmode="select",
        **_LAYOUT,
    )
    return fig


def called_off_hover(names: str) -> str:
    """' · called off by Azerbaijan' (escaped) where the build knows who did it."""
    return f" · called off by {html.escape(names)}" if names else ""


def disagreement_hover(disagree: bool, text: str | None) -> str:
    """The hover line for a round whose sources disagree (escaped), else nothing."""
    if not disagree:
        return ""
    return "<br><b>Sources disagree</b>: " + html.escape(str(text)) if text else "<br><b>Sources disagree</b>"


def monthly_counts(events: pd.DataFrame, stack_column: str) -> pd.DataFrame:
    """Events per (month, stack value): the only rows the timeline sends to the browser."""
    dated = events.dropna(subset=["month"])
    stack = (
        dated[stack_column].astype(object).fillna(NO_MEDIATOR if stack_column == "mediator" else "other").astype(str)
    )
    counts = (
        pd.DataFrame({"month": dated["month"], "stack": stack})
        .groupby(["month", "stack"], sort=True)
        .size()
        .rename("n")
        .reset_index()
    )
    return counts[counts["n"] > 0]


def timeline_figure(counts: pd.DataFrame, stack_label: str) -> go.Figure:
    """Stacked monthly bars; customdata = [month 'YYYY-MM', stack value] for selections."""
    colors = STATUS_COLORS | color_map(counts["stack"]) if stack_label != "status" else STATUS_COLORS
    fig = go.Figure()
    for value, part in counts.groupby("stack", sort=True):
        fig.add_trace(
            go.Bar(
                x=part["month"],
                y=part["n"],
                name=str(value),
                marker_color=colors.get(str(value)),
                customdata=[[m.strftime("%Y-%m"), str(value)] for m in part["month"]],
                hovertemplate="%{x|%B %Y}<br>" + html.escape(str(value)) + ": %{y} event(s)<extra></extra>",
                xperiod="M1",
                xperiod0="2000-01-01",
                xperiodalignment="middle",
            )
        )
    fig.update_layout(
        title=f"Events per month, by {stack_label}",
        barmode="stack",
        xaxis=dict(title=None, type="date", dtick="M1", tickformat="%b\n%Y"),
        yaxis=dict(title="events", rangemode="tozero"),
        legend=dict(title=stack_label.capitalize()),
        height=380,
        clickmode="event+select",
        **_LAYOUT,
    )
    return fig


def venue_counts(venues: pd.DataFrame, events: pd.DataFrame, actor_labels: dict[str, str]) -> pd.DataFrame:
    """Venues with coordinates, the number of events in view there, and their mediation track."""
    n = events["venue_id"].astype(object).value_counts()
    out = venues[venues["venue_id"].isin(n.index)].copy()
    out["n_events"] = out["venue_id"].map(n).astype(int)
    # A place without a track of its own ("talks in Spain") takes the track of the rounds held there.
    placed = events.dropna(subset=["venue_id"])
    talks = placed[(placed["event_type"].astype(object) == "talks") & placed["mediator_id"].notna()]
    usual = (
        talks.groupby(talks["venue_id"].astype(object))["mediator_id"].agg(lambda m: m.astype(object).mode().iloc[0])
        if len(talks)
        else pd.Series(dtype=object)
    )
    track = (
        out["mediator_id"].astype(object).where(out["mediator_id"].notna(), out["venue_id"].astype(object).map(usual))
    )
    out["track"] = track.map(actor_labels).fillna(NO_MEDIATOR)
    return out.sort_values("n_events", ascending=False).reset_index(drop=True)


def venue_map_figure(venues: pd.DataFrame, basemap: bool) -> go.Figure:
    """Venues sized by event count and coloured by mediation track.

    With `basemap` the points sit on web-map tiles (needs network and WebGL);
    without it they are placed on a plain longitude/latitude plane, which needs
    neither, so an offline machine still sees where things happened.
    """
    placed = venues.dropna(subset=["lat", "lon"])
    colors = color_map(placed["track"])
    fig = go.Figure()
    for track, part in placed.groupby("track", sort=True):
        sizes = [12 + 10 * math.sqrt(n) for n in part["n_events"]]
        hover = (
            "<b>%{customdata[0]}</b><br>%{customdata[1]} event(s)<br>Track: "
            + html.escape(str(track))
            + "<extra></extra>"
        )
        custom = list(zip(part["name"].map(html.escape), part["n_events"], part["venue_id"]))
        common = dict(name=str(track), customdata=custom, hovertemplate=hover)
        if basemap:
            fig.add_trace(
                go.Scattermap(
                    lat=part["lat"],
                    lon=part["lon"],
                    mode="markers",
                    marker=dict(size=sizes, color=colors[str(track)], opacity=0.85),
                    **common,
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=part["lon"],
                    y=part["lat"],
                    mode="markers+text",
                    text=part["name"].map(html.escape),
                    textposition="top center",
                    marker=dict(size=sizes, color=colors[str(track)], opacity=0.85, line=dict(color="white", width=1)),
                    **common,
                )
            )
    title = "Venues: size = events, colour = mediation track"
    if basemap:
        center = (
            dict(lat=float(placed["lat"].mean()), lon=float(placed["lon"].mean()))
            if len(placed)
            else dict(lat=45, lon=25)
        )
        fig.update_layout(
            map=dict(
                style="white-bg",
                center=center,
                zoom=_zoom_for(placed),
                layers=[
                    dict(
                        below="traces",
                        sourcetype="raster",
                        sourceattribution=BASEMAP_ATTRIBUTION,
                        source=[BASEMAP_TILES],
                    )
                ],
            ),
        )
    else:
        fig.update_layout(
            xaxis=dict(title="longitude", range=_padded(placed["lon"], -180, 180), zeroline=False),
            yaxis=dict(
                title="latitude", range=_padded(placed["lat"], -90, 90), zeroline=False, scaleanchor="x", scaleratio=1.3
            ),
        )
        title += " (coordinates only: no base map offline)"
    fig.update_layout(title=title, height=520, legend=dict(title="Track"), **_LAYOUT)
    return fig


def cooccurrence(event_actors: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """Square actor × actor matrix: events both took part in (any role), for the `top` most active."""
    links = event_actors[["event_id", "name"]].dropna().drop_duplicates()
    if links.empty:
        return pd.DataFrame()
    leaders = links["name"].value_counts().head(top).index
    links = links[links["name"].isin(leaders)]
    pairs = links.merge(links, on="event_id")
    matrix = pd.crosstab(pairs["name_x"], pairs["name_y"]).reindex(index=leaders, columns=leaders, fill_value=0)
    return matrix


def interaction_figure(matrix: pd.DataFrame) -> go.Figure:
    """Who interacts with whom: shared events per actor pair; the diagonal is each actor's total."""
    labels = [html.escape(str(v)) for v in matrix.index]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values,
            x=labels,
            y=labels,
            colorscale="Blues",
            hovertemplate="%{y} & %{x}: %{z} shared event(s)<extra></extra>",
            colorbar=dict(title="events"),
        )
    )
    fig.update_layout(
        title="Who interacts with whom (shared events)",
        yaxis=dict(autorange="reversed"),
        height=max(360, 140 + 26 * len(labels)),
        **_LAYOUT,
    )
    return fig


def bar_figure(counts: pd.Series, title: str, color: str = "#264653") -> go.Figure:
    """A small horizontal bar chart of a count Series (index = label)."""
    counts = counts[counts > 0].sort_values()
    fig = go.Figure(
        go.Bar(
            x=counts.values,
            y=[html.escape(str(i)) for i in counts.index],
            orientation="h",
            marker_color=color,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(title=title, height=max(220, 90 + 28 * len(counts)), xaxis=dict(title="events"), **_LAYOUT)
    return fig


def _date_range(dates: pd.Series, pad_days: int = 30) -> list[str] | None:
    """A month either side, so a lone round is not pinned to the plot's edge."""
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


def accusations_figure(counts: pd.DataFrame) -> go.Figure:
    """Accusations per month, stacked by accused mediator (counts as from `monthly_counts(..., "mediator")`)."""
    colors = color_map(counts["stack"])
    fig = go.Figure()
    for value, part in counts.groupby("stack", sort=True):
        fig.add_trace(
            go.Bar(
                x=part["month"],
                y=part["n"],
                name=html.escape(str(value)),
                marker_color=colors.get(str(value)),
                hovertemplate="%{x|%B %Y}<br>against " + html.escape(str(value)) + ": %{y}<extra></extra>",
                xperiod="M1",
                xperiod0="2000-01-01",
                xperiodalignment="middle",
                width=MONTH_BAR_MS,  # else Plotly widens bars to the gap between the months that have any
            )
        )
    fig.update_layout(
        title="Accusations against mediators per month",
        barmode="stack",
        xaxis=dict(title=None, type="date", tickformat="%b\n%Y", range=_date_range(counts["month"], pad_days=45)),
        yaxis=dict(title="accusations", rangemode="tozero", dtick=1),
        legend=dict(title="Mediator accused"),
        height=340,
        **_LAYOUT,
    )
    return fig


def accuser_matrix_figure(matrix: pd.DataFrame) -> go.Figure:
    """Who accused which mediator: accusations per accuser (rows) and accused mediator (columns)."""
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values,
            x=[html.escape(str(v)) for v in matrix.columns],
            y=[html.escape(str(v)) for v in matrix.index],
            colorscale="Reds",
            text=matrix.values,
            texttemplate="%{text}",
            hovertemplate="%{y} accused %{x}: %{z}<extra></extra>",
            showscale=False,
        )
    )
    fig.update_layout(
        title="Who accused which mediator",
        yaxis=dict(autorange="reversed"),
        height=max(260, 120 + 34 * len(matrix.index)),
        **_LAYOUT,
    )
    return fig
