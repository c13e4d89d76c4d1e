"""Find and read the tables a data_prep build wrote, fast and without any Streamlit.

Read once per build (the app keeps the result in `st.cache_resource`, shared by
every session and never pickled). Repeated strings are read straight into
categoricals (Parquet dictionaries), only the columns the views use are read, and
the display tables the build derived (`data_prep.display`) are read as they are.
A folder built before those display tables existed still opens: they are then
derived here, once, by the build's own code.

What only one view needs is read when that view first asks: quotes, an
article's mentions, the event columns only an export writes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from data_prep.display import DISPLAY_TABLES
from data_prep.tables import SCHEMAS

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TABLES = REPO_ROOT / "data" / "processed"
ENV_VAR = "PEACETRACK_TABLES"
REQUIRED = tuple(SCHEMAS)  # documents, actors, venues, events, event_actors, mentions
OPTIONAL = ("rounds", "quotes", "review_names", *DISPLAY_TABLES)
BUILD_COMMAND = "python -m data_prep build seeds --out data/processed"

EVENT_COLUMNS = (
    "event_id",
    "doc_id",
    "event_type",
    "status",
    "date",
    "date_precision",
    "date_basis",
    "date_text",
    "venue_id",
    "mediator_id",
    "sentence",
    "char_start",
    "char_end",
)
REPEATED = (
    "doc_id",
    "event_type",
    "status",
    "date",
    "date_precision",
    "date_basis",
    "date_text",
    "venue_id",
    "mediator_id",
)
DOCUMENT_COLUMNS = ("doc_id", "title", "source", "published", "published_basis", "url", "path", "n_words", "sha256")
DISPLAY_DICTIONARIES = {"event_actor_rows": ("actor_id", "role"), "round_events": ("round_id",)}
CHECKED_ROWS = 256  # event rows of the display tables checked against the events table before trusting them


class TablesMissing(FileNotFoundError):
    """The table folder lacks a required table: the app explains how to build it."""


def tables_dir() -> Path:
    """The folder the app reads: $PEACETRACK_TABLES, else data/processed in the repo."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_TABLES


Signature = tuple[tuple[str, int, int], ...]


def table_signature(table_dir: str | Path) -> Signature:
    """(file, mtime_ns, size) of every input file: a rebuild changes it, so the app reloads."""
    table_dir = Path(table_dir)
    signature: list[tuple[str, int, int]] = []
    for name in [f"{n}.parquet" for n in REQUIRED + OPTIONAL] + ["build_report.json"]:
        path = table_dir / name
        if path.exists():
            stat = path.stat()
            signature.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


def build_date(table_dir: str | Path) -> str:
    """The day (UTC) the tables were written: the events table's modification time."""
    path = Path(table_dir) / "events.parquet"
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date().isoformat() if path.exists() else "unknown"


def load(table_dir: str | Path) -> dict[str, object]:
    """Every table the dashboard starts with, as pandas frames (repeated strings as categoricals).

    Raises `TablesMissing` naming the absent required tables.
    """
    table_dir = Path(table_dir)
    missing = [name for name in REQUIRED if not (table_dir / f"{name}.parquet").exists()]
    if missing:
        raise TablesMissing(f"{table_dir} has no {', '.join(missing)} table(s)")
    documents = _read(table_dir, "documents", DOCUMENT_COLUMNS, dictionary=("source", "published_basis"))
    events = _read_events(table_dir, documents)
    tables: dict[str, object] = {
        "events": events,
        "documents": documents,
        "actors": pd.read_parquet(table_dir / "actors.parquet"),
        "venues": pd.read_parquet(table_dir / "venues.parquet"),
        "review_names": _optional(table_dir, "review_names"),
    }
    display: dict[str, pd.DataFrame | None] = {
        name: _optional(table_dir, name, dictionary=DISPLAY_DICTIONARIES.get(name, ())) for name in DISPLAY_TABLES
    }
    if any(df is None for df in display.values()) or not _rows_match(events, display["round_events"]):
        display = dict(derive_display(table_dir))
    tables |= display
    tables["build_report"] = read_build_report(table_dir)
    tables["table_dir"] = str(table_dir)
    tables["built"] = build_date(table_dir)
    tables["signature"] = table_signature(table_dir)
    return tables


def derive_display(table_dir: Path) -> dict[str, pd.DataFrame]:
    """The display tables of a folder built without them (or whose event rows no longer match)."""
    from data_prep import display
    from data_prep.tables import read_tables

    raw = read_tables(table_dir, names=(*REQUIRED, "rounds", "quotes"))
    frames = {name: raw[name] for name in REQUIRED}
    extra: dict[str, pd.DataFrame] = {name: raw[name] for name in ("rounds", "quotes") if name in raw}
    try:
        from data_prep.codebook import load as load_codebook

        codebook = load_codebook()
    except Exception:  # a broken codebook must not keep the tables from showing
        codebook = None
    return display.derive(frames, extra, codebook)


def read_quotes(table_dir: str | Path) -> pd.DataFrame | None:
    """The quotes table, or None when the build wrote none."""
    return _optional(Path(table_dir), "quotes")


def read_mentions(table_dir: str | Path, doc_id: str) -> pd.DataFrame:
    """The names marked in one article: read for that article only."""
    path = Path(table_dir) / "mentions.parquet"
    columns = ["entity_type", "entity_id", "char_start", "char_end"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    mentions: pd.DataFrame = pq.read_table(path, columns=columns, filters=[("doc_id", "=", doc_id)]).to_pandas()
    return mentions


def read_event_columns(table_dir: str | Path, columns: list[str], rows: np.ndarray) -> pd.DataFrame:
    """`columns` of the events table at row numbers `rows` (for exports: columns the views never read)."""
    path = Path(table_dir) / "events.parquet"
    present = [c for c in columns if c in pq.read_schema(path).names]
    frame: pd.DataFrame = pq.read_table(path, columns=present).take(rows).to_pandas()
    return frame.reset_index(drop=True)


def read_build_report(table_dir: str | Path) -> dict[str, object] | None:
    """`build_report.json` as a dict, or None when absent or unreadable."""
    path = Path(table_dir) / "build_report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def resolve_document_path(path: str, table_dir: str | Path | None = None) -> Path | None:
    """Where a documents.path points: as given, else relative to the repo or table folder."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate if candidate.exists() else None
    bases = [Path.cwd(), REPO_ROOT]
    if table_dir is not None:
        bases += [Path(table_dir), Path(table_dir).parent, Path(table_dir).parent.parent]
    for base in bases:
        if (base / candidate).exists():
            return base / candidate
    return None


def read_document_text(path: str, table_dir: str | Path | None = None) -> str | None:
    """The article text the offsets point into, read exactly as the build read it; None if unreadable."""
    resolved = resolve_document_path(path, table_dir)
    if resolved is None:
        return None
    read: Callable[[Path], str]
    try:
        from data_prep.reading import document_text  # the build's own reader (HTML reduced to text, ...)

        read = document_text
    except ImportError:
        read = _read_utf8
    try:
        return read(resolved)
    except (OSError, ValueError):  # ValueError covers UnicodeDecodeError and UnreadableFile
        return None


def _read_utf8(path: Path) -> str:
    """The fallback reader when the build's is not importable: the file as UTF-8 text."""
    return path.read_text(encoding="utf-8")


def _read(table_dir: Path, name: str, columns: Iterable[str], dictionary: Iterable[str] = ()) -> pd.DataFrame:
    path = table_dir / f"{name}.parquet"
    present = set(pq.read_schema(path).names)
    wanted = [c for c in columns if c in present]
    table = pq.read_table(path, columns=wanted, read_dictionary=[c for c in dictionary if c in present])
    frame: pd.DataFrame = table.to_pandas()
    for column in columns:
        if column not in frame:
            frame[column] = None
    return frame


def _read_events(table_dir: Path, documents: pd.DataFrame) -> pd.DataFrame:
    """The events' columns the views read, each event's document as its row in `documents` (`doc_row`).

    A million document ids are matched through the Parquet dictionary, once per distinct id.
    """
    path = table_dir / "events.parquet"
    present = set(pq.read_schema(path).names)
    columns = [c for c in EVENT_COLUMNS if c in present]
    table = pq.read_table(path, columns=columns, read_dictionary=[c for c in (*REPEATED, "doc_id") if c in present])
    doc = table["doc_id"].combine_chunks()
    found = pc.index_in(doc.dictionary, value_set=pa.array(documents["doc_id"].astype(object), type=pa.string()))
    doc_row = pc.take(pc.fill_null(found, -1), doc.indices).to_numpy(zero_copy_only=False).astype(np.int32)
    frame: pd.DataFrame = (
        table.drop_columns(["doc_id"]).combine_chunks().to_pandas()
    )  # one chunk: row lookups stay cheap
    frame.insert(1, "doc_row", doc_row)
    for column in EVENT_COLUMNS:
        if column not in frame and column != "doc_id":
            frame[column] = None
    return frame


def _optional(table_dir: Path, name: str, dictionary: Iterable[str] = ()) -> pd.DataFrame | None:
    path = table_dir / f"{name}.parquet"
    if not path.exists():
        return None
    present = set(pq.read_schema(path).names)
    table = pq.read_table(path, read_dictionary=[c for c in dictionary if c in present])
    frame: pd.DataFrame = table.to_pandas(types_mapper=_lists_as_arrow)
    return frame


def _lists_as_arrow(arrow_type: pa.DataType) -> pd.ArrowDtype | None:
    """List columns stay Arrow-backed: no Python list per row (ids lists are labelled only when shown)."""
    return pd.ArrowDtype(arrow_type) if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type) else None


def _rows_match(events: pd.DataFrame, round_events: pd.DataFrame | None) -> bool:
    """Do the display tables' event row numbers still point at the same events? (a spread sample)"""
    if round_events is None or "event_row" not in round_events:
        return False
    if round_events.empty:
        return True
    rows = round_events["event_row"].to_numpy()
    if rows.max() >= len(events) or rows.min() < 0:
        return False
    sample = np.linspace(0, len(rows) - 1, min(CHECKED_ROWS, len(rows))).astype(int)
    ids = events["event_id"].to_numpy()[rows[sample]]
    return bool((ids == round_events["event_id"].to_numpy()[sample]).all())


def frame_or_none(tables: Mapping[str, object], name: str) -> pd.DataFrame | None:
    """An optional table if it was built and is not empty."""
    df = tables.get(name)
    return df if isinstance(df, pd.DataFrame) and len(df) else None
