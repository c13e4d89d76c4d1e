"""The table contract: every table the build writes, its columns, and the ids that link them.

The dashboard and outside checks read exactly these tables, so each is declared
here once: a pandera schema per table (`CONTRACT`) and the foreign keys between
them as data (`FOREIGN_KEYS`), checked by `tables.validate` before anything is
written. The README's table list documents the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandera.pandas as pa

EVENT_TYPES = (
    "talks",
    "meeting",
    "call",
    "statement",
    "accusation",
    "refusal",
    "sanction",
    "agreement",
    "military_action",
    "humanitarian",
    "report",
)
TALKS_STATUSES = ("held", "planned", "cancelled")
ACTOR_KINDS = ("person", "state", "organization", "group", "media")
ROLES = ("initiator", "target", "participant", "mediator", "speaker")
DATE_PRECISIONS = ("day", "month", "year")
DATE_BASES = ("explicit", "relative", "publication")
FORMATS = ("bilateral", "trilateral", "multilateral")
PUBLISHED_BASES = ("text", "manifest", "none")

_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _optional(dtype: Any, *checks: pa.Check) -> pa.Column:
    return pa.Column(dtype, checks=list(checks), nullable=True)


def _required(dtype: Any, *checks: pa.Check) -> pa.Column:
    return pa.Column(dtype, checks=list(checks), nullable=False)


def _one_of(values: tuple[str, ...]) -> pa.Check:
    return pa.Check.isin(list(values))


# Lists come back from Parquet as numpy arrays; both are lists of names here.
_is_list = pa.Check(lambda s: s.map(lambda v: isinstance(v, (list, tuple, np.ndarray))).all(), error="must be a list")

CONTRACT: dict[str, pa.DataFrameSchema] = {
    "documents": pa.DataFrameSchema(
        {
            "doc_id": _required(str),
            "title": _optional(str),
            "source": _optional(str),
            "published": _optional(str, pa.Check.str_matches(r"^\d{4}-\d{2}(-\d{2})?$")),
            "published_basis": _required(str, _one_of(PUBLISHED_BASES)),
            "url": _optional(str),
            "path": _required(str),
            "n_words": _required(int, pa.Check.ge(0)),
            "sha256": _required(str, pa.Check.str_matches(r"^[0-9a-f]{64}$")),
        },
        unique=["doc_id"],
        strict=True,
    ),
    "actors": pa.DataFrameSchema(
        {
            "actor_id": _required(str),
            "name": _required(str),
            "kind": _required(str, _one_of(ACTOR_KINDS)),
            "country": _optional(str),
            "title": _optional(str),
            "aliases": _required(object, _is_list),
        },
        unique=["actor_id"],
        strict=True,
    ),
    "venues": pa.DataFrameSchema(
        {
            "venue_id": _required(str),
            "name": _required(str),
            "country": _optional(str),
            "lat": _optional(float, pa.Check.in_range(-90, 90)),
            "lon": _optional(float, pa.Check.in_range(-180, 180)),
            "mediator_id": _optional(str),
            "aliases": _required(object, _is_list),
        },
        unique=["venue_id"],
        strict=True,
    ),
    "events": pa.DataFrameSchema(
        {
            "event_id": _required(str),
            "doc_id": _required(str),
            "event_type": _required(str, _one_of(EVENT_TYPES)),
            "plover": _required(str),
            "status": _optional(str, _one_of(TALKS_STATUSES)),
            "date": _optional(str, pa.Check.str_matches(_DATE_PATTERN)),
            "date_precision": _optional(str, _one_of(DATE_PRECISIONS)),
            "date_text": _optional(str),
            "date_basis": _optional(str, _one_of(DATE_BASES)),
            "venue_id": _optional(str),
            "mediator_id": _optional(str),
            "sentence": _required(str),
            "char_start": _required(int, pa.Check.ge(0)),
            "char_end": _required(int, pa.Check.ge(0)),
            "format": _optional(str, _one_of(FORMATS)),
            "round_id": _optional(str),
            "confidence": _required(float, pa.Check.in_range(0, 1)),
            # Talks only: true where the sentence counts several rounds together ("three
            # rounds hosted here", "six such meetings"): such an event never has a round_id.
            "aggregate": _required(bool),
        },
        checks=[pa.Check(lambda df: df["char_start"] <= df["char_end"], error="char_end before char_start")],
        unique=["event_id"],
        strict=True,
    ),
    "event_actors": pa.DataFrameSchema(
        {
            "event_id": _required(str),
            "actor_id": _required(str),
            "role": _required(str, _one_of(ROLES)),
        },
        unique=["event_id", "actor_id", "role"],
        strict=True,
    ),
    "mentions": pa.DataFrameSchema(
        {
            "doc_id": _required(str),
            "entity_type": _required(str, _one_of(("actor", "venue"))),
            "entity_id": _required(str),
            "char_start": _required(int, pa.Check.ge(0)),
            "char_end": _required(int, pa.Check.ge(0)),
            "text": _required(str),
        },
        checks=[pa.Check(lambda df: df["char_start"] <= df["char_end"], error="char_end before char_start")],
        strict=True,
    ),
    "rounds": pa.DataFrameSchema(
        {
            "round_id": _required(str),
            "date": _optional(str, pa.Check.str_matches(_DATE_PATTERN)),
            "venue_id": _optional(str),
            "mediator_id": _optional(str),
            "status": _required(str, _one_of(TALKS_STATUSES)),
            "parties": _required(object, _is_list),
            "cancelled_by": _required(object, _is_list),
            "n_sources": _required(int, pa.Check.ge(1)),
            "disagree": _required(bool),
            "disagreement": _optional(str),
            # What linking knows of each round (not required: tables from older builds lack them).
            "date_precision": pa.Column(str, _one_of(DATE_PRECISIONS), nullable=True, required=False),
            "date_basis": pa.Column(str, _one_of(DATE_BASES), nullable=True, required=False),
            "status_history": pa.Column(object, _is_list, required=False),
        },
        unique=["round_id"],
        strict=True,
    ),
    "quotes": pa.DataFrameSchema(
        {
            "quote_id": _required(str),
            "doc_id": _required(str),
            "speaker_id": _optional(str),
            "text": _required(str),
            "char_start": _required(int, pa.Check.ge(0)),
            "char_end": _required(int, pa.Check.ge(0)),
            "sentence_start": _required(int, pa.Check.ge(0)),
            "sentence_end": _required(int, pa.Check.ge(0)),
            "about": _required(object, _is_list),
            "mediators": _required(object, _is_list),
            "accusation": _required(bool),
        },
        checks=[
            pa.Check(
                lambda df: (
                    (df["sentence_start"] <= df["char_start"])
                    & (df["char_start"] <= df["char_end"])
                    & (df["char_end"] <= df["sentence_end"])
                ),
                error="a quote must lie inside its sentence",
            )
        ],
        unique=["quote_id"],
        strict=True,
    ),
    "review_names": pa.DataFrameSchema(
        {
            "actor_id": _required(str),
            "name": _required(str),
            "title": _required(str),
            "country": _optional(str),
            "n_documents": _required(int, pa.Check.ge(1)),
            "first_doc_id": _required(str),
        },
        unique=["actor_id"],
        strict=True,
    ),
}

# Display tables (data_prep.display): derived once per build for the dashboard.
_ROUND_STATUS = _optional(str, _one_of(TALKS_STATUSES))
DISPLAY_SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "round_events": pa.DataFrameSchema(
        {"round_id": _required(str), "event_id": _required(str), "event_row": _required("int32", pa.Check.ge(0))},
        unique=["round_id", "event_id"],
        strict=True,
    ),
    "event_actor_rows": pa.DataFrameSchema(
        {
            "event_row": _required("int32", pa.Check.ge(0)),
            "actor_id": _required(str),
            "role": _required(str, _one_of(ROLES)),
        },
        strict=True,
    ),
    "rounds_display": pa.DataFrameSchema(
        {
            "round_id": _required(str),
            "date": _optional(str, pa.Check.str_matches(_DATE_PATTERN)),
            "date_precision": _optional(str, _one_of(DATE_PRECISIONS)),
            "date_basis": _optional(str, _one_of(DATE_BASES)),
            "venue_id": _optional(str),
            "mediator_id": _optional(str),
            "track_id": _optional(str),
            "status": _ROUND_STATUS,
            "history": _optional(str),
            "parties": _required(object, _is_list),
            "cancelled_by": _required(object, _is_list),
            "n_sources": _required(int, pa.Check.ge(0)),
            "n_mentions": _required(int, pa.Check.ge(0)),
            "disagree": _required(bool),
            "disagreement": _optional(str),
            "lead_event_id": _optional(str),
            "sentence": _optional(str),
        },
        unique=["round_id"],
        strict=True,
    ),
    "accusations": pa.DataFrameSchema(
        {
            "accusation_id": _required(str),
            "source": _required(str, _one_of(("event", "quote"))),
            "event_id": _optional(str),
            "quote_id": _optional(str),
            "doc_id": _required(str),
            "date": _optional(str, pa.Check.str_matches(_DATE_PATTERN)),
            "date_precision": _optional(str, _one_of(DATE_PRECISIONS)),
            "date_basis": _optional(str, _one_of(DATE_BASES)),
            "mediator_id": _required(str),
            "venue_id": _optional(str),
            "accuser_ids": _required(object, _is_list),
            "target_ids": _required(object, _is_list),
            "text": _required(str),
            "char_start": _required(int, pa.Check.ge(0)),
            "char_end": _required(int, pa.Check.ge(0)),
        },
        unique=["accusation_id"],
        strict=True,
    ),
    "venue_tracks": pa.DataFrameSchema(
        {"venue_id": _required(str), "kind": _optional(str), "track_id": _optional(str)},
        unique=["venue_id"],
        strict=True,
    ),
    "conflict": pa.DataFrameSchema({"name": _required(str), "mediators": _required(object, _is_list)}, strict=True),
}
CONTRACT |= DISPLAY_SCHEMAS

# The tables every build writes and every reader needs; `rounds`, `quotes` and
# `review_names` came later, and readers of older builds treat them as optional.
CORE_TABLES = ("documents", "actors", "venues", "events", "event_actors", "mentions")
ALL_TABLES = tuple(CONTRACT)
SCHEMAS = {name: CONTRACT[name] for name in CORE_TABLES}  # the core tables' schemas, as readers knew them


@dataclass(frozen=True)
class ForeignKey:
    """`table.column` holds ids of `target.key` (a list column holds lists of them);
    with `where`, only the rows whose column has that value ("entity_type" = "actor")."""

    table: str
    column: str
    target: str
    key: str
    where: tuple[str, str] | None = None

    def __str__(self) -> str:
        condition = f" where {self.where[0]} = {self.where[1]!r}" if self.where else ""
        return f"{self.table}.{self.column}{condition} -> {self.target}.{self.key}"


FOREIGN_KEYS = (
    ForeignKey("events", "doc_id", "documents", "doc_id"),
    ForeignKey("events", "venue_id", "venues", "venue_id"),
    ForeignKey("events", "mediator_id", "actors", "actor_id"),
    ForeignKey("events", "round_id", "rounds", "round_id"),
    ForeignKey("event_actors", "event_id", "events", "event_id"),
    ForeignKey("event_actors", "actor_id", "actors", "actor_id"),
    ForeignKey("mentions", "doc_id", "documents", "doc_id"),
    ForeignKey("mentions", "entity_id", "actors", "actor_id", where=("entity_type", "actor")),
    ForeignKey("mentions", "entity_id", "venues", "venue_id", where=("entity_type", "venue")),
    ForeignKey("actors", "country", "actors", "actor_id"),
    ForeignKey("venues", "mediator_id", "actors", "actor_id"),
    ForeignKey("venues", "country", "actors", "actor_id"),
    ForeignKey("rounds", "venue_id", "venues", "venue_id"),
    ForeignKey("rounds", "mediator_id", "actors", "actor_id"),
    ForeignKey("rounds", "parties", "actors", "actor_id"),
    ForeignKey("rounds", "cancelled_by", "actors", "actor_id"),
    ForeignKey("quotes", "doc_id", "documents", "doc_id"),
    ForeignKey("quotes", "speaker_id", "actors", "actor_id"),
    ForeignKey("quotes", "about", "actors", "actor_id"),
    ForeignKey("quotes", "mediators", "actors", "actor_id"),
    # review_names.actor_id is deliberately not a key: a name found from a title is
    # listed for review even where no sentence kept it as an actor.
    ForeignKey("review_names", "first_doc_id", "documents", "doc_id"),
    # The display tables (display.py) point into the tables they were derived from.
    ForeignKey("round_events", "round_id", "rounds", "round_id"),
    ForeignKey("round_events", "event_id", "events", "event_id"),
    ForeignKey("event_actor_rows", "actor_id", "actors", "actor_id"),
    ForeignKey("rounds_display", "round_id", "rounds", "round_id"),
    ForeignKey("rounds_display", "venue_id", "venues", "venue_id"),
    ForeignKey("rounds_display", "mediator_id", "actors", "actor_id"),
    ForeignKey("rounds_display", "track_id", "actors", "actor_id"),
    ForeignKey("rounds_display", "parties", "actors", "actor_id"),
    ForeignKey("rounds_display", "cancelled_by", "actors", "actor_id"),
    ForeignKey("rounds_display", "lead_event_id", "events", "event_id"),
    ForeignKey("accusations", "doc_id", "documents", "doc_id"),
    ForeignKey("accusations", "event_id", "events", "event_id"),
    ForeignKey("accusations", "quote_id", "quotes", "quote_id"),
    ForeignKey("accusations", "mediator_id", "actors", "actor_id"),
    ForeignKey("accusations", "venue_id", "venues", "venue_id"),
    ForeignKey("accusations", "accuser_ids", "actors", "actor_id"),
    ForeignKey("accusations", "target_ids", "actors", "actor_id"),
    ForeignKey("venue_tracks", "venue_id", "venues", "venue_id"),
    ForeignKey("venue_tracks", "track_id", "actors", "actor_id"),
)
