"""Linking, a cross-article step: the same real-world round, reported by several
articles, gets one round_id, and the `rounds` table says what became of each round.

Rounds are keyed by where (the venue's country, so "talks in the U.S." and "a
meeting in Washington" meet) and when (the month). Within a key, day-precise
dates more than a few days apart (`linking.same_round_days` in cues.json) are
different rounds. Undated rounds cannot be linked safely and keep an id of their
own document. Ties are broken by value, never by set order, so a build gives the
same tables every time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from .codebook import Codebook, Places
from .dates import ResolvedDate
from .record import Event


def _place_key(event: Event, places: Places) -> str | None:
    if event.venue_id:
        venue = places[event.venue_id]
        return venue.country if venue.country else event.venue_id
    return event.mediator_id and f"via-{event.mediator_id}"


def _dated(event: Event) -> ResolvedDate:
    assert event.date is not None, "only dated rounds are grouped"
    return event.date


def assign_round_ids(talks: list[Event], places: Places, same_round_days: int) -> dict[str, str]:
    """event_id -> round_id for every talks event."""
    groups: dict[tuple[str, str], list[Event]] = defaultdict(list)
    ids: dict[str, str] = {}
    for event in talks:
        place = _place_key(event, places)
        if event.date is None or event.date.basis == "publication" or event.date.precision == "year" or not place:
            ids[event.event_id] = f"{event.doc_id}-{event.event_id[:8]}"
            continue
        groups[(place, event.date.value[:7])].append(event)
    for (place, month), members in groups.items():
        clusters = _day_clusters(members, same_round_days)
        for cluster in clusters:
            label = _most_specific_venue(cluster, places) or place
            days = sorted({_dated(e).value for e in cluster if _dated(e).precision == "day"})
            suffix = f"-{days[0][8:]}" if len(clusters) > 1 and days else ""
            for event in cluster:
                ids[event.event_id] = f"{label}-{month}{suffix}"
    return ids


def _day_clusters(events: list[Event], same_round_days: int) -> list[list[Event]]:
    """Split a place-month group where day-precise dates lie far apart; month-only
    reports join the cluster when there is just one."""
    day_events = sorted((e for e in events if _dated(e).precision == "day"), key=lambda e: _dated(e).value)
    month_only = [e for e in events if _dated(e).precision != "day"]
    clusters: list[list[Event]] = []
    last: date | None = None
    for event in day_events:
        current = _dated(event).as_date()
        if last is None or (current - last).days > same_round_days:
            clusters.append([])
        clusters[-1].append(event)
        last = current
    if len(clusters) <= 1:
        return [(clusters[0] if clusters else []) + month_only]
    return clusters + ([month_only] if month_only else [])


def _most_specific_venue(events: list[Event], places: Places) -> str | None:
    cities = [e.venue_id for e in events if e.venue_id and not places.is_country(e.venue_id)]
    if cities:
        return Counter(cities).most_common(1)[0][0]
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
