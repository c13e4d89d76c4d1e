"""Compare: the mediation tracks side by side (pure functions on the synthetic build)."""

from dashboard_fixtures import dashboard_data, dashboard_tables  # noqa: F401 - fixtures

from dashboard import compare
from dashboard.inview import select


def view(data, filters=None):
    return select(data, filters)


def order(v):
    return compare.track_order(v.rounds, v.data.mediator_rank, v.data.labels["actor"])


def test_tracks_follow_the_conflicts_order_of_mediators_then_no_mediator(dashboard_data):
    assert order(view(dashboard_data)) == ["United States", "European Union", "Russia", "No mediator"]


def test_rounds_are_counted_per_track_period_and_status(dashboard_data):
    v = view(dashboard_data)
    counts, period = compare.rounds_by_track(v.rounds, order(v))
    assert period == "month"  # the rounds span less than two years
    eu = counts[counts["track"] == "European Union"]
    assert sorted(zip(eu["period_key"], eu["status"], eu["n"])) == [
        ("2023-10-01", "cancelled", 2),
        ("2024-01-01", "planned", 1),
    ]


def test_a_bar_selection_gives_back_its_rounds(dashboard_data):
    v = view(dashboard_data)
    picked = compare.rounds_in_bars(v.rounds, ["european-union|2023-10-01|cancelled"])
    assert set(picked["round_id"]) == {"granada-2023-10", "brussels-2023-10"}


def test_who_called_rounds_off_per_track(dashboard_data):
    v = view(dashboard_data)
    calls = compare.cancellers(v.rounds, order(v), v.data.labels["actor"])
    assert calls[["canceller", "track", "n"]].values.tolist() == [["Azerbaijan", "United States", 1]]


def test_the_summary_sets_the_tracks_against_each_other(dashboard_data):
    v = view(dashboard_data)
    summary = compare.summary(v.rounds, v.accusations, order(v), v.data.labels["actor"]).set_index("Track")
    assert summary.loc["United States"].to_dict() == {
        "Held": 0,
        "Planned": 0,
        "Cancelled": 1,
        "Undated": 0,
        "First round": "2023-11-20",
        "Latest round": "2023-11-20",
        "Called off by": "Azerbaijan (1)",
        "Accusations against": 2,
        "Main accusers": "Azerbaijan (2)",
    }
    assert summary.loc["No mediator", "Undated"] == 1  # known only from an article's publication date


def test_accusations_per_track_over_time(dashboard_data):
    v = view(dashboard_data)
    counts, _ = compare.accusations_by_track(v.accusations, order(v))
    assert counts.groupby("mediator")["n"].sum().to_dict() == {"European Union": 1, "France": 1, "United States": 2}
