"""Quotes: who said what about whom (no Streamlit).

The build's `quotes` table gives each quotation its speaker, the actors it names
and the mediators it is about. Here it is joined once with the document's outlet
and publication date (a quote is dated by the article that carries it) and with
display names, so that the actor profile can list the quotes by and about an
actor, and the Accusations view can list who called which mediator biased.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.filters import Filters, any_in, overlaps_dates, words_match
from dashboard.model import date_period

RAW_COLUMNS = ["quote_id", "doc_id", "speaker_id", "text", "char_start", "char_end", "about", "mediators", "accusation"]
QUOTE_COLUMNS = [
    *RAW_COLUMNS,
    "speaker",
    "about_names",
    "outlet",
    "title",
    "published",
    "date_start",
    "date_end",
    "month",
]
NOT_NAMED = "not named"
QUOTE_TABLE_COLUMNS = {
    "published": "Date",
    "outlet": "Outlet",
    "speaker": "Speaker",
    "about_names": "About",
    "text": "Quote",
    "accusation": "Accusation",
}


def as_ids(value) -> tuple[str, ...]:
    """A list cell as read from Parquet (numpy array, list, None) -> tuple of ids."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if isinstance(v, str) and v)


def empty_quotes() -> pd.DataFrame:
    """The prepared quotes frame with no rows: what a build without quotes gives."""
    return prepare_quotes(None, pd.DataFrame(columns=["doc_id", "source", "title", "published"]), {})


def prepare_quotes(raw: pd.DataFrame | None, documents: pd.DataFrame, actor_label: dict[str, str]) -> pd.DataFrame:
    """The quotes table with names, outlet and date joined in; an absent table gives no rows.

    Repeated strings (document, speaker, outlet) become categoricals like the events'.
    """
    quotes = raw.copy() if isinstance(raw, pd.DataFrame) else pd.DataFrame(columns=RAW_COLUMNS)
    for column in RAW_COLUMNS:
        if column not in quotes:
            quotes[column] = None
    quotes = quotes[RAW_COLUMNS].reset_index(drop=True)
    quotes["about"] = quotes["about"].map(as_ids).astype(object)
    quotes["mediators"] = quotes["mediators"].map(as_ids).astype(object)
    quotes["accusation"] = quotes["accusation"].astype(object).fillna(False).astype(bool)
    quotes["speaker_id"] = quotes["speaker_id"].astype(object).where(quotes["speaker_id"].notna(), None)
    quotes["speaker"] = quotes["speaker_id"].map(lambda a: actor_label.get(a, a) if a else NOT_NAMED)
    quotes["about_names"] = quotes["about"].map(lambda ids: ", ".join(sorted(actor_label.get(a, a) for a in ids)))
    by_doc = documents.set_index("doc_id")
    quotes["outlet"] = quotes["doc_id"].map(by_doc["source"]) if len(by_doc) else None
    quotes["title"] = quotes["doc_id"].map(by_doc["title"]) if len(by_doc) else None
    quotes["published"] = quotes["doc_id"].map(by_doc["published"]) if len(by_doc) else None
    periods = [date_period(p) for p in quotes["published"]]
    quotes["date_start"] = pd.to_datetime(pd.Series([p[0] for p in periods], index=quotes.index, dtype=object))
    quotes["date_end"] = pd.to_datetime(pd.Series([p[1] for p in periods], index=quotes.index, dtype=object))
    quotes["month"] = quotes["date_start"].dt.to_period("M").dt.to_timestamp()
    for column in ("doc_id", "speaker_id", "speaker", "outlet"):
        quotes[column] = _categorical(quotes[column])
    return quotes[QUOTE_COLUMNS]


def quotes_in_view(quotes: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The quotes that pass the sidebar filters a quote can answer to.

    Actor: the speaker, or an actor or mediator the quote is about. Mediator: a
    mediator the quote is about. Outlet and date range: the carrying article's.
    Text: words in the quote, its speaker, what it is about or the headline.
    A quote has no venue, event type or talks status, so those filters do not narrow it.
    """
    keep = pd.Series(True, index=quotes.index)
    if filters.actor:
        keep &= (
            quotes["speaker_id"].isin(filters.actor).fillna(False).astype(bool)
            | any_in(quotes["about"], filters.actor)
            | any_in(quotes["mediators"], filters.actor)
        )
    if filters.mediator:
        keep &= any_in(quotes["mediators"], filters.mediator)
    if filters.outlet:
        keep &= quotes["outlet"].isin(filters.outlet).fillna(False).astype(bool)
    keep &= overlaps_dates(quotes["date_start"], quotes["date_end"], filters)
    if filters.q.strip():
        keep &= words_match(_search_text(quotes), filters.q)
    return quotes[keep]


def quotes_by(quotes: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """What `actor_id` said, newest first."""
    return _newest_first(quotes[quotes["speaker_id"] == actor_id])


def quotes_about(quotes: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """What others said naming `actor_id` (or about it as a mediator), newest first."""
    named = any_in(quotes["about"], [actor_id]) | any_in(quotes["mediators"], [actor_id])
    return _newest_first(quotes[named & (quotes["speaker_id"] != actor_id).fillna(True).astype(bool)])


def quote_table(quotes: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Display rows for st.dataframe (plain text cells: nothing in them is rendered as markup)."""
    table = quotes[columns].astype(object)
    table = table.where(table.notna(), "")
    if "accusation" in table:
        table["accusation"] = table["accusation"].map(lambda flag: "yes" if flag is True else "")
    return table.rename(columns=QUOTE_TABLE_COLUMNS)


def _search_text(quotes: pd.DataFrame) -> pd.Series:
    parts = [quotes[c].astype(object).fillna("").astype(str) for c in ("text", "speaker", "about_names", "title")]
    return parts[0] + "\n" + parts[1] + "\n" + parts[2] + "\n" + parts[3]


def _newest_first(quotes: pd.DataFrame) -> pd.DataFrame:
    return quotes.sort_values(["date_start", "doc_id", "char_start"], ascending=[False, True, True], na_position="last")


def _categorical(series: pd.Series) -> pd.Categorical:
    series = series.astype(object).where(series.notna(), None)
    return pd.Categorical(series, categories=sorted({v for v in series if v is not None}))
