"""The Compare tab: the mediation tracks side by side."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, compare
from dashboard.views.common import SELECT_HINT, Page, empty_state, paged_table, selectable_chart, selection_note
from dashboard.views.overview import round_rows, rounds_in_order


def compare_view(page: Page) -> None:
    """Rounds held / planned / cancelled per track over time, who called rounds off, accusations per mediator."""
    data, inview = page.data, page.inview
    if not inview.n_events:
        return empty_state()
    rounds = inview.rounds
    accusations = inview.accusations
    order = inview.memo("track_order", lambda: compare.track_order(rounds, data.mediator_rank, data.labels["actor"]))
    if not order:
        st.info("No rounds of talks among the events in view, so no tracks to compare.")
        return
    st.caption(
        "Each mediation track (the round's mediator, else the one hosting its venue) against the others, "
        "in the same colours as every other view."
    )
    st.dataframe(
        inview.memo("compare_summary", lambda: compare.summary(rounds, accusations, order, data.labels["actor"])),
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config={"Track": st.column_config.TextColumn("Track", pinned=True)},
    )
    counts, period = inview.memo("rounds_by_track", lambda: compare.rounds_by_track(rounds, order))
    if counts.empty:
        st.caption("None of the rounds in view is dated, so none can be placed in time.")
    else:
        if len(order) > compare.MAX_TRACKS:
            st.caption(f"The chart shows the first {compare.MAX_TRACKS} of {len(order)} tracks; the table lists all.")
        st.caption(SELECT_HINT)
        figure = inview.memo("compare_figure", lambda: charts.compare_rounds_figure(counts, data.colours, period))
        selectable_chart(figure, "compare_chart", "tracks")
    picked = page.view.tracks
    if picked:
        chosen = compare.rounds_in_bars(rounds, picked)
        selection_note(page, "tracks", "bar", len(chosen))
        st.subheader("Rounds in the selected bars")
        table = rounds_in_order(chosen)
        paged_table(
            page,
            "compare_rounds",
            table["round_id"].to_numpy(),
            lambda start, stop: round_rows(table.iloc[start:stop], data.labels["actor"]),
            noun="round",
        )
    left, right = st.columns(2)
    with left:
        calls = inview.memo("cancellers", lambda: compare.cancellers(rounds, order, data.labels["actor"]))
        if calls.empty:
            st.caption("No round in view was called off by a named actor.")
        else:
            st.plotly_chart(
                charts.cancellers_figure(calls.head(charts.MAX_POINTS), data.colours["mediator"]),
                key="cancellers_chart",
                width="stretch",
            )
    with right:
        per_track, period = inview.memo(
            "accusations_by_track", lambda: compare.accusations_by_track(accusations, order)
        )
        if per_track.empty:
            st.caption("No dated accusation against a mediator in view.")
        else:
            st.plotly_chart(
                charts.accusations_by_track_figure(per_track, data.colours["mediator"], period),
                key="accusations_by_track_chart",
                width="stretch",
            )
