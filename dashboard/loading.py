"""Find and read the tables a data_prep build wrote, without any Streamlit.

The app wraps `load` in `st.cache_data` keyed on `table_signature`, so a rebuild
(new modification times) is picked up on the next rerun while unchanged tables
are read once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from data_prep.tables import SCHEMAS, read_tables

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TABLES = REPO_ROOT / "data" / "processed"
ENV_VAR = "PEACETRACK_TABLES"
REQUIRED = tuple(SCHEMAS)  # documents, actors, venues, events, event_actors, mentions
OPTIONAL = ("rounds", "quotes")
BUILD_COMMAND = "python -m data_prep build seeds --out data/processed"


class TablesMissing(FileNotFoundError):
    """The table folder lacks a required table: the app explains how to build it."""


def tables_dir() -> Path:
    """The folder the app reads: $PEACETRACK_TABLES, else data/processed in the repo."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_TABLES


def table_signature(table_dir: Path) -> tuple:
    """(file, mtime_ns, size) of every input file: the cache key for `load`."""
    table_dir = Path(table_dir)
    files = [f"{name}.parquet" for name in REQUIRED + OPTIONAL] + ["build_report.json"]
    signature = []
    for name in files:
        path = table_dir / name
        if path.exists():
            stat = path.stat()
            signature.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


def load(table_dir: Path) -> dict[str, object]:
    """Read the required tables, the optional ones that exist, and the build report.

    Raises `TablesMissing` naming the absent tables.
    """
    table_dir = Path(table_dir)
    missing = [name for name in REQUIRED if not (table_dir / f"{name}.parquet").exists()]
    if missing:
        raise TablesMissing(f"{table_dir} has no {', '.join(missing)} table(s)")
    tables: dict[str, object] = dict(read_tables(table_dir, REQUIRED + OPTIONAL))
    tables["build_report"] = read_build_report(table_dir)
    tables["table_dir"] = str(table_dir)
    return tables


def read_build_report(table_dir: Path) -> dict | None:
    """`build_report.json` as a dict, or None when absent or unreadable."""
    path = Path(table_dir) / "build_report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def resolve_document_path(path: str, table_dir: Path | None = None) -> Path | None:
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


def read_document_text(path: str, table_dir: Path | None = None) -> str | None:
    """The article text the offsets point into, read exactly as the build read it; None if unreadable."""
    resolved = resolve_document_path(path, table_dir)
    if resolved is None:
        return None
    try:
        from data_prep.reading import document_text  # the build's own reader (HTML reduced to text, ...)
    except ImportError:
        document_text = None
    try:
        return document_text(resolved) if document_text else resolved.read_text(encoding="utf-8")
    except (OSError, ValueError):  # ValueError covers UnicodeDecodeError and UnreadableFile
        return None


def frame_or_none(tables: dict, name: str) -> pd.DataFrame | None:
    """An optional table if it was built and is not empty."""
    df = tables.get(name)
    return df if isinstance(df, pd.DataFrame) and len(df) else None
