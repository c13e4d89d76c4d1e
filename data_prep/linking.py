"""Linking, a cross-article step: the same real-world round, reported by several
articles, gets one round_id (round_clusters.py says which reports are one round),
and the `rounds` table says what became of each round.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
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
        if not event.aggregate:  # an aggregate ("three rounds hosted here") has no round
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
                "date_precision": {10: "day", 7: "month", 4: "year"}.get(len(best_date)) if best_date else None,
                "date_basis": _firmest_basis(events, best_date),
                "status_history": status_history(events, published, precedence),
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


def _firmest_basis(events: list[Event], value: str | None) -> str | None:
    """How the round's date is known: the firmest basis among the reports that give it."""
    bases = {e.date.basis for e in events if e.date and e.date.value == value}
    return min(bases, key=lambda b: (b != "explicit", b), default=None) if value else None


def status_history(
    events: list[Event],
    published: Mapping[str, str | None],
    precedence: Sequence[str] = ("cancelled", "held", "planned"),
) -> list[str]:
    """What the reports said became of a round, in order of publication: "2023-05-08 planned",
    then "2023-06-02 held"; a status repeated by the next report is said once, and reports
    of one day go from the least firm status to the firmest (`status_precedence`).

    >>> from data_prep.record import Event
    >>> planned, held = Event("a", "talks", 0, 1, 0, 1.0, "planned"), Event("b", "talks", 0, 1, 0, 1.0, "held")
    >>> status_history([held, planned], {"a": "2023-05-08", "b": "2023-06-02"})
    ['2023-05-08 planned', '2023-06-02 held']
    """
    history: list[str] = []
    last = None
    said = {((published.get(e.doc_id) or "")[:10], e.status or "") for e in events}
    for when, status in sorted(said, key=lambda p: (p[0], -_rank(precedence, p[1]), p[1])):
        if status != last:
            history.append(f"{when or 'undated'} {status}")
            last = status
    return history


def _rank(precedence: Sequence[str], status: str) -> int:
    return precedence.index(status) if status in precedence else len(precedence)
