"""The benchmark generator's rounds carry what the build writes for them: a status history.

The generated `rounds` table must pass the build's contract, and each round's
`status_history` must be exactly what `linking.status_history` would write from the
generated talks mentions and their articles' publication days, the latest report
deciding the round's status, as in a real build.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from benchmarks.generate import generate
from data_prep import display, linking
from data_prep.codebook import load
from data_prep.record import Event
from data_prep.schemas import CONTRACT, TALKS_STATUSES

STEP = re.compile(r"(\d{4}-\d{2}-\d{2}|undated) (\w+)")


@pytest.fixture(scope="module")
def generated():
    return generate(3000, seed=0)


@pytest.fixture(scope="module")
def rounds(generated) -> pd.DataFrame:
    return generated[1]["rounds"]


def test_generated_rounds_meet_the_rounds_contract(rounds):
    assert "status_history" in rounds.columns
    CONTRACT["rounds"].validate(rounds)


def test_generated_status_history_steps_read_like_the_build(rounds):
    for history, status in zip(rounds["status_history"], rounds["status"]):
        steps = [STEP.fullmatch(step) for step in history]
        assert history and all(steps), history
        said = [m.group(2) for m in steps]
        assert set(said) <= set(TALKS_STATUSES)
        assert all(a != b for a, b in itertools.pairwise(said)), "a repeated status is said once"
        days = [m.group(1).replace("undated", "") for m in steps]
        assert days == sorted(days), "in order of publication, undated first"
        assert said[-1] == status, "the latest report decides the round's status"


def test_generated_status_history_is_what_linking_writes(generated, rounds):
    frames, _ = generated
    events, documents = frames["events"], frames["documents"]
    published = dict(zip(documents["doc_id"], documents["published"]))
    precedence = load().cues.status_precedence
    talks = events[events["round_id"].notna()]
    for round_id, mentions in talks.groupby("round_id"):
        reports = [
            Event(doc, "talks", 0, 1, 0, 1.0, status) for doc, status in zip(mentions["doc_id"], mentions["status"])
        ]
        expected = linking.status_history(reports, published, precedence)
        assert rounds.set_index("round_id").at[round_id, "status_history"] == expected, round_id


def test_generated_rounds_show_where_their_reports_changed(generated):
    frames, extra = generated
    shown = display.derive(frames, extra, load())["rounds_display"]
    changed = shown["history"].dropna()
    assert len(changed) and changed.str.contains(" → ").all()
    assert len(changed) == (extra["rounds"]["status_history"].map(lambda h: len({s.split()[-1] for s in h})) > 1).sum()


def test_generated_status_history_is_deterministic(rounds):
    again = generate(3000, seed=0)[1]["rounds"]
    assert again["status_history"].tolist() == rounds["status_history"].tolist()
