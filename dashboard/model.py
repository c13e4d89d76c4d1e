"""The tables as the views read them, prepared once per build (no Streamlit).

Preparation only labels and indexes what the build wrote: ids get display names,
repeated strings become categoricals (filtering a million rows is then integer
comparisons), dates become periods, and the links between tables become integer
arrays (event rows, actor positions), so no view joins strings at run time.
Everything here is vectorised: at a million events it takes about a second.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard import palette
from dashboard.loading import frame_or_none, read_quotes
from data_prep.schemas import DATE_BASES, DATE_PRECISIONS, EVENT_TYPES, ROLES, TALKS_STATUSES

NO_MEDIATOR = palette.NO_MEDIATOR
NO_VENUE = "No venue"
UNDATED = "date not given"
BASIS_LABELS = {"explicit": "explicit", "relative": "relative", "publication": "publication", None: "undated"}


@dataclass
class Data:
    """Everything the views need, prepared once per build and shared read-only by every session."""

    table_dir: str
    signature: tuple
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
    build_report: dict | None = None
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


# ---------------------------------------------------------------- dates


def date_periods(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """('YYYY[-MM[-DD]]') -> first and last day of the period; NaT where unparseable. Vectorised."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    length = text.str.len()
    start = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    end = start.copy()
    for size, suffix, offset in (
        (10, "", None),
        (7, "-01", pd.offsets.MonthEnd(0)),
        (4, "-01-01", pd.offsets.YearEnd(0)),
    ):
        part = length == size
        if part.any():
            first = pd.to_datetime(text[part] + suffix, format="%Y-%m-%d", errors="coerce")
            start[part] = first
            end[part] = first if offset is None else first + offset
    return start, end


def date_period(value: str | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str | None]:
    """One 'YYYY[-MM[-DD]]' -> first day, last day and precision; Nones when unparseable."""
    start, end = date_periods(pd.Series([value], dtype=object))
    if pd.isna(start.iloc[0]):
        return None, None, None
    return start.iloc[0], end.iloc[0], {10: "day", 7: "month", 4: "year"}[len(value)]


def _categorical_periods(dates: pd.Categorical) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start day, end day and month of a categorical of date strings, parsing each distinct value once.

    The month is NaT for a date known only to the year: it belongs to no month.
    """
    categories = pd.Series(dates.categories.astype(object))
    start, end = date_periods(categories)
    month = start.dt.to_period("M").dt.to_timestamp().where(categories.astype(str).str.len() > 4)
    nat = np.datetime64("NaT", "ns")
    codes = np.asarray(dates.codes)
    out = []
    for values in (start, end, month):
        table = np.append(values.to_numpy(dtype="datetime64[ns]"), nat)
        out.append(table[codes])
    return out[0], out[1], out[2]


# ---------------------------------------------------------------- labels


def unique_labels(ids: pd.Series, names: pd.Series) -> dict[str, str]:
    """id -> display name, with the id appended where two ids share a name.

    Widgets put these labels in share links, so they must be unique.
    """
    ids = ids.astype(object).astype(str).reset_index(drop=True)
    names = names.astype(object).reset_index(drop=True)
    names = names.where(names.notna(), ids).astype(str)
    duplicated = names.duplicated(keep=False)
    labels = names.where(~duplicated, names + " (" + ids + ")")
    return dict(zip(ids, labels))


def as_categorical(values, categories) -> pd.Categorical:
    """`values` (strings, categorical or None) as a categorical over exactly `categories`."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.set_categories(list(categories)).array
    series = pd.Series(values, dtype=object)
    return pd.Categorical(series.where(series.notna(), None), categories=list(categories))


def relabel(values: pd.Categorical, labels: dict[str, str], categories: list[str] | None = None) -> pd.Categorical:
    """Categorical of ids -> categorical of their labels (same rows), over `categories` when given."""
    ids = values.categories.astype(object)
    names = [labels.get(i, str(i)) for i in ids]
    wanted = categories if categories is not None else sorted(set(names), key=str.casefold)
    position = {label: i for i, label in enumerate(wanted)}
    recode = np.array([position.get(n, -1) for n in names] + [-1], dtype=np.int32)
    return pd.Categorical.from_codes(recode[values.codes], categories=wanted)


def flatten_lists(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(row position, value) for every element of a column of lists (Arrow-backed or Python)."""
    if isinstance(values.dtype, pd.ArrowDtype):
        import pyarrow.compute as pc

        chunked = values.array.__arrow_array__()
        array = chunked.combine_chunks() if hasattr(chunked, "combine_chunks") else chunked
        return (
            pc.list_parent_indices(array).to_numpy().astype(np.int64),
            pc.list_flatten(array).to_numpy(zero_copy_only=False).astype(object),
        )
    rows = [(i, v) for i, items in enumerate(values) if items is not None for v in items]
    return np.array([r for r, _ in rows], dtype=np.int64), np.array([v for _, v in rows], dtype=object)


def positions(index_ids, ids) -> np.ndarray:
    """Position of each of `ids` in `index_ids` (-1 where absent); a categorical is looked up once per category."""
    index = pd.Index(pd.Series(index_ids, dtype=object))
    if isinstance(getattr(ids, "dtype", None), pd.CategoricalDtype):
        found = np.append(index.get_indexer(pd.Series(ids.cat.categories, dtype=object)), -1)
        return found[np.asarray(ids.cat.codes)]
    return index.get_indexer(pd.Series(ids, dtype=object))


# ---------------------------------------------------------------- prepare


def prepare(tables: dict) -> Data:
    """`Data` from what `loading.load` returned."""
    actors = tables["actors"].reset_index(drop=True)
    venues = tables["venues"].reset_index(drop=True)
    documents = tables["documents"].reset_index(drop=True)
    actor_label = unique_labels(actors["actor_id"], actors["name"])
    venue_label = unique_labels(venues["venue_id"], venues["name"])
    actors = actors.assign(label=actors["actor_id"].astype(str).map(actor_label))

    tracks = tables["venue_tracks"]
    venues = (
        venues.merge(tracks, on="venue_id", how="left")
        if tracks is not None
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

    events, event_doc = prepare_events(tables["events"], documents, venues, actor_label, venue_label)
    documents["n_events"] = np.bincount(event_doc[event_doc >= 0], minlength=len(documents))[: len(documents)]

    links = tables["event_actor_rows"]
    link_actor = positions(actors["actor_id"], links["actor_id"])
    link_role = as_categorical(links["role"], ROLES).codes.astype(np.int8)
    link_row = links["event_row"].to_numpy(dtype=np.int64)
    if len(link_row) and (np.diff(link_row) < 0).any():  # views look links up by event row: keep them sorted
        order = np.argsort(link_row, kind="stable")
        link_row, link_actor, link_role = link_row[order], np.asarray(link_actor)[order], link_role[order]

    mediator_ids = set(events["track_mediator_id"].cat.categories) | set(venues["mediator_id"].dropna())
    for name, column in (("rounds_display", "track_id"), ("accusations", "mediator_id")):
        if len(tables[name]):
            mediator_ids |= set(tables[name][column].dropna().unique())
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

    rounds = prepare_rounds(tables["rounds_display"], actor_label, venue_label)
    round_links = tables["round_events"]
    round_link_round = positions(rounds["round_id"], round_links["round_id"]).astype(np.int64)
    round_link_row = round_links["event_row"].to_numpy(dtype=np.int64)
    keep = (round_link_round >= 0) & (round_link_row >= 0)

    return Data(
        table_dir=str(tables.get("table_dir", "")),
        signature=tuple(tables.get("signature", ())),
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
        raw_accusations=tables["accusations"].reset_index(drop=True),
        review_names=frame_or_none(tables, "review_names"),
        build_report=tables.get("build_report"),
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


def categorical(values: pd.Series) -> pd.Series:
    """`values` as a categorical (it usually is one already, read from a Parquet dictionary)."""
    return values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype(object).astype("category")


def prepare_events(
    raw: pd.DataFrame, documents: pd.DataFrame, venues: pd.DataFrame, actor_label: dict, venue_label: dict
) -> tuple[pd.DataFrame, np.ndarray]:
    """The events with labels, periods, months, tracks and outlets; and each event's documents row.

    `raw` carries `doc_row` (the event's row in `documents`) as `loading.load` reads it,
    or `doc_id`.
    """
    events = pd.DataFrame(index=raw.index)
    events["event_id"] = raw["event_id"]
    if "doc_row" in raw:
        event_doc = raw["doc_row"].to_numpy(dtype=np.int32)
    else:
        event_doc = positions(documents["doc_id"], categorical(raw["doc_id"])).astype(np.int32)
    events["doc_row"] = event_doc
    events["event_type"] = as_categorical(raw["event_type"], EVENT_TYPES)
    events["status"] = as_categorical(raw["status"], TALKS_STATUSES)
    date = categorical(raw["date"])
    events["date"] = date
    events["date_precision"] = as_categorical(raw["date_precision"], DATE_PRECISIONS)
    events["date_basis"] = as_categorical(raw["date_basis"], DATE_BASES)
    events["date_text"] = categorical(raw["date_text"])
    events["date_start"], events["date_end"], events["month"] = _categorical_periods(date.array)
    month = events["month"].to_numpy().astype("datetime64[M]")
    events["month_index"] = np.where(np.isnat(month), -1, month.astype(np.int64)).astype(np.int32)

    # Mediation track: the event's own mediator, else the mediator hosting its venue.
    venue, mediator = categorical(raw["venue_id"]), categorical(raw["mediator_id"])
    host = dict(zip(venues["venue_id"], venues["mediator_id"]))
    venue_host = [host.get(v) for v in venue.cat.categories]
    track_ids = sorted({*mediator.cat.categories, *(h for h in venue_host if isinstance(h, str))})
    track_pos = {t: i for i, t in enumerate(track_ids)}
    own = np.array([track_pos[m] for m in mediator.cat.categories] + [-1], dtype=np.int32)
    hosted = np.array([track_pos.get(h, -1) if isinstance(h, str) else -1 for h in venue_host] + [-1], dtype=np.int32)
    own, hosted = own[mediator.cat.codes.to_numpy()], hosted[venue.cat.codes.to_numpy()]
    track = pd.Categorical.from_codes(np.where(own >= 0, own, hosted), categories=track_ids)
    events["venue_id"] = venue
    events["mediator_id"] = mediator
    events["track_mediator_id"] = track
    events["venue"] = relabel(venue.array, venue_label)
    events["mediator"] = relabel(track, actor_label)

    source = categorical(documents["source"])
    source_codes = np.append(source.cat.codes.to_numpy(), -1)
    events["outlet"] = pd.Categorical.from_codes(source_codes[event_doc], categories=source.cat.categories)
    events["sentence"] = raw["sentence"]
    events["char_start"] = raw["char_start"].to_numpy()
    events["char_end"] = raw["char_end"].to_numpy()
    return events, event_doc


def prepare_rounds(raw: pd.DataFrame, actor_label: dict, venue_label: dict) -> pd.DataFrame:
    """The build's display rounds with names, lanes and plotting dates."""
    rounds = raw.reset_index(drop=True).copy()
    if rounds.empty:
        rounds = pd.DataFrame(columns=[*raw.columns])
    rounds["venue"] = rounds["venue_id"].map(venue_label).fillna(NO_VENUE).astype(str)
    rounds["mediator"] = rounds["track_id"].map(actor_label).fillna(NO_MEDIATOR).astype(str)
    rounds["lane"] = rounds["venue"] + " · " + rounds["mediator"]
    start, end = date_periods(rounds["date"])
    rounds["date_start"], rounds["date_end"] = start, end
    rounds["plot_date"] = start + (end - start) / 2
    rounds["date_label"] = rounds["date"].astype(object).where(rounds["date"].notna(), UNDATED)
    rounds["dated_by"] = dated_by(rounds["date_precision"], rounds["date_basis"])
    rounds["status"] = rounds["status"].astype(object).where(rounds["status"].notna(), "unknown")
    rounds["disagreement"] = rounds["disagreement"].astype(object).where(rounds["disagreement"].notna(), "")
    history = rounds["history"] if "history" in rounds else pd.Series("", index=rounds.index)
    rounds["history"] = history.astype(object).where(history.notna(), "")
    rounds["sentence"] = rounds["sentence"].astype(object).where(rounds["sentence"].notna(), "")
    return rounds


def prepare_accusations(raw: pd.DataFrame, documents: pd.DataFrame, actor_label: dict) -> pd.DataFrame:
    """The build's accusations with names, outlet, title, periods and how they are dated."""
    acc = raw.reset_index(drop=True).copy()
    by_doc = documents.set_index(documents["doc_id"].astype(object))
    acc["outlet"] = acc["doc_id"].map(by_doc["source"].astype(object)) if len(acc) else None
    acc["title"] = acc["doc_id"].map(by_doc["title"]) if len(acc) else None
    acc["accuser"] = [names_of(a, actor_label) or "not named" for a in acc["accuser_ids"]]
    acc["targets"] = [names_of(t, actor_label) for t in acc["target_ids"]]
    acc["mediator"] = acc["mediator_id"].map(actor_label).fillna(acc["mediator_id"])
    start, end = date_periods(acc["date"])
    acc["date_start"], acc["date_end"] = start, end
    is_year = acc["date"].astype(object).fillna("").astype(str).str.len() == 4
    acc["month"] = start.dt.to_period("M").dt.to_timestamp().where(~is_year)
    acc["dated_by"] = dated_by(acc["date_precision"], acc["date_basis"])
    for column in ("mediator_id", "mediator", "outlet", "source"):
        acc[column] = acc[column].astype(object).astype("category")
    return acc


def dated_by(precision: pd.Series, basis: pd.Series) -> pd.Series:
    """'day · explicit', 'month · publication', or '—' for no date: how a date was arrived at."""
    p = precision.astype(object).where(precision.notna(), "")
    b = basis.astype(object).where(basis.notna(), "")
    text = (p.astype(str) + " · " + b.astype(str)).str.strip(" ·")
    return text.where(text != "", "—")


def names_of(ids, labels: dict) -> str:
    """'Armenia, Azerbaijan': the labels of a list of ids, sorted."""
    if ids is None or isinstance(ids, float):
        return ""
    return ", ".join(sorted(labels.get(a, a) for a in ids))
