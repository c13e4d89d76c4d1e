"""The table contract: schemas, tidy frames and atomic writes.

The dashboard and outside checks read exactly these tables, so every frame is
validated against its declared schema before anything touches the disk, and a
build writes into a temporary folder that replaces the old tables only once all
of them are complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .spreadsheet import to_csv_text

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


def _optional(dtype, *checks: pa.Check) -> pa.Column:
    return pa.Column(dtype, checks=list(checks), nullable=True)


def _required(dtype, *checks: pa.Check) -> pa.Column:
    return pa.Column(dtype, checks=list(checks), nullable=False)


def _one_of(values) -> pa.Check:
    return pa.Check.isin(list(values))


# Lists come back from Parquet as numpy arrays; both are lists of names here.
_is_list = pa.Check(lambda s: s.map(lambda v: isinstance(v, (list, tuple, np.ndarray))).all(), error="must be a list")

SCHEMAS: dict[str, pa.DataFrameSchema] = {
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
        },
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
        strict=True,
    ),
}

TABLE_NAMES = tuple(SCHEMAS)


class IntegrityError(ValueError):
    """Tables that each pass their schema but do not fit together."""


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the columns of table `name`, in contract order."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in SCHEMAS[name].columns})


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """Build table `name` from row dicts, columns in contract order, nulls as None."""
    columns = list(SCHEMAS[name].columns)
    if not rows:
        return empty_frame(name)
    df = pd.DataFrame.from_records(rows, columns=columns)
    for column, spec in SCHEMAS[name].columns.items():
        if str(spec.dtype) in ("int64", "float64"):
            df[column] = df[column].astype(str(spec.dtype))
        else:
            df[column] = df[column].astype(object).where(df[column].notna(), None)
    return df


def validate(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Check every table against its schema and the foreign keys between them.

    Raises `pandera.errors.SchemaError` or `IntegrityError`; returns the tables.
    """
    missing = set(SCHEMAS) - set(tables)
    if missing:
        raise IntegrityError(f"missing tables: {sorted(missing)}")
    for name, schema in SCHEMAS.items():
        if len(tables[name]):
            schema.validate(tables[name])
    check_integrity(tables)
    return tables


def check_integrity(tables: dict[str, pd.DataFrame]) -> None:
    """Every id a table points to exists in the table it names."""
    doc_ids = set(tables["documents"]["doc_id"])
    actor_ids = set(tables["actors"]["actor_id"])
    venue_ids = set(tables["venues"]["venue_id"])
    event_ids = set(tables["events"]["event_id"])
    events, event_actors, mentions = tables["events"], tables["event_actors"], tables["mentions"]

    def ensure(values, known, what):
        unknown = {v for v in values if v is not None and not pd.isna(v)} - known
        if unknown:
            raise IntegrityError(f"{what} not found: {sorted(unknown)[:5]}")

    ensure(events["doc_id"], doc_ids, "events.doc_id")
    ensure(events["venue_id"], venue_ids, "events.venue_id")
    ensure(events["mediator_id"], actor_ids, "events.mediator_id")
    ensure(event_actors["event_id"], event_ids, "event_actors.event_id")
    ensure(event_actors["actor_id"], actor_ids, "event_actors.actor_id")
    ensure(mentions["doc_id"], doc_ids, "mentions.doc_id")
    ensure(mentions.loc[mentions["entity_type"] == "actor", "entity_id"], actor_ids, "mentions actor")
    ensure(mentions.loc[mentions["entity_type"] == "venue", "entity_id"], venue_ids, "mentions venue")
    ensure(tables["actors"]["country"], actor_ids, "actors.country")
    ensure(tables["venues"]["mediator_id"], actor_ids, "venues.mediator_id")
    if len(events) and (events["char_end"] < events["char_start"]).any():
        raise IntegrityError("events with char_end before char_start")


def write_tables(
    tables: dict[str, pd.DataFrame],
    out_dir: Path,
    extra: dict[str, pd.DataFrame] | None = None,
    files: dict[str, str] | None = None,
) -> None:
    """Validate, then write each table as Parquet and CSV, replacing `out_dir` atomically.

    `extra` frames (not part of the contract) and text `files` go in the same folder.

    The new tables are written to a sibling temporary folder first; the old folder
    is swapped out only when every file is complete, so a failure at any point
    leaves the previous build intact.
    """
    validate(tables)
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for name, df in {**tables, **(extra or {})}.items():
            df.to_parquet(staging / f"{name}.parquet", index=False)
            (staging / f"{name}.csv").write_text(to_csv_text(df), encoding="utf-8")
        for name, content in (files or {}).items():
            (staging / name).write_text(content, encoding="utf-8")
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    os.rmdir(retired)
    os.replace(out_dir, retired)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        os.replace(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def read_tables(table_dir: Path, names=TABLE_NAMES) -> dict[str, pd.DataFrame]:
    """Read the Parquet tables a build wrote; missing optional tables are skipped."""
    table_dir = Path(table_dir)
    return {
        name: pd.read_parquet(table_dir / f"{name}.parquet")
        for name in names
        if (table_dir / f"{name}.parquet").exists()
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
