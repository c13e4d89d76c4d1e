"""The Evidence, Documents and About tabs, and the export of every table in view."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import exports, glossary, hosting
from dashboard.loading import BUILD_COMMAND
from dashboard.views.common import Page, empty_state, md, paged_table
from dashboard.views.evidence_table import evidence_section
from dashboard.views.reader import reader


def evidence_view(page: Page) -> None:
    """The events in view with their evidence; every table in view to download."""
    if not page.inview.n_events:
        return empty_state()
    evidence_section(page, page.inview.rows, "evidence")
    downloads(page)


def downloads(page: Page) -> None:
    """Each table in view as CSV and Parquet, built only when asked for (a million rows take seconds)."""
    inview, vocab = page.inview, page.vocab
    st.subheader("Download what is in view")
    st.caption(
        f"Tables built {page.data.built}. The file names carry the build date and the active filters "
        "(the Parquet files also carry them in their metadata). Files are prepared when you click."
    )
    sizes = {
        "events": inview.n_events,
        "rounds": len(inview.rounds),
        "accusations": len(inview.accusations),
        "quotes": None,  # counted only when the quotes are read
        "documents": inview.n_documents,
    }
    for table in exports.TABLES:
        left, middle, right = st.columns([2, 1, 1], vertical_alignment="center")
        count = sizes[table]
        left.markdown(f"**{table.capitalize()}**" + (f" · {count:,} rows" if count is not None else ""))
        middle.download_button(
            "CSV",
            partial(exports.csv_bytes, table, inview),
            exports.file_name(table, inview, vocab, "csv"),
            "text/csv",
            key=f"dl_{table}_csv",
            icon=":material/download:",
            on_click="ignore",
        )
        right.download_button(
            "Parquet",
            partial(exports.parquet_bytes, table, inview, vocab),
            exports.file_name(table, inview, vocab, "parquet"),
            "application/vnd.apache.parquet",
            key=f"dl_{table}_parquet",
            icon=":material/download:",
            on_click="ignore",
        )
    st.caption("Charts: use the camera icon on a chart for a PNG.")


def documents_view(page: Page) -> None:
    """The articles in view (a page at a time); picking one opens it with the events in view highlighted."""
    data, inview = page.data, page.inview
    docs = inview.documents
    if docs.empty:
        return empty_state()
    table = docs.sort_values(["events_in_view", "published"], ascending=[False, False], na_position="last")
    ids = table["doc_id"].astype(str).to_numpy()
    paged_table(
        page,
        "documents",
        ids,
        lambda start, stop: _document_rows(table.iloc[start:stop]),
        kind="doc",
        column_config={
            "Title": st.column_config.TextColumn("Title", width=380),
            "Address": st.column_config.LinkColumn("Address", width="medium"),
        },
        noun="document",
    )
    doc_id = page.view.doc
    if not doc_id or doc_id not in set(ids):
        st.caption("Select a document to read it with the events in view highlighted.")
        return
    page.shown.add("doc")
    doc_row = int(data.documents.index[data.documents["doc_id"] == doc_id][0])
    rows = inview.rows[data.events["doc_row"].to_numpy()[inview.rows] == doc_row]
    events = data.events.iloc[rows]
    reader(
        page, doc_row, list(zip(events["char_start"].astype(int), events["char_end"].astype(int), events["sentence"]))
    )


def _document_rows(docs: pd.DataFrame) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "Title": docs["title"]
            .astype(object)
            .where(docs["title"].notna(), "(no title) " + docs["doc_id"].astype(str)),
            "Outlet": docs["source"].astype(object),
            "Published": docs["published"].astype(object),
            "Dated from": docs["published_basis"].astype(object),
            "Words": docs["n_words"],
            "Events": docs["n_events"],
            "Events in view": docs["events_in_view"],
            "Address": docs["url"].astype(object),
            "Document": docs["doc_id"].astype(object),
        }
    )
    return table.where(table.notna(), "").reset_index(drop=True)


def about_view(page: Page) -> None:
    """What the tables and fields mean, how figures are counted, where the data came from, what was skipped."""
    data = page.data
    st.markdown(
        f"peacetrack reads news articles about the {md(data.conflict)} and turns each reported event into a "
        "row with the sentence that supports it. Every figure here can be checked: pick an event in an evidence "
        "table to read its article with that sentence highlighted."
    )
    sources = data.labels.get("outlet", {})
    st.markdown(f"**{len(data.documents):,} documents** from {len(sources):,} outlet(s).")
    st.markdown(hosting.describe_tables(data.table_dir, data.build_report))  # which data, built when; no server path
    report = data.build_report
    if report is None:
        st.caption(f"No build report (build_report.json) beside the tables. Build with `{BUILD_COMMAND}`.")
    else:
        listed = report.get("skipped")
        skipped = listed if isinstance(listed, list) else []
        read = report.get("documents_read")
        st.markdown(
            f"**Build:** {md(read) if read is not None else 'unknown number of'} document(s) read, {len(skipped)} skipped."
        )
        if skipped:
            st.dataframe(pd.DataFrame(skipped).astype(object), hide_index=True, width="stretch")
    st.markdown("#### How figures are counted")
    st.markdown(glossary.HOW_COUNTED)
    st.markdown("#### Colours")
    st.markdown(glossary.COLOURS)
    st.markdown("#### Tables and fields")
    for name, (what, fields) in glossary.TABLES.items():
        with st.expander(f"{name}: {what}"):
            st.markdown("\n".join(f"- `{field}`: {meaning}" for field, meaning in fields.items()))
