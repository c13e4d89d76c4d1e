"""The view's state as URL query parameters: parse, check, encode and explain (no Streamlit).

Widgets bound with `bind="query-params"` write their parameters themselves, in
Streamlit's format: the widget key is the parameter name, a multiselect repeats
it once per chosen *label*, a date range gives two ISO dates. This module speaks
the same format so that it can (a) say exactly what of an opened link was applied
and what was ignored, (b) build the "link to this view", and (c) validate the
parameters no widget owns: the open article (`event`, `quote`) and the chart
selections (`rounds`, `bars`, `places`, `accused`, `tracks`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from urllib.parse import quote, urlencode

from dashboard.filters import MULTI_FILTERS, Filters

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
EXCERPT = 40  # characters of an unknown value quoted back in a note
SHOWN_VALUES = 3  # unknown values quoted back per parameter
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
NOUNS = {
    "type": "event type",
    "status": "talks status",
    "basis": "date basis",
    "profile": "actor",
    "doc": "document",
    "rounds": "round",
    "places": "venue",
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
    is_event: object = None  # callable id -> bool
    is_quote: object = None
    is_doc: object = None
    is_round: object = None

    def by_label(self, key: str) -> dict[str, str]:
        return {label: id_ for id_, label in self.labels.get(key, {}).items()}


@dataclass
class Parsed:
    filters: Filters = field(default_factory=Filters)
    view: View = field(default_factory=View)
    notes: list[str] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)  # parameters to remove from the address


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A short, one-line, quoted excerpt of an untrusted value: “Atlan…”. Escape it before display."""
    text = re.sub(r"\s+", " ", re.sub(r"[\x00-\x1f\x7f]", " ", str(value))).strip()
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def excerpts(values: list[str]) -> str:
    shown = ", ".join(excerpt(v) for v in values[:SHOWN_VALUES])
    more = len(values) - SHOWN_VALUES
    return shown + (f" and {more} more" if more > 0 else "")


def parse_query(raw: Mapping[str, list[str] | str], vocab: Vocabulary) -> Parsed:
    """Read a link's parameters into Filters and View; anything unusable becomes a note and is dropped.

    Never raises: a bad link degrades to the parts of it that make sense. Each note
    names the parameter, what was applied and what was ignored, quoting at most a
    short excerpt of what the link held.
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
            bad = list(dict.fromkeys(v for v in values if v and v not in known))
            if good:
                filters[key] = tuple(good)
            if bad:
                parsed.notes.append(_note(key, [vocab.labels[key][g] for g in good], bad, f"no such {_noun(key)}"))
        elif key == "dates":
            dates, note = parse_dates(values, vocab.date_bounds)
            if note:
                parsed.notes.append(note)
            if dates:
                filters["date_from"], filters["date_to"] = dates
        elif key == "q":
            text = values[-1] if values else ""
            if len(text) > MAX_TEXT:
                parsed.notes.append(
                    f"Search: applied its first {MAX_TEXT} characters; ignored the other {len(text) - MAX_TEXT}"
                )
            filters["q"] = text[:MAX_TEXT].strip()
        elif key in SINGLE_KEYS:
            value, note = _parse_single(key, values[-1] if values else "", vocab)
            if note:
                parsed.notes.append(note)
                if key in ("event", "quote"):
                    parsed.drop.append(key)
            if value is not None:
                view[key] = value
        elif key in SELECTION_KEYS:
            good, bad = _parse_selection(key, values, vocab)
            if good:
                view[key] = good
            if bad:
                parsed.notes.append(_note(key, [], bad, "not on the chart"))
                parsed.drop.append(key)
        else:
            parsed.notes.append(f"Ignored the parameter {excerpt(key)}: not one the dashboard knows")
            parsed.drop.append(key)
    parsed.filters = Filters(**filters)
    parsed.view = replace(View(), **view)
    return parsed


def explain_applied(requested: Parsed, applied: Filters, applied_view: View, vocab: Vocabulary) -> list[str]:
    """Notes for what the widgets applied differently from what the link asked (never contradicting it)."""
    notes = []
    for key in MULTI_KEYS:
        wanted, got = getattr(requested.filters, key), getattr(applied, key)
        if set(wanted) != set(got):
            labels = vocab.labels.get(key, {})
            notes.append(
                _note(
                    key,
                    [labels.get(g, g) for g in got],
                    [labels.get(w, w) for w in wanted if w not in got],
                    "not applied",
                )
            )
    wanted_dates = (requested.filters.date_from, requested.filters.date_to)
    if wanted_dates != (applied.date_from, applied.date_to) and any(wanted_dates):
        notes.append(f"Dates: applied {describe_dates(applied)}")
    if requested.view.view != applied_view.view:
        notes.append(f"View: opened {applied_view.view}")
    return notes


def parse_dates(values: list[str], bounds) -> tuple[tuple[dt.date | None, dt.date | None] | None, str | None]:
    """A link's `dates` -> (from, to) and a note saying exactly what was applied."""
    values = [v for v in values if v]
    if not values:
        return None, None
    if len(values) > 2:
        return None, f"Dates: ignored {excerpts(values)}: more than two dates"
    try:
        days = [dt.date.fromisoformat(v) for v in values]
    except ValueError:
        return None, f"Dates: ignored {excerpts(values)}: not a YYYY-MM-DD date range"
    note = None
    if len(days) == 2 and days[0] > days[1]:
        days = sorted(days)
        note = f"Dates: {values[0]} is after {values[1]}; applied them swapped, {days[0]} – {days[1]}"
    if bounds and (days[0] < bounds[0] or days[-1] > bounds[1]):
        return None, (
            f"Dates: ignored {values[0]}{' – ' + values[1] if len(values) > 1 else ''}: "
            f"outside the dates of the data ({bounds[0]} – {bounds[1]}); all dates are shown"
        )
    start, end = days[0], days[1] if len(days) > 1 else None
    return (dates_to_filter((start, end) if end else (start,), bounds) if bounds else (start, end)), note


def dates_to_filter(value, bounds: tuple[dt.date, dt.date] | None) -> tuple[dt.date | None, dt.date | None]:
    """A date_input range value -> (from, to), None where it is the data's own bound.

    The full span means 'no date filter', which also keeps undated events. A
    reversed range is read in order.
    """
    if not value or bounds is None:
        return None, None
    value = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    picked = sorted(v for v in value[:2] if v)
    if not picked:
        return None, None
    start = picked[0]
    end = picked[1] if len(picked) > 1 else None
    return (start if start > bounds[0] else None, end if end and end < bounds[1] else None)


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
    for key in ("doc", "event", "quote"):
        if getattr(view, key):
            params[key] = [getattr(view, key)]
    for key in SELECTION_KEYS:
        chosen = getattr(view, key)
        if chosen and len(chosen) <= MAX_SELECTED_IN_LINK:
            params[key] = list(chosen)
    return params


def share_url(base: str | None, params: dict[str, list[str]]) -> str:
    """`base` (the app's address, any old query string dropped) with `params`."""
    base = (base or "").split("?")[0].split("#")[0]
    query = urlencode(params, doseq=True, quote_via=quote)
    return f"{base}?{query}" if query else base or "?"


def describe(filters: Filters, vocab: Vocabulary) -> list[str]:
    """Human-readable active filters, e.g. ['Mediator: European Union', 'Talks status: cancelled']."""
    parts = []
    for key in MULTI_KEYS:
        ids = getattr(filters, key)
        if ids:
            labels = vocab.labels.get(key, {})
            parts.append(f"{TITLES[key]}: {', '.join(labels.get(i, i) for i in ids)}")
    if filters.date_from or filters.date_to:
        parts.append(f"Dates: {describe_dates(filters)}")
    if filters.q:
        parts.append(f"Text: “{filters.q}”")
    return parts


def describe_dates(filters: Filters) -> str:
    if not (filters.date_from or filters.date_to):
        return "all"
    start = filters.date_from.isoformat() if filters.date_from else "…"
    end = filters.date_to.isoformat() if filters.date_to else "…"
    return f"{start} – {end}"


def filters_slug(filters: Filters, vocab: Vocabulary, limit: int = 150) -> str:
    """The active filters for a file name: 'mediator-european-union_status-cancelled', 'all' when none."""
    parts = []
    for key in MULTI_KEYS:
        ids = getattr(filters, key)
        if ids:
            labels = vocab.labels.get(key, {})
            parts.append(key + "-" + "+".join(_slug(labels.get(i, i)) for i in ids))
    if filters.date_from or filters.date_to:
        parts.append(f"dates-{filters.date_from or 'start'}-to-{filters.date_to or 'end'}")
    if filters.q:
        parts.append("text-" + _slug(filters.q))
    slug = "_".join(parts) or "all"
    if len(slug) > limit:
        import hashlib

        slug = slug[: limit - 9] + "-" + hashlib.sha1(slug.encode()).hexdigest()[:8]
    return slug


def is_default(view: View) -> bool:
    return all(getattr(view, f.name) == f.default for f in fields(View))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).casefold()).strip("-")[:30] or "x"


def _noun(key: str) -> str:
    return NOUNS.get(key, key)


def _note(key: str, applied: list[str], ignored: list[str], reason: str) -> str:
    title = TITLES.get(key, key)
    done = f"applied {', '.join(applied)}; " if applied else ""
    return f"{title}: {done}ignored {excerpts(ignored)} ({reason})"


def _parse_single(key: str, value: str, vocab: Vocabulary) -> tuple[str | None, str | None]:
    if key == "view":
        return (value, None) if value in TABS else (None, f"View: ignored {excerpt(value)} (no such view)")
    if key == "stack":
        if value in STACK_OPTIONS:
            return value, None
        return None, f"Timeline stack: ignored {excerpt(value)} (one of {', '.join(STACK_OPTIONS)})"
    if key == "profile":
        known = vocab.by_label("actor")
        return (
            (known[value], None)
            if value in known
            else (None, f"Actor profile: ignored {excerpt(value)} (no such actor)")
        )
    checks = {"doc": vocab.is_doc, "event": vocab.is_event, "quote": vocab.is_quote}
    check = checks.get(key)
    if check is not None and check(value):
        return value, None
    return None, f"{TITLES[key]}: ignored {excerpt(value)} (no such {_noun(key)})"


def _parse_selection(key: str, values: list[str], vocab: Vocabulary) -> tuple[tuple[str, ...], list[str]]:
    if key == "rounds":
        good = [v for v in values if vocab.is_round and vocab.is_round(v)]
    elif key == "places":
        good = [v for v in values if v in vocab.labels.get("venue", {})]
    else:
        good = [v for v in values if len(v) <= 160 and SELECTION_PATTERNS[key].fullmatch(v)]
    bad = [v for v in values if v not in good]
    return tuple(dict.fromkeys(good)), bad


def vocabulary(data) -> Vocabulary:
    """The known values of every parameter, from prepared `Data`."""
    bounds = data.date_bounds

    def known(frame_of, column):  # looked up when a link names one: no set of 200,000 ids per build
        return lambda value: bool((frame_of()[column] == value).any()) if len(frame_of()) else False

    return Vocabulary(
        labels=dict(data.labels),
        date_bounds=(bounds[0].date(), bounds[1].date()) if bounds else None,
        is_event=lambda event_id: data.event_row(event_id) is not None,
        is_quote=known(lambda: data.quotes, "quote_id"),
        is_doc=known(lambda: data.documents, "doc_id"),
        is_round=known(lambda: data.rounds, "round_id"),
    )
