"""The tables as the views read them, prepared once per build (no Streamlit).

Preparation only labels and indexes what the build wrote: ids get display names,
repeated strings become categoricals (filtering a million rows is then integer
comparisons), dates become periods, and the links between tables become integer
arrays (event rows, actor positions), so no view joins strings at run time.
Everything here is vectorised: at a million events it takes about a second.

The pieces live apart: `dashboard.prepare_tables` prepares each table,
`dashboard.periods` reads dates as periods, `dashboard.columns` holds the column
helpers; this module holds `Data` and puts it together in `prepare`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard import palette
from dashboard.columns import as_categorical, positions, unique_labels
from dashboard.loading import Signature, frame_or_none, read_quotes
from dashboard.periods import date_periods
from dashboard.prepare_tables import prepare_accusations, prepare_events, prepare_rounds
from data_prep.schemas import DATE_BASES, EVENT_TYPES, ROLES, TALKS_STATUSES

NO_MEDIATOR = palette.NO_MEDIATOR


@dataclass
class Data:
    """Everything the views need, prepared once per build and shared read-only by every session."""

    table_dir: str
    signature: Signature
    built: str
    conflict: str
    events: pd.DataFrame  # in the build's row order; see `prepare_events`
    date_order: np.ndarray  # event rows in date order (undated last)
    link_row: np.ndarray  # event_actors: event row ...
    link_actor: np.ndarray  # ... actor position (row of `actors`) ...
    link_role: np.ndarray  # ... role code (index into ROLES)
    actors: pd.DataFrame
    venues: pd.DataFrame
    documents: pd.DataFrame
    event_doc: np.ndarray  # event row -> documents row
    rounds: pd.DataFrame
    round_link_round: np.ndarray  # round_events: round position ...
    round_link_row: np.ndarray  # ... event row
    raw_accusations: pd.DataFrame  # the build's accusations; `accusations` labels them on first use
    review_names: pd.DataFrame | None = None
    build_report: dict[str, object] | None = None
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    colours: dict[str, dict[str, str]] = field(default_factory=dict)
    mediator_rank: list[str] = field(default_factory=list)  # mediator ids, the conflict's order first
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def date_bounds(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """First and last day covered by any dated event."""
        starts, ends = self.events["date_start"], self.events["date_end"]
        if starts.notna().sum() == 0:
            return None
        return starts.min(), ends.max()

    @cached_property
    def actor_position(self) -> dict[str, int]:
        return {a: i for i, a in enumerate(self.actors["actor_id"])}

    @cached_property
    def accusations(self) -> pd.DataFrame:
        """The accusations with names, outlet, title and periods, prepared when a view first asks."""
        return prepare_accusations(self.raw_accusations, self.documents, self.labels.get("actor", {}))

    @cached_property
    def accusation_links(self) -> tuple[np.ndarray, np.ndarray]:
        """(accusation position, actor position) of every accuser and everyone else blamed."""
        acc = self.raw_accusations
        lists = [*acc["accuser_ids"], *acc["target_ids"]]
        lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
        rows = np.repeat(np.tile(np.arange(len(acc)), 2), lengths)
        ids = (
            np.concatenate([np.asarray(x, dtype=object) for x in lists])
            if lengths.sum()
            else np.array([], dtype=object)
        )
        actor = positions(self.actors["actor_id"], ids) if len(ids) else np.array([], dtype=np.int64)
        return rows[actor >= 0], actor[actor >= 0]

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """The quotes, read when a view first asks (most sessions never open the actor profiles)."""
        from dashboard.quotes import prepare_quotes

        with self._lock:
            return prepare_quotes(read_quotes(self.table_dir), self.documents, self.labels.get("actor", {}))

    @cached_property
    def quote_links(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """(quote row, actor position) of the actors each quote names ('about') and the mediators it is about."""
        from dashboard.quotes import quote_links

        return {column: quote_links(self.quotes, self.actors["actor_id"], column) for column in ("about", "mediators")}

    def event_row(self, event_id: str | None) -> int | None:
        """The row of an event id, or None."""
        if not event_id:
            return None
        hits = np.flatnonzero((self.events["event_id"] == event_id).to_numpy(dtype=bool, na_value=False))
        return int(hits[0]) if len(hits) else None


# ---------------------------------------------------------------- prepare


def _table(tables: Mapping[str, object], name: str) -> pd.DataFrame:
    """A table `loading.load` always returns."""
    table = tables[name]
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"the {name} table is a {type(table).__name__}, not a DataFrame")
    return table


def prepare(tables: Mapping[str, object]) -> Data:
    """`Data` from what `loading.load` returned."""
    actors = _table(tables, "actors").reset_index(drop=True)
    venues = _table(tables, "venues").reset_index(drop=True)
    documents = _table(tables, "documents").reset_index(drop=True)
    actor_label = unique_labels(actors["actor_id"], actors["name"])
    venue_label = unique_labels(venues["venue_id"], venues["name"])
    actors = actors.assign(label=actors["actor_id"].astype(str).map(actor_label))

    tracks = tables["venue_tracks"]
    venues = (
        venues.merge(tracks, on="venue_id", how="left")
        if isinstance(tracks, pd.DataFrame)
        else venues.assign(kind=None, track_id=None)
    )
    venues["label"] = venues["venue_id"].astype(str).map(venue_label)
    venues["track"] = venues["track_id"].map(actor_label).fillna(NO_MEDIATOR)
    venues["country_name"] = venues["country"].map(actor_label)

    conflict = tables.get("conflict")
    conflict_name = (
        str(conflict["name"].iloc[0]) if isinstance(conflict, pd.DataFrame) and len(conflict) else "peace process"
    )
    listed = list(conflict["mediators"].iloc[0]) if isinstance(conflict, pd.DataFrame) and len(conflict) else []

    events, event_doc = prepare_events(_table(tables, "events"), documents, venues, actor_label, venue_label)
    documents["n_events"] = np.bincount(event_doc[event_doc >= 0], minlength=len(documents))[: len(documents)]

    links = _table(tables, "event_actor_rows")
    link_actor = positions(actors["actor_id"], links["actor_id"])
    link_role = as_categorical(links["role"], ROLES).codes.astype(np.int8)
    link_row = links["event_row"].to_numpy(dtype=np.int64)
    if len(link_row) and (np.diff(link_row) < 0).any():  # views look links up by event row: keep them sorted
        order = np.argsort(link_row, kind="stable")
        link_row, link_actor, link_role = link_row[order], np.asarray(link_actor)[order], link_role[order]

    mediator_ids = set(events["track_mediator_id"].cat.categories) | set(venues["mediator_id"].dropna())
    for name, column in (("rounds_display", "track_id"), ("accusations", "mediator_id")):
        if len(table := _table(tables, name)):
            mediator_ids |= set(table[column].dropna().unique())
    mediator_ids = {m for m in mediator_ids if m in actor_label}
    rank = [m for m in listed if m in mediator_ids] + sorted(
        mediator_ids - set(listed), key=lambda m: actor_label[m].casefold()
    )
    outlets = sorted({str(s) for s in documents["source"].dropna()}, key=str.casefold)
    labels = {
        "actor": dict(sorted(actor_label.items(), key=lambda kv: kv[1].casefold())),
        "mediator": {m: actor_label[m] for m in sorted(mediator_ids, key=lambda m: actor_label[m].casefold())},
        "venue": dict(sorted(venue_label.items(), key=lambda kv: kv[1].casefold())),
        "outlet": {o: o for o in outlets},
        "type": {t: t for t in EVENT_TYPES},
        "status": {s: s for s in TALKS_STATUSES},
        "basis": {b: b for b in DATE_BASES},
    }
    colours = {
        "mediator": palette.mediator_colours([actor_label[m] for m in rank]),
        "type": dict(palette.TYPE_COLOURS),
        "status": dict(palette.STATUS_COLOURS),
    }

    rounds = prepare_rounds(_table(tables, "rounds_display"), actor_label, venue_label)
    round_links = _table(tables, "round_events")
    round_link_round = positions(rounds["round_id"], round_links["round_id"]).astype(np.int64)
    round_link_row = round_links["event_row"].to_numpy(dtype=np.int64)
    keep = (round_link_round >= 0) & (round_link_row >= 0)
    signature = tables.get("signature", ())
    build_report = tables.get("build_report")

    return Data(
        table_dir=str(tables.get("table_dir", "")),
        signature=signature if isinstance(signature, tuple) else (),
        built=str(tables.get("built", "unknown")),
        conflict=conflict_name,
        events=events,
        date_order=date_order(events),
        link_row=link_row,
        link_actor=np.asarray(link_actor, dtype=np.int64),
        link_role=link_role,
        actors=actors,
        venues=venues,
        documents=documents,
        event_doc=event_doc,
        rounds=rounds,
        round_link_round=round_link_round[keep],
        round_link_row=round_link_row[keep],
        raw_accusations=_table(tables, "accusations").reset_index(drop=True),
        review_names=frame_or_none(tables, "review_names"),
        build_report=build_report if isinstance(build_report, dict) else None,
        labels=labels,
        colours=colours,
        mediator_rank=rank,
    )


def date_order(events: pd.DataFrame) -> np.ndarray:
    """Event rows in date order (by first day, undated last), ties in row order.

    Sorted by the rank of the event's distinct date: a small-integer key, which
    numpy sorts by radix, several times faster than sorting a million timestamps.
    """
    dates = events["date"].cat
    starts = pd.Series(date_periods(pd.Series(dates.categories.astype(object)))[0])
    rank = np.empty(len(starts) + 1, dtype=np.int32)
    rank[:-1] = starts.rank(method="dense", na_option="bottom").to_numpy(dtype=np.int32)
    rank[-1] = len(starts) + 1  # missing date: last
    key = rank[dates.codes.to_numpy()]
    key = key.astype(np.int16) if len(starts) < 32_000 else key
    return np.argsort(key, kind="stable")
