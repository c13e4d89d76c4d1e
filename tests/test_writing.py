"""Writing the per-article tables a run at a time: the files a whole write gives, checked as a whole."""

import pandas as pd
import pytest
from conftest import DEV

from data_prep import compare_builds, pipeline, tables
from data_prep.assemble import build_tables
from data_prep.display_runs import DisplayTables
from data_prep.errors import IntegrityError, SchemaViolation
from data_prep.manifest import read_manifest
from data_prep.reading import iter_input_files, read_article
from data_prep.writing import write_in_runs


def runs_of(frames: dict[str, pd.DataFrame], size: int) -> list[dict[str, pd.DataFrame]]:
    """The per-article tables of `frames` cut into runs of `size` documents."""
    documents = frames["documents"]
    runs = []
    for start in range(0, len(documents), size):
        ids = set(documents["doc_id"].iloc[start : start + size])
        events = frames["events"][frames["events"]["doc_id"].isin(ids)]
        runs.append(
            {
                "documents": documents.iloc[start : start + size].reset_index(drop=True),
                "events": events.reset_index(drop=True),
                "event_actors": frames["event_actors"][
                    frames["event_actors"]["event_id"].isin(set(events["event_id"]))
                ].reset_index(drop=True),
                "mentions": frames["mentions"][frames["mentions"]["doc_id"].isin(ids)].reset_index(drop=True),
                "quotes": frames["quotes"][frames["quotes"]["doc_id"].isin(ids)].reset_index(drop=True),
            }
        )
    return runs


SMALL = ("actors", "venues", "rounds", "review_names")


@pytest.fixture(scope="module")
def seed_frames(knowledge):
    """The dev set's tables as the build makes them (before any file is written)."""
    rows, _ = read_manifest(DEV / "manifest.csv")
    files = iter_input_files(DEV / "articles")
    articles = [read_article(path, DEV / "articles", rows, knowledge.cues) for path in files]
    return build_tables([pipeline.analyse_article(a, knowledge) for a in articles], knowledge.codebook)


def test_tables_written_in_runs_are_the_tables_written_whole(tmp_path, seed_frames, knowledge):
    tables.write_tables(seed_frames, tmp_path / "whole")
    write_in_runs(
        {name: seed_frames[name] for name in SMALL},
        runs_of(seed_frames, 2),
        tmp_path / "runs",
        derive=DisplayTables(knowledge.codebook),
    )
    comparison = compare_builds(tmp_path / "whole", tmp_path / "runs")
    assert comparison.identical, comparison.summary()


def test_a_column_empty_in_one_run_takes_the_type_the_others_give_it(tmp_path, seed_frames):
    runs = runs_of(seed_frames, 1)
    assert any(run["quotes"].empty for run in runs) and not seed_frames["quotes"].empty
    write_in_runs({name: seed_frames[name] for name in SMALL}, runs, tmp_path / "t")
    assert str(pd.read_parquet(tmp_path / "t" / "quotes.parquet")["text"].dtype) == str(
        seed_frames["quotes"]["text"].dtype
    )


def test_an_id_repeated_in_two_runs_fails_the_build_and_writes_nothing(tmp_path, seed_frames):
    runs = runs_of(seed_frames, 2)
    runs.append(runs[0])
    with pytest.raises(IntegrityError, match=r"doc_id .* appears more than once"):
        write_in_runs({name: seed_frames[name] for name in SMALL}, runs, tmp_path / "t")
    assert not list(tmp_path.iterdir())


def test_a_run_that_breaks_its_schema_fails_the_build(tmp_path, seed_frames):
    runs = runs_of(seed_frames, 2)
    runs[-1]["events"] = runs[-1]["events"].assign(event_type="rumour")
    with pytest.raises(SchemaViolation, match="table events"):
        write_in_runs({name: seed_frames[name] for name in SMALL}, runs, tmp_path / "t")
    assert not list(tmp_path.iterdir())
