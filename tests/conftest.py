"""Shared fixtures: one codebook, one set of matchers and one build of the seeds per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_prep import pipeline
from data_prep.codebook import load
from data_prep.reading import Article, furniture_start, sha256
from data_prep.tables import read_tables

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEEDS_GOLD = ROOT / "eval" / "seeds" / "seeds_gold.json"
DEV = ROOT / "eval" / "dev"


@pytest.fixture(scope="session")
def codebook():
    return load()


@pytest.fixture(scope="session")
def builder():
    return pipeline.Builder()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built once into a temporary folder: (folder, report)."""
    out = tmp_path_factory.mktemp("seeds") / "tables"
    report = pipeline.build(SEEDS, out)
    return out, report


@pytest.fixture(scope="session")
def seed_tables(seed_build):
    out, _ = seed_build
    return read_tables(out, names=(*pipeline.tables.TABLE_NAMES, "rounds", "quotes", "review_names"))


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("dev") / "tables"
    pipeline.build(DEV / "articles", out, DEV / "manifest.csv")
    return out


@pytest.fixture
def extract(builder):
    """Run the whole extraction on an inline text: extract("...", published="2023-11-17")."""

    def run(text: str, published: str | None = "2023-11-17", doc_id: str = "doc"):
        article = Article(
            doc_id=doc_id,
            path=Path(f"{doc_id}.txt"),
            text=text,
            sha256=sha256(text),
            published=published,
            published_basis="manifest" if published else "none",
            body_end=furniture_start(text, builder.codebook.cues["furniture_markers"]),
        )
        return builder.extract(article)

    return run
