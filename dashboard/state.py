"""The view's state as URL query parameters: which parameters exist, and the view they describe (no Streamlit).

Widgets bound with `bind="query-params"` write their parameters themselves, in
Streamlit's format: the widget key is the parameter name, a multiselect repeats
it once per chosen *label*, a date range gives two ISO dates. The dashboard speaks
the same format so that it can (a) say exactly what of an opened link was applied
and what was ignored, (b) build the "link to this view", and (c) validate the
parameters no widget owns: the open article (`event`, `quote`) and the chart
selections (`rounds`, `bars`, `places`, `accused`, `tracks`).

This module names the parameters and holds the view's state; reading a link is
`dashboard.link_reading`, writing one `dashboard.link_writing`, and the filters
in words `dashboard.filter_words`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from dashboard.filters import MULTI_FILTERS, Filters

if TYPE_CHECKING:  # for annotations only: the model's imports are not needed to read a link
    import pandas as pd

    from dashboard.model import Data

MULTI_KEYS = MULTI_FILTERS
FILTER_KEYS = (*MULTI_KEYS, "dates", "q")
TABS = (
    "Overview",
    "Compare",
    "Timeline",
    "Map",
    "Actors",
    "Accusations",
    "Evidence",
    "Documents",
    "About the data",
)
STACK_OPTIONS = ("Type", "Mediator")
SINGLE_KEYS = ("view", "stack", "profile", "doc", "event", "quote")
# Chart selections: parameter -> the tab whose chart makes it.
SELECTION_KEYS = {
    "rounds": "Overview",
    "tracks": "Compare",
    "bars": "Timeline",
    "places": "Map",
    "accused": "Accusations",
}
# What a selected bar's key looks like, per chart (anything else in a link is ignored with a note).
SELECTION_PATTERNS = {
    "bars": re.compile(r"\d{4}-\d{2}\|[^|<>]+(\|publication)?"),
    "accused": re.compile(r"\d{4}-\d{2}\|[^|<>]+"),
    "tracks": re.compile(r"[^|<>]+\|\d{4}-\d{2}-\d{2}\|(held|planned|cancelled|unknown)"),
}
STREAMLIT_KEYS = ("embed", "embed_options")  # Streamlit's own; left alone
KNOWN_KEYS = (*FILTER_KEYS, *SINGLE_KEYS, *SELECTION_KEYS, *STREAMLIT_KEYS)
MAX_TEXT = 200
MAX_SELECTED_IN_LINK = 200  # more selected points than this stay in the session, not the link
TITLES = {
    "actor": "Actor",
    "mediator": "Mediator",
    "venue": "Venue",
    "type": "Event type",
    "status": "Talks status",
    "basis": "Date basis",
    "outlet": "Outlet",
    "dates": "Dates",
    "q": "Search",
    "view": "View",
    "stack": "Timeline stack",
    "profile": "Actor profile",
    "doc": "Document",
    "event": "Event",
    "quote": "Quote",
    "rounds": "Rounds selected",
    "tracks": "Compare selection",
    "bars": "Timeline selection",
    "places": "Map selection",
    "accused": "Accusations selection",
}


@dataclass(frozen=True)
class View:
    """Which tab, which item is open and what is selected on the charts: the non-filter half of a link."""

    view: str = TABS[0]
    stack: str = STACK_OPTIONS[0]
    profile: str | None = None  # actor id
    doc: str | None = None  # doc id
    event: str | None = None  # event id
    quote: str | None = None  # quote id
    rounds: tuple[str, ...] = ()  # round ids picked on the tracks chart
    tracks: tuple[str, ...] = ()  # 'track|period|status' bars picked on the Compare chart
    bars: tuple[str, ...] = ()  # 'YYYY-MM|stack[|publication]' bars picked on the timeline
    places: tuple[str, ...] = ()  # venue ids picked on the map
    accused: tuple[str, ...] = ()  # 'YYYY-MM|mediator' bars picked on the accusations chart


@dataclass
class Vocabulary:
    """Known values per parameter: id -> label (the label is what the URL carries)."""

    labels: dict[str, dict[str, str]]
    date_bounds: tuple[dt.date, dt.date] | None = None
    is_event: Callable[[str], bool] | None = None
    is_quote: Callable[[str], bool] | None = None
    is_doc: Callable[[str], bool] | None = None
    is_round: Callable[[str], bool] | None = None

    def by_label(self, key: str) -> dict[str, str]:
        return {label: id_ for id_, label in self.labels.get(key, {}).items()}


@dataclass
class Parsed:
    filters: Filters = field(default_factory=Filters)
    view: View = field(default_factory=View)
    notes: list[str] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)  # parameters to remove from the address


def is_default(view: View) -> bool:
    return all(getattr(view, f.name) == f.default for f in fields(View))


def vocabulary(data: Data) -> Vocabulary:
    """The known values of every parameter, from prepared `Data`."""
    bounds = data.date_bounds

    def known(
        frame_of: Callable[[], pd.DataFrame], column: str
    ) -> Callable[[str], bool]:  # looked up when a link names one: no set of 200,000 ids per build
        return lambda value: bool((frame_of()[column] == value).any()) if len(frame_of()) else False

    return Vocabulary(
        labels=dict(data.labels),
        date_bounds=(bounds[0].date(), bounds[1].date()) if bounds else None,
        is_event=lambda event_id: data.event_row(event_id) is not None,
        is_quote=known(lambda: data.quotes, "quote_id"),
        is_doc=known(lambda: data.documents, "doc_id"),
        is_round=known(lambda: data.rounds, "round_id"),
    )
