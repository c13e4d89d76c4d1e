"""Rounds of talks: one row per negotiation round, from the events in view.

Several articles often report the same round; the tracks chart wants it once,
with the number of sources behind it. When data_prep writes a `rounds` table its
grouping (round_id) is used; otherwise talks events are grouped by round_id, or
failing that by venue, mediator, status and month.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd

from dashboard.model import NO_MEDIATOR, NO_VENUE, Data

ROUND_COLUMNS = [
    "round_key", "lane", "venue", "mediator", "status", "date", "date_label", "precision",
    "parties", "n_sources", "n_events", "disagree", "sentence", "event_ids",
]


def rounds_in_view(data: Data, events: pd.DataFrame) -> pd.DataFrame:
    """One row per round among the talks events in `events` (see ROUND_COLUMNS)."""
    talks = events[events["event_type"] == "talks"]
    if talks.empty:
        return pd.DataFrame(columns=ROUND_COLUMNS)
    talks = talks.assign(round_key=_round_keys(talks))
    parties = _parties(data, talks)
    rows = []
    for key, group in talks.groupby("round_key", sort=False):
        best = group.sort_values(["confidence", "date_precision"], ascending=[False, True]).iloc[0]
        statuses = group["status"].dropna().astype(str)
        status = statuses.mode().iloc[0] if not statuses.empty else "unknown"
        dated = group.dropna(subset=["date_start"])
        lead = _most_precise(dated) if not dated.empty else best
        venue = _first(group["venue"]) or NO_VENUE
        mediator = _first(group["mediator"]) or NO_MEDIATOR
        rows.append(
            {
                "round_key": key,
                "lane": lane_label(venue, mediator),
                "venue": venue,
                "mediator": mediator,
                "status": status,
                "date": _plot_date(lead),
                "date_label": lead["date"] if isinstance(lead["date"], str) else "undated",
                "precision": lead["date_precision"] if isinstance(lead["date_precision"], str) else None,
                "parties": parties.get(key, ""),
                "n_sources": group["doc_id"].nunique(),
                "n_events": len(group),
                "disagree": statuses.nunique() > 1,
                "sentence": best["sentence"],
                "event_ids": list(group["event_id"]),
            }
        )
    rounds = pd.DataFrame(rows, columns=ROUND_COLUMNS)
    if data.rounds is not None and {"round_id", "n_sources"} <= set(data.rounds.columns):
        # The build saw every source of a round, the view only the filtered ones.
        built = dict(zip(data.rounds["round_id"].astype(str), data.rounds["n_sources"]))
        rounds["n_sources"] = [int(built.get(k.removeprefix("round:"), n)) for k, n in zip(rounds["round_key"], rounds["n_sources"])]
    return rounds.sort_values(["lane", "date"], na_position="last").reset_index(drop=True)


def lane_label(venue: str, mediator: str) -> str:
    """One lane of the tracks chart: where, and who mediates."""
    return f"{venue} · {mediator}"


def status_counts(rounds: pd.DataFrame) -> dict[str, int]:
    counts = rounds["status"].value_counts() if len(rounds) else pd.Series(dtype=int)
    return {status: int(counts.get(status, 0)) for status in ("held", "planned", "cancelled")}


def hover_sentence(sentence: str, width: int = 70) -> str:
    """Escape (Plotly hover understands a few HTML tags) and wrap with <br>."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(sentence), width)) or ""


def _round_keys(talks: pd.DataFrame) -> pd.Series:
    by_id = "round:" + talks["round_id"].astype(str)
    month = talks["date"].fillna("").str.slice(0, 7)
    fallback = (
        "auto:" + talks["venue_id"].astype(object).fillna("?").astype(str)
        + "|" + talks["track_mediator_id"].astype(object).fillna("?").astype(str)
        + "|" + talks["status"].astype(object).fillna("?").astype(str)
        + "|" + month
    )
    return by_id.where(talks["round_id"].notna(), fallback)


def _parties(data: Data, talks: pd.DataFrame) -> dict[str, str]:
    links = data.event_actors[data.event_actors["event_id"].isin(set(talks["event_id"]))]
    links = links[links["role"] != "mediator"].merge(talks[["event_id", "round_key"]], on="event_id")
    return links.groupby("round_key")["name"].agg(lambda n: ", ".join(sorted(set(n.dropna())))).to_dict()


def _most_precise(group: pd.DataFrame) -> pd.Series:
    order = {"day": 0, "month": 1, "year": 2}
    ranks = group["date_precision"].map(order).fillna(3)
    return group.loc[ranks.idxmin()]


def _plot_date(row: pd.Series):
    """A day is plotted on the day; a month or year in its middle, since the day is unknown."""
    start, end = row.get("date_start"), row.get("date_end")
    if pd.isna(start):
        return pd.NaT
    return start if pd.isna(end) or start == end else start + (end - start) / 2


def _first(values: pd.Series) -> str | None:
    values = values.dropna()
    return str(values.iloc[0]) if len(values) else None
