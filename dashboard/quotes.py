"""Quotes: who said what about whom (no Streamlit).

The build's `quotes` table gives each quotation its speaker, the actors it names
and the mediators it is about. Here it is labelled once, when a view first needs
it: the document's outlet and publication date (a quote is dated by the article
that carries it, and says so) and the speaker's name. Who a quote names is kept
as integer links (quote row, actor position), so finding the quotes about an
actor among half a million is one `np.isin`; the names of what a quote is about
are written out only for the rows a table shows.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from dashboard.columns import flatten_lists, names_of, positions
from dashboard.periods import date_periods

# The missing value for `np.where`: numpy's stubs take arrays, not a bare None (same object-dtype result).
MISSING = np.array(None, dtype=object)
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


def as_ids(value: str | float | Iterable[object] | None) -> tuple[str, ...]:
    """A list cell as read from Parquet (numpy array, list, None) -> tuple of ids."""
    if value is None or isinstance(value, float):  # NaN: pandas' missing cell (no other float is a list cell)
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if isinstance(v, str) and v)


def prepare_quotes(raw: pd.DataFrame | None, documents: pd.DataFrame, actor_label: dict[str, str]) -> pd.DataFrame:
    """The quotes with the speaker's name and the article's outlet, title and date; no table gives no rows."""
    quotes = raw.copy() if isinstance(raw, pd.DataFrame) else pd.DataFrame(columns=RAW_COLUMNS)
    for column in RAW_COLUMNS:
        if column not in quotes:
            quotes[column] = None
    quotes = quotes[RAW_COLUMNS].reset_index(drop=True)
    quotes["accusation"] = quotes["accusation"].astype(object).fillna(False).astype(bool)
    speaker = quotes["speaker_id"].astype(object).where(quotes["speaker_id"].notna(), None)
    quotes["speaker_id"] = speaker.astype("category")
    quotes["speaker"] = (
        quotes["speaker_id"].cat.rename_categories([actor_label.get(a, a) for a in quotes["speaker_id"].cat.categories])
        if len(quotes["speaker_id"].cat.categories)
        else speaker
    )
    quotes["speaker"] = quotes["speaker"].astype(object).where(quotes["speaker"].notna(), NOT_NAMED).astype("category")
    doc_row = positions(documents["doc_id"], quotes["doc_id"].astype(object).astype("category"))
    take = np.append(np.arange(len(documents)), -1)[doc_row] if len(quotes) else np.zeros(0, dtype=int)
    found = take >= 0
    for column, source in (("outlet", "source"), ("title", "title"), ("published", "published")):
        values = documents[source].astype(object).to_numpy()
        quotes[column] = np.where(found, values[np.where(found, take, 0)] if len(values) else MISSING, MISSING)
    quotes["date_start"], quotes["date_end"] = date_periods(quotes["published"])
    quotes["doc_row"] = take
    for column in ("doc_id", "outlet"):
        quotes[column] = quotes[column].astype(object).astype("category")
    return quotes


def quote_links(quotes: pd.DataFrame, actor_ids: pd.Series, column: str) -> tuple[np.ndarray, np.ndarray]:
    """(quote row, actor position) for every actor a list column (`about`, `mediators`) names."""
    rows, ids = flatten_lists(quotes[column]) if len(quotes) else (np.zeros(0, np.int64), np.zeros(0, object))
    actor = positions(actor_ids, ids) if len(ids) else np.zeros(0, np.int64)
    return rows[actor >= 0], actor[actor >= 0]


def naming(links: tuple[np.ndarray, np.ndarray], n_quotes: int, actor_positions: Iterable[int]) -> np.ndarray:
    """Which quotes name one of `actor_positions` (through `links`)."""
    rows, actors = links
    hit = np.zeros(n_quotes, dtype=bool)
    hit[rows[np.isin(actors, list(actor_positions))]] = True
    return hit


def quotes_by(quotes: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """What `actor_id` said, newest first."""
    return _newest_first(quotes[(quotes["speaker_id"] == actor_id).to_numpy(dtype=bool, na_value=False)])


def quotes_about(quotes: pd.DataFrame, actor_id: str, named: np.ndarray | None = None) -> pd.DataFrame:
    """What others said naming `actor_id` (or about it as a mediator), newest first.

    `named` (a mask over `quotes`) saves the search when the links are at hand.
    """
    if named is None:
        named = np.fromiter(
            (actor_id in as_ids(a) or actor_id in as_ids(m) for a, m in zip(quotes["about"], quotes["mediators"])),
            dtype=bool,
            count=len(quotes),
        )
    others = ~(quotes["speaker_id"] == actor_id).to_numpy(dtype=bool, na_value=False)
    return _newest_first(quotes[named & others])


def quote_table(quotes: pd.DataFrame, columns: list[str], actor_label: dict[str, str] | None = None) -> pd.DataFrame:
    """Display rows for st.dataframe (plain-text cells: nothing in them is rendered as markup)."""
    quotes = quotes.assign(about_names=[names_of(as_ids(a), actor_label or {}) for a in quotes["about"]])
    table = quotes[columns].astype(object)
    table = table.where(table.notna(), "")
    if "accusation" in table:
        table["accusation"] = table["accusation"].map(lambda flag: "yes" if flag is True else "")
    return table.rename(columns=QUOTE_TABLE_COLUMNS).reset_index(drop=True)


def _newest_first(quotes: pd.DataFrame) -> pd.DataFrame:
    return quotes.sort_values(["date_start", "char_start"], ascending=[False, True], na_position="last")
