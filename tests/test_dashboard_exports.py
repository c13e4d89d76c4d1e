"""Exports: every table in view, as CSV and Parquet, named with the build date and the active filters."""

import io

import pandas as pd
import pyarrow.parquet as pq
import pytest
from dashboard_fixtures import dashboard_data, dashboard_tables  # noqa: F401 - fixtures

from dashboard import exports
from dashboard.filters import Filters
from dashboard.inview import select
from dashboard.state import vocabulary


def in_view(data, filters=None):
    return select(data, filters)


@pytest.mark.parametrize(
    "table, rows",
    [("events", 4), ("rounds", 3), ("accusations", 1), ("quotes", 1), ("documents", 2)],
)
def test_each_table_holds_what_the_filters_let_through(dashboard_data, table, rows):
    view = in_view(dashboard_data, Filters(mediator=("european-union",)))
    assert len(exports.frame(table, view)) == rows


def test_file_names_carry_the_table_the_build_date_and_the_filters(dashboard_data):
    vocab = vocabulary(dashboard_data)
    view = in_view(dashboard_data, Filters(mediator=("european-union",), status=("cancelled",)))
    name = exports.file_name("rounds", view, vocab, "csv")
    assert name == f"peacetrack_rounds_built-{dashboard_data.built}_mediator-european-union_status-cancelled.csv"
    assert exports.file_name("events", in_view(dashboard_data), vocab, "parquet").endswith("_all.parquet")


def test_csv_cells_never_run_as_formulas(dashboard_data):
    view = in_view(dashboard_data)
    frame = exports.frame("events", view)
    assert {"event_id", "date", "date_basis", "actors", "sentence", "round_id", "confidence"} <= set(frame.columns)
    text = exports.csv_bytes("events", view).decode()
    assert pd.read_csv(io.StringIO(text))["event_id"].tolist() == frame["event_id"].tolist()


def test_csv_neutralises_formula_cells():
    from data_prep.spreadsheet import to_csv_text

    assert "'=HYPERLINK" in to_csv_text(pd.DataFrame({"said": ['=HYPERLINK("x")']}))


def test_parquet_carries_the_filters_and_build_date_in_its_metadata(dashboard_data):
    vocab = vocabulary(dashboard_data)
    view = in_view(dashboard_data, Filters(mediator=("russia",)))
    table = pq.read_table(io.BytesIO(exports.parquet_bytes("events", view, vocab)))
    metadata = table.schema.metadata
    assert metadata[b"peacetrack.filters"] == b"Mediator: Russia"
    assert metadata[b"peacetrack.built"] == dashboard_data.built.encode()
    assert table.column("event_id").to_pylist() == ["e8"]


def test_exported_rounds_name_parties_and_who_called_them_off(dashboard_data):
    rounds = exports.frame("rounds", in_view(dashboard_data)).set_index("round_id")
    assert rounds.loc["washington-2023-11-20", ["parties", "cancelled_by", "date_basis"]].tolist() == [
        "Armenia, Azerbaijan",
        "Azerbaijan",
        "explicit",
    ]
