"""Linking, a cross-article step: the same real-world round, reported by several
articles, gets one round_id (round_clusters.py says which reports are one round),
and the `rounds` table says what became of each round.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from .codebook import Codebook, Places
from .record import Event
from .round_clusters import assign_round_ids

__all__ = ["assign_round_ids", "rounds_table_rows"]


def _most_specific_venue(events: list[Event], places: Places) -> str | None:
    cities = [e.venue_id for e in events if e.venue_id and not places.is_country(e.venue_id)]
    if cities:  # the most reported city, ties to the first by name, whatever the articles' order
        counts = Counter(cities)
        return min(counts, key=lambda c: (-counts[c], c))
    return next((e.venue_id for e in events if e.venue_id), None)


def rounds_table_rows(
    talks: list[Event],
    round_ids: Mapping[str, str],
    published: Mapping[str, str | None],
    codebook: Codebook,
    places: Places,
) -> list[dict[str, Any]]:
    """One row per real-world round, with its source count and where the sources disagree."""
    by_round: dict[str, list[Event]] = defaultdict(list)
    for event in talks:
        by_round[round_ids[event.event_id]].append(event)
    rows = []
    precedence = codebook.cues.status_precedence
    for round_id, events in sorted(by_round.items()):
        statuses = {e.status for e in events}
        dates = {e.date.value for e in events if e.date and e.date.basis != "publication"}
        mediators = {e.mediator_id for e in events if e.mediator_id}
        disagreements = []
        if len(statuses) > 1:
            disagreements.append("status: " + ", ".join(sorted(s or "" for s in statuses)))
        if len({d for d in dates if len(d) == 10}) > 1:
            disagreements.append("date: " + ", ".join(sorted(dates)))
        if len(mediators) > 1:
            disagreements.append("mediator: " + ", ".join(sorted(mediators)))
        # The latest report decides what became of a round; ties go to the firmer status.
        latest = max(events, key=lambda e: (published.get(e.doc_id) or "", -precedence.index(e.status or "")))
        # The most precise date, then the one most sources give, then the latest.
        reported = Counter(e.date.value for e in events if e.date)
        best_date = max(dates, key=lambda d: (len(d), reported[d], d), default=None)
        parties = sorted(
            {
                a
                for e in events
                for a, role in e.roles.items()
                if role in ("participant", "initiator") and codebook.side(a)
            }
        )
        cancelled_by = sorted(
            {a for e in events if e.status == "cancelled" for a, role in e.roles.items() if role == "initiator"}
        )
        rows.append(
            {
                "round_id": round_id,
                "date": best_date,
                "venue_id": _most_specific_venue(events, places),
                "mediator_id": Counter(e.mediator_id for e in events if e.mediator_id).most_common(1)[0][0]
                if mediators
                else None,
                "status": latest.status,
                "parties": parties,
                "cancelled_by": cancelled_by,
                "n_sources": len({e.doc_id for e in events}),
                "disagree": bool(disagreements),
                "disagreement": "; ".join(disagreements) or None,
            }
        )
    return rows
