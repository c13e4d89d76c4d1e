"""The sidebar filters and the URL they live in.

Each filter widget is bound to a query parameter of the same name
(`bind="query-params"`), so the address bar always holds the view and opening it
restores the view. On a Streamlit without widget binding the same parameters are
read and written through `st.query_params` instead.
"""

from __future__ import annotations

import inspect

import streamlit as st

from dashboard import state
from dashboard.filters import Filters
from dashboard.state import FILTER_KEYS, MULTI_KEYS, Vocabulary

BIND_SUPPORTED = "bind" in inspect.signature(st.multiselect).parameters
LINK_NOTES = "_pt_link_notes"
LINK_CHECKED = "_pt_link_checked"
KNOWN_PARAMS = set(FILTER_KEYS) | set(state.SINGLE_KEYS) | set(state.STREAMLIT_KEYS)
TITLES = {
    "actor": "Actor",
    "mediator": "Mediator",
    "venue": "Venue",
    "type": "Event type",
    "status": "Talks status",
    "outlet": "Outlet",
}
HELP = {
    "actor": "Events where the actor is initiator, target, participant, speaker or mediator.",
    "mediator": "The mediation track: the event's mediator, or the mediator hosting its venue.",
    "status": "Applies to talks only: choosing a status leaves only talks.",
}


def bind() -> dict:
    """Keyword arguments that bind a widget to the URL, where Streamlit can."""
    return {"bind": "query-params"} if BIND_SUPPORTED else {}


def check_link(vocab: Vocabulary) -> list[str]:
    """On a session's first run, read the opened link and note what in it is unusable.

    Streamlit drops invalid values of bound parameters silently; the notes tell the
    analyst why part of a shared view did not come back. Unknown parameters are
    removed so that a copied link stays clean.
    """
    if LINK_CHECKED not in st.session_state:
        raw = {key: st.query_params.get_all(key) for key in st.query_params}
        parsed = state.parse_query(raw, vocab)
        st.session_state[LINK_NOTES] = parsed.notes
        st.session_state[LINK_CHECKED] = True
        for key in raw:
            if key not in KNOWN_PARAMS or (key in ("event", "quote") and getattr(parsed.view, key) is None):
                del st.query_params[key]
        if not BIND_SUPPORTED:
            _seed_from_link(parsed, vocab)
    return st.session_state.get(LINK_NOTES, [])


def filters(vocab: Vocabulary) -> Filters:
    """Draw the filter widgets in the sidebar and return what they select."""
    labels = vocab.labels
    bounds = vocab.date_bounds
    sidebar = st.sidebar
    sidebar.header("Filters")
    sidebar.button("Clear all filters", on_click=clear_all, args=(bounds,), key="clear_all", width="stretch")
    values = {}
    for key in MULTI_KEYS:
        options = list(labels.get(key, {}))
        values[key] = tuple(
            sidebar.multiselect(
                TITLES[key],
                options,
                format_func=labels[key].get,
                key=key,
                help=HELP.get(key),
                placeholder=f"Any {TITLES[key].lower()}",
                **bind(),
            )
        )
    date_from = date_to = None
    if bounds:
        picked = sidebar.date_input(
            "Date range",
            value=bounds,
            min_value=bounds[0],
            max_value=bounds[1],
            key="dates",
            help="Events whose date (day, month or year) overlaps the range.",
            **bind(),
        )
        date_from, date_to = state.dates_to_filter(picked, bounds)
    query = sidebar.text_input(
        "Search the evidence",
        key="q",
        max_chars=state.MAX_TEXT,
        placeholder="words in the evidence sentence",
        **bind(),
    )
    chosen = Filters(**values, date_from=date_from, date_to=date_to, q=query.strip())
    if not BIND_SUPPORTED:
        _write_link(chosen, vocab)
    return chosen


def clear_all(bounds) -> None:
    """Reset every filter widget to 'any' (a callback: runs before the widgets are drawn)."""
    for key in MULTI_KEYS:
        st.session_state[key] = []
    st.session_state["q"] = ""
    if bounds:
        st.session_state["dates"] = tuple(bounds)
    st.session_state[LINK_NOTES] = []


def current_view() -> state.View:
    """The non-filter state (tab, timeline stack, profile, document, event) from widgets and URL."""

    def get(key, default=None):
        value = st.session_state.get(key, default)
        return default if value is None else value

    return state.View(
        view=get("view", state.TABS[0]),
        stack=get("stack", state.STACK_OPTIONS[0]),
        profile=get("profile"),
        doc=get("doc"),
        event=st.query_params.get("event"),
        quote=st.query_params.get("quote"),
    )


def share_link(current: Filters, vocab: Vocabulary) -> None:
    """The 'copy link to this view' control: the full address, with a copy button."""
    params = state.encode(current, current_view(), vocab)
    url = state.share_url(_base_url(), params)
    with st.sidebar.expander("Link to this view", icon=":material/link:"):
        st.caption("The address bar always holds this view; copy it, or copy this link (button at its right):")
        st.code(url, language=None, wrap_lines=True)


def _base_url() -> str:
    try:
        return st.context.url or ""
    except Exception:
        return ""


def _seed_from_link(parsed: state.Parsed, vocab: Vocabulary) -> None:
    """Without widget binding: put the link's values into the widgets' session state."""
    f = parsed.filters
    for key in MULTI_KEYS:
        if getattr(f, key):
            st.session_state[key] = list(getattr(f, key))
    if f.q:
        st.session_state["q"] = f.q
    if (f.date_from or f.date_to) and vocab.date_bounds:
        st.session_state["dates"] = (f.date_from or vocab.date_bounds[0], f.date_to or vocab.date_bounds[1])
    v = parsed.view
    st.session_state.update({"view": v.view, "stack": v.stack, "profile": v.profile, "doc": v.doc})


def _write_link(current: Filters, vocab: Vocabulary) -> None:
    """Without widget binding: mirror the filters into st.query_params."""
    params = state.encode(current, current_view(), vocab)
    wanted = {k: v if len(v) > 1 else v[0] for k, v in params.items()}
    existing = {k: st.query_params.get_all(k) for k in st.query_params}
    if {k: (v if isinstance(v, list) else [v]) for k, v in wanted.items()} != existing:
        st.query_params.from_dict(wanted)
