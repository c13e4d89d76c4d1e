"""What one set of filters lets through, and the figures drawn from it (no Streamlit).

An `InView` is made once per distinct set of filters (the app caches it, shared by
every session) and computes each of its figures the first time a view asks:
counts by integer codes (`np.bincount`), never by grouping strings. Nothing in it
is larger than what a chart or a page of a table shows, apart from the row numbers.
The timeline's bars (`dashboard.timeline_bars`) and the filters read for
accusations and quotes (`dashboard.accusation_quote_masks`) are computed apart.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from functools import cached_property
from typing import TypeVar, cast

import numpy as np
import pandas as pd

from dashboard import accusation_quote_masks, timeline_bars
from dashboard.filters import Filters, codes_in
from dashboard.model import Data

T = TypeVar("T")


def unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values and how often each occurs, by sorting (numpy 2's hashing `np.unique` is far slower here)."""
    if not len(values):
        return values[:0], np.zeros(0, dtype=np.int64)
    ordered = np.sort(values)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


class InView:
    """The events, rounds, documents and accusations a set of filters lets through."""

    def __init__(self, data: Data, filters: Filters, mask: np.ndarray):
        self.data = data
        self.filters = filters
        self.mask = mask
        self._memo: dict[Hashable, object] = {}

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()` once per key for this set of filters (a figure, a table): a rerun redraws, not recomputes."""
        if key not in self._memo:
            self._memo[key] = build()
        # each key is built by one call site with one `build`, so what it holds is that build's T
        return cast(T, self._memo[key])

    # ------------------------------------------------------------ events

    @cached_property
    def rows(self) -> np.ndarray:
        """Event rows in view, in date order (undated last)."""
        order = self.data.date_order
        in_view: np.ndarray = order[self.mask[order]]
        return in_view

    @property
    def n_events(self) -> int:
        return len(self.rows)

    @cached_property
    def n_documents(self) -> int:
        return int(self.document_mask.sum())

    @cached_property
    def document_mask(self) -> np.ndarray:
        """Documents in view: those with an event in view, or all of the outlets chosen when only outlets filter."""
        docs = self.data.documents
        keep = np.ones(len(docs), dtype=bool)
        if self.filters.outlet:
            keep &= codes_in(docs["source"].astype("category"), self.filters.outlet)
        if self.filters.event_level:
            rows = self.data.events["doc_row"].to_numpy()[self.mask]
            keep &= np.bincount(rows[rows >= 0], minlength=len(docs))[: len(docs)] > 0
        return keep

    @cached_property
    def link_mask(self) -> np.ndarray:
        """Which event-actor links belong to events in view."""
        links: np.ndarray = self.mask[self.data.link_row]
        return links

    @cached_property
    def n_actors(self) -> int:
        actors = self.data.link_actor[self.link_mask]
        actors = actors[actors >= 0]
        return int((np.bincount(actors, minlength=len(self.data.actors)) > 0).sum()) if len(actors) else 0

    @cached_property
    def date_span(self) -> str:
        events = self.data.events
        rows = self.rows
        starts = events["date_start"].to_numpy()[rows]
        dated = rows[~np.isnat(starts)]
        if not len(dated):
            return "—"
        first = events["date"].iloc[dated[0]]
        ends = events["date_end"].to_numpy()[dated]
        last = events["date"].iloc[dated[int(np.argmax(ends))]]
        return str(first) if first == last else f"{first} – {last}"

    def events(self, rows: np.ndarray | None = None) -> pd.DataFrame:
        """The events at `rows` (default: all in view) as a frame; keep it to what is shown."""
        return self.data.events.iloc[self.rows if rows is None else rows]

    def rows_of_type(self, event_type: str) -> np.ndarray:
        codes = self.data.events["event_type"].cat.codes.to_numpy()
        wanted = list(self.data.events["event_type"].cat.categories).index(event_type)
        of_type: np.ndarray = self.rows[codes[self.rows] == wanted]
        return of_type

    # ------------------------------------------------------------ actors

    @cached_property
    def actor_counts(self) -> pd.Series:
        """Events in view per actor position (any role), most active first."""
        actors = self.data.link_actor[self.link_mask]
        rows = self.data.link_row[self.link_mask]
        width = len(self.data.actors) + 1
        pairs, _ = unique_counts(rows.astype(np.int64) * width + actors)  # an actor once per event, whatever its roles
        counts = np.bincount(pairs % width, minlength=width)[:-1]
        series = pd.Series(counts, index=np.arange(len(self.data.actors)))
        return series[series > 0].sort_values(ascending=False, kind="stable")

    def cooccurrence(self, top: int = 20) -> tuple[pd.DataFrame, pd.Series]:
        """Events shared by each pair of the `top` most active actors (labels), and their own totals.

        Each event gets a bit mask of which of those actors take part; the pair counts
        are summed over the distinct masks, so a million events cost one pass.
        """
        counts = self.actor_counts.head(min(top, 62))
        if counts.empty:
            return pd.DataFrame(), pd.Series(dtype=int)
        labels = self.data.actors["label"].to_numpy()[counts.index]
        bit = np.full(len(self.data.actors), -1, dtype=np.int64)
        bit[counts.index] = np.arange(len(counts))
        rows = self.data.link_row[self.link_mask]
        bits = bit[self.data.link_actor[self.link_mask]]
        rows, bits = rows[bits >= 0], bits[bits >= 0]
        masks = np.zeros(len(self.data.events), dtype=np.uint64)
        np.bitwise_or.at(masks, rows, np.left_shift(np.uint64(1), bits.astype(np.uint64)))
        patterns, n = unique_counts(masks[masks > 0])
        members = ((patterns[:, None] >> np.arange(len(counts), dtype=np.uint64)) & np.uint64(1)).astype(np.int64)
        matrix = (members * n[:, None]).T @ members
        return pd.DataFrame(matrix, index=labels, columns=labels), pd.Series(counts.to_numpy(), index=labels)

    def actor_rows(self, actor_id: str) -> np.ndarray:
        """Event rows in view in which `actor_id` takes part (any role) or that are on its track, in date order."""
        from dashboard.filters import actor_events

        hit = actor_events(self.data, [actor_id]) | codes_in(self.data.events["track_mediator_id"], [actor_id])
        of_actor: np.ndarray = self.rows[hit[self.rows]]
        return of_actor

    # ------------------------------------------------------------ rounds

    @cached_property
    def round_mask(self) -> np.ndarray:
        """Rounds in view: one of their mentions is in view, and their own status, track and venue pass.

        A round's status, track and venue are the build's, reconciled across its
        sources; the filters on those apply to the round itself as well as to its mentions.
        """
        data, f = self.data, self.filters
        n = len(data.rounds)
        keep = np.zeros(n, dtype=bool)
        keep[data.round_link_round[self.mask[data.round_link_row]]] = True
        rounds = data.rounds
        if f.status:
            keep &= rounds["status"].isin(f.status).to_numpy()
        if f.mediator:
            keep &= rounds["track_id"].isin(f.mediator).to_numpy()
        if f.venue:
            keep &= rounds["venue_id"].isin(f.venue).to_numpy()
        return keep

    @cached_property
    def rounds(self) -> pd.DataFrame:
        return self.data.rounds[self.round_mask]

    @cached_property
    def status_counts(self) -> dict[str, int]:
        counts = self.rounds["status"].value_counts()
        return {status: int(counts.get(status, 0)) for status in ("held", "planned", "cancelled")}

    def rows_of_rounds(self, round_ids: Iterable[str]) -> np.ndarray:
        """Event rows in view that support one of `round_ids`, in date order."""
        data = self.data
        picked = np.flatnonzero(data.rounds["round_id"].isin(list(round_ids)).to_numpy())
        linked = data.round_link_row[np.isin(data.round_link_round, picked)]
        hit = np.zeros(len(data.events), dtype=bool)
        hit[linked] = True
        of_rounds: np.ndarray = self.rows[hit[self.rows]]
        return of_rounds

    # ------------------------------------------------------------ timeline

    def monthly(self, stack_column: str, rows: np.ndarray | None = None) -> pd.DataFrame:
        """Events per (month, stack value, dated by publication?) among `rows` (default: all in view)."""
        return timeline_bars.monthly(self.data, stack_column, self.rows if rows is None else rows)

    def rows_of_bars(self, keys: Iterable[str], stack_column: str, rows: np.ndarray | None = None) -> np.ndarray:
        """Event rows in the selected timeline bars: keys 'YYYY-MM|stack' or 'YYYY-MM|stack|publication'."""
        return timeline_bars.rows_of_bars(self.data, keys, stack_column, self.rows if rows is None else rows)

    # ------------------------------------------------------------ venues

    @cached_property
    def venue_counts(self) -> pd.DataFrame:
        """Venues with events in view: name, kind, track, country, coordinates and the number of events."""
        data = self.data
        codes = data.events["venue_id"].cat.codes.to_numpy()[self.rows]
        codes = codes[codes >= 0]
        counts = np.bincount(codes, minlength=len(data.events["venue_id"].cat.categories))
        ids = data.events["venue_id"].cat.categories.astype(object)
        n = pd.Series(counts, index=ids)
        venues = data.venues[data.venues["venue_id"].isin(n.index[n > 0])].copy()
        venues["n_events"] = venues["venue_id"].map(n).astype(int)
        return venues.sort_values(["n_events", "label"], ascending=[False, True]).reset_index(drop=True)

    def rows_at_venues(self, venue_ids: Iterable[str]) -> np.ndarray:
        at_venues: np.ndarray = self.rows[codes_in(self.data.events["venue_id"], venue_ids)[self.rows]]
        return at_venues

    # ------------------------------------------------------------ accusations

    @cached_property
    def accusation_mask(self) -> np.ndarray:
        """Accusations the filters let through, read as they read for events (`accusation_quote_masks`)."""
        return accusation_quote_masks.accusation_mask(self.data, self.filters)

    @cached_property
    def accusations(self) -> pd.DataFrame:
        return self.data.accusations[self.accusation_mask]

    # ------------------------------------------------------------ quotes

    @cached_property
    def quote_mask(self) -> np.ndarray:
        """The quotes that pass the filters a quote can answer to (`accusation_quote_masks`)."""
        return accusation_quote_masks.quote_mask(self.data, self.filters)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return self.data.quotes[self.quote_mask]

    def quotes_naming(self, actor_id: str) -> np.ndarray:
        """Which of the quotes in view name `actor_id` or are about it as a mediator."""
        from dashboard.quotes import naming

        data = self.data
        position = [data.actor_position[actor_id]] if actor_id in data.actor_position else []
        n = len(data.quotes)
        named = naming(data.quote_links["about"], n, position) | naming(data.quote_links["mediators"], n, position)
        in_view: np.ndarray = named[self.quote_mask]
        return in_view

    # ------------------------------------------------------------ documents

    @cached_property
    def documents(self) -> pd.DataFrame:
        docs = self.data.documents[self.document_mask].copy()
        rows = self.data.events["doc_row"].to_numpy()[self.rows]
        docs["events_in_view"] = np.bincount(rows[rows >= 0], minlength=len(self.data.documents))[docs.index]
        return docs


def select(data: Data, filters: Filters | None = None) -> InView:
    """What `filters` (default none) let through, uncached (the app caches it per set of filters)."""
    from dashboard.filters import event_mask

    filters = filters or Filters()
    return InView(data, filters, event_mask(data, filters))
