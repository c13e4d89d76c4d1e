"""Reading an opened link: its query parameters checked into filters and a view, with notes (no Streamlit).

A link is untrusted input: anything in it that the data does not know is ignored
and explained in a note that quotes at most a short excerpt of it; nothing in a
link raises. Also says what the widgets applied differently from what a link
asked. The parameters themselves are named in `dashboard.state`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from dashboard.filter_words import describe_dates
from dashboard.filters import Filters
from dashboard.state import (
    MAX_TEXT,
    MULTI_KEYS,
    SELECTION_KEYS,
    SELECTION_PATTERNS,
    SINGLE_KEYS,
    STACK_OPTIONS,
    STREAMLIT_KEYS,
    TABS,
    TITLES,
    Parsed,
    View,
    Vocabulary,
)

EXCERPT = 40  # characters of an unknown value quoted back in a note
SHOWN_VALUES = 3  # unknown values quoted back per parameter
NOUNS = {
    "type": "event type",
    "status": "talks status",
    "basis": "date basis",
    "profile": "actor",
    "doc": "document",
    "rounds": "round",
    "places": "venue",
}


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
    multi: dict[str, tuple[str, ...]] = {}  # filters by MULTI_KEYS
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    query = ""
    singles: dict[str, str] = {}  # view by SINGLE_KEYS
    selections: dict[str, tuple[str, ...]] = {}  # view by SELECTION_KEYS
    for key, values in raw.items():
        values = [values] if isinstance(values, str) else [str(v) for v in values]
        if key in STREAMLIT_KEYS:
            continue
        if key in MULTI_KEYS:
            known = vocab.by_label(key)
            good = [known[v] for v in dict.fromkeys(values) if v in known]
            bad = list(dict.fromkeys(v for v in values if v and v not in known))
            if good:
                multi[key] = tuple(good)
            if bad:
                parsed.notes.append(_note(key, [vocab.labels[key][g] for g in good], bad, f"no such {_noun(key)}"))
        elif key == "dates":
            dates, note = parse_dates(values, vocab.date_bounds)
            if note:
                parsed.notes.append(note)
            if dates:
                date_from, date_to = dates
        elif key == "q":
            text = values[-1] if values else ""
            if len(text) > MAX_TEXT:
                parsed.notes.append(
                    f"Search: applied its first {MAX_TEXT} characters; ignored the other {len(text) - MAX_TEXT}"
                )
            query = text[:MAX_TEXT].strip()
        elif key in SINGLE_KEYS:
            value, note = _parse_single(key, values[-1] if values else "", vocab)
            if note:
                parsed.notes.append(note)
                if key in ("event", "quote"):
                    parsed.drop.append(key)
            if value is not None:
                singles[key] = value
        elif key in SELECTION_KEYS:
            picked, off_chart = _parse_selection(key, values, vocab)
            if picked:
                selections[key] = picked
            if off_chart:
                parsed.notes.append(_note(key, [], off_chart, "not on the chart"))
                parsed.drop.append(key)
        else:
            parsed.notes.append(f"Ignored the parameter {excerpt(key)}: not one the dashboard knows")
            parsed.drop.append(key)
    parsed.filters = Filters(**multi, date_from=date_from, date_to=date_to, q=query)
    default = View()
    parsed.view = View(
        **selections,
        view=singles.get("view", default.view),
        stack=singles.get("stack", default.stack),
        profile=singles.get("profile"),
        doc=singles.get("doc"),
        event=singles.get("event"),
        quote=singles.get("quote"),
    )
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


def parse_dates(
    values: list[str], bounds: tuple[dt.date, dt.date] | None
) -> tuple[tuple[dt.date | None, dt.date | None] | None, str | None]:
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


def dates_to_filter(
    value: dt.date | list[dt.date | None] | tuple[dt.date | None, ...] | None, bounds: tuple[dt.date, dt.date] | None
) -> tuple[dt.date | None, dt.date | None]:
    """A date_input range value -> (from, to), None where it is the data's own bound.

    The full span means 'no date filter', which also keeps undated events. A
    reversed range is read in order.
    """
    if not value or bounds is None:
        return None, None
    days = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    picked = sorted(v for v in days[:2] if v)
    if not picked:
        return None, None
    start = picked[0]
    end = picked[1] if len(picked) > 1 else None
    return (start if start > bounds[0] else None, end if end and end < bounds[1] else None)


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
