"""Every figure is held to its bound in one place: floors, ceilings, figures a set cannot measure."""

import pytest

from data_prep.figures import TARGETS, ThresholdError, thresholds_for, verdict


def test_the_verdict_holds_floors_and_ceilings():
    figures = {"talks_f1": 0.92, "rows_per_real_round": 1.2, "furniture_events": 0.0}
    assert verdict(figures, {"talks_f1": 0.9, "rows_per_real_round": 1.25, "furniture_events": 0}).met
    failed = verdict(figures, {"talks_f1": 0.95, "rows_per_real_round": 1.1})
    assert failed.failures == ("talks_f1 0.920 < 0.95", "rows_per_real_round 1.200 > 1.1")
    assert str(failed) == "thresholds: NOT met: talks_f1 0.920 < 0.95; rows_per_real_round 1.200 > 1.1"


def test_a_threshold_on_a_figure_the_set_cannot_measure_is_not_met():
    assert verdict({"round_linking_f1": None}, {"round_linking_f1": 0.9}).failures == (
        "round_linking_f1 n/a (threshold ≥ 0.9)",
    )


def test_thresholds_file_with_an_unknown_figure_is_refused(tmp_path):
    (tmp_path / "thresholds.json").write_text('{"talks_f2": 0.9}')
    with pytest.raises(ThresholdError, match="no such figure: talks_f2"):
        thresholds_for(tmp_path / "gold.json")


def test_without_a_thresholds_file_the_targets_apply_and_furniture_never_yields_events(tmp_path):
    assert thresholds_for(tmp_path / "gold.json") == TARGETS
    (tmp_path / "thresholds.json").write_text('{"talks_f1": 0.5}')
    assert thresholds_for(tmp_path / "gold.json") == {"furniture_events": 0, "talks_f1": 0.5}
