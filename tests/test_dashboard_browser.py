"""The dashboard in a real browser: `streamlit run` on localhost, Debian's Chromium via Playwright.

Checks what AppTest cannot: the page renders without console errors, the Plotly
tracks chart draws, a filter choice lands in the address bar, and that address
opened in a fresh browser context shows the same filtered view.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from dashboard_fixtures import REPO

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_LIMIT = 90  # seconds to wait for the server before giving up
UI_WAIT_MS = 30_000  # how long Playwright waits for an element before failing
EU_LANES = {"Brussels · European Union", "Granada · European Union"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's Chromium is not installed (make browser)"),
]
playwright_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, limit: float) -> None:
    """Poll Streamlit's health endpoint until it answers, the server dies, or `limit` passes."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer within {limit} s")


@pytest.fixture(scope="module")
def tables(seed_build) -> Path:
    """The seeds' real build (built once per run, conftest.py)."""
    return seed_build[0]


@pytest.fixture(scope="module")
def server(tables, tmp_path_factory):
    """`streamlit run dashboard/app.py` on a free port; always killed afterwards."""
    port = free_port()
    log = (tmp_path_factory.mktemp("browser_server") / "streamlit.log").open("w")
    env = os.environ | {"PEACETRACK_TABLES": str(tables), "PEACETRACK_OFFLINE": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "dashboard" / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, process, SERVER_START_LIMIT)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser, url: str):
    """A page in a fresh context, recording console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.set_default_timeout(UI_WAIT_MS)
    page.goto(url)
    return page


def tracks_chart(page):
    chart = page.locator(".js-plotly-plot").filter(has_text="Mediation tracks").first
    chart.locator(".scatterlayer .point").first.wait_for()
    return chart


def lanes(chart) -> set[str]:
    return set(chart.locator(".yaxislayer-above .ytick text").all_text_contents())


def test_filter_lands_in_the_url_and_the_url_restores_the_view(server, browser, tmp_path):
    expect = playwright_api.expect
    page = open_page(browser, server)
    chart = tracks_chart(page)
    assert {"Brussels · European Union", "Granada · European Union"} < lanes(chart)
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)

    mediator = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Mediator")
    mediator.locator("input").click()
    page.keyboard.type("European Union")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "mediator=European" in url)
    expect(page.get_by_text("Active filters:").locator("..")).to_contain_text("Mediator: European Union")
    chart = tracks_chart(page)
    expect(chart.locator(".yaxislayer-above .ytick text")).to_have_count(len(EU_LANES))
    assert lanes(chart) == EU_LANES
    shared_url = page.url
    page.screenshot(path=str(tmp_path / "filtered.png"), full_page=True)
    assert page.errors == []

    fresh = open_page(browser, shared_url)
    chart = tracks_chart(fresh)
    expect(chart.locator(".yaxislayer-above .ytick text")).to_have_count(len(EU_LANES))
    assert lanes(chart) == EU_LANES
    expect(fresh.locator('[data-testid="stMultiSelect"]').filter(has_text="Mediator")).to_contain_text("European Union")
    fresh.screenshot(path=str(tmp_path / "restored.png"), full_page=True)
    assert "mediator=European" in fresh.url
    assert fresh.errors == []
    if os.environ.get("PEACETRACK_SCREENSHOTS"):
        for name in ("overview.png", "filtered.png", "restored.png"):
            shutil.copy(tmp_path / name, Path(os.environ["PEACETRACK_SCREENSHOTS"]) / name)


def test_bad_link_shows_a_note_not_an_error_page(server, browser, tmp_path):
    page = open_page(browser, f"{server}/?mediator=Atlantis&colour=red")
    playwright_api.expect(page.get_by_text("Parts of the link were ignored")).to_be_visible()
    tracks_chart(page)
    page.screenshot(path=str(tmp_path / "bad_link.png"), full_page=True)
    assert page.errors == []


def test_accusations_view_and_actor_quotes_render(server, browser, tmp_path):
    """The Accusations tab draws its charts and table; an actor profile lists its quotes."""
    expect = playwright_api.expect
    page = open_page(browser, f"{server}/?view=Accusations&mediator=United%20States")
    matrix = page.locator(".js-plotly-plot").filter(has_text="Who accused which mediator").first
    matrix.locator(".heatmaplayer").wait_for()
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    page.screenshot(path=str(tmp_path / "accusations.png"), full_page=True)
    assert page.errors == []

    profile = open_page(browser, f"{server}/?view=Actors&profile=Azerbaijan")
    expect(profile.get_by_text("Quotes by Azerbaijan")).to_be_visible()
    expect(profile.get_by_text("Quotes about Azerbaijan")).to_be_visible()
    profile.get_by_text("Quotes about Azerbaijan").scroll_into_view_if_needed()
    profile.screenshot(path=str(tmp_path / "profile.png"), full_page=True)
    assert profile.errors == []
    if os.environ.get("PEACETRACK_SCREENSHOTS"):
        for name in ("accusations.png", "profile.png"):
            shutil.copy(tmp_path / name, Path(os.environ["PEACETRACK_SCREENSHOTS"]) / name)
