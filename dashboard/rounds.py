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

from dashboard.model import NO_MEDIATOR, NO_VENUE, Data, date_period

ROUND_COLUMNS = [
    "round_key",
    "lane",
    "venue",
    "mediator",
    "status",
    "date",
    "date_label",
    "precision",
    "parties",
    "cancelled_by",
    "n_sources",
    "n_events",
    "disagree",
    "disagreement",
    "sentence",
    "event_ids",
]


def rounds_in_view(data: Data, events: pd.DataFrame) -> pd.DataFrame:
    """One row per round among the talks events in `events` (see ROUND_COLUMNS).

    Where the build wrote a `rounds` table, its reconciled venue, mediator, status,
    date, parties and source count win over what the events in view suggest.
    """
    talks = events[events["event_type"] == "talks"]
    if talks.empty:
        return pd.DataFrame(columns=ROUND_COLUMNS)
    talks = talks.assign(round_key=_round_keys(talks))
    parties = _parties(data, talks)
    built = _built_rounds(data)
    rows = []
    for key, group in talks.groupby("round_key", sort=False):
        best = group.sort_values(["confidence", "date_precision"], ascending=[False, True]).iloc[0]
        statuses = group["status"].dropna().astype(str)
        # A date that is only the article's publication date says when it was reported, not when it met.
        dated = group.dropna(subset=["date_start"])
        dated = dated[dated["date_basis"].astype(object) != "publication"] if "date_basis" in dated else dated
        lead = _most_precise(dated) if not dated.empty else None
        row = {
            "round_key": key,
            "venue": _first(group["venue"]) or NO_VENUE,
            "mediator": _first(group["mediator"]) or NO_MEDIATOR,
            "status": statuses.mode().iloc[0] if not statuses.empty else "unknown",
            "date": _plot_date(lead) if lead is not None else pd.NaT,
            "date_label": lead["date"] if lead is not None else "date not given",
            "precision": lead["date_precision"] if lead is not None else None,
            "parties": parties.get(key, ""),
            "cancelled_by": "",
            "n_sources": group["doc_id"].nunique(),
            "n_events": len(group),
            "disagreement": disagreement(group),
            "sentence": best["sentence"],
            "event_ids": list(group["event_id"]),
        }
        row["disagree"] = bool(row["disagreement"])
        row.update(built.get(key.removeprefix("round:"), {}) if key.startswith("round:") else {})
        if not row["disagree"]:
            row["disagreement"] = ""
        row["lane"] = lane_label(row["venue"], row["mediator"])
        rows.append(row)
    rounds = pd.DataFrame(rows, columns=ROUND_COLUMNS)
    return rounds.sort_values(["lane", "date"], na_position="last").reset_index(drop=True)


def _built_rounds(data: Data) -> dict[str, dict]:
    """round_id -> the fields the build's `rounds` table settles, in display form."""
    table = data.rounds
    if table is None or "round_id" not in table:
        return {}
    actor, venue = data.labels.get("actor", {}), data.labels.get("venue", {})
    out = {}
    for row in table.to_dict("records"):
        fields = {}
        if isinstance(row.get("venue_id"), str):
            fields["venue"] = venue.get(row["venue_id"], row["venue_id"])
        if isinstance(row.get("mediator_id"), str):
            fields["mediator"] = actor.get(row["mediator_id"], row["mediator_id"])
        if isinstance(row.get("status"), str):
            fields["status"] = row["status"]
        if "date" in row:
            start, end, precision = date_period(row["date"])
            fields["date"] = pd.NaT if start is None else (start if start == end else start + (end - start) / 2)
            fields["date_label"] = row["date"] if start is not None else "date not given"
            fields["precision"] = precision
        parties = row.get("parties")
        if parties is not None and not isinstance(parties, str) and len(parties):
            fields["parties"] = ", ".join(sorted(actor.get(p, p) for p in parties))
        cancelled_by = row.get("cancelled_by")
        if cancelled_by is not None and not isinstance(cancelled_by, str) and len(cancelled_by):
            fields["cancelled_by"] = ", ".join(sorted(actor.get(a, a) for a in cancelled_by))
        if pd.notna(row.get("n_sources")):
            fields["n_sources"] = int(row["n_sources"])
        if "disagree" in row and pd.notna(row["disagree"]):
            fields["disagree"] = bool(row["disagree"])
            if isinstance(row.get("disagreement"), str) and row["disagreement"].strip():
                fields["disagreement"] = row["disagreement"].strip()
            elif not fields["disagree"]:
                fields["disagreement"] = ""
        out[str(row["round_id"])] = fields
    return out


def disagreement(group: pd.DataFrame) -> str:
    """What the reports of one round disagree on, as the build words it: 'status: cancelled, planned; date: ...'.

    Dates that are only a publication date are not a claim about the round and are left out.
    Empty when the sources agree.
    """
    parts = []
    statuses = sorted(set(group["status"].dropna().astype(str)))
    if len(statuses) > 1:
        parts.append("status: " + ", ".join(statuses))
    dated = group[group["date_basis"].astype(object) != "publication"] if "date_basis" in group else group
    dates = sorted(set(dated["date"].dropna().astype(str)))
    if len(dates) > 1:
        parts.append("date: " + ", ".join(dates))
    return "; ".join(parts)


def round_rows(rounds: pd.DataFrame) -> pd.DataFrame:
    """The rounds as a table for reading, in date order (undated last): date, venue, mediator, status,
    who called it off, sources and a disagreement flag."""
    rounds = rounds.sort_values(["date", "lane"], na_position="last")
    table = pd.DataFrame(
        {
            "Date": rounds["date_label"].astype(object),
            "Venue": rounds["venue"].astype(object),
            "Mediator": rounds["mediator"].astype(object),
            "Status": rounds["status"].astype(object),
            "Called off by": rounds["cancelled_by"].astype(object),
            "Sources": rounds["n_sources"].astype(int),
            "Sources disagree": [
                f"⚠ {text or 'yes'}" if flag else "" for flag, text in zip(rounds["disagree"], rounds["disagreement"])
            ],
            "Parties": rounds["parties"].astype(object),
        }
    )
    return table.where(table.notna(), "").reset_index(drop=True)


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
        "auto:"
        + talks["venue_id"].astype(object).fillna("?").astype(str)
        + "|"
        + talks["track_mediator_id"].astype(object).fillna("?").astype(str)
        + "|"
        + talks["status"].astype(object).fillna("?").astype(str)
        + "|"
        + month
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
