"""A viewer never sees a traceback or a server path: a short message and an error
id on the page, the details under the same id in the server log."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import errors, views

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "dashboard" / "app.py")


@pytest.fixture
def server_log():
    """Records of the dashboard's logger (Streamlit's loggers do not propagate to pytest's)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    errors.LOG.addHandler(handler)
    yield records
    errors.LOG.removeHandler(handler)


@pytest.fixture
def app(seed_build, monkeypatch):
    monkeypatch.setenv("PEACETRACK_TABLES", str(seed_build[0]))
    monkeypatch.setenv("PEACETRACK_OFFLINE", "1")

    def run(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        at.secrets["unrelated"] = "so that no secrets.toml of this machine is read"
        at.query_params.update(params)
        return at.run()

    return run


def page_text(at: AppTest) -> str:
    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return "\n".join(str(n.proto) for n in walk(at._tree) if getattr(n, "proto", None) is not None)


def server_paths(tables: Path) -> list[str]:
    return [str(REPO), str(tables), str(tables.parent), "/tmp/", "site-packages", "Traceback", 'File "']


def test_errors_guarded_shows_an_id_and_logs_the_traceback(server_log):
    at = AppTest.from_function(_failing_page).run()
    assert not at.exception
    message = at.error[0].value
    error_id = re.search(r"error id \*\*([0-9a-f]{8})\*\*", message).group(1)
    assert "/" not in message and "secret-folder" not in message and "ValueError" not in message
    (record,) = [r for r in server_log if error_id in r.getMessage()]
    assert record.exc_info and "secret-folder" in str(record.exc_info[1])


def _failing_page():
    from dashboard import errors

    def render():
        raise ValueError("cannot read /srv/secret-folder/events.parquet")

    errors.guarded(render)


def test_errors_control_flow_passes_through():
    at = AppTest.from_function(_stopping_page).run()
    assert not at.error and not at.exception
    assert [m.value for m in at.markdown] == ["before"]


def _stopping_page():
    import streamlit as st

    from dashboard import errors

    def render():
        st.markdown("before")
        st.stop()
        st.markdown("after")

    errors.guarded(render)


def test_errors_a_failing_view_shows_no_traceback_or_path(app, monkeypatch, server_log, seed_build):
    def broken(*args, **kwargs):
        raise OSError(f"[Errno 2] No such file: '{seed_build[0]}/events.parquet'")

    monkeypatch.setitem(views.RENDERERS, "Overview", broken)
    at = app(view="Overview")
    assert not at.exception
    assert any("error id" in e.value for e in at.error)
    sent = page_text(at)
    for path in server_paths(seed_build[0]):
        assert path not in sent
    assert any("No such file" in str(r.exc_info[1]) for r in server_log if r.exc_info)


def test_errors_no_view_shows_a_server_path(app, seed_build, seed_tables):
    """Every tab, opened as a viewer would, and an article opened in the reader: no absolute
    path of this machine on the page (the seeds' build here records absolute article paths)."""
    tabs = [t.label for t in app().tabs]
    assert len(tabs) >= 5
    event_id = seed_tables["events"]["event_id"].iloc[0]
    for tab, extra in [*((t, {}) for t in tabs), ("Evidence", {"event": event_id})]:
        at = app(view=tab, **extra)
        assert not at.exception, tab
        assert at.get("html") or not extra, "the article reader did not open"
        sent = page_text(at)
        for path in server_paths(seed_build[0]):
            assert path not in sent, (tab, path)
