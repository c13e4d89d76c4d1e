"""The active filters in words: for the page, the exports' metadata and file names (no Streamlit).

Kept apart from the link code because it speaks to people, not to the address bar:
'Mediator: European Union', or 'mediator-european-union' in a file name.
"""

from __future__ import annotations

import re

from dashboard.filters import Filters
from dashboard.state import MULTI_KEYS, TITLES, Vocabulary


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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).casefold()).strip("-")[:30] or "x"
