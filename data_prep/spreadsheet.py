"""CSV for spreadsheet users: lists joined, formula cells neutralised.

Article text is untrusted, and a CSV cell that begins with `=`, `+`, `-`, `@`, a tab
or a carriage return is read as a formula by Excel, LibreOffice and Google Sheets
(OWASP, "CSV Injection"). Every CSV the project writes or serves goes through
`to_csv_text`, which prefixes such text cells with a single quote so that they
show as text. Numbers are left alone: a negative longitude is a number, not a formula.

    >>> to_csv_text(pd.DataFrame({"said": ["=HYPERLINK(\\"x\\")", "fine"], "lon": [-3.6, 2.0]}))
    'said,lon\\n"\\'=HYPERLINK(""x"")",-3.6\\nfine,2.0\\n'
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "
_FORMULA = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"


def neutralise(value: object) -> object:
    """`value` with a leading quote when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` fit for CSV: list cells joined with ' | ', text cells neutralised."""
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype.kind in "biufcmM":  # numbers, booleans and datetimes are never formulas
            continue
        if pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
            out[column] = series.map(_cell)  # lists to join, or values of several kinds: cell by cell
            continue
        # Text and nulls only: the cells that start like a formula, found in one vectorised pass.
        risky = pc.fill_null(pc.match_substring_regex(pa.array(series, type=pa.large_string()), _FORMULA), False)
        if pc.any(risky).as_py():
            flags = risky.to_pylist()
            out[column] = pd.Series(
                [neutralise(v) if r else v for v, r in zip(series.tolist(), flags)], index=series.index, dtype=object
            )
    return out


def to_csv_text(df: pd.DataFrame) -> str:
    """`df` as CSV text, safe to open in a spreadsheet."""
    return spreadsheet_frame(df).to_csv(index=False)


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        value = LIST_SEPARATOR.join(map(str, value))
    return neutralise(value)
