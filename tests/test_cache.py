"""The per-article cache: a rebuild reuses what did not change and writes what a clean build writes."""

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import write

from data_prep import compare_builds, pipeline, source, tables, writing
from data_prep.cache import (
    ArticleCache,
    FileDigests,
    article_key,
    codebook_fingerprint,
    compiled_codebook,
    default_cache_dir,
)
from data_prep.codebook import DEFAULT_DIR, load
from data_prep.outcomes import Outcome

WIRE = (
    "Ministers meet again\n\n"
    "WASHINGTON, Nov 7 (Agency) - The foreign ministers of Armenia and Azerbaijan met in Washington on Monday "
    "for a new round of talks, the State Department said.\n"
)


def test_a_rebuild_after_one_changed_article_reanalyses_it_alone_and_equals_a_clean_build(tmp_path, corpus):
    cache = tmp_path / "cache"
    first = pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    assert first.run["cache_misses"] == first.documents_read and first.run["cache_hits"] == 0
    changed = sorted(corpus.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAliyev said the talks in Brussels were useful.\n")
    again = pipeline.build(corpus, tmp_path / "again", cache=cache, workers=1)
    assert (again.run["cache_hits"], again.run["cache_misses"]) == (again.documents_read - 1, 1)
    pipeline.build(corpus, tmp_path / "clean", workers=1)
    comparison = compare_builds(tmp_path / "clean", tmp_path / "again")
    assert comparison.identical, comparison.summary()


def test_a_rebuild_reuses_the_runs_and_their_display_rows_it_did_not_change_and_equals_a_clean_build(
    tmp_path, corpus, monkeypatch
):
    # Runs of a few articles, so that the changed one is in one run of several; its new event
    # moves the event rows of every later run, which event_actor_rows counts in.
    monkeypatch.setattr(writing, "RUN_ARTICLES", 2)
    cache = tmp_path / "cache"
    pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    changed = sorted(corpus.glob("*.txt"))[1]
    head, gap, rest = changed.read_text(encoding="utf-8").partition("\n\n")  # a sentence after the headline
    added = "The EU accused Russia of blocking the talks, Aliyev said on Tuesday.\n\n"
    changed.write_text(head + gap + added + rest, encoding="utf-8")
    reused: list[Path] = []
    stored_run = writing._stored_run
    monkeypatch.setattr(
        writing, "_stored_run", lambda folder, *rest: reused.append(folder) or stored_run(folder, *rest)
    )
    pipeline.build(corpus, tmp_path / "again", cache=cache, workers=1)
    runs = len(list((cache / "runs").iterdir()))
    assert 1 < len(reused) < runs
    pipeline.build(corpus, tmp_path / "clean", workers=1)
    first, clean = (tables.read_tables(tmp_path / name, ["events"])["events"] for name in ("first", "clean"))
    assert len(clean) > len(first)  # the change added an event, so the later runs' rows moved
    comparison = compare_builds(tmp_path / "clean", tmp_path / "again")
    assert comparison.identical, comparison.summary()


def test_a_rebuild_reads_only_the_files_whose_stat_changed(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(FileDigests, "SETTLED_NS", 0)  # the files were written a moment ago
    cache = tmp_path / "cache"
    pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    changed = sorted(corpus.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAliyev said the talks were useful.\n")
    read: list[str] = []
    monkeypatch.setattr(source, "file_bytes", lambda path: read.append(path.name) or Path(path).read_bytes())
    again = pipeline.build(corpus, tmp_path / "again", cache=cache, workers=1)
    assert read == [changed.name] and again.run["cache_misses"] == 1
    pipeline.build(corpus, tmp_path / "clean", workers=1)
    comparison = compare_builds(tmp_path / "clean", tmp_path / "again")
    assert comparison.identical, comparison.summary()


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path):
    digests = FileDigests(tmp_path / "files.pickle")
    article = tmp_path / "a.txt"
    article.write_text("text", encoding="utf-8")
    digests.remember(str(article), os.stat(article), b"digest")
    assert digests.digest(str(article), os.stat(article)) is None


def test_a_cached_article_read_from_a_moved_folder_keeps_its_new_path(tmp_path, corpus):
    cache = tmp_path / "cache"
    pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    moved = tmp_path / "moved"
    corpus.rename(moved)
    report = pipeline.build(moved, tmp_path / "again", cache=cache, workers=1)
    assert report.run["cache_misses"] == 0
    comparison = compare_builds(tmp_path / "first", tmp_path / "again", ignore_columns=())
    assert [d.split(":")[0] for d in comparison.differences] == ["documents", "documents.csv"]
    paths = tables.read_tables(tmp_path / "again")["documents"]["path"]
    assert all(p.startswith(str(moved)) for p in paths)


def test_editing_the_codebook_reanalyses_every_article_and_says_so(tmp_path, corpus):
    cache = tmp_path / "cache"
    pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    edited = tmp_path / "codebook"
    shutil.copytree(DEFAULT_DIR, edited)
    actors = edited / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace("|Aliev|", "|Aliev|Alijew|", 1), encoding="utf-8")
    report = pipeline.build(corpus, tmp_path / "again", cache=cache, workers=1, codebook=load(edited))
    assert report.run["cache_hits"] == 0 and report.run["cache_misses"] == report.documents_read
    assert "codebook changed" in report.run["cache"] and "codebook changed" in report.summary()


def test_an_article_whose_date_depends_on_the_build_date_is_reanalysed_on_another_date(tmp_path):
    """A wire dateline without a year ("Nov 7 ... on Monday") takes the latest such Monday up
    to the build's date; every other article's outcome is the same on any date."""
    folder = tmp_path / "in"
    write(folder / "wire.txt", WIRE)
    write(folder / "other.txt", "Pashinyan said on Tuesday that Armenia was ready to sign.\n")
    write(folder / "manifest.csv", "doc_id,published,source,url,title\nother,2023-11-17,,,\n")
    cache = tmp_path / "cache"
    then = pipeline.build(folder, tmp_path / "then", cache=cache, workers=1, as_of=date(2026, 12, 1))
    later = pipeline.build(folder, tmp_path / "later", cache=cache, workers=1, as_of=date(2034, 1, 1))
    assert (later.run["cache_hits"], later.run["cache_misses"]) == (1, 1)
    published = {
        name: dict(tables.read_tables(tmp_path / name)["documents"][["doc_id", "published"]].values)
        for name in ("then", "later")
    }
    assert published["then"]["wire"] == "2022-11-07" and published["later"]["wire"] == "2033-11-07"
    assert published["then"]["other"] == published["later"]["other"] == "2023-11-17"
    assert then.run["as_of"] == "2026-12-01"


@pytest.mark.parametrize(
    "change",
    [
        {"raw": b"other bytes"},
        {"suffix": ".html"},
        {"doc_id": "b"},
        {"meta": {"published": "2024-01-01"}},
        {"codebook": "another codebook"},
    ],
)
def test_the_key_changes_with_everything_an_outcome_depends_on(change):
    base = {"raw": b"text", "suffix": ".txt", "doc_id": "a", "meta": {}, "codebook": "fingerprint"}
    assert article_key(**base) != article_key(**(base | change))
    assert article_key(**base) == article_key(**dict(base))


def test_an_entry_that_read_the_build_date_is_valid_on_that_date_only(tmp_path):
    cache = ArticleCache(tmp_path)
    cache.put("ab" * 32, Outcome(skipped="x", dated=True), date(2026, 1, 1))
    cache.put("cd" * 32, Outcome(skipped="y"), date(2026, 1, 1))
    assert cache.get("ab" * 32, date(2026, 1, 1)) == Outcome(skipped="x", dated=True)
    assert cache.get("ab" * 32, date(2026, 1, 2)) is None
    assert cache.get("cd" * 32, date(2030, 1, 1)) == Outcome(skipped="y")


def test_a_broken_entry_is_a_miss_not_an_error(tmp_path):
    cache = ArticleCache(tmp_path)
    cache.put("ab" * 32, Outcome(skipped="x"), date(2026, 1, 1))
    (tmp_path / "ab" / f"{'ab' * 32}.pkl").write_bytes(b"not a pickle")
    assert cache.get("ab" * 32, date(2026, 1, 1)) is None and cache.misses == 1


def test_entries_a_build_did_not_use_are_pruned(tmp_path, corpus):
    cache = tmp_path / "cache"
    pipeline.build(corpus, tmp_path / "first", cache=cache, workers=1)
    before = len(list(cache.glob("*/*.pkl")))
    sorted(corpus.glob("*.txt"))[0].unlink()
    pipeline.build(corpus, tmp_path / "again", cache=cache, workers=1)
    assert len(list(cache.glob("*/*.pkl"))) == before - 1


def test_the_codebook_fingerprint_is_stable_and_the_compiled_codebook_is_the_loaded_one(tmp_path, codebook):
    assert codebook_fingerprint(codebook) == codebook_fingerprint(load())
    compiled = compiled_codebook(tmp_path)
    assert codebook_fingerprint(compiled) == codebook_fingerprint(codebook)
    assert codebook_fingerprint(compiled_codebook(tmp_path)) == codebook_fingerprint(codebook)  # read back
    assert len(list(tmp_path.glob("codebook-*.pickle"))) == 1


def test_the_cli_keeps_its_cache_beside_the_tables_unless_told_not_to(tmp_path, corpus):
    from data_prep.cli import main

    out = tmp_path / "tables"
    assert main(["build", str(corpus), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    assert default_cache_dir(out) == tmp_path / ".tables.cache" and (tmp_path / ".tables.cache").is_dir()
    assert main(["build", str(corpus), "--out", str(tmp_path / "plain"), "--quiet", "--no-cache"]) == 0
    assert not (tmp_path / ".plain.cache").exists()
