"""peacetrack dashboard: `streamlit run dashboard/app.py`.

Thin on purpose: load (cached per build), read the link, draw the filters,
filter once, and hand the filtered events to each view.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `streamlit run dashboard/app.py` runs this as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st

from dashboard import access, errors, hosting, loading, sidebar, state, views
from dashboard.filters import apply
from dashboard.model import Data, prepare

st.set_page_config(
    page_title="peacetrack", layout="wide"
)  # no page_icon: a Material icon favicon is fetched from Google
access.gate()  # before anything reads data: until it lets the session in, only the login form is drawn


@st.cache_resource(show_spinner="Reading the tables…", max_entries=4)
def load_data(table_dir: str, signature: tuple) -> Data:
    """The prepared tables, one copy shared by all sessions (views never modify it);
    `signature` (file times and sizes) makes a rebuild a cache miss."""
    return prepare(loading.load(Path(table_dir)))


def main() -> None:
    table_dir = loading.tables_dir()
    hosting.ensure_tables(table_dir)
    try:
        data = load_data(str(table_dir), loading.table_signature(table_dir))
    except loading.TablesMissing as missing:
        st.title("peacetrack")
        st.error(f"No tables to show: {views.md(missing)}.")
        st.markdown(
            f"Build them from the sample articles with `{loading.BUILD_COMMAND}` "
            f"(or `make run`), or point `{loading.ENV_VAR}` at a folder of tables."
        )
        return
    vocab = state.vocabulary(data)
    notes = sidebar.check_link(vocab)
    current = sidebar.filters(vocab)
    events = apply(data, current)

    views.header(data, events, current, vocab, notes)
    tabs = st.tabs(list(state.TABS), key="view", **sidebar.bind())
    renderers = [
        lambda: views.overview_view(data, events),
        lambda: views.timeline_view(data, events),
        lambda: views.map_view(data, events),
        lambda: views.actors_view(data, events, current),
        lambda: views.accusations_view(data, events, current),
        lambda: views.evidence_view(data, events),
        lambda: views.documents_view(data, events, current),
        lambda: views.about_view(data),
    ]
    for tab, render in zip(tabs, renderers):
        if getattr(tab, "open", None) is not False:  # None: no tab tracking, draw all
            with tab:
                render()
    sidebar.share_link(current, vocab)  # last: reflects the tab and items chosen this run


errors.guarded(main)  # viewers get a message and an error id; the details go to the server log
