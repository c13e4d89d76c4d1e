"""Display tables: what the dashboard shows, derived once per build from the built tables.

The dashboard reads, never derives. Everything it used to work out on each rerun
(which events support which round, a round's date basis and lead sentence, who
accused which mediator, a venue's track) is computed here, once, with vectorised
pandas, and written beside the other tables:

| table | one row per | what for |
| --- | --- | --- |
| `round_events` | (round, supporting event) | which mentions support a round; a round is in view when one of them is |
| `event_actor_rows` | (event, actor, role) | `event_actors` by row number of the event in `events`, so that the dashboard needs no join |
| `rounds_display` | round | the build's `rounds` with the date's precision and basis, the status history, the track and the lead evidence |
| `accusations` | (accusation, accused mediator) | accusation events and accusation quotes against a mediator, each counted once |
| `venue_tracks` | venue | the venue's kind (city, region, country) and the track it belongs to |
| `conflict` | the conflict (one row) | its name and its mediators in the codebook's order (colours follow that order) |

Every function is pure: frames in, frames out. `derive` validates the result
against `schemas.DISPLAY_SCHEMAS`. `event_row` columns count rows of `events` as
the build writes it (in frame order), which lets the dashboard skip a join over a
million string ids at every start; it checks them before trusting them.

    >>> from data_prep import display
    >>> extra |= display.derive(frames, extra, codebook)   # in the build
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .accusations import accusations
from .cells import as_list, precision_of
from .codebook import Codebook, load
from .schemas import DISPLAY_SCHEMAS

BASIS_RANK = {"explicit": 0, "relative": 1, "publication": 2}
DISPLAY_TABLES = tuple(DISPLAY_SCHEMAS)


def derive(
    frames: Mapping[str, pd.DataFrame],
    extra: Mapping[str, pd.DataFrame] | None = None,
    codebook: Codebook | None = None,
    validate: bool = True,
) -> dict[str, pd.DataFrame]:
    """All display tables from a build's frames (`documents`, `events`, ...) and extras (`rounds`, `quotes`).

    `codebook` gives venue kinds and the conflict's name; without it the venue's kind
    is guessed from the tables (a venue that is its own country is a country) and the
    conflict comes from the default codebook's `conflict.json`. `validate=False` leaves
    the check against `DISPLAY_SCHEMAS` to the caller (the build's writer checks every
    table it writes: checking twice cost a rebuild a second at 10,000 articles).
    """
    out = {"event_actor_rows": event_actor_rows(frames["events"], frames["event_actors"])}
    out |= derive_summaries(frames, extra, codebook)
    for name, df in out.items():
        if validate and len(df):
            DISPLAY_SCHEMAS[name].validate(df)
    return out


def derive_summaries(
    frames: Mapping[str, pd.DataFrame],
    extra: Mapping[str, pd.DataFrame] | None = None,
    codebook: Codebook | None = None,
) -> dict[str, pd.DataFrame]:
    """The display tables but `event_actor_rows`, unvalidated: they read only the events that
    support a round, are talks or are accusations (and what the accusations name), so
    the build gives them just those rows (display_runs.py), each with its `event_row`."""
    extra = extra or {}
    events, event_actors = frames["events"], frames["event_actors"]
    links = round_event_links(events, extra.get("round_events"))
    return {
        "round_events": links,
        "rounds_display": display_rounds(extra.get("rounds"), events, frames["venues"], links),
        "accusations": accusations(events, event_actors, extra.get("quotes"), frames["documents"]),
        "venue_tracks": venue_tracks(frames["venues"], events, codebook),
        "conflict": conflict_table(codebook),
    }


# ---------------------------------------------------------------- rounds


def round_event_links(events: pd.DataFrame, built: pd.DataFrame | None = None) -> pd.DataFrame:
    """(round_id, event_id) for every event that supports a round.

    A link table written by the linking stage wins; otherwise each event's `round_id`.
    """
    if isinstance(built, pd.DataFrame) and {"round_id", "event_id"} <= set(built.columns):
        links = built[["round_id", "event_id"]]
    else:
        links = events.loc[events["round_id"].notna(), ["round_id", "event_id"]]
    links = links.astype(object).drop_duplicates().sort_values(["round_id", "event_id"]).reset_index(drop=True)
    links["event_row"] = event_rows(events, links["event_id"])
    return links


def event_rows(events: pd.DataFrame, event_ids: pd.Series) -> np.ndarray:
    """Row numbers in `events` of `event_ids` (-1 where unknown), as int32 (compact in Parquet).

    `events` may be some rows of the whole table, each with its row in it (`event_row`)."""
    rows: np.ndarray = pd.Index(events["event_id"].astype(object)).get_indexer(event_ids.astype(object))
    if "event_row" in events:
        rows = np.where(rows >= 0, events["event_row"].to_numpy()[rows], -1)
    return rows.astype("int32")


def event_actor_rows(events: pd.DataFrame, event_actors: pd.DataFrame) -> pd.DataFrame:
    """`event_actors` with the event's row number in place of its id, in row order."""
    rows = event_rows(events, event_actors["event_id"])
    out = pd.DataFrame(
        {
            "event_row": rows,
            "actor_id": event_actors["actor_id"].astype(object),
            "role": event_actors["role"].astype(object),
        }
    )
    return out[out["event_row"] >= 0].sort_values("event_row", kind="stable").reset_index(drop=True)


def display_rounds(
    rounds: pd.DataFrame | None, events: pd.DataFrame, venues: pd.DataFrame, links: pd.DataFrame
) -> pd.DataFrame:
    """One row per round with what the tracks chart and the rounds table show.

    The build's reconciled fields (date, venue, mediator, status, parties, who called
    it off, sources, disagreement) are kept as they are; added are the date's
    precision and basis (the firmest basis among the mentions giving that date), the
    track (the round's mediator, else the one hosting its venue), the number of
    mentions and the lead evidence (the most confident, most precisely dated mention).
    """
    columns = list(DISPLAY_SCHEMAS["rounds_display"].columns)
    if rounds is None or rounds.empty:
        rounds = _rounds_from_events(events, links)
    if rounds.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = rounds.copy().reset_index(drop=True)
    for column in ("parties", "cancelled_by"):
        if column not in out:
            out[column] = [[] for _ in range(len(out))]
        out[column] = out[column].map(as_list)
    for column, default in (("disagree", False), ("disagreement", None), ("n_sources", 0)):
        if column not in out:
            out[column] = default
    out["date"] = out["date"].astype(object).where(out["date"].notna(), None)
    if "date_precision" not in out:
        out["date_precision"] = precision_of(out["date"])
    mentions = links[["round_id", "event_id"]].merge(
        events[["event_id", "date", "date_precision", "date_basis", "confidence", "sentence"]], on="event_id"
    )
    if "date_basis" not in out:
        out["date_basis"] = _date_basis(out, mentions)
    host = dict(zip(venues["venue_id"], venues["mediator_id"]))
    own = out["mediator_id"].astype(object)
    out["track_id"] = own.where(own.notna(), out["venue_id"].map(host)).astype(object)
    out["n_mentions"] = out["round_id"].map(mentions["round_id"].value_counts()).fillna(0).astype(int)
    lead = _lead_mentions(mentions)
    out["lead_event_id"] = out["round_id"].map(lead["event_id"])
    out["sentence"] = out["round_id"].map(lead["sentence"])
    out["disagree"] = out["disagree"].fillna(False).astype(bool)
    out["n_sources"] = out["n_sources"].fillna(0).astype(int)
    history = out["status_history"] if "status_history" in out else pd.Series([[]] * len(out))
    out["history"] = history.map(history_text)
    out = out[columns]
    for column in columns:
        if out[column].dtype == object or str(out[column].dtype).startswith(("str", "string")):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out.sort_values("round_id").reset_index(drop=True)


def history_text(history: object) -> str | None:
    """A round's reports in order, where its status changed ("2024-04-30 planned → 2024-05-10 held");
    None for a round reported with one status only.

    >>> history_text(["2024-04-30 planned", "2024-05-10 held"])
    '2024-04-30 planned → 2024-05-10 held'
    >>> history_text(["2024-05-10 held"]) is None
    True
    """
    steps = [str(step) for step in as_list(history)]
    return " → ".join(steps) if len({step.split()[-1] for step in steps}) > 1 else None


def _date_basis(rounds: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """The firmest basis among the mentions whose date is the round's date (None when undated)."""
    dated = mentions.merge(rounds[["round_id", "date"]], on=["round_id", "date"])
    rank = dated["date_basis"].map(BASIS_RANK)
    best = dated.assign(rank=rank).dropna(subset=["rank"]).groupby("round_id")["rank"].min()
    names = {v: k for k, v in BASIS_RANK.items()}
    basis = rounds["round_id"].map(best.map(names))
    return basis.astype(object).where(rounds["date"].notna() & basis.notna(), None)


def _lead_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per round, the mention to quote: most confident, then most precisely dated, then first by id."""
    if mentions.empty:
        return pd.DataFrame(columns=["event_id", "sentence"])
    ranked = mentions.assign(
        precision_rank=mentions["date_precision"].map({"day": 0, "month": 1, "year": 2}).fillna(3),
    ).sort_values(["round_id", "confidence", "precision_rank", "event_id"], ascending=[True, False, True, True])
    return ranked.drop_duplicates("round_id").set_index("round_id")[["event_id", "sentence"]]


def _rounds_from_events(events: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """A minimal rounds table for builds that wrote none: one row per round_id of the talks."""
    talks = links[["round_id", "event_id"]].merge(events.drop(columns=["round_id"]), on="event_id")
    if talks.empty:
        return pd.DataFrame()
    stated = talks[talks["date_basis"].astype(object) != "publication"].dropna(subset=["date"])
    stated = stated.assign(length=stated["date"].astype(str).str.len()).sort_values(
        ["round_id", "length"], ascending=[True, False]
    )
    first = talks.groupby("round_id", sort=True)
    return pd.DataFrame(
        {
            "round_id": first.size().index,
            "date": first.size().index.map(stated.drop_duplicates("round_id").set_index("round_id")["date"].to_dict()),
            "venue_id": first["venue_id"].first().to_numpy(),
            "mediator_id": first["mediator_id"].first().to_numpy(),
            "status": first["status"].agg(_commonest).to_numpy(),
            "n_sources": first["doc_id"].nunique().to_numpy(),
        }
    )


# ---------------------------------------------------------------- venues and conflict


def venue_tracks(venues: pd.DataFrame, events: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Each venue's kind and track.

    Kind comes from the codebook (city, region, country); without it a venue that is
    its own country is a country. Track: the mediator hosting the venue, else the
    commonest mediator of the talks held there ("talks in Spain" on the EU's track).
    """
    kinds = []
    for venue_id, name, country in zip(venues["venue_id"], venues["name"], venues["country"]):
        kind = None
        if codebook is not None:
            known = codebook.venues.get(venue_id) or codebook.world_place(str(name))
            kind = known.kind if known is not None else None
        if kind is None and isinstance(country, str) and country == venue_id:
            kind = "country"
        kinds.append(kind)
    talks = events[(events["event_type"] == "talks") & events["mediator_id"].notna() & events["venue_id"].notna()]
    usual = (
        talks.groupby(["venue_id", "mediator_id"])
        .size()
        .reset_index(name="n")
        # the commonest mediator, ties to the first by id, as a mode would
        .sort_values(["venue_id", "n", "mediator_id"], ascending=[True, False, True])
        .drop_duplicates("venue_id")
        .set_index("venue_id")["mediator_id"]
    )
    own = venues["mediator_id"].astype(object)
    track = own.where(own.notna(), venues["venue_id"].map(usual)).astype(object)
    return pd.DataFrame(
        {
            "venue_id": venues["venue_id"].astype(object).to_numpy(),
            "kind": kinds,
            "track_id": track.where(track.notna(), None).to_numpy(),
        }
    )


def conflict_table(codebook: Codebook | None = None) -> pd.DataFrame:
    """One row: the conflict's name and its mediators in the codebook's order (the default codebook's
    when none is given)."""
    codebook = codebook or load()
    return pd.DataFrame({"name": [codebook.name or "peace process"], "mediators": [list(codebook.mediators)]})


def _commonest(values: pd.Series) -> object:
    """The commonest non-null value of a group, or None when it has none."""
    return values.mode().iloc[0] if values.notna().any() else None
