"""peacetrack dashboard: `streamlit run dashboard/app.py`.

Thin on purpose: load the tables once per build (shared by every session, never
pickled), read the link, draw the filters, take what they let through (cached per
set of filters) and hand it to the open tab.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `streamlit run dashboard/app.py` runs this as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import streamlit as st

from dashboard import access, errors, hosting, loading, sidebar, state
from dashboard.filters import Filters, event_mask, event_text_mask
from dashboard.inview import InView
from dashboard.model import Data, prepare
from dashboard.views import RENDERERS, Page, header
from dashboard.views.common import md

st.set_page_config(
    page_title="peacetrack", layout="wide"
)  # no page_icon: a Material icon favicon is fetched from Google
access.gate()  # before anything reads data: until it lets the session in, only the login form is drawn


@st.cache_resource(show_spinner="Reading the tables…", max_entries=2)
def load_data(table_dir: str, signature: loading.Signature) -> Data:
    """The prepared tables; `signature` (file times and sizes) makes a rebuild a new entry."""
    return prepare(loading.load(Path(table_dir)))


@st.cache_resource(max_entries=2)
def vocabulary(_data: Data, signature: loading.Signature) -> state.Vocabulary:
    return state.vocabulary(_data)


@st.cache_resource(max_entries=16, show_spinner="Searching the evidence…")
def text_mask(_data: Data, signature: loading.Signature, query: str) -> np.ndarray:
    return event_text_mask(_data, query)


@st.cache_resource(max_entries=64)
def in_view(_data: Data, signature: loading.Signature, key: str, _filters: Filters) -> InView:
    """What one set of filters lets through, shared by every session that sets them."""
    mask = event_mask(_data, _filters, lambda q: text_mask(_data, signature, q))
    return InView(_data, _filters, mask)


def main() -> None:
    table_dir = loading.tables_dir()
    hosting.ensure_tables(table_dir)
    try:
        data = load_data(str(table_dir), loading.table_signature(table_dir))
    except loading.TablesMissing as missing:
        st.title("peacetrack")
        st.error(f"No tables to show: {md(missing)}.")
        st.markdown(
            f"Build them from the sample articles with `{loading.BUILD_COMMAND}` "
            f"(or `make run`), or point `{loading.ENV_VAR}` at a folder of tables."
        )
        return
    vocab = vocabulary(data, data.signature)
    link = sidebar.open_link(vocab)
    current = sidebar.filters(vocab)
    sidebar.reconcile(current)
    view = sidebar.current_view()
    page = Page(data, in_view(data, data.signature, repr(current), current), current, vocab, view)
    header(page, sidebar.link_notes(link, current, view, vocab))
    tabs = st.tabs(list(state.TABS), key="view", on_change=sidebar.on_tab_change, bind=sidebar.BIND)
    for tab, render in zip(tabs, RENDERERS.values()):
        if tab.open is not False:  # None: no tab tracking, draw all
            with tab:
                render(page)
    sidebar.close_unshown(page.view, page.shown)  # an article no longer in view closes
    sidebar.share_link(current, vocab)  # last: reflects the tab and items chosen this run


errors.guarded(main)  # viewers get a message and an error id; the details go to the server log
