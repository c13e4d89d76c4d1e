"""Accusations against mediators, one row each, from accusation events and from quotes
flagged as accusations; a quote that repeats an event's sentence is counted once.
Derived once per build for the dashboard's Accusations view (display.py)."""

from __future__ import annotations

import pandas as pd

from .cells import as_list, precision_of
from .schemas import DISPLAY_SCHEMAS


def accusations(
    events: pd.DataFrame, event_actors: pd.DataFrame, quotes: pd.DataFrame | None, documents: pd.DataFrame
) -> pd.DataFrame:
    """Every accusation against a mediator, one row per (accusation, accused mediator).

    Two sources: accusation events that name a mediator (accusers: the initiators,
    else the speakers; also blamed: the targets), and quotes flagged as accusations
    about a mediator (accuser: the speaker; also blamed: the other actors named). A
    quote inside the evidence sentence of an accusation event against the same
    mediator in the same article repeats that event and is left out. A mediator is
    never its own accuser.
    """
    columns = list(DISPLAY_SCHEMAS["accusations"].columns)
    from_events = _event_accusations(events, event_actors)
    from_quotes = _quote_accusations(quotes, documents)
    from_quotes = _drop_repeats(from_quotes, from_events)
    parts = [p for p in (from_events, from_quotes) if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = pd.concat(parts, ignore_index=True)[columns]
    for column in ("event_id", "quote_id", "venue_id", "date", "date_precision", "date_basis"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out.sort_values(["date", "accusation_id"], na_position="last").reset_index(drop=True)


def _event_accusations(events: pd.DataFrame, event_actors: pd.DataFrame) -> pd.DataFrame:
    accused = events[(events["event_type"] == "accusation") & events["mediator_id"].notna()]
    if accused.empty:
        return pd.DataFrame()
    links = event_actors[event_actors["event_id"].isin(accused["event_id"])]
    by_role = {
        role: links[links["role"] == role].groupby("event_id")["actor_id"].agg(lambda a: sorted(set(a)))
        for role in ("initiator", "speaker", "target")
    }
    ids = accused["event_id"]
    mediator = accused["mediator_id"].astype(str).to_numpy()
    initiators = ids.map(by_role["initiator"]).to_numpy()
    speakers = ids.map(by_role["speaker"]).to_numpy()
    targets = ids.map(by_role["target"]).to_numpy()
    accusers, blamed = [], []
    for m, ini, spk, tgt in zip(mediator, initiators, speakers, targets):
        who = [a for a in (ini if isinstance(ini, list) else spk if isinstance(spk, list) else []) if a != m]
        accusers.append(who)
        blamed.append([t for t in (tgt if isinstance(tgt, list) else []) if t != m and t not in who])
    return pd.DataFrame(
        {
            "accusation_id": "event:" + ids.astype(str).to_numpy(),
            "source": "event",
            "event_id": ids.to_numpy(),
            "quote_id": None,
            "doc_id": accused["doc_id"].to_numpy(),
            "date": accused["date"].to_numpy(),
            "date_precision": accused["date_precision"].to_numpy(),
            "date_basis": accused["date_basis"].to_numpy(),
            "mediator_id": mediator,
            "venue_id": accused["venue_id"].to_numpy(),
            "accuser_ids": accusers,
            "target_ids": blamed,
            "text": accused["sentence"].to_numpy(),
            "char_start": accused["char_start"].to_numpy(),
            "char_end": accused["char_end"].to_numpy(),
        }
    )


def _quote_accusations(quotes: pd.DataFrame | None, documents: pd.DataFrame) -> pd.DataFrame:
    if quotes is None or quotes.empty:
        return pd.DataFrame()
    mediators = quotes["mediators"].map(as_list)
    accusing = quotes[quotes["accusation"].fillna(False).astype(bool) & mediators.map(len).gt(0)].copy()
    if accusing.empty:
        return pd.DataFrame()
    accusing["mediator_id"] = mediators[accusing.index]
    rows = accusing.explode("mediator_id")
    published = rows["doc_id"].map(dict(zip(documents["doc_id"], documents["published"])))
    published = published.astype(object).where(published.notna(), None)
    speaker = rows["speaker_id"].astype(object).where(rows["speaker_id"].notna(), None)
    accusers = [[s] if s is not None and s != m else [] for s, m in zip(speaker, rows["mediator_id"])]
    about = rows["about"].map(as_list)
    blamed = [
        sorted(a for a in ab if a != m and a not in who) for ab, m, who in zip(about, rows["mediator_id"], accusers)
    ]
    return pd.DataFrame(
        {
            "accusation_id": (
                "quote:" + rows["quote_id"].astype(str) + ":" + rows["mediator_id"].astype(str)
            ).to_numpy(),
            "source": "quote",
            "event_id": None,
            "quote_id": rows["quote_id"].to_numpy(),
            "doc_id": rows["doc_id"].to_numpy(),
            "date": published.to_numpy(),
            "date_precision": precision_of(published).to_numpy(),
            "date_basis": published.notna().map({True: "publication", False: None}).to_numpy(),
            "mediator_id": rows["mediator_id"].astype(str).to_numpy(),
            "venue_id": None,
            "accuser_ids": accusers,
            "target_ids": blamed,
            "text": rows["text"].to_numpy(),
            "char_start": rows["char_start"].to_numpy(),
            "char_end": rows["char_end"].to_numpy(),
        }
    )


def _drop_repeats(from_quotes: pd.DataFrame, from_events: pd.DataFrame) -> pd.DataFrame:
    """Quote rows not already told by an accusation event's sentence (same article, same mediator)."""
    if from_quotes.empty or from_events.empty:
        return from_quotes
    spans = from_events[["doc_id", "mediator_id", "char_start", "char_end"]]
    pairs = from_quotes.reset_index().merge(spans, on=["doc_id", "mediator_id"], suffixes=("", "_event"))
    inside = (pairs["char_start_event"] < pairs["char_end"]) & (pairs["char_start"] < pairs["char_end_event"])
    repeated = set(pairs.loc[inside, "index"])
    return from_quotes[~from_quotes.index.isin(repeated)]
