"""The build's one list of stages, and the per-article function every build runs."""

import pickle
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields

from conftest import SEEDS, make_article

from data_prep import pipeline, writing
from data_prep.reading import article_from_text, iter_input_files
from data_prep.record import Record

READ_ONLY_FIELDS = {"article"}


def test_the_stages_run_in_the_order_the_readme_lists():
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| \d+ `(\w+)` \|", readme, re.M)
    assert listed == [stage.__name__ for stage in pipeline.STAGES]
    assert listed[0] == "find_names" and listed[-1] == "check_offsets"


def test_every_record_field_but_the_article_is_filled_by_a_stage_named_beside_it():
    """record.py says, for each field, which stage fills it; each of those is in STAGES."""
    import inspect

    from data_prep import record

    source = inspect.getsource(record.Record)
    names = {stage.__name__ for stage in pipeline.STAGES}
    for field in fields(Record):
        if field.name in READ_ONLY_FIELDS:
            continue
        line = next(line for line in source.splitlines() if line.strip().startswith(f"{field.name}:"))
        comment = line.split("#", 1)[1]
        assert any(name in comment for name in names), field.name


def test_analysing_an_article_gives_the_same_record_every_time(knowledge):
    article = make_article(
        "Aliyev and Pashinyan held talks in Tbilisi on Monday, Russia said.", knowledge.cues, "2022-07-20"
    )
    assert pipeline.analyse_article(article, knowledge) == pipeline.analyse_article(article, knowledge)


def test_a_stage_leaves_the_record_it_was_given_as_it_was(knowledge):
    article = make_article('"We will meet in Ljubljana," Pashinyan said of Aliyev on Monday.', knowledge.cues)
    record = Record(article)
    for stage in pipeline.STAGES:
        before = pickle.dumps(record)
        after = stage(record, knowledge)
        assert pickle.dumps(record) == before, f"{stage.__name__} changed its input"
        record = after


def test_an_article_analysed_in_another_process_gives_the_same_record(knowledge):
    """What the build-scale work relies on: the per-article step is a pure function of
    (article, knowledge), so a worker process computes exactly what the build does."""
    articles = [
        article_from_text(path.read_text(encoding="utf-8"), path.stem, path, {}, knowledge.cues)
        for path in iter_input_files(SEEDS)[:2]
    ]
    here = [pipeline.analyse_article(a, knowledge) for a in articles]
    with ProcessPoolExecutor(max_workers=1) as pool:
        there = list(pool.map(pipeline.analyse_article, articles, [knowledge] * len(articles)))
    assert there == here


def test_check_offsets_refuses_an_event_outside_the_text(extract, knowledge):
    from dataclasses import replace

    import pytest

    record = extract("Pashinyan said Armenia was ready.")
    (event,) = record.other_events
    broken = replace(record, other_events=(replace(event, end=10_000),))
    with pytest.raises(ValueError, match="outside the text"):
        pipeline.check_offsets(broken, knowledge)
    twice = replace(record, other_events=(event, event))
    with pytest.raises(ValueError, match="duplicate event id"):
        pipeline.check_offsets(twice, knowledge)


def test_progress_hears_of_every_file_once_in_order_skipped_ones_too(tmp_path, knowledge):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Pashinyan said Armenia was ready.")
    (src / "b.txt").write_text("")
    (src / "c.txt").write_text("Aliyev said Azerbaijan was ready.")
    heard = []
    pipeline.build(
        src, tmp_path / "out", knowledge=knowledge, progress=lambda n, total, path: heard.append((n, total, path.name))
    )
    assert heard == [(1, 3, "a.txt"), (2, 3, "b.txt"), (3, 3, "c.txt")]


def test_runs_follow_the_articles_keys_so_one_changed_article_changes_one_run(monkeypatch):
    """Run boundaries come from the articles' cache keys: editing one article changes the
    key of its own run only, and so does inserting one; without keys runs have one size."""
    import hashlib

    monkeypatch.setattr(writing, "RUN_ARTICLES", 8)

    def articles(n, changed=None):
        return [
            (hashlib.sha256(f"{i}{'x' if i == changed else ''}".encode()).hexdigest(), f"a{i}.txt", ())
            for i in range(n)
        ]

    before = list(writing.plan_runs(articles(200), {}))
    after = list(writing.plan_runs(articles(200, changed=57), {}))
    assert before[0][0] == 0 and before[-1][1] == 200
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    assert len(before) > 5 and len(changed) == 1
    (start, stop, _), _ = changed[0]
    assert start <= 57 < stop
    assert max(stop - start for start, stop, _ in before) <= 3 * 8
    plain = list(writing.plan_runs([(None, f"a{i}.txt", ()) for i in range(20)], {}))
    assert [(start, stop) for start, stop, _ in plain] == [(0, 8), (8, 16), (16, 20)] and plain[0][2] is None


def test_a_run_key_changes_when_a_round_of_its_talks_is_linked_otherwise():
    rows = [("ab" * 32, "a.txt", ("event-1",))]
    first = list(writing.plan_runs(rows, {"event-1": "brussels-2023-11"}))
    second = list(writing.plan_runs(rows, {"event-1": "brussels-2023-12"}))
    assert first[0][2] != second[0][2]
