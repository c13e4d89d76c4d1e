"""Query parameters: a view survives the round trip through a URL; a bad link is explained, never obeyed blindly."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from dashboard_fixtures import dashboard_data, dashboard_tables  # noqa: F401 - fixtures

from dashboard.filter_words import describe, filters_slug
from dashboard.filters import Filters
from dashboard.link_reading import EXCERPT, dates_to_filter, excerpt, parse_query
from dashboard.link_writing import encode, share_url
from dashboard.state import TABS, View, vocabulary
from dashboard.views.common import point_key, selected_keys


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
    (Filters(basis=("explicit", "relative")), View(view="Compare")),
    (Filters(date_from=dt.date(2023, 6, 1), date_to=dt.date(2023, 11, 30)), View(view="Evidence", event="e1")),
    (Filters(date_from=dt.date(2023, 6, 1)), View()),
    (Filters(q="Lachin corridor & co"), View(view="Actors", profile="ilham-aliyev")),
    (Filters(), View(view="Documents", doc="d4")),
    (Filters(mediator=("united-states",)), View(view="Accusations", quote="q1")),
    (Filters(), View(rounds=("washington-2023-11-20", "moscow-2023-05-25"))),
    (Filters(), View(view="Timeline", bars=("2023-10|talks", "2023-09|talks|publication"))),
    (Filters(), View(view="Map", places=("brussels",))),
    (Filters(), View(view="Accusations", accused=("2023-11|United States",))),
    (Filters(), View(view="Compare", tracks=("european-union|2023-10-01|cancelled",))),
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


def test_a_selection_too_large_for_a_link_stays_out_of_it(vocab):
    view = View(rounds=tuple(f"r{i}" for i in range(500)))
    assert "rounds" not in encode(Filters(), view, vocab)


@pytest.mark.parametrize(
    "raw, note",
    [
        ({"colour": ["red"]}, "Ignored the parameter “colour”: not one the dashboard knows"),
        ({"mediator": ["Nope"]}, "Mediator: ignored “Nope” (no such mediator)"),
        (
            {"mediator": ["European Union", "Nope"]},
            "Mediator: applied European Union; ignored “Nope” (no such mediator)",
        ),
        ({"type": ["party"]}, "Event type: ignored “party” (no such event type)"),
        ({"dates": ["yesterday"]}, "Dates: ignored “yesterday”: not a YYYY-MM-DD date range"),
        (
            {"dates": ["2023-12-01", "2023-01-01"]},
            "Dates: 2023-12-01 is after 2023-01-01; applied them swapped, 2023-01-01 – 2023-12-01",
        ),
        ({"dates": ["2023-01-01", "2023-02-01", "2023-03-01"]}, "more than two dates"),
        (
            {"dates": ["2020-01-01", "2023-06-01"]},
            "Dates: ignored 2020-01-01 – 2023-06-01: outside the dates of the data",
        ),
        ({"view": ["Secret"]}, "View: ignored “Secret” (no such view)"),
        ({"stack": ["Colour"]}, "Timeline stack: ignored “Colour” (one of Type, Mediator)"),
        ({"event": ["e999"]}, "Event: ignored “e999” (no such event)"),
        ({"quote": ["q999"]}, "Quote: ignored “q999” (no such quote)"),
        ({"profile": ["Nobody"]}, "Actor profile: ignored “Nobody” (no such actor)"),
        ({"rounds": ["r404"]}, "Rounds selected: ignored “r404” (not on the chart)"),
        ({"bars": ["<img src=x>|talks"]}, "Timeline selection: ignored “<img src=x>|talks” (not on the chart)"),
        ({"tracks": ["united-states|2023-10|held"]}, "Compare selection: ignored “united-states|2023-10|held”"),
        ({"q": ["x" * 500]}, "Search: applied its first 200 characters; ignored the other 300"),
    ],
)
def test_each_note_says_what_was_applied_and_what_was_ignored(vocab, raw, note):
    parsed = parse_query(raw, vocab)
    assert any(note in n for n in parsed.notes), parsed.notes


def test_a_reversed_range_is_applied_in_order(vocab):
    parsed = parse_query({"dates": ["2023-12-01", "2023-10-01"]}, vocab)
    assert (parsed.filters.date_from, parsed.filters.date_to) == (dt.date(2023, 10, 1), dt.date(2023, 12, 1))


def test_unknown_values_are_quoted_short_on_one_line(vocab):
    parsed = parse_query({"mediator": ["x" * 300 + "\n<script>"] * 5}, vocab)
    (note,) = parsed.notes
    assert len(note) < 200 and "\n" not in note and "more" not in note  # one distinct value, listed once
    many = parse_query({"venue": [f"place {i}" for i in range(10)]}, vocab).notes[0]
    assert many.endswith("and 7 more (no such venue)")


def test_excerpt_cuts_and_flattens():
    assert excerpt("a\tb\n\nc") == "“a b c”"
    assert len(excerpt("y" * 100)) == EXCERPT + 2 and excerpt("y" * 100).endswith("…”")


def test_unusable_parameters_are_dropped_from_the_address(vocab):
    parsed = parse_query({"colour": ["red"], "event": ["e999"], "mediator": ["Nope"]}, vocab)
    assert sorted(parsed.drop) == ["colour", "event"]  # the bound mediator widget cleans its own parameter


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
        ((dt.date(2023, 9, 1), dt.date(2023, 3, 1)), (dt.date(2023, 3, 1), dt.date(2023, 9, 1))),  # reversed
        ((), (None, None)),
    ],
)
def test_date_widget_value_to_filter(vocab, value, expected):
    assert vocab.date_bounds == (dt.date(2023, 1, 1), dt.date(2024, 1, 31))
    assert dates_to_filter(value, vocab.date_bounds) == expected


def test_active_filters_are_described_by_name(vocab):
    text = describe(
        Filters(mediator=("european-union",), status=("cancelled",), basis=("explicit",), q="Granada"), vocab
    )
    assert text == ["Mediator: European Union", "Talks status: cancelled", "Date basis: explicit", "Text: “Granada”"]


def test_filters_become_a_file_name_part(vocab):
    assert filters_slug(Filters(), vocab) == "all"
    assert filters_slug(Filters(mediator=("european-union",), status=("cancelled",)), vocab) == (
        "mediator-european-union_status-cancelled"
    )
    long = filters_slug(
        Filters(actor=tuple(vocab.labels["actor"]), venue=tuple(vocab.labels["venue"]), q="x" * 40), vocab
    )
    assert len(long) <= 150 and long[-9] == "-"  # cut, with a hash of the whole


def test_every_tab_is_a_valid_view(vocab):
    for tab in TABS:
        assert parse_query({"view": [tab]}, vocab).view.view == tab


# ------------------------------------------------------------------ chart selections as Streamlit returns them


@pytest.mark.parametrize(
    "customdata, key",
    [
        ({"0": "washington-2023-11-20", "1": "2023-11-20"}, "washington-2023-11-20"),  # what Streamlit sends
        (["washington-2023-11-20", "x"], "washington-2023-11-20"),
        ("2023-10|talks", "2023-10|talks"),
        ({}, None),
        (None, None),
        ([["e1", "e2"]], None),  # a list is not a key
    ],
)
def test_a_points_key_is_its_first_customdata_in_any_shape(customdata, key):
    assert point_key({"customdata": customdata}) == key


def test_a_box_selection_of_dict_customdata_gives_the_keys():
    """The crash of issue 9: Streamlit returns customdata as a dict keyed by position."""
    state = {
        "selection": {
            "points": [
                {"curve_number": 0, "customdata": {"0": "granada-2023-10"}},
                {"curve_number": 1, "customdata": {"0": "brussels-2023-10"}},
                {"curve_number": 1, "customdata": {"0": "brussels-2023-10"}},
            ],
            "box": [{"x": [0, 1], "y": [0, 1]}],
        }
    }
    assert selected_keys(state) == ["granada-2023-10", "brussels-2023-10"]
    assert selected_keys(None) == [] and selected_keys({"selection": {"points": []}}) == []
