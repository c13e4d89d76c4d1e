"""The timeline's bars: events per month and stack value, and back from selected bars to their events (no Streamlit).

Counted over integer keys (month index, stack code, dated by publication or not)
with one `np.bincount`, so a timeline of a million events sends only its bars.
A bar's key, 'YYYY-MM|stack[|publication]', is what a selection puts in the link.
`InView.monthly` and `InView.rows_of_bars` call these with the rows in view.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from dashboard.model import NO_MEDIATOR, Data

PUBLICATION = "publication"


def monthly(data: Data, stack_column: str, rows: np.ndarray) -> pd.DataFrame:
    """Events per (month, stack value, dated by publication?): the only rows a timeline sends.

    Columns: month, stack, publication (bool), n. Counted with one `np.bincount`
    over integer keys, whatever the number of events.
    """
    month, code, publication = bar_keys(data, stack_column, rows)
    dated = month >= 0
    month, code, publication = month[dated], code[dated], publication[dated]
    if not len(month):
        return pd.DataFrame(columns=["month", "stack", "publication", "n"])
    labels = stack_labels(data, stack_column)
    low, width = int(month.min()), len(labels)
    counts = np.bincount(((month - low) * width + code) * 2 + publication, minlength=0)
    keys = np.flatnonzero(counts)
    months = (keys // 2 // width + low).astype("datetime64[M]").astype("datetime64[ns]")
    return pd.DataFrame(
        {
            "month": months,
            "stack": labels[keys // 2 % width],
            "publication": (keys % 2).astype(bool),
            "n": counts[keys],
        }
    )


def rows_of_bars(data: Data, keys: Iterable[str], stack_column: str, rows: np.ndarray) -> np.ndarray:
    """Event rows in the selected timeline bars: keys 'YYYY-MM|stack' or 'YYYY-MM|stack|publication'."""
    labels = list(stack_labels(data, stack_column))
    wanted: set[tuple[int, int, int]] = set()
    for key in keys:
        parts = key.split("|")
        if len(parts) < 2 or parts[1] not in labels:
            continue
        try:
            bar_month = int(np.datetime64(parts[0], "M").astype(np.int64))
        except ValueError:
            continue
        wanted.add((bar_month, labels.index(parts[1]), int(len(parts) > 2 and parts[2] == PUBLICATION)))
    month, code, publication = bar_keys(data, stack_column, rows)
    width = len(labels)
    key = (month.astype(np.int64) * width + code) * 2 + publication
    chosen = np.array([(m * width + c) * 2 + p for m, c, p in wanted], dtype=np.int64)
    return rows[np.isin(key, chosen) & (month >= 0)]


def stack_labels(data: Data, stack_column: str) -> np.ndarray:
    """The labels of a stack column's codes, the last for 'none' (no mediator, no type)."""
    stack = data.events[stack_column]
    missing = NO_MEDIATOR if stack_column == "mediator" else "other"
    return np.append(stack.cat.categories.astype(object).to_numpy(), missing)


def bar_keys(data: Data, stack_column: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(month index, stack code, dated by publication 0/1) of the events at `rows`."""
    events = data.events
    month = events["month_index"].to_numpy()[rows].astype(np.int64)
    stack = events[stack_column]
    code = stack.cat.codes.to_numpy()[rows].astype(np.int64)
    code = np.where(code < 0, len(stack.cat.categories), code)
    basis = events["date_basis"]
    categories = list(basis.cat.categories)
    if PUBLICATION in categories:
        publication = (basis.cat.codes.to_numpy()[rows] == categories.index(PUBLICATION)).astype(np.int64)
    else:
        publication = np.zeros(len(rows), dtype=np.int64)
    return month, code, publication
