"""Quotes: who said what about whom (no Streamlit).

The build's `quotes` table gives each quotation its speaker, the actors it names
and the mediators it is about. Here it is labelled once, when a view first needs
it: the document's outlet and publication date (a quote is dated by the article
that carries it, and says so) and display names.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.filters import any_in
from dashboard.model import date_periods, names_of

RAW_COLUMNS = ["quote_id", "doc_id", "speaker_id", "text", "char_start", "char_end", "about", "mediators", "accusation"]
NOT_NAMED = "not named"
QUOTE_TABLE_COLUMNS = {
    "published": "Article date",
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


def prepare_quotes(raw: pd.DataFrame | None, documents: pd.DataFrame, actor_label: dict[str, str]) -> pd.DataFrame:
    """The quotes table with names, outlet and date joined in; an absent table gives no rows."""
    quotes = raw.copy() if isinstance(raw, pd.DataFrame) else pd.DataFrame(columns=RAW_COLUMNS)
    for column in RAW_COLUMNS:
        if column not in quotes:
            quotes[column] = None
    quotes = quotes[RAW_COLUMNS].reset_index(drop=True)
    quotes["about"] = quotes["about"].map(as_ids).astype(object)
    quotes["mediators"] = quotes["mediators"].map(as_ids).astype(object)
    quotes["accusation"] = quotes["accusation"].astype(object).fillna(False).astype(bool)
    quotes["speaker_id"] = quotes["speaker_id"].astype(object).where(quotes["speaker_id"].notna(), None)
    quotes["speaker"] = quotes["speaker_id"].map(actor_label).fillna(quotes["speaker_id"]).fillna(NOT_NAMED)
    quotes["about_names"] = [names_of(ids, actor_label) for ids in quotes["about"]]
    by_doc = documents.set_index(documents["doc_id"].astype(object))
    doc = quotes["doc_id"].astype(object)
    quotes["outlet"] = doc.map(by_doc["source"].astype(object)) if len(by_doc) else None
    quotes["title"] = doc.map(by_doc["title"]) if len(by_doc) else None
    quotes["published"] = doc.map(by_doc["published"]) if len(by_doc) else None
    quotes["date_start"], quotes["date_end"] = date_periods(quotes["published"])
    for column in ("doc_id", "speaker_id", "speaker", "outlet"):
        quotes[column] = quotes[column].astype(object).astype("category")
    return quotes


def quotes_by(quotes: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """What `actor_id` said, newest first."""
    return _newest_first(quotes[(quotes["speaker_id"] == actor_id).to_numpy(dtype=bool)])


def quotes_about(quotes: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """What others said naming `actor_id` (or about it as a mediator), newest first."""
    named = any_in(quotes["about"], [actor_id]) | any_in(quotes["mediators"], [actor_id])
    others = (quotes["speaker_id"] != actor_id).to_numpy(dtype=bool) | quotes["speaker_id"].isna().to_numpy()
    return _newest_first(quotes[named & others])


def quote_table(quotes: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Display rows for st.dataframe (plain-text cells: nothing in them is rendered as markup)."""
    table = quotes[columns].astype(object)
    table = table.where(table.notna(), "")
    if "accusation" in table:
        table["accusation"] = table["accusation"].map(lambda flag: "yes" if flag is True else "")
    return table.rename(columns=QUOTE_TABLE_COLUMNS)


def _newest_first(quotes: pd.DataFrame) -> pd.DataFrame:
    return quotes.sort_values(["date_start", "char_start"], ascending=[False, True], na_position="last")
