"""The Timeline tab and the Map tab."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.basemap import tiles_reachable
from dashboard.sidebar import BIND
from dashboard.state import STACK_OPTIONS
from dashboard.views.common import SELECT_HINT, Page, empty_state, md, selectable_chart, selection_note
from dashboard.views.evidence_table import evidence_section


def timeline_view(page: Page) -> None:
    """Events per month stacked by type or mediator; publication-dated events hatched; bars narrow the table."""
    data, inview = page.data, page.inview
    if not inview.n_events:
        return empty_state()
    stack = st.radio("Stack by", STACK_OPTIONS, key="stack", horizontal=True, bind=BIND) or STACK_OPTIONS[0]
    column = "event_type" if stack == "Type" else "mediator"
    colours = data.colours["type" if stack == "Type" else "mediator"]
    counts = inview.memo(("monthly", column), lambda: inview.monthly(column))
    left_out = inview.n_events - int(counts["n"].sum()) if len(counts) else inview.n_events
    if counts.empty:
        st.info("None of the events in view has a date precise to the month.")
    else:
        st.caption(
            "Hatched: events dated only by their article's publication date (the text gives no date of its own); "
            "solid: dated in the text. " + SELECT_HINT
        )
        figure = inview.memo(("timeline", column), lambda: charts.timeline_figure(counts, stack.lower(), colours))
        selectable_chart(figure, "timeline_chart", "bars")
    if left_out:
        st.caption(
            f"{left_out:,} event(s) dated only to a year, or undated, are not on the chart but are in the table."
        )
    picked = page.view.bars
    rows = inview.rows_of_bars(picked, column) if picked else inview.rows
    selection_note(page, "bars", "bar", len(rows))
    st.subheader("Evidence" + (" for the selected bars" if picked else ""))
    evidence_section(page, rows, "timeline")


@st.cache_data(ttl=600, show_spinner=False)
def _tiles_reachable() -> bool:
    return tiles_reachable()


def map_view(page: Page) -> None:
    """Venues (cities) sized by events and coloured by track; countries and regions listed, not placed."""
    data, inview = page.data, page.inview
    if not inview.n_events:
        return empty_state()
    venues = inview.venue_counts
    if venues.empty:
        st.info("None of the events in view has a venue.")
        return
    points = venues[~venues["kind"].isin(["country", "region"]) & venues["lat"].notna() & venues["lon"].notna()]
    online = _tiles_reachable()
    use_tiles = st.toggle(
        "Base map tiles",
        value=online,
        key="tiles",
        help="Map tiles come from CARTO / OpenStreetMap. Off (or offline): venues are placed by coordinates.",
    )
    if use_tiles and not online:
        st.caption("The tile server did not answer from here; the map may stay blank under the points.")
    if len(points):
        st.caption(SELECT_HINT)
        selectable_chart(
            charts.venue_map_figure(points, data.colours["mediator"], basemap=use_tiles), "venue_map", "places"
        )
    if len(venues) > len(points):
        broad = venues[venues["kind"].isin(["country", "region"])]
        if len(broad):
            st.caption(
                "Named only as a country or region, so not a point on the map: "
                + ", ".join(f"{md(n)} ({k})" for n, k in zip(broad["label"], broad["n_events"]))
            )
        unplaced = venues[~venues["kind"].isin(["country", "region"]) & (venues["lat"].isna() | venues["lon"].isna())]
        if len(unplaced):
            st.caption("Without coordinates, not on the map: " + ", ".join(md(n) for n in unplaced["label"]))
    table = pd.DataFrame(
        {
            "Venue": venues["label"],
            "Kind": venues["kind"].fillna("place"),
            "Mediation track": venues["track"],
            "Events": venues["n_events"],
            "Country": venues["country_name"].fillna(""),
            "Latitude": venues["lat"],
            "Longitude": venues["lon"],
        }
    )
    st.dataframe(
        table,
        key="table_venues",
        hide_index=True,
        width="stretch",
        column_config={
            "Latitude": st.column_config.NumberColumn("Latitude", format="%.2f"),
            "Longitude": st.column_config.NumberColumn("Longitude", format="%.2f"),
        },
        height=min(38 + 35 * len(table), 320),
    )
    picked = page.view.places
    if picked:
        rows = inview.rows_at_venues(picked)
        selection_note(page, "places", "venue", len(rows))
        st.subheader("Evidence at the selected venues")
        evidence_section(page, rows, "map")
