"""Each table's preparation for the views: events, rounds and accusations labelled and dated.

`dashboard.model.prepare` calls these once per build; they only label and index
what the build wrote (names for ids, categoricals, periods, each event's document
row), never re-derive it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import palette
from dashboard.columns import as_categorical, categorical, names_of, positions, relabel
from dashboard.periods import categorical_periods, date_periods, dated_by
from data_prep.schemas import DATE_BASES, DATE_PRECISIONS, EVENT_TYPES, TALKS_STATUSES

NO_MEDIATOR = palette.NO_MEDIATOR
NO_VENUE = "No venue"
UNDATED = "date not given"


def prepare_events(
    raw: pd.DataFrame,
    documents: pd.DataFrame,
    venues: pd.DataFrame,
    actor_label: dict[str, str],
    venue_label: dict[str, str],
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
    events["date_start"], events["date_end"], events["month"] = categorical_periods(date.array)
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
    track = pd.Categorical.from_codes(np.where(own >= 0, own, hosted), categories=pd.Index(track_ids))
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


def prepare_rounds(raw: pd.DataFrame, actor_label: dict[str, str], venue_label: dict[str, str]) -> pd.DataFrame:
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


def prepare_accusations(raw: pd.DataFrame, documents: pd.DataFrame, actor_label: dict[str, str]) -> pd.DataFrame:
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
