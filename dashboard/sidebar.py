"""The sidebar filters, the address they live in, and what a run keeps between reruns.

Each filter widget is bound to a query parameter of the same name
(`bind="query-params"`), so the address bar always holds the view and opening it
restores the view. The parameters no widget owns (the open article, the chart
selections) are read and written through `st.query_params` here.

Rules that keep a view from misleading: an open article and the chart selections
belong to their tab, so switching tabs or pressing "Clear all filters" clears
them; changing a filter clears the chart selections (the charts they were made
on are redrawn) and closes the article when it leaves the view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Final

import streamlit as st

from dashboard import link_reading, link_writing, state
from dashboard.filters import Filters
from dashboard.state import MULTI_KEYS, SELECTION_KEYS, Vocabulary

LINK = "_pt_link"  # the opened link, parsed once per session
NOTES = "_pt_link_notes"
LAST_FILTERS = "_pt_last_filters"
FIX_DATES = "_pt_fix_dates"
LARGE_SELECTION = "_pt_selection_"  # + key: a selection too large for the link
HELP = {
    "actor": "Events where the actor is initiator, target, participant, speaker or mediator.",
    "mediator": "The mediation track: the event's mediator, or the mediator hosting its venue.",
    "status": "Applies to talks only: choosing a status leaves only talks.",
    "basis": "How an event's date was arrived at. 'explicit': the text states it; 'relative': worked out from "
    "a phrase like 'last Thursday'; 'publication': the article's own date stands in.",
}


# What binds a widget to the URL: `bind=BIND` on every widget whose value a link carries.
BIND: Final = "query-params"


def open_link(vocab: Vocabulary) -> state.Parsed:
    """On a session's first run, read the opened link; drop what no widget will clean up.

    Unknown parameters, and an article or selection the data does not have, are
    removed from the address so that a copied link stays clean. The parsed link is
    kept for the notes (`link_notes`).
    """
    if LINK not in st.session_state:
        raw = {key: st.query_params.get_all(key) for key in st.query_params}
        parsed = link_reading.parse_query(raw, vocab)
        for key in parsed.drop:
            if key in st.query_params:
                del st.query_params[key]
        st.session_state[LINK] = parsed
        st.session_state[NOTES] = list(parsed.notes)
    parsed_link: state.Parsed = st.session_state[LINK]
    return parsed_link


def _label_of(labels: dict[str, str]) -> Callable[[str], str]:
    """A multiselect's format_func: an id's label (every option is a key of `labels`)."""
    return lambda value: labels.get(value, value)


def filters(vocab: Vocabulary) -> Filters:
    """Draw the filter widgets in the sidebar and return what they select."""
    labels = vocab.labels
    bounds = vocab.date_bounds
    sidebar = st.sidebar
    sidebar.header("Filters")
    sidebar.button("Clear all filters", on_click=clear_all, args=(bounds,), key="clear_all", width="stretch")
    values: dict[str, tuple[str, ...]] = {}
    for key in MULTI_KEYS:
        options = list(labels.get(key, {}))
        values[key] = tuple(
            sidebar.multiselect(
                state.TITLES[key],
                options,
                format_func=_label_of(labels[key]),
                key=key,
                help=HELP.get(key),
                placeholder=f"Any {state.TITLES[key].lower()}",
                bind=BIND,
            )
        )
    date_from = date_to = None
    if bounds:
        if FIX_DATES in st.session_state:  # a reversed range from a link, put in order (see below)
            st.session_state["dates"] = st.session_state.pop(FIX_DATES)
        date_range = partial(
            sidebar.date_input,
            "Date range",
            min_value=bounds[0],
            max_value=bounds[1],
            key="dates",
            help="Events whose date (day, month or year) overlaps the range. The full span also keeps undated events.",
            bind=BIND,
        )
        # a value only on the widget's first run: after that the session state holds it (a range, as bounds is)
        picked: dt.date | tuple[dt.date, ...] | None = (
            date_range() if "dates" in st.session_state else date_range(value=bounds)
        )
        if isinstance(picked, tuple) and len(picked) == 2 and picked[0] > picked[1]:
            # Streamlit applies a link's reversed range as it is; show it in order, as it is applied.
            st.session_state[FIX_DATES] = tuple(sorted(picked))
            st.rerun()
        date_from, date_to = link_reading.dates_to_filter(picked, bounds)
    query = sidebar.text_input(
        "Search the evidence",
        key="q",
        max_chars=state.MAX_TEXT,
        placeholder="words in the evidence sentence",
        help="Every word must occur in the sentence, the date as written, an actor's name or the headline.",
        bind=BIND,
    )
    return Filters(**values, date_from=date_from, date_to=date_to, q=query.strip())


def link_notes(link: state.Parsed, current: Filters, view: state.View, vocab: Vocabulary) -> list[str]:
    """What of the opened link was applied and what was ignored; shown until a filter changes."""
    if LAST_FILTERS not in st.session_state:  # first run: add what the widgets applied differently
        st.session_state[NOTES] = list(link.notes) + link_reading.explain_applied(link, current, view, vocab)
    notes: list[str] = st.session_state.get(NOTES, [])
    return notes


def reconcile(current: Filters) -> bool:
    """After a filter change: clear the chart selections and the link notes. True when the filters changed."""
    last = st.session_state.get(LAST_FILTERS)
    st.session_state[LAST_FILTERS] = current
    if last is None or last == current:
        return False
    clear_selections()
    st.session_state[NOTES] = []
    return True


def clear_all(bounds: tuple[dt.date, dt.date] | None) -> None:
    """Reset every filter, close the article, clear the selections (a callback: runs before the widgets)."""
    for key in MULTI_KEYS:
        st.session_state[key] = []
    st.session_state["q"] = ""
    if bounds:
        st.session_state["dates"] = tuple(bounds)
    st.session_state[NOTES] = []
    close_item()
    clear_selections()


def on_tab_change() -> None:
    """The open article and the chart selections belong to the tab that was left."""
    close_item()
    clear_selections()


ITEMS = ("event", "quote", "doc")  # what a reader can have open; one at a time


def close_item(*kinds: str) -> None:
    """Close the open article (of `kinds`, default any)."""
    for key in kinds or ITEMS:
        if key in st.query_params:
            del st.query_params[key]


def clear_selections() -> None:
    for key in SELECTION_KEYS:
        st.session_state.pop(LARGE_SELECTION + key, None)
        if key in st.query_params:
            del st.query_params[key]


def open_item(kind: str, item_id: str) -> None:
    """Put the picked event, quote or document in the URL; one item is open at a time."""
    close_item(*(k for k in ITEMS if k != kind))
    st.query_params[kind] = item_id


def selection(key: str) -> tuple[str, ...]:
    """What is selected on the chart behind `key` (a selection parameter)."""
    large = st.session_state.get(LARGE_SELECTION + key)
    return tuple(large) if large else tuple(st.query_params.get_all(key))


def set_selection(key: str, values: list[str]) -> None:
    """Keep a chart selection in the link (in the session only when too large for a link)."""
    st.session_state.pop(LARGE_SELECTION + key, None)
    if key in st.query_params:
        del st.query_params[key]
    values = list(dict.fromkeys(values))
    if len(values) > state.MAX_SELECTED_IN_LINK:
        st.session_state[LARGE_SELECTION + key] = values
    elif values:
        st.query_params[key] = values


def current_view() -> state.View:
    """The non-filter state (tab, stack, profile, document, item, selections) from widgets and URL."""

    def get(key: str, default: str) -> str:
        value = st.session_state.get(key, default)
        return default if value is None else str(value)

    profile = st.session_state.get("profile")

    return state.View(
        view=get("view", state.TABS[0]),
        stack=get("stack", state.STACK_OPTIONS[0]),
        profile=None if profile is None else str(profile),
        doc=st.query_params.get("doc"),
        event=st.query_params.get("event"),
        quote=st.query_params.get("quote"),
        **{key: selection(key) for key in SELECTION_KEYS},
    )


def share_link(current: Filters, vocab: Vocabulary) -> None:
    """The 'copy link to this view' control: the full address, with a copy button."""
    view = current_view()
    url = link_writing.share_url(_base_url(), link_writing.encode(current, view, vocab))
    with st.sidebar.expander("Link to this view", icon=":material/link:"):
        st.caption("The address bar always holds this view; copy it, or copy this link (button at its right):")
        st.code(url, language=None, wrap_lines=True)
        too_large = [state.TITLES[k] for k in SELECTION_KEYS if len(getattr(view, k)) > state.MAX_SELECTED_IN_LINK]
        if too_large:
            st.caption(
                f"Not in the link: {', '.join(too_large)} (more than {state.MAX_SELECTED_IN_LINK} points selected)."
            )


def _base_url() -> str:
    try:
        return st.context.url or ""
    except Exception:
        return ""


def close_unshown(view: state.View, shown: set[str]) -> None:
    """Close the open article when this run's view did not show it: it left the view."""
    stale = [kind for kind in ITEMS if getattr(view, kind) and kind not in shown]
    if stale:
        close_item(*stale)
