"""Column helpers for preparing the tables: display labels, categoricals, id positions, lists.

All vectorised over categories or Arrow arrays, so preparing a million events never
loops over rows in Python. Shared by the table preparation and the pure modules
(quotes, compare, charts) that look ids up the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

# What a column of ids can arrive as: a Series (often categorical), an array, or a list.
Ids = pd.Series | pd.Index | np.ndarray | Sequence[str | None]


def unique_labels(ids: pd.Series, names: pd.Series) -> dict[str, str]:
    """id -> display name, with the id appended where two ids share a name.

    Widgets put these labels in share links, so they must be unique.
    """
    ids = ids.astype(object).astype(str).reset_index(drop=True)
    names = names.astype(object).reset_index(drop=True)
    names = names.where(names.notna(), ids).astype(str)
    duplicated = names.duplicated(keep=False)
    labels = names.where(~duplicated, names + " (" + ids + ")")
    return dict(zip(ids, labels))


def as_categorical(values: Ids, categories: Iterable[str]) -> pd.Categorical:
    """`values` (strings, categorical or None) as a categorical over exactly `categories`."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        recoded: pd.Categorical = values.cat.set_categories(list(categories)).array
        return recoded
    series = pd.Series(values, dtype=object)
    return pd.Categorical(series.where(series.notna(), None), categories=list(categories))


def relabel(values: pd.Categorical, labels: dict[str, str], categories: list[str] | None = None) -> pd.Categorical[str]:
    """Categorical of ids -> categorical of their labels (same rows), over `categories` when given."""
    ids = values.categories.astype(object)
    names = [labels.get(i, str(i)) for i in ids]
    wanted = categories if categories is not None else sorted(set(names), key=str.casefold)
    position = {label: i for i, label in enumerate(wanted)}
    recode = np.array([position.get(n, -1) for n in names] + [-1], dtype=np.int32)
    codes: np.ndarray[tuple[int], np.dtype[np.int32]] = recode[values.codes]
    return pd.Categorical.from_codes(codes, categories=pd.Index(wanted))


def flatten_lists(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(row position, value) for every element of a column of lists (Arrow-backed or Python)."""
    if isinstance(values.dtype, pd.ArrowDtype):
        import pyarrow.compute as pc

        chunked = values.array.__arrow_array__()
        array = chunked.combine_chunks() if hasattr(chunked, "combine_chunks") else chunked
        return (
            pc.list_parent_indices(array).to_numpy().astype(np.int64),
            pc.list_flatten(array).to_numpy(zero_copy_only=False).astype(object),
        )
    rows = [(i, v) for i, items in enumerate(values) if items is not None for v in items]
    return np.array([r for r, _ in rows], dtype=np.int64), np.array([v for _, v in rows], dtype=object)


def positions(index_ids: Ids, ids: Ids) -> np.ndarray:
    """Position of each of `ids` in `index_ids` (-1 where absent); a categorical is looked up once per category."""
    index = pd.Index(pd.Series(index_ids, dtype=object))
    if isinstance(ids, pd.Series) and isinstance(ids.dtype, pd.CategoricalDtype):
        found = np.append(index.get_indexer(pd.Index(pd.Series(ids.cat.categories, dtype=object))), -1)
        at_codes: np.ndarray = found[np.asarray(ids.cat.codes)]
        return at_codes
    found_at: np.ndarray = index.get_indexer(pd.Index(pd.Series(ids, dtype=object)))
    return found_at


def categorical(values: pd.Series) -> pd.Series:
    """`values` as a categorical (it usually is one already, read from a Parquet dictionary)."""
    return values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype(object).astype("category")


def names_of(ids: Iterable[str] | float | None, labels: Mapping[str, str]) -> str:
    """'Armenia, Azerbaijan': the labels of a list of ids, sorted."""
    if ids is None or isinstance(ids, float):
        return ""
    return ", ".join(sorted(labels.get(a, a) for a in ids))
