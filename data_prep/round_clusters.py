"""Which talks reports are one real round: the clustering half of linking (linking.py).

Reports are grouped by where (the venue's country, so "talks in the U.S." and "a
meeting in Washington" meet) and when (the month); within a group, day-precise dates
more than a few days apart (`linking.same_round_days` in cues.json) are different
rounds. Then the looser reports join the round they refer to, only when exactly one
round fits, because two real rounds in one row is worse than one round in two rows:

- a month-only report joins the day-dated round of its place and month whose city
  and people agree with it (a month-only report in another city is another round);
- a round only ever announced for a month ("will meet in Brussels in October") joins
  the round announced or held at that venue the month after, not one called off
  (`linking.planned_slip_months`);
- a report dated only to a year joins the one round of its place that year, if
  there is exactly one;
- an undated report (no date, or only the article's publication date) joins the round
  of its place its status points to: a past one for a held report, a coming one for
  a planned report, the nearest within `linking.undated_window_days` of publication;
  a held report far from any joins the one round its city ever had, if it had one.

A talks event that counts several rounds together ("three rounds hosted here",
`Event.aggregate`) is in no round: it is neither made one nor folded into one.

Ties are broken by value, never by input order, so a build gives the same tables
whatever the order or number of workers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .codebook import Places, Venue
from .cues import LinkingCues
from .dates import ResolvedDate
from .record import Event


@dataclass
class Cluster:
    """The reports of one round, with the place and month that key it."""

    place: str
    month: str
    events: list[Event] = field(default_factory=list)

    def days(self) -> list[str]:
        return sorted({e.date.value for e in self.events if e.date and e.date.precision == "day"})

    def first_day(self) -> date:
        days = self.days()
        return date.fromisoformat(days[0]) if days else date.fromisoformat(self.month + "-01")

    def cities(self, places: Places) -> set[str]:
        return {e.venue_id for e in self.events if e.venue_id and not places.is_country(e.venue_id)}

    def statuses(self) -> set[str | None]:
        return {e.status for e in self.events}


def place_key(event: Event, places: Places) -> str | None:
    """Where a report puts its round, as linking compares it: the venue's country."""
    if event.venue_id:
        venue = places[event.venue_id]
        return venue.country if venue.country else event.venue_id
    return event.mediator_id and f"via-{event.mediator_id}"


def is_dated(event: Event) -> bool:
    """A date of the round itself, precise to the month at least (not the article's own date)."""
    return event.date is not None and event.date.basis != "publication" and event.date.precision != "year"


def people(events: Iterable[Event], places: Places) -> set[str]:
    """The persons taking part: who sat at the table tells two rounds of one place apart."""
    actors = places.codebook.actors
    return {
        a
        for e in events
        for a, role in e.roles.items()
        if role in ("participant", "initiator") and (a not in actors or actors[a].kind == "person")
    }


def _date(event: Event) -> ResolvedDate:
    assert event.date is not None, "only dated reports are grouped"
    return event.date


def _order(event: Event) -> tuple[str, str, str]:
    return (event.date.value if event.date else "", event.doc_id, event.event_id)


def _km(a: Venue, b: Venue) -> float:
    """Great-circle distance; unknown coordinates are far apart."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    la, lb, dlon = math.radians(a.lat), math.radians(b.lat), math.radians(b.lon - a.lon)
    cos = math.sin(la) * math.sin(lb) + math.cos(la) * math.cos(lb) * math.cos(dlon)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))


def _agrees(event: Event, cluster: Cluster, cues: LinkingCues, places: Places) -> bool:
    """A report can be of the round unless it puts it in another city (one a short
    way off, "Arlington" for "Washington", is the same venue)."""
    if not event.venue_id or places.is_country(event.venue_id):
        return True
    cities = cluster.cities(places)
    here = places[event.venue_id]
    return not cities or any(c == event.venue_id or _km(here, places[c]) <= cues.same_venue_km for c in cities)


def _the_one(event: Event, candidates: list[Cluster], places: Places) -> Cluster | None:
    """The only candidate, or the only one whose people are the report's own."""
    if len(candidates) == 1:
        return candidates[0]
    mine = people([event], places)
    if not mine:
        return None
    shared = [c for c in candidates if mine & people(c.events, places)]
    return shared[0] if len(shared) == 1 else None


def _place_month_clusters(
    place: str, month: str, events: list[Event], cues: LinkingCues, places: Places
) -> list[Cluster]:
    """Day-precise reports far apart are different rounds; a month-only report joins the
    one round it agrees with, or a round of its own venue."""
    day_events = sorted((e for e in events if _date(e).precision == "day"), key=_order)
    clusters: list[Cluster] = []
    last: date | None = None
    for event in day_events:
        current = _date(event).as_date()
        if last is None or (current - last).days > cues.same_round_days:
            clusters.append(Cluster(place, month))
        clusters[-1].events.append(event)
        last = current
    dated = list(clusters)
    leftover: dict[str, Cluster] = {}
    for event in sorted((e for e in events if _date(e).precision != "day"), key=_order):
        target = _the_one(event, [c for c in dated if _agrees(event, c, cues, places)], places)
        if target is None:
            city = event.venue_id if event.venue_id and not places.is_country(event.venue_id) else ""
            near = [c for c in leftover if c and city and _km(places[c], places[city]) <= cues.same_venue_km]
            target = leftover.setdefault(min(near, default=city), Cluster(place, month))
        target.events.append(event)
    # Month-only reports at the country level and at one city are one round, not two.
    if "" in leftover and len(leftover) == 2:
        country_level = leftover.pop("")
        next(iter(leftover.values())).events.extend(country_level.events)
    return clusters + [leftover[v] for v in sorted(leftover)]


def _next_month(month: str, months: int) -> str:
    year, number = int(month[:4]), int(month[5:7]) - 1 + months
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def _join_slipped(clusters: list[Cluster], cues: LinkingCues, places: Places) -> list[Cluster]:
    """A round only ever announced for a month, and announced again or held at its venue
    a little later, is one round (postponed)."""
    kept = []
    for cluster in sorted(clusters, key=lambda c: (c.month, c.place, c.first_day())):
        if cluster.days() or cluster.statuses() != {"planned"}:
            kept.append(cluster)
            continue
        later = {_next_month(cluster.month, n) for n in range(1, cues.planned_slip_months + 1)}
        candidates = [
            c
            for c in clusters
            if c.place == cluster.place
            and c.month in later
            and c.statuses() & {"held", "planned"}
            and all(_agrees(e, c, cues, places) for e in cluster.events)
        ]
        if len(candidates) == 1:
            candidates[0].events.extend(cluster.events)
        else:
            kept.append(cluster)
    return kept


def _fits(event: Event, cluster: Cluster, published: str | None) -> bool:
    """A held report tells of a past round, a planned one of a coming round."""
    if published is None or event.status not in ("held", "planned"):
        return True
    days = cluster.days()
    if event.status == "held":
        return days[0] <= published[:10] if days else cluster.month <= published[:7]
    return days[-1] > published[:10] if days else cluster.month >= published[:7]


def _round_of_undated(
    event: Event, clusters: list[Cluster], published: str | None, cues: LinkingCues, places: Places
) -> Cluster | None:
    place = place_key(event, places)
    if not place:
        return None
    candidates = [
        c for c in clusters if c.place == place and _fits(event, c, published) and _agrees(event, c, cues, places)
    ]
    if event.date is not None and event.date.basis != "publication" and event.date.precision == "year":
        # "at Blair House in 2022" joins the one round of its place that year; "twice in
        # 2023" with two there joins neither (two real rounds in one row are worse).
        same_year = [c for c in candidates if c.month[:4] == event.date.value[:4]]
        return same_year[0] if len(same_year) == 1 else None
    if published is not None:
        when = date.fromisoformat(published[:10])
        near = [c for c in candidates if abs((c.first_day() - when).days) <= cues.undated_window_days]
        if near:
            return _the_one(event, near, places)
    # Far from publication, a held report joins only the one round ever held at its
    # venue; a plan far off may be of a round that never got a date.
    if event.status != "held":
        return None
    if event.venue_id and not places.is_country(event.venue_id):
        candidates = [c for c in candidates if event.venue_id in c.cities(places)]
    return candidates[0] if len(candidates) == 1 else None


def _label(cluster: Cluster, places: Places) -> str:
    cities = [e.venue_id for e in cluster.events if e.venue_id and not places.is_country(e.venue_id)]
    if cities:
        counts = Counter(cities)
        return min(counts, key=lambda c: (-counts[c], c))
    return min((e.venue_id for e in cluster.events if e.venue_id), default=cluster.place)


def assign_round_ids(
    talks: list[Event], places: Places, cues: LinkingCues, published: Mapping[str, str | None] | None = None
) -> dict[str, str]:
    """event_id -> round_id for every talks event (see the module docstring).

    `published` gives each document's publication date, which an undated report's
    status is read against; without it undated reports join only a round that is
    the only one of their place.
    """
    published = published or {}
    groups: dict[tuple[str, str], list[Event]] = {}
    undated: list[Event] = []
    for event in (e for e in talks if not e.aggregate):  # several rounds counted together are no round
        place = place_key(event, places)
        if is_dated(event) and place:
            groups.setdefault((place, _date(event).value[:7]), []).append(event)
        else:
            undated.append(event)
    clusters = [
        c
        for (place, month), members in sorted(groups.items())
        for c in _place_month_clusters(place, month, members, cues, places)
    ]
    clusters = _join_slipped(clusters, cues, places)
    # Choose every undated report's round first, so that one never decides where another goes.
    joined = {e.event_id: _round_of_undated(e, clusters, published.get(e.doc_id), cues, places) for e in undated}
    ids = {e.event_id: f"{e.doc_id}-{e.event_id[:8]}" for e in undated if joined[e.event_id] is None}
    per_key = Counter((c.place, c.month) for c in clusters)
    taken: set[str] = set()
    for cluster in sorted(clusters, key=lambda c: (c.month, c.place, c.first_day(), _order(min(c.events, key=_order)))):
        days = cluster.days()
        round_id = f"{_label(cluster, places)}-{cluster.month}"
        if per_key[(cluster.place, cluster.month)] > 1 and days:
            round_id += f"-{days[0][8:]}"
        base, n = round_id, 1
        while round_id in taken:
            n += 1
            round_id = f"{base}-{n}"
        taken.add(round_id)
        for event in cluster.events:
            ids[event.event_id] = round_id
        for event_id, target in joined.items():
            if target is cluster:
                ids[event_id] = round_id
    return ids
