"""The Accusations tab: who accused which mediator of what, when, in which outlet."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.views.common import (
    PLOTLY_CONFIG,
    SELECT_HINT,
    Page,
    empty_state,
    open_item_id,
    paged_table,
    selectable_chart,
    selection_note,
)
from dashboard.views.reader import reader_for_event, reader_for_quote

NO_ACCUSATIONS = (
    "No accusations against a mediator among what these filters let through. "
    "Remove a filter, or press “Clear all filters” in the sidebar."
)
TABLE_COLUMNS = {
    "date": "Date",
    "accuser": "Accuser",
    "mediator": "Mediator",
    "text": "Accusation",
    "dated_by": "Dated by",
    "targets": "Also blamed",
    "outlet": "Outlet",
    "source": "From",
}


def monthly_accusations(accusations: pd.DataFrame) -> pd.DataFrame:
    """Accusations per (month, accused mediator): the bars of the chart."""
    dated = accusations.dropna(subset=["month"])
    if dated.empty:
        return pd.DataFrame(columns=["month", "stack", "n"])
    frame = pd.DataFrame({"month": dated["month"].to_numpy(), "stack": dated["mediator"].astype(str).to_numpy()})
    return frame.groupby(["month", "stack"], sort=True).size().rename("n").reset_index()


def accuser_mediator_counts(accusations: pd.DataFrame, top: int = 25) -> pd.DataFrame:
    """Accuser × accused mediator for the `top` accusers: how many accusations each pair accounts for."""
    if accusations.empty:
        return pd.DataFrame()
    pairs = pd.DataFrame(
        {"accuser": accusations["accuser"].astype(str), "mediator": accusations["mediator"].astype(str)}
    )
    matrix = pd.crosstab(pairs["accuser"], pairs["mediator"])
    order = matrix.sum(axis=1).sort_values(ascending=False).index[:top]
    return matrix.loc[order]


def accusation_rows(accusations: pd.DataFrame) -> pd.DataFrame:
    """Display rows (plain-text cells)."""
    table = accusations[list(TABLE_COLUMNS)].astype(object)
    return table.where(table.notna(), "").rename(columns=TABLE_COLUMNS).reset_index(drop=True)


def item_ids(accusations: pd.DataFrame) -> list[str]:
    """'event:<id>' or 'quote:<id>': what each row opens."""
    return [
        f"{s}:{e if s == 'event' else q}"
        for s, e, q in zip(accusations["source"].astype(str), accusations["event_id"], accusations["quote_id"])
    ]


def in_months(accusations: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """The accusations in the selected bars: keys 'YYYY-MM|mediator'."""
    wanted = {tuple(k.split("|", 1)) for k in keys}
    month = accusations["month"].dt.strftime("%Y-%m").fillna("")
    key = list(zip(month, accusations["mediator"].astype(str)))
    return accusations[[k in wanted for k in key]]


def accusations_view(page: Page) -> None:
    """Charts of who accused which mediator when; the table; a row opens the article at the accusation."""
    data, inview = page.data, page.inview
    shown = inview.accusations
    if shown.empty:
        if not inview.n_events:
            return empty_state()
        st.info(NO_ACCUSATIONS, icon=":material/filter_alt_off:")
        return
    n_quotes = int((shown["source"] == "quote").sum())
    st.caption(
        f"{len(shown):,} accusation(s) against {shown['mediator'].astype(object).nunique()} mediator(s): "
        f"{len(shown) - n_quotes:,} from accusation events, {n_quotes:,} from quotes (dated by their article). "
        + SELECT_HINT
    )
    left, right = st.columns([3, 2])
    with left:
        counts = inview.memo("monthly_accusations", lambda: monthly_accusations(shown))
        if counts.empty:
            st.caption("None of these accusations is dated to a month.")
        else:
            selectable_chart(
                charts.accusations_figure(counts, data.colours["mediator"]), "accusations_chart", "accused"
            )
    with right:
        matrix = accuser_mediator_counts(shown)
        st.plotly_chart(
            charts.accuser_matrix_figure(matrix), key="accuser_matrix", config=PLOTLY_CONFIG, width="stretch"
        )
        accusers = shown["accuser"].nunique()
        if accusers > len(matrix):
            st.caption(f"The {len(matrix)} most frequent of {accusers:,} accusers.")
    undated = int(shown["month"].isna().sum())
    if undated:
        st.caption(
            f"{undated:,} accusation(s) dated only to a year, or undated, are in the table but not on the chart."
        )
    picked = page.view.accused
    if picked:
        shown = inview.memo(("accused_in_months", picked), lambda: in_months(shown, picked))
        selection_note(page, "accused", "bar", len(shown))
    items = inview.memo(("accusation_items", picked), lambda: item_ids(shown))
    paged_table(
        page,
        "accusations",
        items,
        lambda start, stop: accusation_rows(shown.iloc[start:stop]),
        kind="item",
        column_config={
            "Accusation": st.column_config.TextColumn("Accusation", width=440),
            "Date": st.column_config.TextColumn("Date", width=95),
            "Dated by": st.column_config.TextColumn("Dated by", width=130),
            "Accuser": st.column_config.TextColumn("Accuser", width="medium"),
            "From": st.column_config.TextColumn(
                "From", width="small", help="An accusation event, or a quote flagged as an accusation"
            ),
        },
        noun="accusation",
    )
    open_item = open_item_id(page.view, "item")
    if open_item and open_item in set(items):
        kind, _, item_id = open_item.partition(":")
        page.shown.add(kind)
        if kind == "event":
            row = data.event_row(item_id)
            if row is not None:
                reader_for_event(page, row)
        else:
            quotes = data.quotes
            match = quotes[quotes["quote_id"] == item_id]
            if len(match):
                reader_for_quote(page, match.iloc[0])
    else:
        st.caption("Select a row to read its article with the accusation highlighted.")
