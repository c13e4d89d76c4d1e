"""The mediation tracks side by side: rounds, who called them off, accusations (no Streamlit).

A track is a mediator (the round's own mediator, else the one hosting its venue,
as the build's `rounds_display.track_id` says). Tracks are listed in the
conflict's order of mediators, then by name; rounds without a mediator come last.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.columns import flatten_lists
from dashboard.model import NO_MEDIATOR

MAX_TRACKS = 8  # rows of small multiples; the others are summed in the table only
STATUSES = ("held", "planned", "cancelled")


def track_order(rounds: pd.DataFrame, rank: list[str], labels: dict[str, str]) -> list[str]:
    """Track labels in view: the conflict's mediators first, in its order, then others by name, no mediator last."""
    present = set(rounds["mediator"])
    ordered = [labels[m] for m in rank if m in labels and labels[m] in present]
    ordered += sorted(present - set(ordered) - {NO_MEDIATOR}, key=str.casefold)
    return ordered + ([NO_MEDIATOR] if NO_MEDIATOR in present else [])


def period_of(dates: pd.Series) -> tuple[pd.Series, str]:
    """Quarters when the dates span more than two years, else months; and the period's name."""
    span = (dates.max() - dates.min()).days if dates.notna().any() else 0
    freq, name = ("Q", "quarter") if span > 730 else ("M", "month")
    return dates.dt.to_period(freq).dt.start_time, name


def rounds_by_track(rounds: pd.DataFrame, order: list[str]) -> tuple[pd.DataFrame, str]:
    """Rounds per (track, period, status) for the dated rounds of the first `MAX_TRACKS` tracks."""
    dated = rounds.dropna(subset=["date_start"])
    dated = dated[dated["mediator"].isin(order[:MAX_TRACKS])]
    if dated.empty:
        return pd.DataFrame(columns=["track", "track_id", "period", "period_key", "status", "n"]), "month"
    period, name = period_of(dated["date_start"])
    counts = (
        pd.DataFrame(
            {
                "track": dated["mediator"].to_numpy(),
                "track_id": dated["track_id"].astype(object).fillna("none").to_numpy(),
                "period": period.to_numpy(),
                "status": dated["status"].to_numpy(),
            }
        )
        .groupby(["track", "track_id", "period", "status"], sort=False)
        .size()
        .rename("n")
        .reset_index()
    )
    counts["period_key"] = counts["period"].dt.strftime("%Y-%m-%d")
    counts["order"] = counts["track"].map({t: i for i, t in enumerate(order)})
    return counts.sort_values(["order", "period"]).drop(columns="order").reset_index(drop=True), name


def rounds_in_bars(rounds: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """The rounds behind selected Compare bars: keys 'track_id|period start|status'."""
    wanted = {tuple(k.split("|")[:3]) for k in keys}
    dated = rounds.dropna(subset=["date_start"])
    if dated.empty or not wanted:
        return dated.iloc[0:0]
    period, _ = period_of(rounds.dropna(subset=["date_start"])["date_start"])
    key = list(
        zip(
            dated["track_id"].astype(object).fillna("none"), period.dt.strftime("%Y-%m-%d"), dated["status"].astype(str)
        )
    )
    return dated[[k in wanted for k in key]]


def cancellers(rounds: pd.DataFrame, order: list[str], actor_labels: dict[str, str]) -> pd.DataFrame:
    """Who called rounds off, per track: canceller, track, n (most rounds first)."""
    cancelled = rounds[rounds["status"] == "cancelled"]
    if cancelled.empty:
        return pd.DataFrame(columns=["canceller", "track", "n"])
    parent, who = flatten_lists(cancelled["cancelled_by"])
    if not len(who):
        return pd.DataFrame(columns=["canceller", "track", "n"])
    frame = pd.DataFrame(
        {"canceller": [actor_labels.get(a, a) for a in who], "track": cancelled["mediator"].to_numpy()[parent]}
    )
    counts = frame.groupby(["canceller", "track"]).size().rename("n").reset_index()
    counts["order"] = counts["track"].map({t: i for i, t in enumerate(order)}).fillna(len(order))
    total = counts.groupby("canceller")["n"].transform("sum")
    return (
        counts.assign(total=total)
        .sort_values(["total", "canceller", "order"], ascending=[False, True, True])
        .drop(columns=["order", "total"])
    )


def accusations_by_track(accusations: pd.DataFrame, order: list[str]) -> tuple[pd.DataFrame, str]:
    """Accusations per (period, accused mediator), mediators in track order."""
    dated = accusations.dropna(subset=["date_start"])
    if dated.empty:
        return pd.DataFrame(columns=["period", "mediator", "n"]), "month"
    period, name = period_of(dated["date_start"])
    counts = (
        pd.DataFrame({"period": period.to_numpy(), "mediator": dated["mediator"].astype(str).to_numpy()})
        .groupby(["mediator", "period"], sort=True)
        .size()
        .rename("n")
        .reset_index()
    )
    rank = {t: i for i, t in enumerate(order)}
    counts["order"] = counts["mediator"].map(rank).fillna(len(rank))
    return counts.sort_values(["order", "period"]).drop(columns="order").reset_index(drop=True), name


def summary(
    rounds: pd.DataFrame, accusations: pd.DataFrame, order: list[str], actor_labels: dict[str, str]
) -> pd.DataFrame:
    """One row per track: rounds held / planned / cancelled / undated, first and latest round, who called
    rounds off, accusations against the mediator and its main accusers."""
    rows = []
    calls = cancellers(rounds, order, actor_labels)
    for track in order:
        own = rounds[rounds["mediator"] == track]
        counts = own["status"].value_counts()
        dated = own.dropna(subset=["date_start"]).sort_values("date_start")
        against = accusations[accusations["mediator"].astype(str) == track]
        who = calls[calls["track"] == track]
        accusers = against["accuser"].value_counts().head(3)
        rows.append(
            {
                "Track": track,
                "Held": int(counts.get("held", 0)),
                "Planned": int(counts.get("planned", 0)),
                "Cancelled": int(counts.get("cancelled", 0)),
                "Undated": int(own["date_start"].isna().sum()),
                "First round": dated["date_label"].iloc[0] if len(dated) else "—",
                "Latest round": dated["date_label"].iloc[-1] if len(dated) else "—",
                "Called off by": ", ".join(f"{c} ({n})" for c, n in zip(who["canceller"].head(3), who["n"].head(3))),
                "Accusations against": len(against) if track != NO_MEDIATOR else None,
                "Main accusers": ", ".join(f"{a} ({n})" for a, n in accusers.items()) if track != NO_MEDIATOR else "",
            }
        )
    table = pd.DataFrame(rows)
    return table.astype({"Accusations against": "Int64"}) if len(table) else table
