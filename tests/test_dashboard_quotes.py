"""Quotes: who said what about whom, and which of them accuse a mediator (synthetic build)."""

import datetime as dt

import pandas as pd
import pytest
from dashboard_fixtures import ACCUSATIONS_BY_MEDIATOR, QUOTES, build_synthetic_tables, dashboard_data, dashboard_tables  # noqa: F401

from dashboard.filters import Filters, event_mask
from dashboard.inview import InView
from dashboard.loading import load
from dashboard.model import prepare
from dashboard.quotes import NOT_NAMED, as_ids, quote_table, quotes_about, quotes_by
from dashboard.views.accusations import accusation_rows, accuser_mediator_counts


def quotes_in_view(data, filters):
    return InView(data, filters, event_mask(data, filters)).quotes


def accusations_in_view(data, filters):
    return InView(data, filters, event_mask(data, filters)).accusations


def ids(frame, column="quote_id"):
    return set(frame[column])


def accusation_ids(frame):
    """e2 for an accusation event, q1 for a quote: the id behind each row."""
    return {e if isinstance(e, str) else q for e, q in zip(frame["event_id"], frame["quote_id"])}


# ------------------------------------------------------------------ loading


def test_every_quote_is_loaded_with_its_article_outlet_and_date(dashboard_data):
    quotes = dashboard_data.quotes.set_index("quote_id")
    assert len(quotes) == len(QUOTES)
    q3 = quotes.loc["q3"]
    assert (q3["speaker"], q3["outlet"], q3["published"]) == ("Ilham Aliyev", "Daily Sabah", "2023-12-06")
    assert q3["date_start"] == pd.Timestamp("2023-12-06")


def test_quotes_use_categoricals_like_the_events(dashboard_data):
    for column in ("doc_id", "speaker_id", "speaker", "outlet"):
        assert isinstance(dashboard_data.quotes[column].dtype, pd.CategoricalDtype), column


def test_an_unattributed_quote_says_so_and_an_undated_article_leaves_it_undated(dashboard_data):
    q6 = dashboard_data.quotes.set_index("quote_id").loc["q6"]
    assert q6["speaker"] == NOT_NAMED and pd.isna(q6["speaker_id"])
    assert pd.isna(q6["date_start"])


def test_a_build_without_quotes_gives_empty_frames_not_errors(tmp_path):
    data = prepare(load(build_synthetic_tables(tmp_path, with_optional=False)))
    assert data.quotes.empty and "speaker" in data.quotes
    assert quotes_in_view(data, Filters(q="biased", actor=("armenia",))).empty
    assert accusation_ids(data.accusations) == {"e2"}  # the accusation events remain


@pytest.mark.parametrize(
    "cell, expected",
    [
        (None, ()),
        (float("nan"), ()),
        ("armenia", ("armenia",)),
        (["a", "b"], ("a", "b")),
        (pd.array(["a"]).to_numpy(), ("a",)),
    ],
)
def test_list_cells_become_tuples_of_ids(cell, expected):
    assert as_ids(cell) == expected


# ------------------------------------------------------------------ quotes in the actor profile


@pytest.mark.parametrize(
    "actor, said, about",
    [
        ("nikol-pashinyan", {"q4"}, set()),
        ("ilham-aliyev", {"q3", "q5", "q7"}, set()),
        ("azerbaijan", {"q1", "q2"}, {"q4"}),
        ("united-states", set(), {"q1", "q2"}),  # named in them, as the mediator they accuse
        ("russia", set(), {"q5"}),
        ("armenia", set(), {"q7"}),
        ("france", set(), {"q7"}),
    ],
)
def test_quotes_by_and_about_an_actor(dashboard_data, actor, said, about):
    assert ids(quotes_by(dashboard_data.quotes, actor)) == said
    assert ids(quotes_about(dashboard_data.quotes, actor)) == about


def test_quotes_are_listed_newest_first_undated_last(dashboard_data):
    order = list(quotes_by(dashboard_data.quotes, "ilham-aliyev")["quote_id"])
    assert order[-1] == "q5" and set(order[:2]) == {"q3", "q7"}  # Daily Sabah 2023-12-06, then TURAN 2023-09-12


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}),
        (Filters(actor=("nikol-pashinyan",)), {"q4"}),  # the speaker
        (Filters(actor=("russia",)), {"q5"}),  # named in the quote
        (Filters(mediator=("european-union",)), {"q3"}),  # a mediator the quote is about
        (Filters(outlet=("TURAN",)), {"q4", "q5"}),
        (Filters(date_from=dt.date(2023, 11, 1), date_to=dt.date(2023, 11, 30)), {"q1", "q2"}),  # the article's date
        (Filters(q="BIASED"), {"q1", "q3", "q7"}),
        (Filters(q="Lachin Pashinyan"), {"q4"}),  # words may be in the quote or its speaker
        (Filters(venue=("moscow",), type=("talks",), status=("held",)), {"q1", "q2", "q3", "q4", "q5", "q6", "q7"}),
    ],
    ids=lambda v: repr(v) if isinstance(v, Filters) else None,
)
def test_sidebar_filters_narrow_quotes_on_what_a_quote_has(dashboard_data, filters, expected):
    assert ids(quotes_in_view(dashboard_data, filters)) == expected


def test_quote_table_cells_are_plain_text(dashboard_data):
    table = quote_table(dashboard_data.quotes, ["published", "outlet", "speaker", "text", "accusation"])
    assert list(table.columns) == ["Article date", "Outlet", "Speaker", "Quote", "Accusation"]
    q6 = table.iloc[list(dashboard_data.quotes["quote_id"]).index("q6")]
    assert (q6["Article date"], q6["Accusation"]) == ("", "")
    assert "<b>talks</b>" in q6["Quote"]  # shown as typed, never rendered: st.dataframe cells are text


# ------------------------------------------------------------------ accusations against mediators


def test_accusations_come_from_events_and_quotes_each_counted_once(dashboard_data):
    table = dashboard_data.accusations
    by_mediator = {m: accusation_ids(table[table["mediator_id"] == m]) for m in table["mediator_id"].dropna().unique()}
    assert (
        by_mediator == ACCUSATIONS_BY_MEDIATOR
    )  # q2 repeats event e2's sentence; q4 accuses no mediator; q5 accuses nobody


@pytest.mark.parametrize(
    "accusation, accuser, mediator, targets, date, outlet, source",
    [
        ("e2", "Azerbaijan", "United States", "James O'Brien", "2023-11-16", "Azerbaijan in Focus", "event"),
        ("q1", "Azerbaijan", "United States", "", "2023-11-17", "Azerbaijan in Focus", "quote"),
        ("q3", "Ilham Aliyev", "European Union", "", "2023-12-06", "Daily Sabah", "quote"),
    ],
)
def test_each_accusation_says_who_accused_which_mediator_when_and_where(
    dashboard_data, accusation, accuser, mediator, targets, date, outlet, source
):
    table = dashboard_data.accusations
    row = table[[accusation in (e, q) for e, q in zip(table["event_id"], table["quote_id"])]].iloc[0]
    assert (row["accuser"], row["mediator"], row["targets"], row["date"], row["outlet"], row["source"]) == (
        accuser,
        mediator,
        targets,
        date,
        outlet,
        source,
    )


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), {"e2", "q1", "q3", "q7"}),
        (Filters(mediator=("united-states",)), {"e2", "q1"}),
        (Filters(mediator=("france",)), {"q7"}),
        (Filters(mediator=("european-union",)), {"q3"}),
        (Filters(mediator=("russia",)), set()),
        (Filters(actor=("ilham-aliyev",)), {"q3", "q7"}),  # the accuser
        (Filters(actor=("james-obrien",)), {"e2"}),  # also blamed
        (Filters(actor=("united-states",)), {"e2", "q1"}),  # the accused
        (Filters(outlet=("Daily Sabah",)), {"q3", "q7"}),
        (Filters(date_from=dt.date(2023, 11, 17)), {"q1", "q3", "q7"}),
        (Filters(basis=("explicit",)), {"e2"}),  # quotes are dated by their article
        (Filters(date_to=dt.date(2023, 11, 16)), {"e2"}),
        (Filters(q="cannot mediate"), {"q3"}),
        (Filters(q="o'brien"), {"e2"}),
        (Filters(type=("accusation", "talks")), {"e2", "q1", "q3", "q7"}),
        (Filters(type=("talks",)), set()),
        (Filters(status=("cancelled",)), set()),  # a status is for talks only
        (Filters(venue=("washington",)), set()),  # none of them has a venue
    ],
    ids=lambda v: repr(v) if isinstance(v, Filters) else None,
)
def test_sidebar_filters_narrow_the_accusations(dashboard_data, filters, expected):
    assert accusation_ids(accusations_in_view(dashboard_data, filters)) == expected


def test_accuser_by_mediator_counts(dashboard_data):
    matrix = accuser_mediator_counts(dashboard_data.accusations)
    assert matrix.to_dict() == {
        "European Union": {"Azerbaijan": 0, "Ilham Aliyev": 1},
        "France": {"Azerbaijan": 0, "Ilham Aliyev": 1},
        "United States": {"Azerbaijan": 2, "Ilham Aliyev": 0},
    }
    assert accuser_mediator_counts(dashboard_data.accusations.iloc[0:0]).empty


def test_accusation_table_columns(dashboard_data):
    table = accusation_rows(dashboard_data.accusations)
    assert list(table.columns) == [
        "Date",
        "Accuser",
        "Mediator",
        "Accusation",
        "Dated by",
        "Also blamed",
        "Outlet",
        "From",
    ]
    assert not table.isna().any().any()
