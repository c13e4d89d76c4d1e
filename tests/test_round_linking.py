"""Round linking is scored as clustering (B-cubed): rows are clusters, real rounds are classes."""

import pytest

from data_prep.round_linking import LinkedEvent, b_cubed, round_linking

MAY = "2023-05-14 Brussels leaders"
JULY = "2023-07-15 Brussels leaders"


def test_b_cubed_of_a_perfect_clustering_is_one():
    assert b_cubed(["r1", "r1", "r2"], [MAY, MAY, JULY]) == (1.0, 1.0)


def test_b_cubed_of_a_split_round_loses_recall_only():
    # One real round reported three times, put in two rows: 2/3, 2/3 and 1/3 of it together.
    precision, recall = b_cubed(["r1", "r1", "r2"], [MAY, MAY, MAY])
    assert precision == 1.0
    assert recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_b_cubed_of_merged_rounds_loses_precision_only():
    # Two real rounds in one row: each report shares its row with reports of the other.
    precision, recall = b_cubed(["r1", "r1", "r1"], [MAY, MAY, JULY])
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert recall == 1.0


def test_rows_per_real_round_counts_rows_over_real_rounds():
    items = [LinkedEvent("a", "r1", MAY), LinkedEvent("b", "r2", MAY), LinkedEvent("c", "r3", JULY)]
    linking = round_linking(items)
    assert linking.rows_per_real_round == 1.5
    assert linking.merged == 0


def test_a_row_holding_two_real_rounds_counts_as_merged():
    items = [LinkedEvent("a", "r1", MAY), LinkedEvent("b", "r1", JULY), LinkedEvent("c", "r2", JULY)]
    linking = round_linking(items)
    assert linking.merged == 1
    assert linking.rows_per_real_round == 1.0


def test_events_without_round_id_are_rows_of_their_own():
    linking = round_linking([LinkedEvent("a", None, MAY), LinkedEvent("b", None, MAY)])
    assert linking.rows_per_real_round == 2.0
    assert linking.recall == 0.5
