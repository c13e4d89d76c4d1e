"""Compare two builds' tables: are they the same, and if not, where do they differ?

A refactor, a build in several processes or a cached build must give the tables a
clean build gives. `compare_builds(a, b)` checks that, table by table: the same
Parquet files, the same columns with the same Arrow types, the same rows in the
same order, the same CSV twins, and the same build report, less what is allowed to
differ between two runs (where the files were and how long it took).

    >>> compare_builds("tables-before", "tables-after").identical   # doctest: +SKIP
    True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

# Columns that name where a build read its files: equal only when both builds ran
# from the same folder with the same arguments.
PATH_COLUMNS = ("path",)
# Build report keys that differ between any two runs (`run`: workers, cache, cluster).
VOLATILE_REPORT_KEYS = ("input_dir", "out_dir", "seconds", "run")


@dataclass
class Comparison:
    """The outcome: the tables compared and every difference found, in words."""

    a: Path
    b: Path
    tables: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.differences

    def summary(self) -> str:
        if self.identical:
            return f"identical: {len(self.tables)} tables ({', '.join(self.tables)}) and the build report"
        return "\n".join([f"{len(self.differences)} difference(s):", *(f"  - {d}" for d in self.differences)])


def compare_builds(
    a: Path | str,
    b: Path | str,
    ignore_columns: Iterable[str] = PATH_COLUMNS,
    ignore_report_keys: Iterable[str] = VOLATILE_REPORT_KEYS,
) -> Comparison:
    """Compare the tables in folders `a` and `b` (as `build` writes them).

    `ignore_columns` are left out of every table and CSV twin (by default the
    documents' file paths); `ignore_report_keys` out of build_report.json.
    """
    a, b = Path(a), Path(b)
    result = Comparison(a, b)
    ignored = set(ignore_columns)
    names_a = {p.stem for p in a.glob("*.parquet")}
    names_b = {p.stem for p in b.glob("*.parquet")}
    result.differences += [f"{name}: only in {a}" for name in sorted(names_a - names_b)]
    result.differences += [f"{name}: only in {b}" for name in sorted(names_b - names_a)]
    for name in sorted(names_a & names_b):
        result.tables.append(name)
        result.differences += _compare_table(name, a, b, ignored)
    result.differences += _compare_reports(a, b, set(ignore_report_keys))
    return result


def _compare_table(name: str, a: Path, b: Path, ignored: set[str]) -> list[str]:
    schema_a = [(f.name, str(f.type)) for f in pq.read_schema(a / f"{name}.parquet") if f.name not in ignored]
    schema_b = [(f.name, str(f.type)) for f in pq.read_schema(b / f"{name}.parquet") if f.name not in ignored]
    if schema_a != schema_b:
        return [f"{name}: columns differ: {schema_a} vs {schema_b}"]
    frame_a = _without(pd.read_parquet(a / f"{name}.parquet"), ignored)
    frame_b = _without(pd.read_parquet(b / f"{name}.parquet"), ignored)
    differences = []
    try:
        pd.testing.assert_frame_equal(frame_a, frame_b, check_exact=True)
    except AssertionError as error:
        differences.append(f"{name}: {_first_lines(str(error))}")
    differences += _compare_csv(name, a, b, ignored)
    return differences


def _compare_csv(name: str, a: Path, b: Path, ignored: set[str]) -> list[str]:
    csv_a, csv_b = a / f"{name}.csv", b / f"{name}.csv"
    if not csv_a.exists() or not csv_b.exists():
        return [] if csv_a.exists() == csv_b.exists() else [f"{name}.csv: only in one build"]
    text_a, text_b = (_without(_read_csv_text(p), ignored) for p in (csv_a, csv_b))
    if not text_a.equals(text_b):
        return [f"{name}.csv: the CSV twins differ"]
    return []


def _read_csv_text(path: Path) -> pd.DataFrame:
    """A CSV as written, every cell kept as its text (no type guessing, blanks stay blank)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _without(df: pd.DataFrame, columns: set[str]) -> pd.DataFrame:
    return df.drop(columns=[c for c in df.columns if c in columns]).reset_index(drop=True)


def _compare_reports(a: Path, b: Path, ignored: set[str]) -> list[str]:
    reports = [_report(folder, ignored) for folder in (a, b)]
    if reports[0] != reports[1]:
        keys = sorted(k for k in set(reports[0]) | set(reports[1]) if reports[0].get(k) != reports[1].get(k))
        return [f"build_report.json: differs in {', '.join(keys)}"]
    return []


def _report(folder: Path, ignored: set[str]) -> dict[str, Any]:
    path = folder / "build_report.json"
    if not path.exists():
        return {}
    report = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in report.items() if k not in ignored} if isinstance(report, dict) else {"": report}


def _first_lines(text: str, n: int = 4) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[:n] if line.strip())
