"""Tables: tidy frames, checked against the contract (schemas.py), written atomically.

Every frame is validated against its declared schema and the foreign keys before
anything touches the disk, and a build writes into a temporary folder that replaces
the old tables only once all of them are complete: a failed build leaves the
previous tables as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.errors

from .errors import IntegrityError, SchemaViolation
from .schemas import (
    ACTOR_KINDS,
    ALL_TABLES,
    CONTRACT,
    CORE_TABLES,
    EVENT_TYPES,
    FOREIGN_KEYS,
    ROLES,
    SCHEMAS,
    TALKS_STATUSES,
    ForeignKey,
)
from .spreadsheet import to_csv_text

__all__ = [
    "ACTOR_KINDS",
    "ALL_TABLES",
    "CONTRACT",
    "CORE_TABLES",
    "EVENT_TYPES",
    "FOREIGN_KEYS",
    "ROLES",
    "SCHEMAS",
    "TALKS_STATUSES",
    "IntegrityError",
    "SchemaViolation",
    "empty_frame",
    "frame",
    "read_tables",
    "validate",
    "write_tables",
]


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the columns of table `name`, in contract order."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in CONTRACT[name].columns})


def frame(name: str, rows: Sequence[Mapping[str, Any]] | Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """Build table `name` from row dicts (or tuples in contract order), columns in contract order, nulls as None."""
    columns = list(CONTRACT[name].columns)
    if not rows:
        return empty_frame(name)
    df = pd.DataFrame.from_records(rows, columns=columns)
    for column, spec in CONTRACT[name].columns.items():
        if str(spec.dtype) in ("int64", "float64", "bool"):
            df[column] = df[column].astype(str(spec.dtype))
        else:
            df[column] = df[column].astype(object).where(df[column].notna(), None)
    return df


def validate(tables: Mapping[str, pd.DataFrame]) -> Mapping[str, pd.DataFrame]:
    """Check every contract table present against its schema, and the foreign keys
    between them. The core tables must all be there.

    Raises `SchemaViolation` or `IntegrityError`; returns the tables.
    """
    return validate_tables(tables)


def validate_tables(tables: Mapping[str, pd.DataFrame], require_core: bool = True) -> Mapping[str, pd.DataFrame]:
    """`validate`, where the core tables may be left out (`require_core=False`): a build
    that writes its per-article tables a run at a time checks the others first."""
    missing = set(CORE_TABLES) - set(tables)
    if missing and require_core:
        raise IntegrityError(f"missing tables: {sorted(missing)}")
    for name in ALL_TABLES:
        if name in tables:
            check_schema(name, tables[name])
    for key in FOREIGN_KEYS:
        if key.table in tables and key.target in tables:
            check_key(key, tables[key.table], tables[key.target])
    return tables


def check_keys(tables: Mapping[str, pd.DataFrame], touching: Iterable[str]) -> None:
    """Raise IntegrityError unless the foreign keys from or into the tables named in
    `touching` hold (keys between the other tables were checked when they were made)."""
    touched = set(touching)
    for key in FOREIGN_KEYS:
        if key.table in tables and key.target in tables and {key.table, key.target} & touched:
            check_key(key, tables[key.table], tables[key.target])


def load_validation() -> None:
    """Load pandera's validation backends now: a process's first validation imports
    them (most of a second), and worker processes forked after this inherit them."""
    from pandera.backends.pandas.register import register_pandas_backends
    from pandera.config import CONFIG

    register_pandas_backends(f"{pd.DataFrame.__module__}.DataFrame", use_narwhals_backend=CONFIG.use_narwhals_backend)


def check_schema(name: str, df: pd.DataFrame) -> None:
    """Raise SchemaViolation unless `df` fits the schema of table `name`."""
    expected = list(CONTRACT[name].columns)
    if not len(df):
        # An empty frame has no values to type; its columns must still be the contract's.
        if list(df.columns) != expected:
            raise SchemaViolation(f"table {name}: columns {list(df.columns)}, expected {expected}")
        return
    try:
        CONTRACT[name].validate(df)
    except pandera.errors.SchemaError as error:
        first_line = str(error).strip().splitlines()[0]
        raise SchemaViolation(f"table {name}: {first_line}") from error


def check_key(key: ForeignKey, table: pd.DataFrame, target: pd.DataFrame) -> None:
    """Raise IntegrityError unless every id of `key` in `table` is found in `target`."""
    if not len(table):
        return
    column = table[key.column]
    if key.where is not None:
        column = column[table[key.where[0]] == key.where[1]]
    unknown = _id_set(column) - _id_set(target[key.key])
    if unknown:
        raise IntegrityError(f"{key}: {len(unknown)} id(s) not found, e.g. {sorted(unknown)[:5]}")


def _id_set(column: pd.Series) -> set[str]:
    """The ids in a column of ids or of lists of ids, nulls left out (a column of plain ids at numpy's
    speed: `tolist` first, since iterating a column read back from Parquet goes value by value)."""
    try:
        return set(column.dropna().unique().tolist())
    except TypeError:  # lists are unhashable: a column of lists of ids
        return set(_ids(column))


def _ids(column: pd.Series) -> Iterable[str]:
    """The ids in a column of ids or of lists of ids, nulls left out."""
    for value in column:
        if isinstance(value, (list, tuple, np.ndarray)):
            yield from value
        elif value is not None and not pd.isna(value):
            yield value


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    out_dir: Path | str,
    extra: Mapping[str, pd.DataFrame] | None = None,
    files: Mapping[str, str] | None = None,
) -> None:
    """Validate, then write each table as Parquet and CSV, replacing `out_dir` atomically.

    `extra` frames (outside the contract, written as they are) and text `files` go
    in the same folder.

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
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, out_dir: Path) -> None:
    """Put the complete folder `staging` where `out_dir` was, the old one removed only once it is out of the way."""
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


def read_tables(table_dir: Path | str, names: Iterable[str] = CORE_TABLES) -> dict[str, pd.DataFrame]:
    """Read the Parquet tables a build wrote; tables that are missing are left out."""
    table_dir = Path(table_dir)
    return {
        name: pd.read_parquet(table_dir / f"{name}.parquet")
        for name in names
        if (table_dir / f"{name}.parquet").exists()
    }
