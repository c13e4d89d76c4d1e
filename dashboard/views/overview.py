"""The header (title, link notes, active filters, headline figures) and the Overview tab."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.filter_words import describe
from dashboard.views.common import SELECT_HINT, Page, empty_state, md, paged_table, selectable_chart, selection_note
from dashboard.views.evidence_table import evidence_section


def header(page: Page, notes: list[str]) -> None:
    """Title, what of the opened link was applied or ignored, the active filters and the headline figures."""
    data, inview = page.data, page.inview
    st.title(f"peacetrack · {data.conflict}")
    if notes:
        st.warning("About the link you opened: " + " · ".join(md(n) for n in notes) + ".", icon=":material/link_off:")
    active = describe(page.filters, page.vocab)
    if active:
        st.markdown("**Active filters:** " + " · ".join(md(a) for a in active))
    else:
        st.markdown(f"**Active filters:** none, showing all {len(data.events):,} events.")
    counts = inview.status_counts
    figures = [
        ("Documents", f"{inview.n_documents:,}", None),
        ("Events", f"{inview.n_events:,}", None),
        ("Actors", f"{inview.n_actors:,}", "Actors taking part in the events in view"),
        ("Date span", inview.date_span, "First and last date of the events in view"),
        ("Rounds held", f"{counts['held']:,}", "Rounds of talks in view, each counted once across its sources"),
        ("Rounds planned", f"{counts['planned']:,}", None),
        ("Rounds cancelled", f"{counts['cancelled']:,}", None),
    ]
    for row in (figures[:4], figures[4:]):  # two rows, the date span widest: nothing is cut at 1280 px
        for column, (label, value, help_text) in zip(st.columns([1, 1, 1, 2]), row):
            column.metric(label, value, help=help_text)


def overview_view(page: Page) -> None:
    """The mediation tracks chart, the rounds table, and the evidence behind the rounds picked on the chart."""
    inview = page.inview
    if not inview.n_events:
        return empty_state()
    rounds = inview.rounds
    if rounds.empty:
        st.info("No rounds of talks among the events in view. The other views still show them.")
        return
    plotted, left_out = inview.memo("tracks_rounds", lambda: charts.capped_rounds(rounds))
    st.caption(
        "One lane per venue and mediator; each marker a round of talks, coloured by status. Shape: circle = dated "
        "to the day, diamond = to the month, square = to the year; larger = more sources; black outline = the "
        "sources disagree. " + SELECT_HINT
    )
    if len(plotted):
        selectable_chart(
            charts.tracks_figure(plotted, page.data.colours, page.data.labels["actor"]), "tracks_chart", "rounds"
        )
    if left_out:
        st.caption(
            f"The chart shows the {len(plotted):,} best-sourced of {len(plotted) + left_out:,} dated rounds; "
            "narrow the filters to see the others. The table lists them all."
        )
    undated = int(rounds["date_start"].isna().sum())
    if undated:
        st.caption(f"{undated:,} round(s) have no date in the text (listed last in the table, not on the chart).")
    talks = inview.rows_of_type("talks")
    picked = page.view.rounds
    chosen = inview.rows_of_rounds(picked) if picked else talks
    selection_note(page, "rounds", "round", len(chosen))

    st.subheader("Rounds")
    n_disagree = int(rounds["disagree"].sum())
    st.caption(
        f"{len(rounds):,} round(s) in view, each counted once; sources = articles reporting it"
        + (f"; ⚠ {n_disagree:,} whose sources disagree (what on, in the last column)." if n_disagree else ".")
    )
    table = inview.memo(("rounds_table", picked), lambda: rounds_in_order(rounds, picked))
    paged_table(
        page,
        "rounds",
        table["round_id"].to_numpy(),
        lambda start, stop: round_rows(table.iloc[start:stop], page.data.labels["actor"]),
        column_config={
            "Sources": st.column_config.NumberColumn("Sources", width="small"),
            "Dated by": st.column_config.TextColumn("Dated by", width=115),
            "Sources disagree": st.column_config.TextColumn("Sources disagree", width="medium"),
        },
        noun="round",
    )
    st.subheader("Evidence for the rounds" + (" selected" if picked else ""))
    evidence_section(page, chosen, "overview")


def rounds_in_order(rounds: pd.DataFrame, picked: Sequence[str] = ()) -> pd.DataFrame:
    """Rounds in date order (undated last), the ones picked on the chart first."""
    ordered = rounds.sort_values(["date_start", "lane", "round_id"], na_position="last")
    if picked:
        first = ordered["round_id"].isin(list(picked)).to_numpy()
        ordered = pd.concat([ordered[first], ordered[~first]])
    return ordered


def round_rows(rounds: pd.DataFrame, actor_labels: dict[str, str]) -> pd.DataFrame:
    """Display rows of rounds: date and how it is known, venue, mediator, status (and how it was reported
    before, where that changed: planned, then held), who called it off,
    sources and what they disagree on, parties."""
    from dashboard.columns import names_of

    table = pd.DataFrame(
        {
            "Date": rounds["date_label"].astype(object),
            "Dated by": rounds["dated_by"].astype(object),
            "Venue": rounds["venue"].astype(object),
            "Mediator": rounds["mediator"].astype(object),
            "Status": rounds["status"].astype(object),
            "Reported as": rounds["history"].astype(object),
            "Called off by": [names_of(c, actor_labels) for c in rounds["cancelled_by"]],
            "Sources": rounds["n_sources"].astype(int).to_numpy(),
            "Sources disagree": [
                f"⚠ {text or 'yes'}" if flag else "" for flag, text in zip(rounds["disagree"], rounds["disagreement"])
            ],
            "Parties": [names_of(p, actor_labels) for p in rounds["parties"]],
        }
    )
    return table.where(table.notna(), "").reset_index(drop=True)
