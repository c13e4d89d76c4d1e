"""Hostile article text and link parameters never run, inject or spill, in any view.

The hostile article (tests/hostile_fixtures.py) goes through the real build with
the seeds. Then:

- AppTest opens every tab the app has (found, not listed, so new views are
  covered), the article reader at each hostile event, and a link with hostile
  parameters: markup reaches the page only escaped, Markdown only inert, and no
  link goes to a `javascript:` address;
- every CSV, the build's twins and the downloads the app serves, opens in a
  spreadsheet without a live formula (OWASP CSV injection);
- in Debian's Chromium (`-m browser`): no dialog, no console error, no request to
  an address the text names (every request that would leave the test server is
  aborted and recorded), no inline event handler in the page, the layout holds
  (no horizontal overflow), and a downloaded CSV is safe.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile_fixtures import DOC_ID, FORMULA_SENTENCE_START, NAMED_ADDRESSES, ROOT, build_hostile_tables
from streamlit.testing.v1 import AppTest

from dashboard import exports, loading
from dashboard.filters import Filters, event_mask, event_text_mask
from dashboard.inview import InView
from dashboard.model import prepare
from data_prep.tables import read_tables

APP = str(ROOT / "dashboard" / "app.py")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Tags the hostile text carries; none may reach the page as a tag (the app's own markup uses others).
FORBIDDEN_TAGS = {"script", "img", "iframe", "svg", "details", "a", "u", "object", "embed"}
# Markdown that would become a link or an image if a Markdown element carried it unescaped.
LIVE_MARKDOWN = re.compile(r"\]\((javascript|https?):|!\[pixel\]")
HOSTILE_PARAMS = {
    "q": "<script>alert('q')</script>",
    "mediator": "<img src=x onerror=alert('mediator')>",
    "view": "javascript:alert('view')",
    "doc": "[x](javascript:alert('doc'))",
    "event": "\"><svg onload=alert('event')>",
}


@pytest.fixture(scope="module")
def hostile_tables(tmp_path_factory) -> Path:
    return build_hostile_tables(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_events(hostile_tables):
    events = read_tables(hostile_tables, ("events",))["events"]
    return events[events["doc_id"] == DOC_ID]


def test_hostile_the_markup_check_sees_live_markup():
    """The check below would catch each trick if it reached the page unescaped."""
    raw = (
        '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>'
        "<b onmouseover=alert(1)>b</b><style>body{display:none}</style><svg onload=alert(1)></svg>"
    )
    assert len(live_markup(raw)) >= 7
    assert live_markup("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;") == []
    assert live_markup("<style>.pt{color:red}</style><div class='pt'><mark>said</mark></div>") == []


def test_hostile_the_article_is_built_with_its_markup_kept_as_text(hostile_events):
    """The build keeps the text as it is (the dashboard must escape it), so the views are really tested."""
    sentences = " ".join(hostile_events["sentence"])
    assert len(hostile_events) >= 5
    for raw in ("<img src=x onerror=", "javascript:alert", "<iframe", FORMULA_SENTENCE_START):
        assert raw in sentences


# ------------------------------------------------------------------ AppTest: every view


@pytest.fixture
def app(hostile_tables, monkeypatch):
    monkeypatch.setenv("PEACETRACK_TABLES", str(hostile_tables))
    monkeypatch.setenv("PEACETRACK_OFFLINE", "1")

    def run(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        at.secrets["unrelated"] = "so that no secrets.toml of this machine is read"
        at.query_params.update(params)
        return at.run()

    return run


class _Markup(HTMLParser):
    """What an HTML fragment would create in a browser: its tags, attributes and style text."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _own_markup(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """The app's own use of a tag the hostile text also carries: the reader folds the text above
    the highlight into <details class="pt-before">, with no attribute the text could supply."""
    return tag == "details" and list(attrs) == [("class", "pt-before")]


def live_markup(fragment: str) -> list[str]:
    """The parts of `fragment` that would run, load or restyle something if rendered as HTML."""
    markup = _Markup(fragment)
    found = [f"<{tag}>" for tag, attrs in markup.tags if tag in FORBIDDEN_TAGS and not _own_markup(tag, attrs)]
    for tag, attrs in markup.tags:
        found += [f"<{tag} {name}=...>" for name, value in attrs if name.lower().startswith("on")]
        found += [
            f"<{tag} {name}={value[:30]}>"
            for name, value in attrs
            if (value or "").strip().lower().startswith("javascript:")
        ]
    found += [f"<style>{s[:30]}" for s in markup.styles if "display:none" in s.replace(" ", "")]
    return found


def elements(at: AppTest):
    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return [n for n in walk(at._tree) if getattr(n, "proto", None) is not None]


def assert_inert(at: AppTest, where: str) -> None:
    assert not at.exception, where
    for element in elements(at):
        kind = getattr(element, "type", type(element).__name__)
        proto = element.proto
        if kind == "html":
            assert live_markup(proto.body) == [], f"{where}: live markup in st.html"
        elif kind == "markdown":
            if proto.allow_html:
                assert live_markup(proto.body) == [], f"{where}: live markup in markdown with HTML allowed"
            assert not LIVE_MARKDOWN.search(proto.body), f"{where}: a live Markdown link: {proto.body[:120]}"
        elif hasattr(proto, "url") and kind in ("link_button", "page_link"):
            assert proto.url.startswith(("http://", "https://")), f"{where}: link to {proto.url[:40]}"


def test_hostile_every_view_keeps_the_text_inert(app):
    first = app()
    tabs = [t.label for t in first.tabs]
    assert len(tabs) >= 5
    assert_inert(first, "first view")
    for tab in tabs:
        assert_inert(app(view=tab), tab)


def test_hostile_the_reader_escapes_the_article(app, hostile_events):
    for event_id in hostile_events["event_id"]:
        at = app(view="Evidence", event=event_id)
        assert at.get("html"), "the article reader did not open"
        assert_inert(at, f"reader at {event_id}")
        text = "\n".join(h.proto.body for h in at.get("html"))
        assert "&lt;script&gt;" in text or "&amp;lt;script" in text  # shown, as text


def test_hostile_link_parameters_are_inert(app):
    at = app(**HOSTILE_PARAMS)
    assert_inert(at, "hostile link")
    assert at.tabs, "a hostile link must not stop the app"


# ------------------------------------------------------------------ CSV: build and downloads


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_no_live_formula(text: str, where: str) -> list[list[str]]:
    """Every cell a spreadsheet would run as a formula fails (a negative number is just a number)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row in rows:
        for cell in row:
            assert not (cell.startswith(FORMULA_STARTS) and not is_number(cell)), f"{where}: live formula {cell[:40]!r}"
    return rows


def test_hostile_the_builds_csv_twins_hold_no_live_formula(hostile_tables):
    twins = sorted(hostile_tables.glob("*.csv"))
    assert {p.stem for p in twins} >= {"documents", "events", "quotes"}
    for path in twins:
        with path.open(newline="", encoding="utf-8") as f:
            assert_no_live_formula(f.read(), path.name)
    with (hostile_tables / "documents.csv").open(newline="", encoding="utf-8") as f:
        document = next(r for r in csv.DictReader(f) if r["doc_id"] == DOC_ID)
    assert document["source"] == "'=cmd|' /C calc'!A0"  # kept, as text


def test_hostile_downloads_served_by_the_app_hold_no_live_formula(app, hostile_tables):
    """The Evidence tab offers every table as CSV; the files are made when clicked, by
    `exports.csv_bytes`, so the test makes each one as the button would and reads it."""
    at = app(view="Evidence")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("CSV") == len(exports.TABLES) >= 3, labels
    data = prepare(loading.load(hostile_tables))
    everything = Filters()
    inview = InView(data, everything, event_mask(data, everything, lambda q: event_text_mask(data, q)))
    texts = []
    for table in exports.TABLES:
        text = exports.csv_bytes(table, inview).decode("utf-8")
        assert_no_live_formula(text, table)
        texts.append(text)
    assert "'" + FORMULA_SENTENCE_START.replace('"', '""') in "\n".join(texts)  # the row is there, neutralised


# ------------------------------------------------------------------ the real browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
CHROMIUM_ARGS += ["--disable-sync", "--no-first-run"]
SERVER_FLAGS = ("--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none")
VIEWPORT = {"width": 1280, "height": 900}
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's Chromium is not installed (make browser)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def hostile_server(hostile_tables, tmp_path_factory):
    """`streamlit run` on the hostile build, on loopback; always stopped."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("hostile_server") / "streamlit.log").open("w")
    env = os.environ | {"PEACETRACK_TABLES": str(hostile_tables), "PEACETRACK_OFFLINE": "1"}
    no_secrets = ("--secrets.files", str(Path(log.name).parent / "no-secrets.toml"))  # not this clone's login, if any
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", APP, "--server.port", str(port), *SERVER_FLAGS, *no_secrets],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, "streamlit exited"
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "streamlit did not start"
                time.sleep(0.3)
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
def chromium():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A page whose dialogs, console errors and outside requests are recorded."""

    def __init__(self, browser, server: str) -> None:
        self.server = server
        self.dialogs, self.errors, self.outside, self.requests = [], [], [], []
        self.context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith((self.server, "data:", "blob:")):
            route.continue_()
        else:  # nothing leaves the test server, whatever the page asks for
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.server}/{query}")
        self.settle()

    def settle(self) -> None:
        """Wait until the script run is over and the page drawn."""
        self.page.locator('[data-testid="stApp"]').wait_for()
        self.page.wait_for_timeout(500)
        running = self.page.locator('[data-testid="stStatusWidget"]')
        deadline = time.monotonic() + 60
        while running.count() and running.first.is_visible() and time.monotonic() < deadline:
            self.page.wait_for_timeout(200)
        self.page.wait_for_timeout(700)

    def check(self, where: str) -> None:
        assert self.dialogs == [], f"{where}: a dialog opened: {self.dialogs}"
        assert self.errors == [], f"{where}: console errors: {self.errors[:3]}"
        named = [u for u in self.requests if any(a in urllib.parse.urlsplit(u).path or a in u for a in NAMED_ADDRESSES)]
        assert named == [], f"{where}: requests to addresses the text names: {named}"
        assert self.outside == [], f"{where}: requests leaving the server: {self.outside}"
        injected = self.page.evaluate(
            """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                 .filter(a => /^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value))
                 .map(a => e.tagName + ' ' + a.name + '=' + a.value.slice(0, 40)))"""
        )
        assert injected == [], f"{where}: inline handlers or javascript: links in the page: {injected}"
        overflow = self.page.evaluate(
            """() => [document.documentElement, document.querySelector('[data-testid="stMain"]')]
                 .filter(e => e && e.scrollWidth > e.clientWidth + 1)
                 .map(e => (e.dataset.testid || e.tagName) + ' ' + e.scrollWidth + '>' + e.clientWidth)"""
        )
        assert overflow == [], f"{where}: the layout spills sideways: {overflow}"

    def close(self) -> None:
        self.context.close()


@pytest.mark.browser
@needs_chromium
def test_hostile_browser_every_tab(hostile_server, chromium, tmp_path):
    watched = Watched(chromium, hostile_server)
    try:
        watched.open()
        tabs = watched.page.get_by_role("tab")
        # The first run may start after `settle` has looked for it (a loaded machine): wait for the tabs.
        tabs.first.wait_for()
        labels = tabs.all_text_contents()
        assert len(labels) >= 5
        watched.check("first view")
        for index, label in enumerate(labels):
            tabs.nth(index).click()
            watched.settle()
            watched.check(label)
            watched.page.screenshot(path=str(tmp_path / f"tab-{index}.png"), full_page=True)
    finally:
        watched.close()


@pytest.mark.browser
@needs_chromium
def test_hostile_browser_reader_and_link(hostile_server, chromium, hostile_events, tmp_path):
    watched = Watched(chromium, hostile_server)
    try:
        for event_id in hostile_events["event_id"]:
            watched.open(f"?view=Evidence&event={urllib.parse.quote(event_id)}")
            watched.page.locator("mark").first.wait_for()
            watched.check(f"reader at {event_id}")
        watched.page.screenshot(path=str(tmp_path / "reader.png"), full_page=True)
        watched.open("?" + urllib.parse.urlencode(HOSTILE_PARAMS))
        watched.check("hostile link")
        watched.page.get_by_role("tab").first.wait_for()
    finally:
        watched.close()


@pytest.mark.browser
@needs_chromium
def test_hostile_browser_downloaded_csv_is_safe(hostile_server, chromium, tmp_path):
    watched = Watched(chromium, hostile_server)
    try:
        watched.open("?view=Evidence&q=HYPERLINK")
        assert exports.TABLES[0] == "events"  # the first CSV button of the Evidence tab's export list
        button = watched.page.get_by_role("button", name=re.compile(r"CSV")).first
        with watched.page.expect_download() as download:
            button.click()
        path = tmp_path / "events.csv"
        download.value.save_as(path)
        rows = assert_no_live_formula(path.read_text(encoding="utf-8"), "downloaded events")
        assert any(cell.startswith("'" + FORMULA_SENTENCE_START) for row in rows for cell in row)
        # Streamlit's own "Download as CSV" on tables is switched off: it would not neutralise.
        assert watched.page.locator('[data-testid="stElementToolbarButton"]').filter(has_text="Download").count() == 0
        watched.check("download")
    finally:
        watched.close()
