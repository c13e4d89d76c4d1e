"""Hosting: tables built on first start, which data a server shows and when it was built
(without its paths), and one copy of the data shared by every session."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import hosting, loading, views

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "dashboard" / "app.py")


@pytest.mark.parametrize(
    "path, shown",
    [
        ("data/processed", "data/processed"),
        (str(loading.REPO_ROOT / "data" / "processed"), "data/processed"),
        ("/srv/private/peacetrack/tables", "tables"),
    ],
)
def test_hosting_paths_are_shown_relative_or_by_name(path, shown):
    assert hosting.shown_path(path) == shown


def test_hosting_describe_tables_says_what_and_when(seed_build):
    out, report = seed_build
    text = hosting.describe_tables(out, {"input_dir": "seeds", "documents_read": report.documents_read})
    assert "built from `seeds` (5 documents)" in text
    assert hosting.built_at(out).strftime("%Y-%m-%d %H:%M") + " UTC" in text
    assert str(out.parent) not in text


def test_hosting_describe_tables_without_a_report(tmp_path):
    assert (
        hosting.describe_tables(tmp_path, None) == f"**Data:** tables in `{tmp_path.name}`, built (build time unknown)."
    )


def test_hosting_first_start_builds_the_tables_once(tmp_path, monkeypatch):
    monkeypatch.delenv(loading.ENV_VAR, raising=False)
    monkeypatch.chdir(REPO)
    hosting._build_once.clear()
    out = tmp_path / "processed"
    hosting.ensure_tables(out)
    assert hosting.tables_present(out)
    paths = pd.read_parquet(out / "documents.parquet")["path"]
    assert not any(os.path.isabs(p) for p in paths), "the tables record server paths"
    stamp = (out / "events.parquet").stat().st_mtime_ns
    hosting.ensure_tables(out)  # present: nothing rebuilt
    assert (out / "events.parquet").stat().st_mtime_ns == stamp


def test_hosting_tables_older_than_their_inputs_are_rebuilt(tmp_path, monkeypatch):
    monkeypatch.delenv(loading.ENV_VAR, raising=False)
    monkeypatch.chdir(REPO)
    hosting._build_once.clear()
    out = tmp_path / "processed"
    hosting.ensure_tables(out)
    stamp = (out / "events.parquet").stat().st_mtime_ns
    built = hosting.built_at(out).timestamp()
    monkeypatch.setattr(hosting, "newest_input", lambda: built + 60)  # an article pulled after the build
    hosting.ensure_tables(out)
    assert (out / "events.parquet").stat().st_mtime_ns != stamp


def test_hosting_chosen_tables_are_never_built(tmp_path, monkeypatch):
    monkeypatch.setenv(loading.ENV_VAR, str(tmp_path / "elsewhere"))
    hosting.ensure_tables(tmp_path / "elsewhere")
    assert not (tmp_path / "elsewhere").exists()


def test_hosting_sessions_share_one_copy_of_the_data(seed_build, monkeypatch):
    """Two sessions read the very same prepared tables (st.cache_resource), not a copy each."""
    monkeypatch.setenv(loading.ENV_VAR, str(seed_build[0]))
    monkeypatch.setenv("PEACETRACK_OFFLINE", "1")
    seen = []
    real_header = views.header
    monkeypatch.setattr(views, "header", lambda page, *a, **k: seen.append(page.data) or real_header(page, *a, **k))
    for _ in range(2):
        at = AppTest.from_file(APP, default_timeout=90)
        at.secrets["unrelated"] = "so that no secrets.toml of this machine is read"
        assert not at.run().exception
    assert len(seen) == 2
    assert seen[0] is seen[1]
    assert seen[0].events is seen[1].events
