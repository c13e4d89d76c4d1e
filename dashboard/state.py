"""The view's state as URL query parameters: parse, check and encode (no Streamlit).

Widgets bound with `bind="query-params"` write these parameters themselves, in
Streamlit's format: the widget key is the parameter name, a multiselect repeats
it once per chosen *label*, a date range gives two ISO dates. This module speaks
the same format so that it can (a) tell the analyst which parameters of an
opened link were ignored, (b) build the "link to this view", and (c) stand in
for the binding on a Streamlit without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urlencode

from dashboard.filters import Filters

# URL key -> what the parameter holds. Multiselect keys carry display labels.
MULTI_KEYS = ("actor", "mediator", "venue", "type", "status", "outlet")
FILTER_KEYS = (*MULTI_KEYS, "dates", "q")
TABS = ("Overview", "Timeline", "Map", "Actors", "Accusations", "Evidence", "Documents", "About the data")
STACK_OPTIONS = ("Type", "Mediator")
SINGLE_KEYS = ("view", "stack", "profile", "doc", "event", "quote")
STREAMLIT_KEYS = ("embed", "embed_options")  # Streamlit's own; left alone
MAX_TEXT = 200


@dataclass(frozen=True)
class View:
    """Which tab and which item in it: the non-filter half of a shared link."""

    view: str = TABS[0]
    stack: str = STACK_OPTIONS[0]
    profile: str | None = None  # actor id
    doc: str | None = None  # doc id
    event: str | None = None  # event id
    quote: str | None = None  # quote id


@dataclass
class Vocabulary:
    """Known values per parameter: id -> label (the label is what the URL carries)."""

    labels: dict[str, dict[str, str]]
    date_bounds: tuple[dt.date, dt.date] | None = None
    event_ids: frozenset[str] = frozenset()
    quote_ids: frozenset[str] = frozenset()

    def by_label(self, key: str) -> dict[str, str]:
        return {label: id_ for id_, label in self.labels.get(key, {}).items()}


@dataclass
class Parsed:
    filters: Filters = field(default_factory=Filters)
    view: View = field(default_factory=View)
    notes: list[str] = field(default_factory=list)


def parse_query(raw: Mapping[str, list[str] | str], vocab: Vocabulary) -> Parsed:
    """Read a link's parameters into Filters and View; anything unusable becomes a note.

    Never raises: a bad link degrades to the parts of it that make sense.
    """
    parsed = Parsed()
    filters: dict = {}
    view: dict = {}
    for key, values in raw.items():
        values = [values] if isinstance(values, str) else [str(v) for v in values]
        if key in STREAMLIT_KEYS:
            continue
        if key in MULTI_KEYS:
            known = vocab.by_label(key)
            good = [known[v] for v in dict.fromkeys(values) if v in known]
            bad = [v for v in values if v and v not in known]
            if bad:
                parsed.notes.append(f"{key}: no such {_noun(key)} {', '.join(map(repr, bad))}")
            if good:
                filters[key] = tuple(good)
        elif key == "dates":
            dates, note = _parse_dates(values, vocab.date_bounds)
            if note:
                parsed.notes.append(note)
            if dates:
                filters["date_from"], filters["date_to"] = dates
        elif key == "q":
            text = values[-1] if values else ""
            if len(text) > MAX_TEXT:
                parsed.notes.append(f"q: search text longer than {MAX_TEXT} characters was cut")
            filters["q"] = text[:MAX_TEXT]
        elif key in SINGLE_KEYS:
            value, note = _parse_single(key, values[-1] if values else "", vocab)
            if note:
                parsed.notes.append(note)
            if value is not None:
                view[key] = value
        else:
            parsed.notes.append(f"{key}: unknown parameter")
    parsed.filters = Filters(**filters)
    parsed.view = replace(View(), **view)
    return parsed


def encode(filters: Filters, view: View, vocab: Vocabulary) -> dict[str, list[str]]:
    """The query parameters that reproduce `filters` and `view`, defaults left out."""
    params: dict[str, list[str]] = {}
    for key in MULTI_KEYS:
        ids = getattr(filters, key)
        if ids:
            labels = vocab.labels.get(key, {})
            params[key] = [labels.get(i, i) for i in ids]
    if filters.date_from or filters.date_to:
        low, high = vocab.date_bounds or (None, None)
        start, end = filters.date_from or low, filters.date_to or high
        params["dates"] = [d.isoformat() for d in (start, end) if d is not None]
    if filters.q:
        params["q"] = [filters.q]
    if view.view != View.view:
        params["view"] = [view.view]
    if view.stack != View.stack:
        params["stack"] = [view.stack]
    if view.profile:
        params["profile"] = [vocab.labels.get("actor", {}).get(view.profile, view.profile)]
    if view.doc:
        params["doc"] = [vocab.labels.get("doc", {}).get(view.doc, view.doc)]
    if view.event:
        params["event"] = [view.event]
    if view.quote:
        params["quote"] = [view.quote]
    return params


def share_url(base: str | None, params: dict[str, list[str]]) -> str:
    """`base` (the app's address, any old query string dropped) with `params`."""
    base = (base or "").split("?")[0].split("#")[0]
    query = urlencode(params, doseq=True, quote_via=quote)
    return f"{base}?{query}" if query else base or "?"


def describe(filters: Filters, vocab: Vocabulary) -> list[str]:
    """Human-readable active filters, e.g. ['Mediator: European Union', 'Type: talks']."""
    parts = []
    names = {
        "actor": "Actor",
        "mediator": "Mediator",
        "venue": "Venue",
        "type": "Type",
        "status": "Status",
        "outlet": "Outlet",
    }
    for key, title in names.items():
        ids = getattr(filters, key)
        if ids:
            labels = vocab.labels.get(key, {})
            parts.append(f"{title}: {', '.join(labels.get(i, i) for i in ids)}")
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "…"
        end = filters.date_to.isoformat() if filters.date_to else "…"
        parts.append(f"Dates: {start} – {end}")
    if filters.q:
        parts.append(f"Text: “{filters.q}”")
    return parts


def dates_to_filter(value, bounds: tuple[dt.date, dt.date] | None) -> tuple[dt.date | None, dt.date | None]:
    """A date_input range value -> (from, to), None where it is the data's own bound.

    The full span means 'no date filter', which also keeps undated events.
    """
    if not value or bounds is None:
        return None, None
    value = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    start = value[0] if len(value) > 0 else None
    end = value[1] if len(value) > 1 else None
    return (start if start and start > bounds[0] else None, end if end and end < bounds[1] else None)


def _noun(key: str) -> str:
    return {"type": "event type", "status": "talks status"}.get(key, key)


def _parse_dates(values: list[str], bounds) -> tuple[tuple[dt.date | None, dt.date | None] | None, str | None]:
    values = [v for v in values if v]
    if not values:
        return None, None
    try:
        days = [dt.date.fromisoformat(v) for v in values[:2]]
    except ValueError:
        return None, f"dates: {', '.join(map(repr, values))} is not a YYYY-MM-DD date range"
    if len(values) > 2:
        return None, "dates: more than two dates"
    if len(days) == 2 and days[0] > days[1]:
        return None, f"dates: {values[0]} is after {values[1]}"
    start, end = days[0], days[1] if len(days) > 1 else None
    return dates_to_filter((start, end) if end else (start,), bounds) if bounds else (start, end), None


def _parse_single(key: str, value: str, vocab: Vocabulary) -> tuple[str | None, str | None]:
    if key == "view":
        return (value, None) if value in TABS else (None, f"view: no such view {value!r}")
    if key == "stack":
        return (value, None) if value in STACK_OPTIONS else (None, f"stack: must be one of {', '.join(STACK_OPTIONS)}")
    if key in ("profile", "doc"):
        known = vocab.by_label("actor" if key == "profile" else key)
        what = "actor" if key == "profile" else "document"
        return (known[value], None) if value in known else (None, f"{key}: no such {what} {value!r}")
    if key == "event":
        return (value, None) if value in vocab.event_ids else (None, f"event: no such event {value!r}")
    if key == "quote":
        return (value, None) if value in vocab.quote_ids else (None, f"quote: no such quote {value!r}")
    return None, None


def vocabulary(data) -> Vocabulary:
    """The known values of every parameter, from prepared `Data`."""
    from data_prep.tables import EVENT_TYPES, TALKS_STATUSES

    labels = dict(data.labels)
    labels["type"] = {t: t for t in EVENT_TYPES}
    labels["status"] = {s: s for s in TALKS_STATUSES}
    bounds = data.date_bounds
    return Vocabulary(
        labels=labels,
        date_bounds=(bounds[0].date(), bounds[1].date()) if bounds else None,
        event_ids=frozenset(data.events["event_id"]),
        quote_ids=frozenset(data.quotes["quote_id"]) if len(data.quotes) else frozenset(),
    )
