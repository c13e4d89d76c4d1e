"""Accusations against mediators: who accused which mediator of what, when, where (no Streamlit).

Two sources feed one table. Accusation events that name a mediator (their
initiator is the accuser, their targets are who else was blamed), and quotes
flagged as accusations that are about a mediator (their speaker is the accuser).
A quote inside the evidence sentence of an accusation event against the same
mediator says the same thing again and is left out, so each accusation counts once.
A quote about two mediators gives one row per mediator.
"""

from __future__ import annotations

import pandas as pd

from dashboard.filters import Filters, any_in, overlaps_dates, words_match
from dashboard.model import Data
from dashboard.quotes import NOT_NAMED, as_ids

ACCUSATION_COLUMNS = [
    "accusation_id",
    "source",
    "event_id",
    "quote_id",
    "doc_id",
    "date",
    "date_start",
    "date_end",
    "month",
    "accuser_ids",
    "accuser",
    "mediator_id",
    "mediator",
    "target_ids",
    "targets",
    "venue_id",
    "what",
    "outlet",
    "title",
    "char_start",
    "char_end",
]
TABLE_COLUMNS = {
    "date": "Date",
    "accuser": "Accuser",
    "mediator": "Mediator",
    "what": "Accusation",
    "targets": "Also blamed",
    "outlet": "Outlet",
    "source": "From",
}
FROM_EVENT, FROM_QUOTE = "event", "quote"


def accusations_table(data: Data) -> pd.DataFrame:
    """Every accusation against a mediator in the build, one row per (accusation, mediator)."""
    actor_label = data.labels.get("actor", {})
    from_events = _from_events(data, actor_label)
    from_quotes = _from_quotes(data.quotes, actor_label)
    from_quotes = _drop_repeats(from_quotes, from_events)
    rows = (
        pd.concat([f for f in (from_events, from_quotes) if len(f)], ignore_index=True)
        if len(from_events) + len(from_quotes)
        else _empty()
    )
    rows = rows.reindex(columns=ACCUSATION_COLUMNS)
    for column in ("mediator_id", "mediator", "outlet", "doc_id", "source"):
        rows[column] = _categorical(rows[column])
    return rows.sort_values(["date_start", "accusation_id"], na_position="last").reset_index(drop=True)


def accusations_in_view(accusations: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The accusations the sidebar filters let through, read as they read for events.

    Actor: the accuser, anyone else blamed, or the accused mediator. Mediator: the
    accused mediator. Venue, outlet, date range and text as for events. Event type:
    these rows are accusations. Talks status applies to talks only, so any status
    choice leaves no accusations, as it leaves no accusation events.
    """
    if (filters.type and "accusation" not in filters.type) or filters.status:
        return accusations.iloc[0:0]
    keep = pd.Series(True, index=accusations.index)
    if filters.actor:
        keep &= (
            any_in(accusations["accuser_ids"], filters.actor)
            | any_in(accusations["target_ids"], filters.actor)
            | accusations["mediator_id"].isin(filters.actor).fillna(False).astype(bool)
        )
    if filters.mediator:
        keep &= accusations["mediator_id"].isin(filters.mediator).fillna(False).astype(bool)
    if filters.venue:
        keep &= accusations["venue_id"].isin(filters.venue).fillna(False).astype(bool)
    if filters.outlet:
        keep &= accusations["outlet"].isin(filters.outlet).fillna(False).astype(bool)
    keep &= overlaps_dates(accusations["date_start"], accusations["date_end"], filters)
    if filters.q.strip():
        keep &= words_match(_search_text(accusations), filters.q)
    return accusations[keep]


def accuser_mediator_counts(accusations: pd.DataFrame) -> pd.DataFrame:
    """Accuser × accused mediator: how many accusations each pair accounts for."""
    if accusations.empty:
        return pd.DataFrame()
    pairs = pd.DataFrame(
        {"accuser": accusations["accuser"].astype(str), "mediator": accusations["mediator"].astype(str)}
    )
    matrix = pd.crosstab(pairs["accuser"], pairs["mediator"])
    order = matrix.sum(axis=1).sort_values(ascending=False).index
    return matrix.loc[order]


def accusation_rows(accusations: pd.DataFrame) -> pd.DataFrame:
    """Display rows for st.dataframe (plain text cells)."""
    table = accusations[list(TABLE_COLUMNS)].astype(object)
    return table.where(table.notna(), "").rename(columns=TABLE_COLUMNS)


def _from_events(data: Data, actor_label: dict[str, str]) -> pd.DataFrame:
    events = data.events
    accused = events[(events["event_type"] == "accusation") & events["mediator_id"].notna()]
    if accused.empty:
        return _empty()
    links = data.event_actors[data.event_actors["event_id"].isin(set(accused["event_id"]))]
    roles = links.assign(actor_id=links["actor_id"].astype(object), role=links["role"].astype(object))
    initiators = (
        roles[roles["role"] == "initiator"].groupby("event_id")["actor_id"].agg(lambda a: tuple(sorted(set(a))))
    )
    speakers = roles[roles["role"] == "speaker"].groupby("event_id")["actor_id"].agg(lambda a: tuple(sorted(set(a))))
    targets = roles[roles["role"] == "target"].groupby("event_id")["actor_id"].agg(lambda a: tuple(sorted(set(a))))
    rows = []
    for event in accused.itertuples(index=False):
        mediator = str(event.mediator_id)
        accusers = initiators.get(event.event_id) or speakers.get(event.event_id) or ()
        accusers = tuple(a for a in accusers if a != mediator)  # a mediator named as its own accuser is a misreading
        blamed = tuple(t for t in targets.get(event.event_id, ()) if t != mediator and t not in accusers)
        rows.append(
            {
                "accusation_id": f"event:{event.event_id}",
                "source": FROM_EVENT,
                "event_id": event.event_id,
                "quote_id": None,
                "doc_id": str(event.doc_id),
                "date": event.date,
                "date_start": event.date_start,
                "date_end": event.date_end,
                "month": event.month,
                "accuser_ids": accusers,
                "mediator_id": mediator,
                "target_ids": blamed,
                "venue_id": None if pd.isna(event.venue_id) else str(event.venue_id),
                "what": event.sentence,
                "outlet": event.outlet,
                "title": event.title,
                "char_start": event.char_start,
                "char_end": event.char_end,
            }
        )
    return _named(pd.DataFrame(rows), actor_label)


def _from_quotes(quotes: pd.DataFrame | None, actor_label: dict[str, str]) -> pd.DataFrame:
    if quotes is None or quotes.empty:
        return _empty()
    accusing = quotes[quotes["accusation"] & quotes["mediators"].map(len).gt(0)]
    rows = []
    for quote in accusing.itertuples(index=False):
        speaker = () if pd.isna(quote.speaker_id) else (str(quote.speaker_id),)
        for mediator in quote.mediators:
            accusers = tuple(a for a in speaker if a != mediator)
            rows.append(
                {
                    "accusation_id": f"quote:{quote.quote_id}:{mediator}",
                    "source": FROM_QUOTE,
                    "event_id": None,
                    "quote_id": quote.quote_id,
                    "doc_id": str(quote.doc_id),
                    "date": quote.published,
                    "date_start": quote.date_start,
                    "date_end": quote.date_end,
                    "month": quote.month,
                    "accuser_ids": accusers,
                    "mediator_id": mediator,
                    "target_ids": tuple(a for a in as_ids(quote.about) if a != mediator and a not in accusers),
                    "venue_id": None,
                    "what": quote.text,
                    "outlet": quote.outlet,
                    "title": quote.title,
                    "char_start": quote.char_start,
                    "char_end": quote.char_end,
                }
            )
    return _named(pd.DataFrame(rows), actor_label) if rows else _empty()


def _drop_repeats(from_quotes: pd.DataFrame, from_events: pd.DataFrame) -> pd.DataFrame:
    """Quote rows not already told by an accusation event's sentence (same article, same mediator)."""
    if from_quotes.empty or from_events.empty:
        return from_quotes
    spans = (
        from_events.groupby(["doc_id", "mediator_id"])[["char_start", "char_end"]]
        .apply(lambda g: list(zip(g["char_start"], g["char_end"])))
        .to_dict()
    )

    def repeated(row) -> bool:
        return any(s < row.char_end and row.char_start < e for s, e in spans.get((row.doc_id, row.mediator_id), []))

    return from_quotes[[not repeated(r) for r in from_quotes.itertuples(index=False)]]


def _named(rows: pd.DataFrame, actor_label: dict[str, str]) -> pd.DataFrame:
    def names(ids) -> str:
        return ", ".join(sorted(actor_label.get(a, a) for a in ids))

    rows["accuser"] = rows["accuser_ids"].map(lambda ids: names(ids) or NOT_NAMED)
    rows["targets"] = rows["target_ids"].map(names)
    rows["mediator"] = rows["mediator_id"].map(lambda a: actor_label.get(a, a))
    return rows


def _search_text(accusations: pd.DataFrame) -> pd.Series:
    parts = [
        accusations[c].astype(object).fillna("").astype(str)
        for c in ("what", "accuser", "mediator", "targets", "title", "date")
    ]
    text = parts[0]
    for part in parts[1:]:
        text = text + "\n" + part
    return text


def _empty() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in ACCUSATION_COLUMNS})


def _categorical(series: pd.Series) -> pd.Categorical:
    series = series.astype(object).where(series.notna(), None)
    return pd.Categorical(series, categories=sorted({str(v) for v in series if v is not None}))
