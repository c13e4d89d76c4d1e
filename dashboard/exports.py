"""Every table in view as CSV and Parquet, named with the build date and the active filters (no Streamlit).

File names read `peacetrack_<table>_built-<YYYY-MM-DD>_<filters>.<csv|parquet>`,
e.g. `peacetrack_rounds_built-2026-12-01_mediator-european-union.csv`; a long set of
filters is cut and ends with a short hash of the whole. The Parquet file also
carries the full filter description, the build date and the conflict in its
metadata. CSV goes through `data_prep.spreadsheet.to_csv_text`, so no cell runs
as a formula in a spreadsheet.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.columns import names_of
from dashboard.filter_words import describe, filters_slug
from dashboard.inview import InView
from dashboard.loading import read_event_columns
from dashboard.state import Vocabulary
from data_prep.spreadsheet import to_csv_text

TABLES = ("events", "rounds", "accusations", "quotes", "documents")
EXPORT_ONLY_EVENT_COLUMNS = ["plover", "format", "round_id", "confidence"]


def file_name(table: str, inview: InView, vocab: Vocabulary, extension: str) -> str:
    """`peacetrack_<table>_built-<date>_<filters>.<extension>`."""
    return f"peacetrack_{table}_built-{inview.data.built}_{filters_slug(inview.filters, vocab)}.{extension}"


def frame(table: str, inview: InView) -> pd.DataFrame:
    """The rows of `table` in view, ids and names both, ready to write."""
    return {
        "events": events_frame,
        "rounds": rounds_frame,
        "accusations": accusations_frame,
        "quotes": quotes_frame,
        "documents": documents_frame,
    }[table](inview)


def csv_bytes(table: str, inview: InView) -> bytes:
    return to_csv_text(frame(table, inview)).encode("utf-8")


def parquet_bytes(table: str, inview: InView, vocab: Vocabulary) -> bytes:
    """The table as Parquet, with the filters, the build date and the conflict in its metadata."""
    arrow = pa.Table.from_pandas(frame(table, inview), preserve_index=False)
    metadata = dict(arrow.schema.metadata or {})
    metadata.update(
        {
            b"peacetrack.table": table.encode(),
            b"peacetrack.built": inview.data.built.encode(),
            b"peacetrack.conflict": inview.data.conflict.encode(),
            b"peacetrack.filters": ("; ".join(describe(inview.filters, vocab)) or "none").encode(),
        }
    )
    buffer = io.BytesIO()
    pq.write_table(arrow.replace_schema_metadata(metadata), buffer)
    return buffer.getvalue()


def events_frame(inview: InView) -> pd.DataFrame:
    data, rows = inview.data, inview.rows
    events = data.events.iloc[rows]
    docs = data.documents.iloc[events["doc_row"].to_numpy()]
    links = np.isin(data.link_row, rows)
    named = pd.DataFrame(
        {"row": data.link_row[links], "name": data.actors["label"].to_numpy()[data.link_actor[links]]}
    ).drop_duplicates()
    actors = named.sort_values("name").groupby("row")["name"].agg(", ".join)
    out = pd.DataFrame(
        {
            "event_id": events["event_id"].astype(object).to_numpy(),
            "date": events["date"].astype(object).to_numpy(),
            "date_precision": events["date_precision"].astype(object).to_numpy(),
            "date_basis": events["date_basis"].astype(object).to_numpy(),
            "date_text": events["date_text"].astype(object).to_numpy(),
            "event_type": events["event_type"].astype(object).to_numpy(),
            "status": events["status"].astype(object).to_numpy(),
            "venue_id": events["venue_id"].astype(object).to_numpy(),
            "venue": events["venue"].astype(object).to_numpy(),
            "mediator_id": events["track_mediator_id"].astype(object).to_numpy(),
            "mediator": events["mediator"].astype(object).to_numpy(),
            "actors": pd.Series(rows).map(actors).fillna("").to_numpy(),
            "outlet": events["outlet"].astype(object).to_numpy(),
            "doc_id": docs["doc_id"].astype(object).to_numpy(),
            "title": docs["title"].astype(object).to_numpy(),
            "published": docs["published"].astype(object).to_numpy(),
            "url": docs["url"].astype(object).to_numpy(),
            "sentence": events["sentence"].astype(object).to_numpy(),
            "char_start": events["char_start"].to_numpy(),
            "char_end": events["char_end"].to_numpy(),
        }
    )
    extra = read_event_columns(data.table_dir, EXPORT_ONLY_EVENT_COLUMNS, rows)
    return pd.concat([out, extra], axis=1)


def rounds_frame(inview: InView) -> pd.DataFrame:
    rounds = inview.rounds.sort_values(["date_start", "round_id"], na_position="last")
    labels = inview.data.labels["actor"]
    return pd.DataFrame(
        {
            "round_id": rounds["round_id"].to_numpy(),
            "date": rounds["date"].to_numpy(),
            "date_precision": rounds["date_precision"].to_numpy(),
            "date_basis": rounds["date_basis"].to_numpy(),
            "venue_id": rounds["venue_id"].to_numpy(),
            "venue": rounds["venue"].to_numpy(),
            "mediator_id": rounds["track_id"].to_numpy(),
            "mediator": rounds["mediator"].to_numpy(),
            "status": rounds["status"].to_numpy(),
            "history": rounds["history"].to_numpy(),
            "parties": [names_of(p, labels) for p in rounds["parties"]],
            "cancelled_by": [names_of(c, labels) for c in rounds["cancelled_by"]],
            "n_sources": rounds["n_sources"].to_numpy(),
            "n_mentions": rounds["n_mentions"].to_numpy(),
            "disagree": rounds["disagree"].to_numpy(),
            "disagreement": rounds["disagreement"].to_numpy(),
            "lead_event_id": rounds["lead_event_id"].to_numpy(),
            "sentence": rounds["sentence"].to_numpy(),
        }
    )


def accusations_frame(inview: InView) -> pd.DataFrame:
    acc = inview.accusations
    columns = ["accusation_id", "source", "event_id", "quote_id", "doc_id", "date", "date_precision", "date_basis"]
    out = acc[columns].astype(object).copy()
    out["accuser"] = acc["accuser"].to_numpy()
    out["mediator_id"] = acc["mediator_id"].astype(object).to_numpy()
    out["mediator"] = acc["mediator"].astype(object).to_numpy()
    out["also_blamed"] = acc["targets"].to_numpy()
    out["outlet"] = acc["outlet"].astype(object).to_numpy()
    out["title"] = acc["title"].to_numpy()
    out["text"] = acc["text"].to_numpy()
    return out.reset_index(drop=True)


def quotes_frame(inview: InView) -> pd.DataFrame:
    from dashboard.quotes import as_ids

    quotes = inview.quotes
    labels = inview.data.labels["actor"]
    columns = ["quote_id", "doc_id", "published", "outlet", "title", "speaker_id", "speaker", "text", "accusation"]
    out = quotes[columns].astype(object).rename(columns={"published": "article_date"})
    out["about"] = [names_of(as_ids(a), labels) for a in quotes["about"]]
    out["mediators"] = [", ".join(as_ids(m)) for m in quotes["mediators"]]
    return out.reset_index(drop=True)


def documents_frame(inview: InView) -> pd.DataFrame:
    docs = inview.documents
    columns = [
        "doc_id",
        "title",
        "source",
        "published",
        "published_basis",
        "url",
        "n_words",
        "n_events",
        "events_in_view",
    ]
    return docs[columns].astype({"source": object, "published_basis": object}).reset_index(drop=True)
