"""The cache's summaries file: a rebuild takes every summary from one file, and falls back to the
entries (with the same tables) whenever the file or an entry is not what it should be."""

import os
from datetime import date

import pytest

from data_prep import compare_builds, pipeline
from data_prep.cache import ArticleCache
from data_prep.outcomes import Outcome
from data_prep.summaries import FILE_NAME, Summaries

DAY = date(2026, 1, 1)
KEY = "ab" * 32


def _identical_to_a_clean_build(tmp_path, corpus, out):
    pipeline.build(corpus, tmp_path / "clean", workers=1)
    comparison = compare_builds(tmp_path / "clean", out)
    assert comparison.identical, comparison.summary()


def test_summaries_are_read_from_the_file_while_the_entry_is_the_one_they_came_from(tmp_path):
    first = ArticleCache(tmp_path)
    first.put(KEY, Outcome(skipped="x"), DAY)
    first.prune()
    entry = tmp_path / KEY[:2] / f"{KEY}.pkl"
    stat = os.stat(entry)
    with entry.open("r+b") as handle:  # same size, same inode, times put back: the file is trusted
        handle.write(b"\0" * stat.st_size)
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert ArticleCache(tmp_path).get(KEY, DAY) == Outcome(skipped="x")
    entry.write_bytes(b"\0" * stat.st_size)  # changed since: the entry itself is read (and is broken)
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert ArticleCache(tmp_path).get(KEY, DAY) is None


def test_a_kept_summary_that_read_the_build_date_is_valid_on_that_date_only(tmp_path):
    first = ArticleCache(tmp_path)
    first.put(KEY, Outcome(skipped="x", dated=True), DAY)
    first.prune()
    assert ArticleCache(tmp_path).get(KEY, DAY) == Outcome(skipped="x", dated=True)
    assert ArticleCache(tmp_path).get(KEY, date(2026, 1, 2)) is None


def test_a_rebuild_opens_no_entry_for_its_summaries(tmp_path, corpus, monkeypatch):
    cache = tmp_path / "cache"
    pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    assert (cache / FILE_NAME).is_file()
    kept = Summaries(cache / FILE_NAME)
    opened: list[str] = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
    again = pipeline.build(corpus, tmp_path / "again", cache=cache, workers=1)
    monkeypatch.undo()
    assert again.run["cache_hits"] == again.documents_read == len(kept.known) - len(again.skipped)
    assert not [f for f in opened if f.endswith(".pkl")]
    _identical_to_a_clean_build(tmp_path, corpus, tmp_path / "again")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda f: f.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2]), id="truncated"),
        pytest.param(lambda f: f.write_bytes(b"garbage"), id="garbage"),
        pytest.param(lambda f: f.write_bytes(b"\x80\x05N."), id="another-format"),
    ],
)
def test_a_damaged_summaries_file_is_passed_over_with_a_message_and_the_same_tables(tmp_path, corpus, damage):
    cache = tmp_path / "cache"
    pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    damage(cache / FILE_NAME)
    changed = sorted(corpus.glob("*.txt"))[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAliyev said the talks were useful.\n")
    again = pipeline.build(corpus, tmp_path / "again", cache=cache, workers=1)
    assert "summaries file" in again.run["cache"] and "every article's entry was read" in again.summary()
    assert again.run["cache_misses"] == 1
    _identical_to_a_clean_build(tmp_path, corpus, tmp_path / "again")
    healed = pipeline.build(corpus, tmp_path / "healed", cache=cache, workers=1)
    assert "cache" not in healed.run and healed.run["cache_misses"] == 0


def test_a_missing_summaries_file_or_entry_gives_the_same_tables(tmp_path, corpus):
    cache = tmp_path / "cache"
    pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    (cache / FILE_NAME).unlink()
    again = pipeline.build(corpus, tmp_path / "again", cache=cache, workers=1)
    assert "cache" not in again.run and again.run["cache_misses"] == 0
    next(cache.glob("*/*.pkl")).unlink()  # an entry gone while the file still holds its summary
    once_more = pipeline.build(corpus, tmp_path / "once_more", cache=cache, workers=1)
    assert once_more.run["cache_misses"] == 1
    _identical_to_a_clean_build(tmp_path, corpus, tmp_path / "once_more")


def test_entries_written_by_worker_processes_are_summarised_too(tmp_path, corpus):
    cache = tmp_path / "cache"
    first = pipeline.build(corpus, tmp_path / "first", cache=cache, workers=2)
    kept = Summaries(cache / FILE_NAME)
    assert len(kept.known) == first.documents_read + len(first.skipped) and not kept.problem
    again = pipeline.build(corpus, tmp_path / "again", cache=cache, workers=2)
    assert again.run["cache_misses"] == 0
    _identical_to_a_clean_build(tmp_path, corpus, tmp_path / "again")


def test_what_lasts_the_build_is_left_out_of_collections_until_it_ends():
    import gc

    from data_prep.summaries import long_lived

    before = gc.get_freeze_count()
    with long_lived():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0
