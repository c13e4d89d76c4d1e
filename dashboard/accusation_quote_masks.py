"""The sidebar's filters, written for events, read for the accusations and quotes tables (no Streamlit).

Each filter means for an accusation or a quote what it means for an event where
the table has that property, and nothing where it has not (a quote has no venue),
as each mask's docstring says. `InView.accusation_mask` and `InView.quote_mask`
compute these once per set of filters.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboard.filters import Filters, contains, overlaps_dates, words_match
from dashboard.model import Data
from dashboard.quotes import naming


def accusation_mask(data: Data, f: Filters) -> np.ndarray:
    """Accusations the filters let through, read as they read for events.

    Actor: the accuser, anyone else blamed, or the accused mediator. Mediator: the
    accused mediator. Venue, outlet, date range, date basis and text as for
    events. Event type: these are accusations. Talks status applies to talks
    only, so any status choice leaves no accusations, as it leaves no accusation events.
    """
    acc = data.accusations
    if (f.type and "accusation" not in f.type) or f.status:
        return np.zeros(len(acc), dtype=bool)
    keep = np.ones(len(acc), dtype=bool)
    if f.actor:
        rows, actors = data.accusation_links
        wanted = [data.actor_position[a] for a in f.actor if a in data.actor_position]
        hit = np.zeros(len(acc), dtype=bool)
        hit[rows[np.isin(actors, wanted)]] = True
        keep &= hit | acc["mediator_id"].isin(f.actor).to_numpy(dtype=bool)
    if f.mediator:
        keep &= acc["mediator_id"].isin(f.mediator).to_numpy(dtype=bool)
    if f.venue:
        keep &= acc["venue_id"].isin(f.venue).to_numpy(dtype=bool)
    if f.outlet:
        keep &= acc["outlet"].isin(f.outlet).to_numpy(dtype=bool)
    if f.basis:
        keep &= acc["date_basis"].isin(f.basis).to_numpy(dtype=bool)
    keep &= overlaps_dates(acc["date_start"], acc["date_end"], f)
    if f.q.strip():
        keep &= words_match(accusation_text(acc), f.q)
    return keep


def quote_mask(data: Data, f: Filters) -> np.ndarray:
    """The quotes that pass the filters a quote can answer to.

    Actor: the speaker, or an actor or mediator the quote names. Mediator: a
    mediator the quote is about. Outlet and date range: the carrying article's.
    Text: words in the quote, its speaker's or a named actor's name, or the
    headline. A quote has no venue, event type, talks status or date basis of
    its own, so those filters do not narrow it.
    """
    quotes = data.quotes
    n = len(quotes)
    keep = np.ones(n, dtype=bool)
    if f.actor:
        wanted = [data.actor_position[a] for a in f.actor if a in data.actor_position]
        keep &= (
            quotes["speaker_id"].isin(f.actor).to_numpy(dtype=bool)
            | naming(data.quote_links["about"], n, wanted)
            | naming(data.quote_links["mediators"], n, wanted)
        )
    if f.mediator:
        wanted = [data.actor_position[a] for a in f.mediator if a in data.actor_position]
        keep &= naming(data.quote_links["mediators"], n, wanted)
    if f.outlet:
        keep &= quotes["outlet"].isin(f.outlet).to_numpy(dtype=bool)
    keep &= overlaps_dates(quotes["date_start"], quotes["date_end"], f)
    if f.q.strip():
        for word in f.q.split():
            hit = words_match(joined(quotes, ("text", "speaker", "title")), word)
            named = data.actors.index[contains(data.actors["label"], word)].to_numpy()
            if len(named):
                hit |= naming(data.quote_links["about"], n, named)
            keep &= hit
    return keep


def accusation_text(acc: pd.DataFrame) -> pd.Series:
    return joined(acc, ("text", "accuser", "mediator", "targets", "title", "date"))


def joined(frame: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """The text of `columns`, one line each: what a text search reads."""
    parts = [frame[c].astype(object).where(frame[c].notna(), "").astype(str) for c in columns]
    text: pd.Series = parts[0]
    for part in parts[1:]:
        text = text + "\n" + part
    return text
