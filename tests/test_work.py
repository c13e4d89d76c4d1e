"""The per-article work as a pure function of a task: reading and analysis anywhere, no file opened."""

import gc
import pickle
from datetime import date
from pathlib import Path

from data_prep.outcomes import Outcome, Task
from data_prep.pipeline import analyse_article
from data_prep.work import process, process_batch

WIRE = (
    "WASHINGTON, Nov 7 (Agency) - The foreign ministers of Armenia and Azerbaijan met in Washington on Monday "
    "for a new round of talks.\n"
)


def task(raw: bytes, name: str = "a.txt", meta=None) -> Task:
    return Task(Path(name).stem, Path(name), raw, meta or {}, date(2026, 12, 1))


def test_a_task_gives_the_rows_of_its_article(knowledge):
    outcome = process(
        task(b"Pashinyan said Armenia was ready to sign.", meta={"published": "2023-11-17"}), knowledge, analyse_article
    )
    assert outcome.skipped is None and outcome.rows is not None
    assert outcome.rows.doc_id == "a" and outcome.rows.published == "2023-11-17"
    assert [row[2] for row in outcome.rows.events] == ["statement"]
    assert pickle.loads(pickle.dumps(outcome)) == outcome


def test_a_task_of_unreadable_bytes_gives_the_reason(knowledge):
    assert process(task(b"   "), knowledge, analyse_article) == Outcome(skipped="empty file")


def test_an_outcome_says_whether_it_read_the_build_date(knowledge):
    assert process(task(WIRE.encode()), knowledge, analyse_article).dated
    assert not process(task(WIRE.encode(), meta={"published": "2022-11-08"}), knowledge, analyse_article).dated
    assert not process(task(b"Pashinyan said Armenia was ready."), knowledge, analyse_article).dated


def test_an_analysis_that_fails_costs_only_its_article(knowledge, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("oops")

    outcome = process(task(b"Pashinyan said Armenia was ready."), knowledge, broken)
    assert outcome.rows is None and outcome.skipped == "analysis failed (KeyError: 'oops')"
    assert outcome.sha256 is not None


def test_on_this_machine_the_rows_go_to_the_spill_and_only_a_summary_comes_back(knowledge, tmp_path):
    from dataclasses import replace

    from data_prep.spill import load_refs

    spilled = process(
        replace(task(b"Pashinyan said Armenia was ready."), spill=str(tmp_path)), knowledge, analyse_article
    )
    assert spilled.rows is None and spilled.ref is not None and spilled.summary.doc_id == "a"
    (rows,) = load_refs([spilled.ref])
    assert rows == process(task(b"Pashinyan said Armenia was ready."), knowledge, analyse_article).rows


def test_a_batch_collects_garbage_less_often_and_puts_the_collector_back(knowledge):
    """The analysis raises the collector's threshold while it runs (nothing it yields
    depends on when garbage is collected) and leaves it as it found it."""
    seen = []

    def analyse(article, knowledge):
        seen.append(gc.get_threshold()[0])
        return analyse_article(article, knowledge)

    before = gc.get_threshold()
    outcomes = process_batch([task(b"Pashinyan said Armenia was ready to sign.")], knowledge, analyse)
    assert outcomes == [process(task(b"Pashinyan said Armenia was ready to sign."), knowledge, analyse_article)]
    assert seen[0] > before[0] and gc.get_threshold() == before
