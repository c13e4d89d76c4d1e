"""Display tables: what the dashboard shows, derived once per build from the built tables.

The dashboard reads, never derives. Everything it used to work out on each rerun
(which events support which round, a round's date basis and lead sentence, who
accused which mediator, a venue's track) is computed here, once, with vectorised
pandas, and written beside the other tables:

| table | one row per | what for |
| --- | --- | --- |
| `round_events` | (round, supporting event) | which mentions support a round; a round is in view when one of them is |
| `event_actor_rows` | (event, actor, role) | `event_actors` by row number of the event in `events`, so that the dashboard needs no join |
| `rounds_display` | round | the build's `rounds` with the date's precision and basis, the track and the lead evidence |
| `accusations` | (accusation, accused mediator) | accusation events and accusation quotes against a mediator, each counted once |
| `venue_tracks` | venue | the venue's kind (city, region, country) and the track it belongs to |
| `conflict` | the conflict (one row) | its name and its mediators in the codebook's order (colours follow that order) |

Every function is pure: frames in, frames out. `derive` validates the result
against `tables.DISPLAY_SCHEMAS`. `event_row` columns count rows of `events` as
the build writes it (in frame order), which lets the dashboard skip a join over a
million string ids at every start; it checks them before trusting them.

    >>> from data_prep import display
    >>> extra |= display.derive(frames, extra, codebook)   # in the build
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .tables import DISPLAY_SCHEMAS

PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}
BASIS_RANK = {"explicit": 0, "relative": 1, "publication": 2}
DISPLAY_TABLES = tuple(DISPLAY_SCHEMAS)


def derive(frames: dict[str, pd.DataFrame], extra: dict[str, pd.DataFrame] | None = None, codebook=None) -> dict:
    """All display tables from a build's frames (`documents`, `events`, ...) and extras (`rounds`, `quotes`).

    `codebook` gives venue kinds and the conflict's name; without it the venue's kind
    is guessed from the tables (a venue that is its own country is a country) and the
    conflict comes from the default codebook's `conflict.json`.
    """
    extra = extra or {}
    events, event_actors = frames["events"], frames["event_actors"]
    links = round_event_links(events, extra.get("round_events"))
    out = {
        "round_events": links,
        "event_actor_rows": event_actor_rows(events, event_actors),
        "rounds_display": display_rounds(extra.get("rounds"), events, frames["venues"], links),
        "accusations": accusations(events, event_actors, extra.get("quotes"), frames["documents"]),
        "venue_tracks": venue_tracks(frames["venues"], events, codebook),
        "conflict": conflict_table(codebook),
    }
    for name, df in out.items():
        if len(df):
            DISPLAY_SCHEMAS[name].validate(df)
    return out


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
    """Row numbers in `events` of `event_ids` (-1 where unknown), as int32 (compact in Parquet)."""
    return pd.Index(events["event_id"].astype(object)).get_indexer(event_ids.astype(object)).astype("int32")


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


def precision_of(dates: pd.Series) -> pd.Series:
    """'YYYY-MM-DD' -> day, 'YYYY-MM' -> month, 'YYYY' -> year; None where there is no date."""
    lengths = dates.astype(object).where(dates.notna(), "").astype(str).str.len()
    return lengths.map(PRECISION_BY_LENGTH).astype(object).where(lengths.isin(list(PRECISION_BY_LENGTH)), None)


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
        out[column] = out[column].map(_as_list)
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
    out = out[columns]
    for column in columns:
        if out[column].dtype == object or str(out[column].dtype).startswith(("str", "string")):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out.sort_values("round_id").reset_index(drop=True)


def _as_list(value) -> list:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


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
            "date": first.size().index.map(stated.drop_duplicates("round_id").set_index("round_id")["date"]),
            "venue_id": first["venue_id"].first().to_numpy(),
            "mediator_id": first["mediator_id"].first().to_numpy(),
            "status": first["status"].agg(lambda s: s.mode().iloc[0] if s.notna().any() else None).to_numpy(),
            "n_sources": first["doc_id"].nunique().to_numpy(),
        }
    )


# ---------------------------------------------------------------- accusations


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
    mediators = quotes["mediators"].map(_as_list)
    accusing = quotes[quotes["accusation"].fillna(False).astype(bool) & mediators.map(len).gt(0)].copy()
    if accusing.empty:
        return pd.DataFrame()
    accusing["mediator_id"] = mediators[accusing.index]
    rows = accusing.explode("mediator_id")
    published = rows["doc_id"].map(dict(zip(documents["doc_id"], documents["published"])))
    published = published.astype(object).where(published.notna(), None)
    speaker = rows["speaker_id"].astype(object).where(rows["speaker_id"].notna(), None)
    accusers = [[s] if s is not None and s != m else [] for s, m in zip(speaker, rows["mediator_id"])]
    about = rows["about"].map(_as_list)
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
            "date_basis": np.where(published.notna(), "publication", None),
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
    return from_quotes.drop(index=pairs.loc[inside, "index"].unique())


# ---------------------------------------------------------------- venues and conflict


def venue_tracks(venues: pd.DataFrame, events: pd.DataFrame, codebook=None) -> pd.DataFrame:
    """Each venue's kind and track.

    Kind comes from the codebook (city, region, country); without it a venue that is
    its own country is a country. Track: the mediator hosting the venue, else the
    commonest mediator of the talks held there ("talks in Spain" on the EU's track).
    """
    kinds = []
    for venue_id, country in zip(venues["venue_id"], venues["country"]):
        kind = None
        if codebook is not None:
            try:
                kind = codebook.venue(venue_id).kind
            except (KeyError, AttributeError):
                kind = None
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


def conflict_table(codebook=None) -> pd.DataFrame:
    """One row: the conflict's name and its mediators in the codebook's order."""
    if codebook is not None and getattr(codebook, "mediators", None) is not None:
        name = getattr(codebook, "name", None) or _conflict_json(getattr(codebook, "source_dir", None)).get("name")
        mediators = list(codebook.mediators)
    else:
        spec = _conflict_json(None)
        name, mediators = spec.get("name"), list(spec.get("mediators", []))
    return pd.DataFrame({"name": [name or "peace process"], "mediators": [mediators]})


def _conflict_json(source_dir: Path | None) -> dict:
    path = Path(source_dir or Path(__file__).parent / "codebook") / "conflict.json"
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return spec if isinstance(spec, dict) else {}
