"""Charts of rounds: the mediation tracks (one marker per round), events per month, rounds per period
by mediator and who called rounds off."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.charts.base import (
    BELOW,
    MAX_POINTS,
    SYMBOLS,
    count_axis,
    date_range,
    escape,
    figure,
    highest_stack,
    wrap,
)
from dashboard.columns import names_of
from dashboard.model import NO_MEDIATOR

if TYPE_CHECKING:  # pandas-stubs' type of an itertuples() row (no runtime class)
    from pandas.core.frame import PandasNamedTuple


def capped_rounds(rounds: pd.DataFrame, limit: int = MAX_POINTS) -> tuple[pd.DataFrame, int]:
    """The dated rounds to plot, at most `limit` (those with most sources first); and how many were left out."""
    dated = rounds.dropna(subset=["plot_date"])
    if len(dated) <= limit:
        return dated, 0
    kept = dated.sort_values(["n_sources", "n_mentions", "round_id"], ascending=[False, False, True]).head(limit)
    return kept, len(dated) - limit


def tracks_figure(rounds: pd.DataFrame, colours: dict[str, dict[str, str]], actor_labels: dict[str, str]) -> go.Figure:
    """The mediation tracks: one lane per venue · mediator, one marker per round, colour = status.

    Marker shape = date precision (circle: day, diamond: month, square: year), size =
    sources, black outline = the sources disagree. customdata = the round id.
    """
    lanes = sorted(rounds["lane"].unique(), key=lambda lane: (lane.endswith(NO_MEDIATOR), lane))
    traces: list[dict[str, object]] = []
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
                        "history",
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
                        symbol=SYMBOLS.get(str(precision), "circle"),
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
            xaxis=dict(type="date", range=date_range(rounds["plot_date"])),
            legend=dict(title=dict(text="Status"), orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
            height=max(260, 90 + 40 * len(lanes)),
        ),
    )


def _round_hover(r: PandasNamedTuple, status: str, actor_labels: dict[str, str]) -> str:
    lines = [f"<b>{escape(r.lane)}</b>", f"{escape(r.date_label)} ({escape(r.dated_by)}) · {escape(status)}"]
    called_off = names_of(r.cancelled_by, actor_labels)  # type: ignore[arg-type]  # pandas-stubs types a row's fields as scalars; list columns give arrays
    if called_off:
        lines[-1] += f" · called off by {escape(called_off)}"
    parties = names_of(r.parties, actor_labels)  # type: ignore[arg-type]  # as for cancelled_by
    lines.append(f"Parties: {escape(parties) or '—'}")
    lines.append(f"Sources: {int(r.n_sources)}")  # type: ignore[arg-type]  # an int column; the stubs say any scalar
    if r.history:
        lines.append(f"Reported as: {escape(r.history)}")
    if r.disagree:
        lines.append("<b>Sources disagree</b>" + (f": {escape(r.disagreement)}" if r.disagreement else ""))
    if r.sentence:
        lines.append(f"<i>{wrap(r.sentence)}</i>")
    return "<br>".join(lines)


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
            yaxis=count_axis(highest_stack(counts, "month"), title=dict(text="events")),
            legend=BELOW | dict(title=dict(text=stack_label.capitalize())),
            height=440,
        ),
    )


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
    traces: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    layout: dict[str, object] = {}
    x_range = date_range(pd.to_datetime(counts["period"]), pad_days=20 * months + 15)
    for i, track in enumerate(tracks):
        axis = "" if i == 0 else str(i + 1)
        top = 1 - i * (height + gap)
        domain = [round(max(0.0, top - height), 4), round(min(1.0, top), 4)]
        part = counts[counts["track"] == track]
        layout[f"yaxis{axis}"] = count_axis(highest_stack(part, "period"), domain=domain, anchor=f"x{axis}")
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
            xaxis=count_axis(counts["n"].max() if len(counts) else 0),
            legend=BELOW | dict(title=dict(text="Track")),
        ),
    )
