"""Small readers of table cells shared by the display tables: list cells, date precision."""

from __future__ import annotations

import numpy as np
import pandas as pd

PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}


def precision_of(dates: pd.Series) -> pd.Series:
    """'YYYY-MM-DD' -> day, 'YYYY-MM' -> month, 'YYYY' -> year; None where there is no date."""
    lengths = dates.astype(object).where(dates.notna(), "").astype(str).str.len()
    return lengths.map(PRECISION_BY_LENGTH).astype(object).where(lengths.isin(list(PRECISION_BY_LENGTH)), None)


def as_list(value: object) -> list[str]:
    """A list cell as a list of ids, whatever Parquet gave back (None, NaN, a string, an array)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[attr-defined]  # an array or list of ids
