"""The sidebar filters as plain data, and their effect on the tables (no Streamlit).

Every view is drawn from the output of `apply`, so a filter means the same thing
everywhere: the events it keeps, and the documents, actors, venues and rounds
those events touch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import pandas as pd

from dashboard.model import Data


@dataclass(frozen=True)
class Filters:
    """What the analyst asked for; empty means 'no restriction'.

    Multiselect filters are OR within a filter and AND across filters.
    """

    actor: tuple[str, ...] = ()
    mediator: tuple[str, ...] = ()
    venue: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
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


def apply(data: Data, filters: Filters) -> pd.DataFrame:
    """The events that pass every filter, in date order."""
    events = data.events
    keep = pd.Series(True, index=events.index)
    if filters.actor:
        involved = data.event_actors.loc[data.event_actors["actor_id"].isin(filters.actor), "event_id"]
        keep &= events["event_id"].isin(set(involved)) | events["track_mediator_id"].isin(filters.actor)
    if filters.mediator:
        keep &= events["track_mediator_id"].isin(filters.mediator)
    if filters.venue:
        keep &= events["venue_id"].isin(filters.venue)
    if filters.type:
        keep &= events["event_type"].isin(filters.type)
    if filters.status:
        keep &= events["status"].isin(filters.status)
    if filters.outlet:
        keep &= events["outlet"].isin(filters.outlet)
    if filters.date_from is not None:
        # An event dated only to a month or year counts if its period reaches into the range.
        keep &= events["date_end"] >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        keep &= events["date_start"] <= pd.Timestamp(filters.date_to)
    if filters.q.strip():
        keep &= text_matches(events, filters.q)
    return events[keep.fillna(False).astype(bool)]


def text_matches(events: pd.DataFrame, query: str) -> pd.Series:
    """Case-insensitive plain-text search over the evidence: sentence, date text, actors, title.

    Every whitespace-separated word must occur (in any of those fields).
    """
    haystack = events["sentence"].fillna("")
    for column in ("date_text", "actors", "title"):
        if column in events:
            haystack = haystack + "\n" + events[column].astype(object).fillna("").astype(str)
    return words_match(haystack, query)


def words_match(haystack: pd.Series, query: str) -> pd.Series:
    """True where every whitespace-separated word of `query` occurs in `haystack` (plain text, any case).

    Shared by events, quotes and accusations so that the search box means the same everywhere.
    """
    haystack = haystack.astype(object).fillna("").astype(str).str.casefold()
    keep = pd.Series(True, index=haystack.index)
    for word in query.casefold().split():
        keep &= haystack.str.contains(word, regex=False)
    return keep


def overlaps_dates(starts: pd.Series, ends: pd.Series, filters: Filters) -> pd.Series:
    """True where the period [start, end] reaches into the filter's date range.

    Undated rows pass only while the range is unbounded, as for events.
    """
    keep = pd.Series(True, index=starts.index)
    if filters.date_from is not None:
        keep &= ends >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        keep &= starts <= pd.Timestamp(filters.date_to)
    return keep.fillna(False).astype(bool)


def any_in(lists: pd.Series, wanted) -> pd.Series:
    """True where a list-valued cell shares at least one element with `wanted`."""
    wanted = set(wanted)
    return lists.map(lambda values: bool(wanted.intersection(values)) if values is not None else False).astype(bool)


def documents_for(data: Data, filters: Filters, events: pd.DataFrame) -> pd.DataFrame:
    """Documents in view: those with a matching event, or all (by outlet) when only outlets filter."""
    docs = data.documents
    if filters.outlet:
        docs = docs[docs["source"].isin(filters.outlet)]
    if filters.event_level:
        docs = docs[docs["doc_id"].isin(set(events["doc_id"].astype(object)))]
    return docs


def event_actors_for(data: Data, events: pd.DataFrame) -> pd.DataFrame:
    """The actor links of the events in view."""
    return data.event_actors[data.event_actors["event_id"].isin(set(events["event_id"]))]


def narrow_to_points(events: pd.DataFrame, selection: dict | None, key_column: str = "event_id") -> pd.DataFrame:
    """Events picked in a Plotly chart: each point's customdata[0] is an event id or list of them.

    No selection (or an empty one) leaves the events as they are.
    """
    picked = selected_keys(selection)
    if not picked:
        return events
    ids: set[str] = set()
    for key in picked:
        ids.update(key if isinstance(key, (list, tuple)) else [key])
    return events[events[key_column].isin(ids)]


def narrow_to_bars(events: pd.DataFrame, selection: dict | None, stack_column: str) -> pd.DataFrame:
    """Events in the selected timeline bars: customdata = [month 'YYYY-MM', stack value]."""
    points = _points(selection)
    if not points:
        return events
    wanted = set()
    for point in points:
        custom = point.get("customdata") or []
        if len(custom) >= 2:
            wanted.add((str(custom[0]), str(custom[1])))
    if not wanted:
        return events
    month = events["month"].dt.strftime("%Y-%m")
    stack = events[stack_column].astype(object).fillna("").astype(str)
    keys = pd.Series(list(zip(month, stack)), index=events.index)
    return events[keys.isin(wanted)]


def selected_keys(selection: dict | None) -> list:
    """customdata[0] of every selected point."""
    keys = []
    for point in _points(selection):
        custom = point.get("customdata")
        if isinstance(custom, (list, tuple)) and custom:
            keys.append(custom[0])
        elif custom is not None and not isinstance(custom, (list, tuple)):
            keys.append(custom)
    return keys


def _points(selection) -> list[dict]:
    """The points of a Plotly selection event as returned by st.plotly_chart(on_select=...)."""
    if not selection:
        return []
    inner = selection.get("selection", selection) if hasattr(selection, "get") else {}
    points = inner.get("points", []) if hasattr(inner, "get") else []
    return [p for p in points if hasattr(p, "get")]
