"""What every view shares: the page context, paged tables and chart selections.

Views hold UI only: they ask the `InView` for figures and rows, the pure modules
for figures and display rows, and draw them. Tables show one page of rows at a
time; a chart's selection and the open article live in the address bar. The
evidence table is `views.evidence_table`, the article reader `views.reader`.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from dashboard import sidebar
from dashboard.filters import Filters
from dashboard.inview import InView
from dashboard.model import Data
from dashboard.state import View, Vocabulary

PAGE_ROWS = 100
EMPTY_MESSAGE = "No events match these filters. Remove a filter, or press “Clear all filters” in the sidebar."
PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
SELECT_HINT = (
    "Click a mark to select it (Shift+click for more); for a box or lasso, pick the tool in the chart's "
    "toolbar and drag. Double-click the chart to clear."
)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


@dataclass
class Page:
    """One run of the app: the data, what the filters let through, and the view from the address."""

    data: Data
    inview: InView
    filters: Filters
    vocab: Vocabulary
    view: View
    shown: set[str] = field(default_factory=set)  # 'event' / 'quote' when this run's view showed the open item


def md(text: object) -> str:
    """Text from the data, made inert for st.markdown (no markup, links or HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def empty_state() -> None:
    st.info(EMPTY_MESSAGE, icon=":material/filter_alt_off:")


# ---------------------------------------------------------------- chart selections


def point_key(point: object) -> str | None:
    """The key a selected point carries in its customdata.

    Streamlit returns a point's customdata as a list, a scalar, or a dict keyed by
    position ({"0": ...}); all three give the first value.
    """
    custom = point.get("customdata") if hasattr(point, "get") else None
    if isinstance(custom, dict):
        custom = custom.get("0", custom.get(0, next(iter(custom.values()), None)))
    elif isinstance(custom, (list, tuple)):
        custom = custom[0] if custom else None
    return None if custom is None or isinstance(custom, (dict, list)) else str(custom)


def selected_keys(state: object) -> list[str]:
    """Keys of every selected point of a Plotly chart's selection state (any of its shapes)."""
    if not state:
        return []
    inner = state.get("selection", state) if hasattr(state, "get") else {}
    points = inner.get("points", []) if hasattr(inner, "get") else []
    keys = [point_key(p) for p in points if hasattr(p, "get")]
    return list(dict.fromkeys(k for k in keys if k))


def selectable_chart(figure: go.Figure, chart_key: str, param: str) -> None:
    """Draw a figure whose point selection (click, box or lasso) is kept in the address as `param`."""

    def keep_selection() -> None:
        sidebar.set_selection(param, selected_keys(st.session_state.get(chart_key)))
        sidebar.close_item()

    st.plotly_chart(
        figure,
        key=chart_key,
        on_select=keep_selection,
        selection_mode=("points", "box", "lasso"),
        config=PLOTLY_CONFIG,
        width="stretch",
    )


def selection_note(page: Page, param: str, noun: str, n: int) -> None:
    """Say what is selected on the chart (it may come from a link) and offer to clear it."""
    chosen = getattr(page.view, param)
    if not chosen:
        return
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(f"Selected on the chart: {len(chosen)} {noun}(s), {n:,} row(s) below.")
    right.button(
        "Clear selection",
        key=f"clear_{param}",
        on_click=sidebar.clear_selections,
        icon=":material/deselect:",
        width="stretch",
    )


# ---------------------------------------------------------------- paged tables


def paged_table(
    page: Page,
    name: str,
    ids: Sliceable,
    rows: Callable[[int, int], pd.DataFrame],
    *,
    kind: str | None = None,
    column_config: Mapping[str, ColumnConfig] | None = None,
    noun: str = "row",
    height: int = 420,
) -> list[str]:
    """One page of a table; picking a row opens its item in the address.

    `kind` is 'event', 'quote' or 'doc' (ids are such ids), 'item' (ids are
    'event:<id>' or 'quote:<id>'), or None (rows cannot be picked). `ids` holds the
    ids of every row in order (anything with len() and slicing, e.g. `LazyIds`);
    `rows(start, stop)` builds the display rows of that slice only. Returns the ids
    on the page shown.
    """
    n = len(ids)
    pages = max(1, math.ceil(n / PAGE_ROWS))
    page_key = f"page_{name}"
    if st.session_state.get(page_key, 1) > pages:
        st.session_state[page_key] = 1
    number = 1
    if pages > 1:
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        with right:
            number = int(st.number_input(f"Page (of {pages:,})", 1, pages, key=page_key, step=1))
        start = (number - 1) * PAGE_ROWS
        left.caption(f"{noun.capitalize()}s {start + 1:,}–{min(n, start + PAGE_ROWS):,} of {n:,}")
    start, stop = (number - 1) * PAGE_ROWS, min(n, number * PAGE_ROWS)
    shown_ids = [str(i) for i in ids[start:stop]]
    frame = rows(start, stop)
    table_height = min(38 + 35 * max(len(frame), 1), height)
    columns = column_config or None  # an empty mapping configures nothing, as None does
    if kind is None:
        st.dataframe(
            frame, key=f"table_{name}", hide_index=True, width="stretch", height=table_height, column_config=columns
        )
        return shown_ids
    digest = hashlib.sha1("\n".join(shown_ids).encode()).hexdigest()[:10]
    key = f"table_{name}_{digest}"  # new rows, new table: no stale row stays selected
    open_id = open_item_id(page.view, kind)
    default = [shown_ids.index(open_id)] if open_id in shown_ids else []

    def pick() -> None:
        picked = st.session_state[key].selection.rows
        if picked and picked[0] < len(shown_ids):
            item = shown_ids[picked[0]]
            sidebar.open_item(*(item.split(":", 1) if kind == "item" else (kind, item)))
        else:
            sidebar.close_item()

    st.session_state[f"_pt_ids_{name}"] = shown_ids
    st.dataframe(
        frame,
        key=key,
        on_select=pick,
        selection_mode="single-row",
        selection_default={"selection": {"rows": default}},
        hide_index=True,
        width="stretch",
        height=table_height,
        column_config=columns,
    )
    return shown_ids


class Sliceable(Protocol):
    """What paged_table's ids can be: anything with len() and slicing (a list, an array, `LazyIds`)."""

    def __len__(self) -> int: ...

    def __getitem__(self, window: slice, /) -> Iterable[object]: ...


def open_item_id(view: View, kind: str) -> str | None:
    """The open item as a table of `kind` names it."""
    if kind == "item":
        return f"event:{view.event}" if view.event else f"quote:{view.quote}" if view.quote else None
    open_id = getattr(view, kind)  # kind is 'event', 'quote' or 'doc': a str | None field of View
    return open_id if isinstance(open_id, str) else None


class LazyIds:
    """The ids of a million rows without materialising them: len() and slicing only."""

    def __init__(self, n: int, take: Callable[[int, int], list[str]]):
        self.n, self.take = n, take

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, window: slice) -> list[str]:
        start, stop, _ = window.indices(self.n)
        return self.take(start, stop)


def event_ids(data: Data, rows: np.ndarray) -> LazyIds:
    """The event ids of `rows`, taken page by page."""
    column = data.events["event_id"]
    return LazyIds(len(rows), lambda start, stop: column.iloc[rows[start:stop]].astype(str).tolist())


def links_of(data: Data, rows: np.ndarray) -> np.ndarray:
    """Positions in the event-actor links of the events at `rows` (the links are sorted by event row)."""
    starts = np.searchsorted(data.link_row, rows, "left")
    ends = np.searchsorted(data.link_row, rows, "right")
    return np.concatenate([np.arange(a, b) for a, b in zip(starts, ends)]) if len(rows) else np.zeros(0, np.int64)
