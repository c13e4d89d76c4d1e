"""Charts of who does what to whom: the actors' interaction matrix, top-N bars, and accusations
against mediators (by mediator, accuser and period)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.charts.base import (
    BELOW,
    BLUES,
    MONTH_BAR_MS,
    REDS,
    count_axis,
    date_range,
    escape,
    figure,
    highest_stack,
)


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
        dict(
            title=dict(text=title),
            height=max(220, 90 + 26 * len(counts)),
            xaxis=count_axis(counts.max() if len(counts) else 0, title=dict(text="events")),
        ),
    )


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
            xaxis=dict(type="date", tickformat="%b\n%Y", range=date_range(counts["month"], pad_days=45)),
            yaxis=count_axis(highest_stack(counts, "month"), title=dict(text="accusations")),
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
            xaxis=dict(type="date", tickformat="%b\n%Y", range=date_range(counts["period"], pad_days=30 * months)),
            yaxis=count_axis(counts["n"].max() if len(counts) else 0, title=dict(text="accusations")),
            legend=BELOW | dict(title=dict(text="Mediator accused")),
        ),
    )
