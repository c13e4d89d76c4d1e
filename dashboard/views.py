"""The dashboard's views: thin Streamlit code over the pure modules.

Each `*_view` takes the prepared data and the already-filtered events, so a
filter means the same thing in every view. Nothing here parses, aggregates or
escapes on its own: that lives in filters, rounds, charts and article.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd
import streamlit as st

from dashboard import about, article, charts, hosting
from dashboard.accusations import accusation_rows, accusations_in_view, accuser_mediator_counts
from dashboard.basemap import tiles_reachable
from dashboard.filters import Filters, documents_for, event_actors_for, narrow_to_bars, narrow_to_points
from dashboard.loading import BUILD_COMMAND, read_document_text
from dashboard.model import Data
from dashboard.quotes import quote_table, quotes_about, quotes_by, quotes_in_view
from dashboard.rounds import round_rows, rounds_in_view, status_counts
from dashboard.sidebar import bind
from dashboard.state import STACK_OPTIONS, Vocabulary
from data_prep.spreadsheet import to_csv_text

EMPTY_MESSAGE = "No events match these filters. Remove a filter, or press “Clear all filters” in the sidebar."
NO_ACCUSATIONS = (
    "No accusations against a mediator among what these filters let through. "
    "Remove a filter, or press “Clear all filters” in the sidebar."
)
PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
EVIDENCE_COLUMNS = {
    "date": "Date",
    "event_type": "Type",
    "status": "Status",
    "actors": "Actors",
    "venue": "Venue",
    "mediator": "Mediator",
    "outlet": "Outlet",
    "sentence": "Evidence",
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text) -> str:
    """Text from the data, made inert for st.markdown (no markup, links or HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def empty_state() -> None:
    st.info(EMPTY_MESSAGE, icon=":material/filter_alt_off:")


# ---------------------------------------------------------------- header


def header(data: Data, events: pd.DataFrame, current: Filters, vocab: Vocabulary, notes: list[str]) -> None:
    """Title, notes about the opened link, the active filters and the headline figures."""
    st.title("peacetrack · Armenia–Azerbaijan peace process")
    if notes:
        st.warning(
            "Parts of the link were ignored: " + "; ".join(md(n) for n in notes) + ".",
            icon=":material/link_off:",
        )
    from dashboard.state import describe

    active = describe(current, vocab)
    if active:
        st.markdown("**Active filters:** " + " · ".join(md(a) for a in active))
    else:
        st.markdown(f"**Active filters:** none, showing all {len(data.events)} events.")
    docs = documents_for(data, current, events)
    rounds = rounds_in_view(data, events)
    counts = status_counts(rounds)
    links = event_actors_for(data, events)
    cols = st.columns([1, 1, 1, 1, 1, 1, 2])
    cols[0].metric("Documents", len(docs))
    cols[1].metric("Events", len(events))
    cols[2].metric("Rounds held", counts["held"])
    cols[3].metric("Rounds planned", counts["planned"])
    cols[4].metric("Rounds cancelled", counts["cancelled"])
    cols[5].metric("Actors", links["actor_id"].nunique(), help="Actors taking part in the events in view")
    cols[6].metric("Date span", _span(events))


def _span(events: pd.DataFrame) -> str:
    dated = events.dropna(subset=["date_start"])
    if dated.empty:
        return "—"
    first = dated.loc[dated["date_start"].idxmin(), "date"]
    last = dated.loc[dated["date_end"].idxmax(), "date"]
    return first if first == last else f"{first} – {last}"


# ---------------------------------------------------------------- overview


def overview_view(data: Data, events: pd.DataFrame) -> None:
    """The mediation tracks, and the evidence behind the rounds picked on it."""
    if events.empty:
        return empty_state()
    rounds = rounds_in_view(data, events)
    if rounds.empty:
        st.info("No rounds of talks among the events in view. The other views still show them.")
        return
    st.caption(
        "One lane per venue and mediator; each marker a round of talks, coloured by status "
        "(diamonds: dated to a month only; larger: more sources). Click or box-select markers to narrow the table."
    )
    selection = st.plotly_chart(
        charts.tracks_figure(rounds),
        key="tracks_chart",
        on_select="rerun",
        selection_mode=("points", "box"),
        config=PLOTLY_CONFIG,
        width="stretch",
    )
    undated = rounds[rounds["date"].isna()]
    if len(undated):
        st.caption(
            "Not on the chart, no date given in the text: "
            + "; ".join(
                md(
                    f"{r.lane} ({r.status}, {r.n_sources} source(s)"
                    + (f"; sources disagree: {r.disagreement}" if r.disagree else "")
                    + ")"
                )
                for r in undated.itertuples()
            )
        )
    st.subheader("Rounds")
    n_disagree = int(rounds["disagree"].sum())
    st.caption(
        f"{len(rounds)} round(s) in view; sources = articles reporting the round"
        + (f"; ⚠ {n_disagree} round(s) whose sources disagree (what on, in the last column)." if n_disagree else ".")
    )
    st.dataframe(
        round_rows(rounds),
        key="rounds_table",
        hide_index=True,
        width="stretch",
        column_config={
            "Sources": st.column_config.NumberColumn("Sources", width="small"),
            "Sources disagree": st.column_config.TextColumn("Sources disagree", width="medium"),
        },
    )
    talks = events[events["event_type"] == "talks"]
    picked = narrow_to_points(talks, selection)
    st.subheader("Evidence for the rounds" + (" selected" if len(picked) < len(talks) else ""))
    evidence_section(data, picked, "overview")


# ---------------------------------------------------------------- timeline


def timeline_view(data: Data, events: pd.DataFrame) -> None:
    """Events per month stacked by type or mediator; a bar selection narrows the table."""
    if events.empty:
        return empty_state()
    stack = st.radio("Stack by", STACK_OPTIONS, key="stack", horizontal=True, **bind()) or STACK_OPTIONS[0]
    column = "event_type" if stack == "Type" else "mediator"
    counts = charts.monthly_counts(events, column)
    left_out = int(events["month"].isna().sum())
    if counts.empty:
        st.info("None of the events in view has a date precise to the month.")
        picked = events
    else:
        selection = st.plotly_chart(
            charts.timeline_figure(counts, stack.lower()),
            key="timeline_chart",
            on_select="rerun",
            selection_mode=("points", "box"),
            config=PLOTLY_CONFIG,
            width="stretch",
        )
        picked = narrow_to_bars(events, selection, column)
    if left_out:
        st.caption(f"{left_out} event(s) dated only to a year, or undated, are not on the chart but are in the table.")
    st.subheader("Evidence" + (" for the selected bars" if len(picked) < len(events) else ""))
    evidence_section(data, picked, "timeline")


# ---------------------------------------------------------------- map


@st.cache_data(ttl=600, show_spinner=False)
def _tiles_reachable() -> bool:
    return tiles_reachable()


def map_view(data: Data, events: pd.DataFrame) -> None:
    """Venues sized by events and coloured by track; a base map when the tiles are reachable."""
    if events.empty:
        return empty_state()
    venues = charts.venue_counts(data.venues, events, data.labels["actor"])
    if venues.empty:
        st.info("None of the events in view has a venue.")
        return
    online = _tiles_reachable()
    use_tiles = st.toggle(
        "Base map tiles",
        value=online,
        key="tiles",
        help="Map tiles come from CARTO / OpenStreetMap. Off (or offline): venues are placed by coordinates.",
    )
    if use_tiles and not online:
        st.caption("The tile server did not answer from here; the map may stay blank under the points.")
    st.plotly_chart(
        charts.venue_map_figure(venues, basemap=use_tiles), key="venue_map", config=PLOTLY_CONFIG, width="stretch"
    )
    unplaced = venues[venues["lat"].isna() | venues["lon"].isna()]
    if len(unplaced):
        st.caption("Without coordinates, not on the map: " + ", ".join(md(n) for n in unplaced["name"]))
    st.dataframe(
        venues[["name", "track", "n_events", "country", "lat", "lon"]],
        hide_index=True,
        width="stretch",
        column_config={"name": "Venue", "track": "Mediation track", "n_events": "Events"},
    )


# ---------------------------------------------------------------- actors


def actors_view(data: Data, events: pd.DataFrame, current: Filters) -> None:
    """Who interacts with whom, and one actor's profile: its events, and the quotes by and about it."""
    if events.empty:
        return empty_state()
    links = event_actors_for(data, events)
    matrix = charts.cooccurrence(links)
    if matrix.empty:
        st.info("The events in view name no actors.")
    else:
        st.plotly_chart(
            charts.interaction_figure(matrix), key="interaction_chart", config=PLOTLY_CONFIG, width="stretch"
        )
    labels = data.labels["actor"]
    st.subheader("Actor profile")
    actor = st.selectbox(
        "Actor",
        list(labels),
        format_func=labels.get,
        index=None,
        key="profile",
        placeholder="Choose an actor",
        **bind(),
    )
    if actor is None:
        active = links["actor_id"].astype(object).value_counts()
        if active.empty:
            return
        actor = active.index[0]
        st.caption(f"Showing the most active actor in view, {md(labels.get(actor, actor))}; choose another above.")
    name = labels.get(actor, actor)
    own_links = links[links["actor_id"] == actor]
    own = events[events["event_id"].isin(set(own_links["event_id"])) | (events["track_mediator_id"] == actor)]
    if own.empty:
        st.info(f"{md(name)} takes part in none of the events in view.")
    else:
        profile_events(data, own, own_links, name)
    profile_quotes(data, actor, name, current)


def profile_events(data: Data, own: pd.DataFrame, own_links: pd.DataFrame, name: str) -> None:
    """One actor's events: counts, per month, its roles, its mediators and the evidence."""
    a, b, c = st.columns(3)
    a.metric("Events", len(own))
    b.metric("First", own["date"].dropna().min() if own["date"].notna().any() else "—")
    c.metric("Last", own["date"].dropna().max() if own["date"].notna().any() else "—")
    counts = charts.monthly_counts(own, "event_type")
    if not counts.empty:
        st.plotly_chart(
            charts.timeline_figure(counts, "type").update_layout(title=f"Events of {name} per month"),
            key="profile_timeline",
            config=PLOTLY_CONFIG,
            width="stretch",
        )
    left, right = st.columns(2)
    with left:
        roles = own_links["role"].astype(object).value_counts()
        st.plotly_chart(charts.bar_figure(roles, "Roles"), key="profile_roles", config=PLOTLY_CONFIG, width="stretch")
    with right:
        mediators = own["mediator"].astype(object).value_counts()
        if mediators.empty:
            st.caption("No mediator in its events.")
        else:
            st.plotly_chart(
                charts.bar_figure(mediators, "Mediators it deals with", "#2a9d8f"),
                key="profile_mediators",
                config=PLOTLY_CONFIG,
                width="stretch",
            )
    st.subheader(f"Events of {md(name)}")
    evidence_section(data, own, "profile")


def profile_quotes(data: Data, actor: str, name: str, current: Filters) -> None:
    """Quotes by the actor and quotes about it, each row opening its article at the quote."""
    if data.quotes.empty:
        st.caption("This build has no quotes table.")
        return
    in_view = quotes_in_view(data.quotes, current)
    said, heard = quotes_by(in_view, actor), quotes_about(in_view, actor)
    st.subheader(f"Quotes by {md(name)}")
    quotes_section(
        said,
        ["published", "outlet", "about_names", "text", "accusation"],
        "quotes_by",
        f"No quote attributed to {name} among the articles in view.",
    )
    st.subheader(f"Quotes about {md(name)}")
    quotes_section(
        heard,
        ["published", "outlet", "speaker", "text", "accusation"],
        "quotes_about",
        f"No quote by others names {name} among the articles in view.",
    )
    quote_id = st.query_params.get("quote")
    if quote_id and quote_id in set(said["quote_id"]) | set(heard["quote_id"]):
        reader_for_quote(data, quote_id)
    elif len(said) or len(heard):
        st.caption(
            "Select a quote to read its article with the quote highlighted. "
            "Dates are the articles' publication dates; venue, type and status filters do not apply to quotes."
        )


def quotes_section(quotes: pd.DataFrame, columns: list[str], key: str, when_empty: str) -> None:
    """A table of quotes (plain-text cells); picking a row opens the quote (?quote=...)."""
    if quotes.empty:
        st.caption(md(when_empty))
        return
    st.session_state[f"_pt_ids_{key}"] = list(quotes["quote_id"])
    st.dataframe(
        quote_table(quotes, columns),
        key=f"table_{key}",
        on_select=lambda: _pick_row(key, "quote"),
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(quotes), 320),
        column_config={
            "Quote": st.column_config.TextColumn("Quote", width="large"),
            "Date": st.column_config.TextColumn("Date", width="small"),
            "Accusation": st.column_config.TextColumn("Accusation", width="small"),
        },
    )


def reader_for_quote(data: Data, quote_id: str) -> None:
    """The article carrying one quote, the quote highlighted."""
    quote = data.quotes.loc[data.quotes["quote_id"] == quote_id].iloc[0]
    details = [f"by {quote['speaker']}"]
    if quote["about_names"]:
        details.append(f"about {quote['about_names']}")
    if quote["accusation"]:
        details.append("accusation")
    st.markdown("**Quote** " + " · ".join(md(d) for d in details))
    reader(
        data,
        str(quote["doc_id"]),
        [(int(quote["char_start"]), int(quote["char_end"]), quote["text"])],
        key=f"quote_{quote_id}",
    )


# ---------------------------------------------------------------- accusations


def accusations_view(data: Data, events: pd.DataFrame, current: Filters) -> None:
    """Who accused which mediator of what, when, in which outlet; a row opens the article."""
    shown = accusations_in_view(data.accusations, current)
    if shown.empty:
        if events.empty:
            return empty_state()
        st.info(NO_ACCUSATIONS, icon=":material/filter_alt_off:")
        return
    n_quotes = int((shown["source"] == "quote").sum())
    st.caption(
        f"{len(shown)} accusation(s) against {shown['mediator'].astype(object).nunique()} mediator(s): "
        f"{len(shown) - n_quotes} from accusation events, {n_quotes} from quotes. Quotes are dated by their article."
    )
    left, right = st.columns([3, 2])
    with left:
        counts = charts.monthly_counts(shown, "mediator")
        if counts.empty:
            st.caption("None of these accusations is dated to a month.")
        else:
            st.plotly_chart(
                charts.accusations_figure(counts), key="accusations_chart", config=PLOTLY_CONFIG, width="stretch"
            )
    with right:
        st.plotly_chart(
            charts.accuser_matrix_figure(accuser_mediator_counts(shown)),
            key="accuser_matrix",
            config=PLOTLY_CONFIG,
            width="stretch",
        )
    undated = int(shown["month"].isna().sum())
    if undated:
        st.caption(f"{undated} accusation(s) dated only to a year, or undated, are in the table but not on the chart.")
    st.session_state["_pt_items_accusations"] = list(
        zip(shown["source"].astype(str), shown["event_id"], shown["quote_id"])
    )
    st.dataframe(
        accusation_rows(shown),
        key="table_accusations",
        on_select=_pick_accusation,
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 420),
        column_config={
            "Accusation": st.column_config.TextColumn("Accusation", width="large"),
            "Date": st.column_config.TextColumn("Date", width="small"),
            "Accuser": st.column_config.TextColumn("Accuser", width="medium"),
            "From": st.column_config.TextColumn(
                "From", width="small", help="An accusation event, or a quote flagged as an accusation"
            ),
        },
    )
    quote_id, event_id = st.query_params.get("quote"), st.query_params.get("event")
    if quote_id and quote_id in set(shown["quote_id"].dropna()):
        reader_for_quote(data, quote_id)
    elif event_id and event_id in set(shown["event_id"].dropna()):
        reader_for_event(data, event_id)
    else:
        st.caption("Select a row to read its article with the accusation highlighted.")


def _pick_accusation() -> None:
    rows = st.session_state["table_accusations"].selection.rows
    items = st.session_state.get("_pt_items_accusations", [])
    if rows and rows[0] < len(items):
        source, event_id, quote_id = items[rows[0]]
        open_item("event", event_id) if source == "event" else open_item("quote", quote_id)
    else:
        for kind in ("event", "quote"):
            if kind in st.query_params:
                del st.query_params[kind]


# ---------------------------------------------------------------- evidence


def evidence_view(data: Data, events: pd.DataFrame) -> None:
    """The filtered events with their evidence; downloads of the same rows."""
    if events.empty:
        return empty_state()
    evidence_section(data, events, "evidence")
    downloads(data, events)


def evidence_section(data: Data, events: pd.DataFrame, key: str) -> None:
    """Evidence table (pick a row) and the reader for the picked event.

    The picked event goes into the URL (?event=...), so a shared link opens the
    same article at the same sentence.
    """
    ids_key = f"_pt_ids_{key}"
    st.session_state[ids_key] = list(events["event_id"])
    st.dataframe(
        evidence_table(events),
        key=f"table_{key}",
        on_select=lambda: _pick_row(key),
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(len(events), 1), 420),
        column_config={
            "Evidence": st.column_config.TextColumn("Evidence", width="large"),
            "Date": st.column_config.TextColumn("Date", width="small"),
        },
    )
    event_id = st.query_params.get("event")
    if event_id and event_id in set(data.events["event_id"]):
        reader_for_event(data, event_id)
    else:
        st.caption("Select a row to read its article with the evidence sentence highlighted.")


def evidence_table(events: pd.DataFrame) -> pd.DataFrame:
    table = events[list(EVIDENCE_COLUMNS)].rename(columns=EVIDENCE_COLUMNS).astype(object)
    return table.where(table.notna(), "")


def _pick_row(key: str, kind: str = "event") -> None:
    """Row selection callback: write (or drop) the picked event or quote in the URL."""
    rows = st.session_state[f"table_{key}"].selection.rows
    ids = st.session_state.get(f"_pt_ids_{key}", [])
    if rows and rows[0] < len(ids):
        open_item(kind, ids[rows[0]])
    elif kind in st.query_params:
        del st.query_params[kind]


def open_item(kind: str, item_id: str) -> None:
    """Put the picked event or quote in the URL; one item is open at a time."""
    st.query_params[kind] = item_id
    other = "quote" if kind == "event" else "event"
    if other in st.query_params:
        del st.query_params[other]


def reader_for_event(data: Data, event_id: str) -> None:
    """The article of one event, its evidence sentence highlighted and its entities marked."""
    event = data.events.loc[data.events["event_id"] == event_id].iloc[0]
    details = [str(event["event_type"])]
    for field in ("status", "date", "venue", "mediator"):
        if pd.notna(event[field]) and str(event[field]):
            details.append(str(event[field]))
    if event["actors"]:
        details.append(event["actors"])
    st.markdown(f"**Event {md(event_id)}:** " + " · ".join(md(d) for d in details))
    spans = [(int(event["char_start"]), int(event["char_end"]), event["sentence"])]
    reader(data, str(event["doc_id"]), spans, key=f"reader_{event_id}")


def reader(data: Data, doc_id: str, sentences: list[tuple[int, int, str]], key: str) -> None:
    """A document's text, escaped, with `sentences` highlighted and its mentions marked."""
    doc = data.documents.loc[data.documents["doc_id"] == doc_id].iloc[0]
    meta = [doc["source"], doc["published"]]
    st.markdown(f"#### {md(doc['title'] if isinstance(doc['title'], str) and doc['title'] else doc_id)}")
    st.caption(" · ".join(md(m) for m in meta if isinstance(m, str) and m) or "outlet and date unknown")
    if isinstance(doc["url"], str) and doc["url"].startswith(("http://", "https://")):
        st.link_button("Open the original", doc["url"], icon=":material/open_in_new:")
    text = read_document_text(doc["path"], data.table_dir)
    if text is None:
        st.warning(f"The article text is not available at {md(doc['path'])}; the evidence sentence was:")
        for _, _, sentence in sentences:
            st.text(sentence)
        return
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != doc["sha256"]:
        st.caption("This file changed after the tables were built: sentences are found by searching for them.")
    highlights, lost = [], []
    for start, end, sentence in sentences:
        where = article.locate(text, start, end, sentence)
        (highlights.append(where) if where else lost.append(sentence))
    if lost:
        st.warning("This sentence could not be found in the article text as read now (was the file changed?):")
        for sentence in lost:
            st.text(sentence)
    labels = {"actor": data.labels["actor"], "venue": data.labels["venue"]}
    mentions = data.mentions[data.mentions["doc_id"] == doc_id]
    entities = [
        article.Span(
            int(m.char_start),
            int(m.char_end),
            m.entity_type,
            labels.get(m.entity_type, {}).get(m.entity_id, m.entity_id),
        )
        for m in mentions.itertuples()
    ]
    st.html(article.STYLE + article.legend_html() + article.render(text, highlights, entities))


# ---------------------------------------------------------------- downloads


def downloads(data: Data, events: pd.DataFrame) -> None:
    """CSV of the rows in view: events (names joined in), their actors, their venues."""
    st.subheader("Download what is in view")
    columns = [
        "event_id",
        "date",
        "date_precision",
        "event_type",
        "status",
        "venue_id",
        "venue",
        "track_mediator_id",
        "mediator",
        "actors",
        "outlet",
        "doc_id",
        "title",
        "sentence",
        "char_start",
        "char_end",
        "round_id",
        "confidence",
    ]
    flat = events[columns].rename(columns={"track_mediator_id": "mediator_id"})
    flat = flat.merge(data.documents[["doc_id", "url", "published"]], on="doc_id", how="left")
    links = event_actors_for(data, events).merge(
        data.actors[["actor_id", "kind", "country", "title"]], on="actor_id", how="left"
    )[["event_id", "actor_id", "name", "role", "kind", "country", "title"]]
    venues = charts.venue_counts(data.venues, events, data.labels["actor"]).drop(columns=["aliases"], errors="ignore")
    cols = st.columns(3)
    cols[0].download_button(
        "Events (CSV)", _csv(flat), "peacetrack_events.csv", "text/csv", key="dl_events", icon=":material/download:"
    )
    cols[1].download_button(
        "Event actors (CSV)",
        _csv(links),
        "peacetrack_event_actors.csv",
        "text/csv",
        key="dl_actors",
        icon=":material/download:",
    )
    cols[2].download_button(
        "Venues (CSV)", _csv(venues), "peacetrack_venues.csv", "text/csv", key="dl_venues", icon=":material/download:"
    )
    st.caption("Charts: use the camera icon on a chart for a PNG.")


def _csv(df: pd.DataFrame) -> str:
    return to_csv_text(df)


# ---------------------------------------------------------------- documents


def documents_view(data: Data, events: pd.DataFrame, current: Filters) -> None:
    """The article list, and a reader marking every event sentence in view."""
    docs = documents_for(data, current, events)
    if docs.empty:
        return empty_state()
    in_view = events["doc_id"].astype(object).value_counts()
    table = docs.assign(events_in_view=docs["doc_id"].map(in_view).fillna(0).astype(int))
    st.dataframe(
        table[["title", "source", "published", "n_words", "n_events", "events_in_view", "n_mentions", "url", "doc_id"]],
        hide_index=True,
        width="stretch",
        column_config={
            "title": "Title",
            "source": "Outlet",
            "published": "Published",
            "n_words": "Words",
            "n_events": "Events",
            "events_in_view": "Events in view",
            "n_mentions": "Mentions",
            "url": st.column_config.LinkColumn("Address"),
            "doc_id": "Document",
        },
    )
    labels = data.labels["doc"]
    doc_id = st.selectbox(
        "Read a document",
        list(labels),
        format_func=labels.get,
        index=None,
        key="doc",
        placeholder="Choose a document",
        **bind(),
    )
    if doc_id is None:
        st.caption("Choose a document to read it with the events in view highlighted.")
        return
    own = events[events["doc_id"] == doc_id]
    sentences = [(int(r.char_start), int(r.char_end), r.sentence) for r in own.itertuples()]
    reader(data, doc_id, sentences, key=f"doc_{doc_id}")


# ---------------------------------------------------------------- about


def about_view(data: Data) -> None:
    """What the tables mean, where they came from, and what was skipped."""
    st.markdown(
        "peacetrack reads news articles about the Armenia–Azerbaijan peace process and turns each reported "
        "event into a row with the sentence that supports it. Every figure here can be checked: pick an "
        "event in an evidence table to read its article with that sentence highlighted."
    )
    st.markdown(hosting.describe_tables(data.table_dir, data.build_report))  # no server path
    sources = sorted({s for s in data.documents["source"].dropna()})
    st.markdown(
        f"**{len(data.documents)} documents** from {len(sources)} outlet(s): " + ", ".join(md(s) for s in sources)
    )
    report = data.build_report
    if report is None:
        st.caption(f"No build report (build_report.json) beside the tables. Build with `{BUILD_COMMAND}`.")
    else:
        skipped = report.get("skipped") or []
        read = report.get("documents_read")
        st.markdown(
            f"**Build:** {md(read) if read is not None else 'unknown number of'} document(s) read, {len(skipped)} skipped."
        )
        if skipped:
            st.dataframe(pd.DataFrame(skipped).astype(object), hide_index=True, width="stretch")
    extra = [name for name in ("rounds", "quotes") if getattr(data, name) is not None and len(getattr(data, name))]
    st.markdown("#### How figures are counted")
    st.markdown(about.HOW_COUNTED)
    st.markdown("#### Tables and fields")
    for name, (what, fields) in about.TABLES.items():
        with st.expander(f"{name}: {what}"):
            st.markdown("\n".join(f"- `{field}`: {meaning}" for field, meaning in fields.items()))
    if extra:
        st.caption("Also built: " + ", ".join(extra) + ".")
