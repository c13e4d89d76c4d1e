"""The evidence table several tabs share: one page of events as plain text, and the reader for the one picked.

Apart from the page helpers because it joins them with the reader: pick a row and
its article opens below, the evidence sentence highlighted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.model import Data
from dashboard.views.common import Page, event_ids, paged_table
from dashboard.views.reader import reader_for_event
from data_prep.schemas import ROLES

EVIDENCE_CONFIG = {
    "Date": st.column_config.TextColumn("Date", width=95),
    "Evidence": st.column_config.TextColumn("Evidence", width=540),
    "Dated by": st.column_config.TextColumn(
        "Dated by",
        width=130,
        help="Precision · basis: explicit (the text states it), relative (worked out from "
        "a phrase), publication (the article's date stands in)",
    ),
    "Type": st.column_config.TextColumn("Type", width=95),
    "Status": st.column_config.TextColumn("Status", width=80),
    "Actors": st.column_config.TextColumn("Actors", width=220),
}


def evidence_rows(data: Data, rows: np.ndarray) -> pd.DataFrame:
    """The display rows of the events at `rows`: plain text, actors named, dates with their basis."""
    events = data.events.iloc[rows]
    links = np.isin(data.link_row, rows)
    names = pd.DataFrame({"row": data.link_row[links], "name": data.actors["label"].to_numpy()[data.link_actor[links]]})
    roles = data.link_role[links]
    names = names[roles != ROLES.index("mediator")]  # mediators are in their own column
    actors = names.groupby("row")["name"].agg(lambda n: ", ".join(sorted(set(n))))
    table = pd.DataFrame(
        {
            "Date": events["date"].astype(object),
            "Evidence": events["sentence"].astype(object),
            "Dated by": _dated_by(events),
            "Type": events["event_type"].astype(object),
            "Status": events["status"].astype(object),
            "Actors": pd.Series(rows).map(actors).to_numpy(),
            "Venue": events["venue"].astype(object),
            "Mediator": events["mediator"].astype(object),
            "Outlet": events["outlet"].astype(object),
        }
    )
    return table.where(table.notna(), "").reset_index(drop=True)


def _dated_by(events: pd.DataFrame) -> list[str]:
    return [
        f"{p} · {b}" if isinstance(p, str) and isinstance(b, str) else ("—" if not isinstance(p, str) else p)
        for p, b in zip(events["date_precision"].astype(object), events["date_basis"].astype(object))
    ]


def evidence_section(page: Page, rows: np.ndarray, name: str) -> None:
    """A paged evidence table (pick a row) and the reader for the event picked, if it is among `rows`."""
    data = page.data
    paged_table(
        page,
        name,
        event_ids(data, rows),
        lambda start, stop: page.inview.memo(
            ("evidence_rows", rows[start:stop].tobytes()),  # the page's rows themselves are the key
            lambda: evidence_rows(data, rows[start:stop]),
        ),
        kind="event",
        column_config=EVIDENCE_CONFIG,
        noun="event",
    )
    event_id = page.view.event
    row = data.event_row(event_id) if event_id else None
    if row is not None and np.isin(row, rows):
        page.shown.add("event")
        reader_for_event(page, row)
    else:
        st.caption("Select a row to read its article with the evidence sentence highlighted.")
