"""The sidebar filters as plain data, and the rows they let through (no Streamlit).

Every view is drawn from the output of `event_mask` (and its siblings for rounds,
accusations and quotes), so a filter means the same thing everywhere. Masks are
computed on integer codes and row numbers: at a million events a filter is a few
milliseconds; a text search is the one slow filter, and the app caches it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # for annotations only: the masks need no import of the model (and its table preparation)
    from dashboard.model import Data

MULTI_FILTERS = ("actor", "mediator", "venue", "type", "status", "basis", "outlet")


@dataclass(frozen=True)
class Filters:
    """What the analyst asked for; empty means 'no restriction'.

    Multiselect filters are OR within a filter and AND across filters. `basis`
    keeps events whose date has that basis ('explicit': the text states it).
    """

    actor: tuple[str, ...] = ()
    mediator: tuple[str, ...] = ()
    venue: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) not in ((), None, "") for f in fields(self))

    @property
    def event_level(self) -> bool:
        """True when something other than the outlet narrows the events."""
        return any(getattr(self, f.name) not in ((), None, "") for f in fields(self) if f.name != "outlet")


def codes_in(values: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """Boolean array: which rows of a categorical hold one of `wanted` (compared as codes)."""
    categories = values.cat.categories
    hit = np.zeros(len(categories) + 1, dtype=bool)  # the extra slot is code -1 (missing)
    hit[:-1] = categories.isin(list(wanted))
    return hit[values.cat.codes.to_numpy()]


def event_mask(data: Data, filters: Filters, text_mask: Callable[[str], np.ndarray] | None = None) -> np.ndarray:
    """Which events (by row) pass every filter. `text_mask(q)` may supply a cached text search."""
    events = data.events
    keep = np.ones(len(events), dtype=bool)
    if filters.actor:
        keep &= actor_events(data, filters.actor) | codes_in(events["track_mediator_id"], filters.actor)
    if filters.mediator:
        keep &= codes_in(events["track_mediator_id"], filters.mediator)
    if filters.venue:
        keep &= codes_in(events["venue_id"], filters.venue)
    if filters.type:
        keep &= codes_in(events["event_type"], filters.type)
    if filters.status:
        keep &= codes_in(events["status"], filters.status)
    if filters.basis:
        keep &= codes_in(events["date_basis"], filters.basis)
    if filters.outlet:
        keep &= codes_in(events["outlet"], filters.outlet)
    keep &= overlaps_dates(events["date_start"], events["date_end"], filters)
    if filters.q.strip():
        keep &= text_mask(filters.q) if text_mask else event_text_mask(data, filters.q)
    return keep


def actor_events(data: Data, actor_ids: Iterable[str]) -> np.ndarray:
    """Events in which one of `actor_ids` takes part in any role."""
    wanted = np.array([data.actor_position[a] for a in actor_ids if a in data.actor_position], dtype=np.int64)
    hit = np.zeros(len(data.events), dtype=bool)
    hit[data.link_row[np.isin(data.link_actor, wanted)]] = True
    return hit


def overlaps_dates(starts: pd.Series, ends: pd.Series, filters: Filters) -> np.ndarray:
    """True where the period [start, end] reaches into the filter's date range.

    An event dated only to a month or year counts if its period reaches into the
    range; undated rows pass only while the range is unbounded.
    """
    keep = np.ones(len(starts), dtype=bool)
    if filters.date_from is not None:
        keep &= (ends >= pd.Timestamp(filters.date_from)).to_numpy(dtype=bool, na_value=False)
    if filters.date_to is not None:
        keep &= (starts <= pd.Timestamp(filters.date_to)).to_numpy(dtype=bool, na_value=False)
    return keep


def contains(values: pd.Series, word: str) -> np.ndarray:
    """Case-insensitive plain-text `word in value` over a text or categorical column."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = pd.Series(values.cat.categories.astype(object)).astype(str)
        hit = np.append(categories.str.contains(word, case=False, regex=False).to_numpy(dtype=bool), False)
        return hit[values.cat.codes.to_numpy()]
    return values.str.contains(word, case=False, regex=False).to_numpy(dtype=bool, na_value=False)


def event_text_mask(data: Data, query: str) -> np.ndarray:
    """Events where every word of `query` occurs in the evidence sentence, the date as written,
    the name of an actor taking part, or the article's headline (plain text, any case)."""
    events = data.events
    keep = np.ones(len(events), dtype=bool)
    titles = data.documents["title"]
    for word in query.split():
        hit = contains(events["sentence"], word) | contains(events["date_text"], word)
        named = data.actors.index[contains(data.actors["label"], word)].to_numpy()
        if len(named):
            hit[data.link_row[np.isin(data.link_actor, named)]] = True
        in_title = np.append(contains(titles, word), False)
        hit |= in_title[events["doc_row"].to_numpy()]
        keep &= hit
    return keep


def words_match(haystack: pd.Series, query: str) -> np.ndarray:
    """True where every whitespace-separated word of `query` occurs in `haystack` (plain text, any case)."""
    keep = np.ones(len(haystack), dtype=bool)
    text = haystack.astype(object).where(haystack.notna(), "").astype(str)
    for word in query.split():
        keep &= contains(text, word)
    return keep


def any_in(lists: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """True where a list-valued cell shares at least one element with `wanted`."""
    wanted_set = set(wanted)
    return np.fromiter(
        (bool(wanted_set.intersection(v)) if v is not None and not isinstance(v, float) else False for v in lists),
        dtype=bool,
        count=len(lists),
    )
