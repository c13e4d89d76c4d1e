"""Join the raw tables once into the frames every view reads.

Done once per build (cached by the app): names are joined in, dates become
periods, and the repeated string columns become categoricals so that filtering
large tables stays a matter of integer comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.loading import frame_or_none
from data_prep.tables import EVENT_TYPES, ROLES, TALKS_STATUSES

NO_MEDIATOR = "No mediator"
NO_VENUE = "No venue"
UNDATED = "undated"


@dataclass
class Data:
    """Everything the views need, prepared once per build."""

    documents: pd.DataFrame
    actors: pd.DataFrame
    venues: pd.DataFrame
    events: pd.DataFrame
    event_actors: pd.DataFrame
    mentions: pd.DataFrame
    rounds: pd.DataFrame | None = None
    quotes: pd.DataFrame = field(
        default_factory=pd.DataFrame
    )  # prepared by dashboard.quotes; no rows without the table
    accusations: pd.DataFrame = field(default_factory=pd.DataFrame)  # by dashboard.accusations, from events and quotes
    build_report: dict | None = None
    table_dir: str = ""
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def date_bounds(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """First and last day covered by any dated event."""
        starts, ends = self.events["date_start"].dropna(), self.events["date_end"].dropna()
        if starts.empty:
            return None
        return starts.min(), ends.max()


def date_period(value: str | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str | None]:
    """('YYYY[-MM[-DD]]') -> first day, last day and precision; Nones when unparseable."""
    if not isinstance(value, str) or not value:
        return None, None, None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = pd.Timestamp(value)
            return day, day, "day"
        if len(parts) == 2:
            start = pd.Timestamp(f"{value}-01")
            return start, start + pd.offsets.MonthEnd(0), "month"
        start = pd.Timestamp(f"{value}-01-01")
        return start, pd.Timestamp(f"{value}-12-31"), "year"
    except (ValueError, TypeError):
        return None, None, None


def unique_labels(ids: pd.Series, names: pd.Series) -> dict[str, str]:
    """id -> display name, with the id appended where two ids share a name.

    Widgets put these labels in share links, so they must be unique.
    """
    names = names.fillna(ids).astype(str)
    duplicated = names.duplicated(keep=False)
    labels = names.where(~duplicated, names + " (" + ids.astype(str) + ")")
    return dict(zip(ids.astype(str), labels))


def _categorical(series: pd.Series, categories=None) -> pd.Series:
    series = series.astype(object).where(series.notna(), None)
    if categories is None:
        categories = sorted({v for v in series if v is not None})
    return pd.Categorical(series, categories=list(categories))


def prepare(tables: dict) -> Data:
    """Build `Data` from what `loading.load` returned."""
    documents = tables["documents"].copy()
    actors = tables["actors"].copy()
    venues = tables["venues"].copy()
    events = tables["events"].copy()
    event_actors = tables["event_actors"].copy()
    mentions = tables["mentions"].copy()

    actor_label = unique_labels(actors["actor_id"], actors["name"])
    venue_label = unique_labels(venues["venue_id"], venues["name"])

    # Mediation track: the event's own mediator, else the mediator who hosts its venue.
    venue_mediator = dict(zip(venues["venue_id"], venues["mediator_id"]))
    own = events["mediator_id"].astype(object)
    hosted = events["venue_id"].map(venue_mediator)
    events["track_mediator_id"] = own.where(own.notna(), hosted).astype(object)
    events["track_mediator_id"] = events["track_mediator_id"].where(events["track_mediator_id"].notna(), None)

    periods = [date_period(v) for v in events["date"]]
    events["date_start"] = pd.to_datetime(pd.Series([p[0] for p in periods], index=events.index, dtype=object))
    events["date_end"] = pd.to_datetime(pd.Series([p[1] for p in periods], index=events.index, dtype=object))
    events["month"] = events["date_start"].dt.to_period("M").dt.to_timestamp()
    events.loc[events["date_precision"].eq("year") | events["date"].str.len().eq(4), "month"] = pd.NaT

    doc_source = dict(zip(documents["doc_id"], documents["source"]))
    doc_title = dict(zip(documents["doc_id"], documents["title"]))
    events["outlet"] = events["doc_id"].map(doc_source)
    events["title"] = events["doc_id"].map(doc_title)
    events["venue"] = events["venue_id"].map(venue_label)
    events["mediator"] = events["track_mediator_id"].map(actor_label)

    ea_names = event_actors.assign(name=event_actors["actor_id"].map(actor_label))
    involved = (
        ea_names[ea_names["role"] != "mediator"]
        .drop_duplicates(["event_id", "actor_id"])
        .groupby("event_id", sort=False)["name"]
        .agg(lambda names: ", ".join(sorted(names.dropna())))
    )
    events["actors"] = events["event_id"].map(involved).fillna("")

    events["event_type"] = _categorical(events["event_type"], EVENT_TYPES)
    events["status"] = _categorical(events["status"], TALKS_STATUSES)
    for column in ("outlet", "venue", "mediator", "venue_id", "track_mediator_id", "doc_id"):
        events[column] = _categorical(events[column])
    events = events.sort_values(["date_start", "event_id"], na_position="last").reset_index(drop=True)

    event_actors["role"] = _categorical(event_actors["role"], ROLES)
    event_actors["name"] = event_actors["actor_id"].map(actor_label)
    event_actors["actor_id"] = _categorical(event_actors["actor_id"])

    documents["n_events"] = documents["doc_id"].map(events["doc_id"].value_counts()).fillna(0).astype(int)
    documents["n_mentions"] = documents["doc_id"].map(mentions["doc_id"].value_counts()).fillna(0).astype(int)

    mediator_ids = set(events["track_mediator_id"].dropna()) | set(venues["mediator_id"].dropna())
    outlets = sorted({s for s in documents["source"].dropna()})
    labels = {
        "actor": dict(sorted(actor_label.items(), key=lambda kv: kv[1].casefold())),
        "mediator": {
            a: actor_label[a]
            for a in sorted(mediator_ids, key=lambda a: actor_label.get(a, a).casefold())
            if a in actor_label
        },
        "venue": dict(sorted(venue_label.items(), key=lambda kv: kv[1].casefold())),
        "outlet": {o: o for o in outlets},
        "doc": unique_labels(
            documents["doc_id"],
            pd.Series(
                [_doc_label(d, doc_title.get(d), doc_source.get(d)) for d in documents["doc_id"]], index=documents.index
            ),
        ),
    }
    # Imported here: both modules build on this one (date_period, Data) and on filters.
    from dashboard.accusations import accusations_table
    from dashboard.quotes import prepare_quotes

    data = Data(
        documents=documents,
        actors=actors,
        venues=venues,
        events=events,
        event_actors=event_actors,
        mentions=mentions,
        rounds=frame_or_none(tables, "rounds"),
        quotes=prepare_quotes(frame_or_none(tables, "quotes"), documents, actor_label),
        build_report=tables.get("build_report"),
        table_dir=str(tables.get("table_dir", "")),
        labels=labels,
    )
    data.accusations = accusations_table(data)
    return data


def _doc_label(doc_id: str, title: str | None, source: str | None) -> str:
    head = title if isinstance(title, str) and title.strip() else doc_id
    return f"{head} — {source}" if isinstance(source, str) and source else head
