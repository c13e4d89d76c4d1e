"""Writing the view back into a link: the query parameters that reproduce it, and the address (no Streamlit).

Speaks the format Streamlit's query-bound widgets write (labels for multiselects,
two ISO dates for a range), so that an opened link and a link to this view read
the same; defaults are left out to keep links short.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from dashboard.filters import Filters
from dashboard.state import MAX_SELECTED_IN_LINK, MULTI_KEYS, SELECTION_KEYS, View, Vocabulary


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
