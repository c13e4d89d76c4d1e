"""Errors, rendered in one place: a short message and an error id for the viewer,
the traceback (with the same id) in the server log.

A traceback names the server's files and folders and sometimes data the viewer may
not see; the id lets whoever runs the server find the details. `.streamlit/config.toml`
sets `client.showErrorDetails = "none"` for anything that escapes this wrapper.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import streamlit as st
from streamlit.logger import get_logger

LOG = get_logger("peacetrack.dashboard")
MESSAGE = (
    "Something went wrong while drawing this page. The details are in the server log under "
    "error id **{error_id}**; quote it when you report the problem."
)


def new_error_id() -> str:
    """A short id that is easy to quote and to find in the log."""
    return secrets.token_hex(4)


def log_error(error: BaseException) -> str:
    """Write `error` with its traceback to the server log; return the id under which it was logged."""
    error_id = new_error_id()
    LOG.error("peacetrack error %s: %s", error_id, type(error).__name__, exc_info=error)
    return error_id


def viewer_message(error_id: str) -> str:
    return MESSAGE.format(error_id=error_id)


def guarded(render: Callable[[], object]) -> None:
    """Run `render`; on an exception show the viewer a short message and log the details.

    Streamlit's own control flow (st.stop, st.rerun) derives from BaseException and
    passes through untouched.
    """
    try:
        render()
    except Exception as error:
        st.error(viewer_message(log_error(error)), icon=":material/error:")
