"""Query parameters: a view survives the round trip through a URL; bad links degrade gracefully."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from dashboard_fixtures import dashboard_data, dashboard_tables  # noqa: F401 - fixtures

from dashboard.filters import Filters
from dashboard.state import TABS, View, dates_to_filter, describe, encode, parse_query, share_url, vocabulary


@pytest.fixture
def vocab(dashboard_data):
    return vocabulary(dashboard_data)


ROUND_TRIPS = [
    (Filters(), View()),
    (Filters(mediator=("european-union",)), View()),
    (
        Filters(actor=("james-obrien", "nikol-pashinyan"), type=("talks", "accusation")),
        View(view="Timeline", stack="Mediator"),
    ),
    (Filters(venue=("brussels",), status=("cancelled",), outlet=("Daily Sabah",)), View(view="Map")),
    (Filters(date_from=dt.date(2023, 6, 1), date_to=dt.date(2023, 11, 30)), View(view="Evidence", event="e1")),
    (Filters(date_from=dt.date(2023, 6, 1)), View()),
    (Filters(q="Lachin corridor & co"), View(view="Actors", profile="ilham-aliyev")),
    (Filters(), View(view="Documents", doc="d4")),
    (Filters(mediator=("united-states",)), View(view="Accusations", quote="q1")),
    (Filters(), View(view="Actors", profile="nikol-pashinyan", quote="q4")),
]


@pytest.mark.parametrize("filters, view", ROUND_TRIPS)
def test_encoded_view_parses_back_to_itself(vocab, filters, view):
    parsed = parse_query(encode(filters, view, vocab), vocab)
    assert (parsed.filters, parsed.view, parsed.notes) == (filters, view, [])


@pytest.mark.parametrize("filters, view", ROUND_TRIPS)
def test_share_url_carries_the_same_parameters(vocab, filters, view):
    url = share_url("http://localhost:8501/?old=1", encode(filters, view, vocab))
    assert url.startswith("http://localhost:8501/")
    assert parse_qs(urlsplit(url).query) == encode(filters, view, vocab)


def test_defaults_are_left_out_of_the_url(vocab):
    assert encode(Filters(), View(), vocab) == {}


def test_urls_carry_display_labels_like_streamlits_widget_binding(vocab):
    params = encode(Filters(mediator=("european-union",), actor=("james-obrien",)), View(), vocab)
    assert params == {"actor": ["James O'Brien"], "mediator": ["European Union"]}


@pytest.mark.parametrize(
    "raw, note",
    [
        ({"colour": ["red"]}, "colour: unknown parameter"),
        ({"mediator": ["Nope"]}, "no such mediator 'Nope'"),
        ({"type": ["party"]}, "no such event type 'party'"),
        ({"dates": ["yesterday"]}, "not a YYYY-MM-DD date range"),
        ({"dates": ["2023-12-01", "2023-01-01"]}, "is after"),
        ({"dates": ["2023-01-01", "2023-02-01", "2023-03-01"]}, "more than two dates"),
        ({"view": ["Secret"]}, "no such view"),
        ({"stack": ["Colour"]}, "stack: must be one of"),
        ({"event": ["e999"]}, "no such event"),
        ({"quote": ["q999"]}, "no such quote"),
        ({"profile": ["Nobody"]}, "no such actor"),
        ({"q": ["x" * 500]}, "was cut"),
    ],
)
def test_bad_parameters_become_notes_not_errors(vocab, raw, note):
    parsed = parse_query(raw, vocab)
    assert any(note in n for n in parsed.notes), parsed.notes


def test_good_parts_of_a_partly_bad_link_are_kept(vocab):
    parsed = parse_query({"mediator": ["European Union", "Nope"], "colour": ["red"]}, vocab)
    assert parsed.filters == Filters(mediator=("european-union",))
    assert len(parsed.notes) == 2


def test_streamlit_own_parameters_are_not_reported(vocab):
    assert parse_query({"embed": ["true"], "embed_options": ["light_theme"]}, vocab).notes == []


@pytest.mark.parametrize(
    "value, expected",
    [
        ((dt.date(2023, 1, 1), dt.date(2024, 1, 31)), (None, None)),  # the full span is no filter
        ((dt.date(2023, 3, 1), dt.date(2024, 1, 31)), (dt.date(2023, 3, 1), None)),
        ((dt.date(2023, 3, 1),), (dt.date(2023, 3, 1), None)),  # half-picked range
        ((), (None, None)),
    ],
)
def test_date_widget_value_to_filter(vocab, value, expected):
    assert vocab.date_bounds == (dt.date(2023, 1, 1), dt.date(2024, 1, 31))
    assert dates_to_filter(value, vocab.date_bounds) == expected


def test_active_filters_are_described_by_name(vocab):
    text = describe(Filters(mediator=("european-union",), status=("cancelled",), q="Granada"), vocab)
    assert text == ["Mediator: European Union", "Status: cancelled", "Text: “Granada”"]


def test_every_tab_is_a_valid_view(vocab):
    for tab in TABS:
        assert parse_query({"view": [tab]}, vocab).view.view == tab
