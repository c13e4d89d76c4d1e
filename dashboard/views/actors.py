"""The Actors tab: who deals with whom, one actor's profile, and the names the build found for review."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard.quotes import quote_table, quotes_about, quotes_by
from dashboard.sidebar import BIND
from dashboard.views.common import PLOTLY_CONFIG, Page, empty_state, md, paged_table
from dashboard.views.evidence_table import evidence_section
from dashboard.views.reader import reader_for_quote
from data_prep.schemas import ROLES

TOP_ACTORS = (10, 20, 30, 50)


def actors_view(page: Page) -> None:
    """Who interacts with whom (the most active actors in view), an actor's profile, and the review list."""
    data, inview = page.data, page.inview
    if not inview.n_events:
        return empty_state()
    total = len(inview.actor_counts)
    if total == 0:
        st.info("The events in view name no actors.")
    else:
        top = st.select_slider(
            "Actors in the matrix",
            options=TOP_ACTORS,
            value=20,
            key="top_actors",
            help="The most active actors in view",
        )
        matrix, totals = inview.cooccurrence(top)
        st.plotly_chart(
            charts.interaction_figure(matrix, totals, total),
            key="interaction_chart",
            config=PLOTLY_CONFIG,
            width="stretch",
        )
        if total > len(matrix):
            st.caption(f"{total - len(matrix):,} less active actor(s) are not in the matrix; choose more above.")
    labels = data.labels["actor"]
    st.subheader("Actor profile")
    actor = st.selectbox(
        "Actor",
        list(labels),
        format_func=lambda actor_id: labels.get(actor_id, actor_id),
        index=None,
        key="profile",
        placeholder="Choose an actor",
        bind=BIND,
    )
    if actor is None:
        if inview.actor_counts.empty:
            return review_names(page)
        actor = str(data.actors["actor_id"].iloc[inview.actor_counts.index[0]])
        st.caption(f"Showing the most active actor in view, {md(labels.get(actor, actor))}; choose another above.")
    name = labels.get(actor, actor)
    own = inview.memo(("actor_rows", actor), lambda: inview.actor_rows(actor))
    if not len(own):
        st.info(f"{md(name)} takes part in none of the events in view.")
    else:
        profile_events(page, actor, own, name)
    profile_quotes(page, actor, name)
    review_names(page)


def profile_events(page: Page, actor: str, own: np.ndarray, name: str) -> None:
    """One actor's events: counts, per month, its roles, the mediators it deals with, and the evidence."""
    data, inview = page.data, page.inview
    events = data.events
    a, b, c = st.columns(3)
    dated = own[~np.isnat(events["date_start"].to_numpy()[own])]
    a.metric("Events", f"{len(own):,}")
    b.metric("First", str(events["date"].iloc[dated[0]]) if len(dated) else "—")
    c.metric("Last", str(events["date"].iloc[dated[-1]]) if len(dated) else "—")
    counts = inview.memo(("actor_monthly", actor), lambda: inview.monthly("event_type", own))
    if not counts.empty:
        figure = inview.memo(
            ("actor_timeline", actor),
            lambda: charts.timeline_figure(counts, "type", data.colours["type"]).update_layout(
                title=dict(text=f"Events of {name} per month")
            ),
        )
        st.plotly_chart(
            figure,
            key="profile_timeline",
            config=PLOTLY_CONFIG,
            width="stretch",
        )
    left, right = st.columns(2)
    with left:
        position = data.actor_position.get(actor, -1)
        mine = inview.link_mask & (data.link_actor == position)
        roles = pd.Series(np.bincount(data.link_role[mine], minlength=len(ROLES)), index=list(ROLES))
        st.plotly_chart(charts.bar_figure(roles, "Roles"), key="profile_roles", config=PLOTLY_CONFIG, width="stretch")
    with right:
        mediators = events["mediator"].iloc[own].astype(object).value_counts()
        if mediators.empty:
            st.caption("No mediator in its events.")
        else:
            st.plotly_chart(
                charts.bar_figure(mediators, "Mediators it deals with", data.colours["mediator"]),
                key="profile_mediators",
                config=PLOTLY_CONFIG,
                width="stretch",
            )
    st.subheader(f"Events of {md(name)}")
    evidence_section(page, own, "profile")


def profile_quotes(page: Page, actor: str, name: str) -> None:
    """Quotes by the actor and quotes about it; a row opens its article at the quote."""
    if page.data.quotes.empty:
        st.caption("This build has no quotes table.")
        return
    inview = page.inview
    said, heard = inview.memo(
        ("quotes", actor),
        lambda: (quotes_by(inview.quotes, actor), quotes_about(inview.quotes, actor, inview.quotes_naming(actor))),
    )
    st.subheader(f"Quotes by {md(name)}")
    quotes_section(
        page,
        said,
        ["published", "outlet", "about_names", "text", "accusation"],
        "quotes_by",
        f"No quote attributed to {name} among the articles in view.",
    )
    st.subheader(f"Quotes about {md(name)}")
    quotes_section(
        page,
        heard,
        ["published", "outlet", "speaker", "text", "accusation"],
        "quotes_about",
        f"No quote by others names {name} among the articles in view.",
    )
    quote_id = page.view.quote
    for table in (said, heard):
        if quote_id and quote_id in set(table["quote_id"]):
            page.shown.add("quote")
            reader_for_quote(page, table.loc[table["quote_id"] == quote_id].iloc[0])
            return
    if len(said) or len(heard):
        st.caption(
            "Select a quote to read its article with the quote highlighted. A quote is dated by its article; "
            "venue, type, status and date-basis filters do not apply to quotes."
        )


def quotes_section(page: Page, quotes: pd.DataFrame, columns: list[str], name: str, when_empty: str) -> None:
    """A paged table of quotes (plain-text cells); picking a row opens the quote."""
    if quotes.empty:
        st.caption(md(when_empty))
        return
    paged_table(
        page,
        name,
        quotes["quote_id"].to_numpy(),
        lambda start, stop: quote_table(quotes.iloc[start:stop], columns, page.data.labels["actor"]),
        kind="quote",
        column_config={
            "Quote": st.column_config.TextColumn("Quote", width=520),
            "Article date": st.column_config.TextColumn("Article date", width=100),
            "Accusation": st.column_config.TextColumn("Accusation", width="small"),
        },
        noun="quote",
        height=320,
    )


def review_names(page: Page) -> None:
    """People the build found from a title but the codebook does not know: candidates to add."""
    names = page.data.review_names
    with st.expander(f"New names to review ({0 if names is None else len(names):,})", icon=":material/person_search:"):
        if names is None or names.empty:
            st.caption("The build found no person missing from the codebook.")
            return
        st.caption(
            "People the build found from a title (“Foreign Minister X”) whom the codebook does not know. "
            "Add the right ones to data_prep/codebook/actors.csv so the next build names them reliably."
        )
        table = names.assign(country=names["country"].map(page.data.labels["actor"]).fillna(names["country"]))
        paged_table(
            page,
            "review_names",
            table["actor_id"].to_numpy(),
            lambda start, stop: table.iloc[start:stop][
                ["name", "title", "country", "n_documents", "first_doc_id"]
            ].rename(
                columns={
                    "name": "Name",
                    "title": "Title",
                    "country": "Country",
                    "n_documents": "Articles",
                    "first_doc_id": "First article",
                }
            ),
            noun="name",
            height=320,
        )
