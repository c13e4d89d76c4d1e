"""The table contract is declared once, as data, and documented in the README."""

from pathlib import Path

import pytest

from data_prep.schemas import ALL_TABLES, CONTRACT, CORE_TABLES, FOREIGN_KEYS, SCHEMAS

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize("key", FOREIGN_KEYS, ids=str)
def test_every_foreign_key_names_columns_of_the_contract(key):
    assert key.column in CONTRACT[key.table].columns and key.key in CONTRACT[key.target].columns
    if key.where:
        assert key.where[0] in CONTRACT[key.table].columns


@pytest.mark.parametrize("key", FOREIGN_KEYS, ids=str)
def test_every_foreign_key_points_at_a_unique_key(key):
    assert CONTRACT[key.target].unique == [key.key]


@pytest.mark.parametrize("name", ALL_TABLES)
def test_every_table_and_column_is_in_the_readme(name):
    readme = README.read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}` |"))
    for column in CONTRACT[name].columns:
        assert f"`{column}`" in row, f"{name}.{column} is not documented"


def test_the_core_tables_are_the_ones_every_reader_needs():
    assert set(CORE_TABLES) < set(ALL_TABLES) and set(SCHEMAS) == set(CORE_TABLES)
