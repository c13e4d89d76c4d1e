"""The article reader: a document's text with the evidence highlighted and its entities marked.

Opened from any tab's table (an event, a quote); apart from the shared page
helpers because it is the one place that reads article files, checks them against
the build's checksum and finds a sentence again when the file has changed.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import article
from dashboard.columns import names_of
from dashboard.loading import Signature, read_document_text, read_mentions
from dashboard.views.common import Page, links_of, md


@st.cache_data(max_entries=64, show_spinner=False)
def _mentions(table_dir: str, signature: Signature, doc_id: str) -> pd.DataFrame:
    return read_mentions(table_dir, doc_id)


def reader_for_event(page: Page, row: int) -> None:
    """The article of one event, its evidence sentence highlighted and its entities marked."""
    data = page.data
    event = data.events.iloc[row]
    details = [str(event["event_type"])]
    for column in ("status", "date", "venue", "mediator"):
        if pd.notna(event[column]) and str(event[column]):
            details.append(str(event[column]))
    if pd.notna(event["date_precision"]):
        details.append(f"dated by: {event['date_precision']} · {event['date_basis']}")
    links = links_of(data, np.array([row]))
    actors = names_of(data.actors["actor_id"].to_numpy()[data.link_actor[links]], data.labels["actor"])
    if actors:
        details.append(actors)
    st.markdown(f"**Event {md(event['event_id'])}:** " + " · ".join(md(d) for d in details))
    spans = [(int(event["char_start"]), int(event["char_end"]), event["sentence"])]
    reader(page, int(event["doc_row"]), spans)


def reader_for_quote(page: Page, quote: pd.Series) -> None:
    """The article carrying one quote, the quote highlighted."""
    from dashboard.quotes import as_ids

    details = [f"by {quote['speaker']}"]
    about = names_of(as_ids(quote["about"]), page.data.labels["actor"])
    if about:
        details.append(f"about {about}")
    if quote["accusation"]:
        details.append("accusation")
    details.append(f"dated by its article: {quote['published'] or 'no date'}")
    st.markdown("**Quote** " + " · ".join(md(d) for d in details))
    doc_row = page.data.documents.index[page.data.documents["doc_id"] == quote["doc_id"]]
    if len(doc_row):
        reader(page, int(doc_row[0]), [(int(quote["char_start"]), int(quote["char_end"]), quote["text"])])


def reader(page: Page, doc_row: int, sentences: list[tuple[int, int, str]]) -> None:
    """A document's text, escaped, with `sentences` highlighted and its mentions marked; it opens at the highlight."""
    data = page.data
    doc = data.documents.iloc[doc_row]
    title = doc["title"] if isinstance(doc["title"], str) and doc["title"] else doc["doc_id"]
    st.markdown(f"#### {md(title)}")
    published = f"{doc['published']} ({doc['published_basis']})" if isinstance(doc["published"], str) else None
    meta = [m for m in (doc["source"], published) if isinstance(m, str) and m]
    st.caption(" · ".join(md(m) for m in meta) or "outlet and date unknown")
    if isinstance(doc["url"], str) and doc["url"].startswith(("http://", "https://")):
        st.link_button("Open the original", doc["url"], icon=":material/open_in_new:")
    text = read_document_text(doc["path"], data.table_dir)
    if text is None:
        st.warning(f"The article text is not available at {md(doc['path'])}; the evidence was:")
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
    mentions = _mentions(data.table_dir, data.signature, str(doc["doc_id"]))
    labels = {"actor": data.labels["actor"], "venue": data.labels["venue"]}
    entities = [
        article.Span(int(s), int(e), kind, labels.get(kind, {}).get(entity, entity))
        for kind, entity, s, e in zip(
            mentions["entity_type"], mentions["entity_id"], mentions["char_start"], mentions["char_end"]
        )
    ]
    st.html(article.STYLE + article.legend_html() + article.render(text, highlights, entities, open_at_highlight=True))
