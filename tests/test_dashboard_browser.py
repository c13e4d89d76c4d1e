"""The dashboard in a real browser: `streamlit run` on localhost, Debian's Chromium via Playwright.

Checks what AppTest cannot: clicks and box selections on the tracks chart, the
reader closing when its event leaves the view (by filter or by tab), the reader
opening at its highlight, one mediator's colour in two views, headline labels
not cut at 1280 px, and a link restoring a view in a fresh browser. Screenshots
of every view at 1280 px and at a narrow width go to $PEACETRACK_SCREENSHOTS
when it is set.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from dashboard_fixtures import REPO, build_synthetic_tables

from dashboard.state import TABS

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
WIDE, NARROW = 1280, 480
EU_LANES = {"Brussels · European Union", "Granada · European Union"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's Chromium is not installed (make browser)"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


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
def server(tmp_path_factory):
    """`streamlit run dashboard/app.py` on the synthetic build, on a free port; always stopped afterwards."""
    tables = build_synthetic_tables(tmp_path_factory.mktemp("browser_tables"))
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


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $PEACETRACK_SCREENSHOTS, else a temporary folder."""
    configured = os.environ.get("PEACETRACK_SCREENSHOTS")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser, url: str, width: int = WIDE):
    """A page in a fresh context, recording console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.set_default_timeout(UI_WAIT_MS)
    page.goto(url)
    page.get_by_text("Active filters:").first.wait_for()
    return page


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def settle(page) -> None:
    """Wait until Streamlit has finished the rerun a click started."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    page.wait_for_timeout(200)


def tracks_chart(page):
    chart = page.locator(".js-plotly-plot").filter(has_text="Mediation tracks").first
    chart.locator(".scatterlayer .point").first.wait_for()
    return chart


def lanes(chart) -> set[str]:
    return set(chart.locator(".yaxislayer-above .ytick text").all_text_contents())


def marker_centres(chart) -> dict[str, tuple[float, float]]:
    """Centre of each marker of the tracks chart, by its round id (read from Plotly's own data)."""
    return chart.evaluate(
        """(plot) => {
            const out = {};
            plot.querySelectorAll('.scatterlayer .trace').forEach((trace, i) => {
                const data = plot._fullData[i];
                trace.querySelectorAll('.point').forEach((point, j) => {
                    const box = point.getBoundingClientRect();
                    out[data.customdata[j]] = [box.x + box.width / 2, box.y + box.height / 2];
                });
            });
            return out;
        }"""
    )


def reader_mark(page):
    return page.locator(".pt-article mark.pt-evidence").first


def test_clicking_a_round_selects_it_and_narrows_the_evidence(server, browser, shots):
    page = open_page(browser, server)
    chart = tracks_chart(page)
    x, y = marker_centres(chart)["moscow-2023-05-25"]
    page.mouse.click(x, y)
    page.wait_for_url(lambda url: "rounds=moscow-2023-05-25" in url)
    settle(page)
    expect(page.get_by_text("Selected on the chart: 1 round(s)")).to_be_visible()
    page.screenshot(path=str(shots / "overview_click_selected.png"), full_page=True)
    assert params(page)["rounds"] == ["moscow-2023-05-25"]
    assert page.errors == []


def test_box_selecting_rounds_selects_every_round_in_the_box(server, browser, shots):
    page = open_page(browser, server)
    chart = tracks_chart(page)
    chart.hover()
    chart.locator('.modebar-btn[data-val="select"]').click()  # Box Select, from the chart's toolbar
    centres = marker_centres(chart)
    (x1, y1), (x2, y2) = centres["granada-2023-10"], centres["brussels-2023-10"]
    page.mouse.move(min(x1, x2) - 12, min(y1, y2) - 12)
    page.mouse.down()
    page.mouse.move(max(x1, x2) + 12, max(y1, y2) + 12, steps=8)
    page.mouse.up()
    page.wait_for_url(lambda url: "rounds=" in url)
    settle(page)
    assert sorted(params(page)["rounds"]) == ["brussels-2023-10", "granada-2023-10"]
    expect(page.get_by_text("Selected on the chart: 2 round(s)")).to_be_visible()
    page.screenshot(path=str(shots / "overview_box_selected.png"), full_page=True)
    assert page.errors == []


def test_the_reader_closes_when_a_filter_leaves_its_event_out(server, browser):
    page = open_page(browser, f"{server}/?view=Evidence&event=e1")  # a US-track event
    expect(reader_mark(page)).to_be_visible()
    mediator = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Mediator")
    mediator.locator("input").click()
    page.keyboard.type("Russia")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "mediator=Russia" in url)
    settle(page)
    expect(page.locator(".pt-article mark.pt-evidence")).to_have_count(0)
    assert "event" not in params(page)
    assert page.errors == []


def test_the_reader_closes_when_the_tab_changes(server, browser):
    page = open_page(browser, f"{server}/?view=Evidence&event=e1")
    expect(reader_mark(page)).to_be_visible()
    page.get_by_role("tab", name="Timeline").click()
    page.wait_for_url(lambda url: "view=Timeline" in url)
    settle(page)
    expect(page.locator(".pt-article mark.pt-evidence")).to_have_count(0)
    assert "event" not in params(page)


def test_the_reader_opens_at_its_highlight(server, browser, shots):
    page = open_page(browser, f"{server}/?view=Evidence&event=e12")  # at the end of a long article
    mark = reader_mark(page)
    mark.wait_for()
    box = page.locator(".pt-article").first.bounding_box()
    mark_box = mark.bounding_box()
    assert box["y"] <= mark_box["y"] and mark_box["y"] + mark_box["height"] <= box["y"] + box["height"]
    mark.screenshot(path=str(shots / "reader_highlight.png"))


def test_a_mediator_has_the_same_colour_on_the_timeline_and_the_map(server, browser):
    def legend_colour(page, title: str, name: str) -> str:
        chart = page.locator(".js-plotly-plot").filter(has_text=title).first
        chart.locator(".legend .traces").first.wait_for()
        item = chart.locator(".legend .traces").filter(has_text=name).first
        return item.locator(".legendpoints path").first.evaluate("p => getComputedStyle(p).fill")

    timeline = open_page(browser, f"{server}/?view=Timeline&stack=Mediator")
    on_timeline = legend_colour(timeline, "Events per month", "United States")
    venues = open_page(browser, f"{server}/?view=Map")
    on_map = legend_colour(venues, "Venues", "United States")
    assert on_timeline == on_map and on_timeline.startswith("rgb")


def test_headline_labels_are_not_cut_at_1280_px(server, browser):
    page = open_page(browser, server, width=WIDE)
    labels = page.locator('[data-testid="stMetricLabel"]')
    labels.first.wait_for()
    expect(labels).to_have_count(7, timeout=UI_WAIT_MS)
    values = page.locator('[data-testid="stMetricValue"]')
    script = "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"
    assert labels.evaluate_all(script) == [] and values.evaluate_all(script) == []


def test_a_filter_lands_in_the_url_and_the_url_restores_the_view(server, browser):
    page = open_page(browser, server)
    mediator = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Mediator")
    mediator.locator("input").click()
    page.keyboard.type("European Union")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "mediator=European" in url)
    expect(page.get_by_text("Active filters:").locator("..")).to_contain_text("Mediator: European Union")
    chart = tracks_chart(page)
    expect(chart.locator(".yaxislayer-above .ytick text")).to_have_count(len(EU_LANES))
    shared = page.url
    fresh = open_page(browser, shared)
    chart = tracks_chart(fresh)
    expect(chart.locator(".yaxislayer-above .ytick text")).to_have_count(len(EU_LANES))
    assert lanes(chart) == EU_LANES
    assert page.errors == [] and fresh.errors == []


def test_a_bad_link_shows_a_note_not_an_error_page(server, browser):
    page = open_page(browser, f"{server}/?mediator=Atlantis&colour=red")
    expect(page.get_by_text("About the link you opened")).to_be_visible()
    tracks_chart(page)
    assert "colour" not in params(page)
    assert page.errors == []


@pytest.mark.slow
@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_every_view_renders_at_this_width(server, browser, shots, width):
    """Every tab draws without a browser error; a full screenshot of each for a person to look at."""
    for tab in TABS:
        page = open_page(browser, f"{server}/?view={tab.replace(' ', '%20')}", width=width)
        page.set_viewport_size({"width": width, "height": 2600})  # the app scrolls inside itself: show it all
        settle(page)
        page.wait_for_timeout(3000)  # charts and tables finish drawing
        page.screenshot(path=str(shots / f"{width}_{TABS.index(tab)}_{tab.replace(' ', '_')}.png"), full_page=True)
        assert page.errors == [], tab
        page.context.close()
