"""Dates as the build writes them ('YYYY', 'YYYY-MM', 'YYYY-MM-DD') read as periods, vectorised.

A date known to the month covers the whole month, one known to the year the whole
year: the views filter and plot by a period's first and last day. Kept apart from
the table preparation because charts, quotes and tests read single dates too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def date_periods(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """('YYYY[-MM[-DD]]') -> first and last day of the period; NaT where unparseable. Vectorised."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    length = text.str.len()
    start = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    end = start.copy()
    for size, suffix, offset in (
        (10, "", None),
        (7, "-01", pd.offsets.MonthEnd(0)),
        (4, "-01-01", pd.offsets.YearEnd(0)),
    ):
        part = length == size
        if part.any():
            first = pd.to_datetime(text[part] + suffix, format="%Y-%m-%d", errors="coerce")
            start[part] = first
            end[part] = first if offset is None else first + offset
    return start, end


def date_period(value: str | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str | None]:
    """One 'YYYY[-MM[-DD]]' -> first day, last day and precision; Nones when unparseable."""
    start, end = date_periods(pd.Series([value], dtype=object))
    if value is None or pd.isna(start.iloc[0]):
        return None, None, None
    return start.iloc[0], end.iloc[0], {10: "day", 7: "month", 4: "year"}[len(value)]


def categorical_periods(dates: pd.Categorical) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start day, end day and month of a categorical of date strings, parsing each distinct value once.

    The month is NaT for a date known only to the year: it belongs to no month.
    """
    categories = pd.Series(dates.categories.astype(object))
    start, end = date_periods(categories)
    month = start.dt.to_period("M").dt.to_timestamp().where(categories.astype(str).str.len() > 4)
    nat = np.datetime64("NaT", "ns")
    codes = np.asarray(dates.codes)
    out = []
    for values in (start, end, month):
        table = np.append(values.to_numpy(dtype="datetime64[ns]"), nat)
        out.append(table[codes])
    return out[0], out[1], out[2]


def dated_by(precision: pd.Series, basis: pd.Series) -> pd.Series:
    """'day · explicit', 'month · publication', or '—' for no date: how a date was arrived at."""
    p = precision.astype(object).where(precision.notna(), "")
    b = basis.astype(object).where(basis.notna(), "")
    text = (p.astype(str) + " · " + b.astype(str)).str.strip(" ·")
    return text.where(text != "", "—")
