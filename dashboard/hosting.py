"""What a hosted peacetrack needs beyond `make run`: tables built on first start, and a
plain statement of which data it serves and when that was built, without server paths.

A fresh host (Streamlit Community Cloud, a new clone) has no `data/processed/`: it is
built from `seeds/` once, by the first session, while the others wait for it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st

from dashboard import loading

SEEDS = loading.REPO_ROOT / "seeds"


def tables_present(table_dir: Path) -> bool:
    return all((Path(table_dir) / f"{name}.parquet").exists() for name in loading.REQUIRED)


INPUTS = ("seeds/*", "data_prep/codebook/*", "data_prep/*.py")  # what `make build` rebuilds on, too


def ensure_tables(table_dir: Path) -> None:
    """Build the default tables from seeds/ when they are absent or older than their inputs
    (first start on a new host, or a host that pulled new articles or code).

    Tables chosen with PEACETRACK_TABLES are never built here: whoever chose them
    builds them, and the app says so when they are missing.
    """
    if os.environ.get(loading.ENV_VAR, "").strip():
        return
    newest = newest_input()
    if tables_present(table_dir) and (built := built_at(table_dir)) and built.timestamp() >= newest:
        return
    _build_once(str(table_dir), newest)


def newest_input() -> float:
    """Modification time of the newest article, codebook file or build module."""
    times = [p.stat().st_mtime for pattern in INPUTS for p in loading.REPO_ROOT.glob(pattern) if p.is_file()]
    return max(times, default=0.0)


@st.cache_resource(show_spinner="Building the tables from seeds/ (first start, or the articles changed) …")
def _build_once(table_dir: str, newest_input: float) -> dict[str, object]:
    """One build per server and inputs, however many sessions arrive at once
    (cache_resource computes a key once while the others wait)."""
    from data_prep import pipeline

    report = pipeline.build(_relative(SEEDS), Path(table_dir))
    return {"documents_read": report.documents_read, "seconds": report.seconds}


def _relative(path: Path) -> Path:
    """`path` relative to the working directory where possible, so the tables record no server path."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return path


def shown_path(path: str | Path) -> str:
    """A folder as a viewer may see it: relative to the repository, else only its name."""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.resolve().relative_to(loading.REPO_ROOT.resolve()).as_posix()
    except ValueError:
        return path.name or "(tables)"


def built_at(table_dir: str | Path) -> dt.datetime | None:
    """When the tables were written (the events table's modification time, UTC)."""
    try:
        stamp = (Path(table_dir) / "events.parquet").stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)


def describe_tables(table_dir: str | Path, report: dict[str, object] | None) -> str:
    """Markdown: which tables this server shows, built from what, and when.

    >>> describe_tables("data/processed", {"input_dir": "seeds", "documents_read": 5})  # doctest: +SKIP
    '**Data:** tables in `data/processed`, built from `seeds` (5 documents) on 2026-12-01 06:40 UTC'
    """
    parts = [f"**Data:** tables in `{_code(shown_path(table_dir))}`"]
    if report and report.get("input_dir"):
        read = report.get("documents_read")
        count = f" ({int(read)} documents)" if isinstance(read, int) else ""
        parts.append(f", built from `{_code(shown_path(str(report['input_dir'])))}`{count}")
    else:
        parts.append(", built")
    when = built_at(table_dir)
    parts.append(f" on {when:%Y-%m-%d %H:%M} UTC" if when else " (build time unknown)")
    return "".join(parts) + "."


def _code(text: str) -> str:
    """Text safe inside a Markdown code span."""
    return text.replace("`", "'")
