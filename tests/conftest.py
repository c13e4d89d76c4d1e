"""Shared fixtures: one codebook and one set of matchers per session, and the seeds
built once for the whole run, however many pytest-xdist workers share it.

`seed_build` is the folder of that build and its report; `seed_tables` its tables
as frames. Both are read-only: a test that needs to change tables copies them.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from data_prep import pipeline, tables
from data_prep.codebook import DEFAULT_DIR, load
from data_prep.cues import load_cues
from data_prep.furniture import furniture_start
from data_prep.matchers import Knowledge
from data_prep.reading import sha256
from data_prep.record import Article, Record

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEEDS_GOLD = ROOT / "eval" / "seeds" / "seeds_gold.json"
DEV = ROOT / "eval" / "dev"
CUES = load_cues(DEFAULT_DIR / "cues.json")  # the shipped cue vocabulary (no world gazetteer: cheap)

# A plain article, for the reading tests.
BODY = (
    "Armenia and Azerbaijan resume talks in Washington\n\n"
    "The foreign ministers of Armenia and Azerbaijan met in Washington on Tuesday for a new round of talks.\n\n"
    "Both sides said progress had been made on the text of a peace treaty, according to a statement.\n\n"
    "The next round is expected in the coming weeks, officials said after the meeting ended.\n"
)


def write(path, content, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode(encoding))
    return path


# Property tests: a quick look in the default run, a thorough one where CI=true
# (or HYPOTHESIS_PROFILE=thorough). Each test's own settings still apply on top.
_SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile("quick", max_examples=25, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("thorough", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK)
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("thorough" if IN_CI else "quick"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests start a server and a browser: they are slow by nature."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@contextmanager
def _only_one_worker(folder: Path) -> Iterator[None]:
    """Hold a lock shared by every pytest-xdist worker of this run, so that what is
    built in `folder` is built once and the other workers wait, then read it."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder every worker of this test run sees (xdist gives each worker its own basetemp)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return shared / name


def _build_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], pipeline.BuildReport]
) -> tuple[Path, pipeline.BuildReport]:
    folder = _shared_folder(tmp_path_factory, name)
    with _only_one_worker(folder):
        out, saved = folder / "tables", folder / "report.pickle"
        if not saved.exists():
            report = make(out)
            saved.write_bytes(pickle.dumps(report))
        report = pickle.loads(saved.read_bytes())
    return out, report


@pytest.fixture(scope="session")
def codebook():
    return load()


@pytest.fixture(scope="session")
def knowledge(codebook):
    return Knowledge.load(codebook)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, knowledge) -> tuple[Path, pipeline.BuildReport]:
    """The seeds built once for the whole run: (folder of tables, build report)."""
    return _build_once(tmp_path_factory, "seeds", lambda out: pipeline.build(SEEDS, out, knowledge=knowledge))


@pytest.fixture(scope="session")
def seed_tables(seed_build):
    """Every table of the seeds' build, as frames."""
    out, _ = seed_build
    return tables.read_tables(out, names=tables.ALL_TABLES)


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory, knowledge) -> Path:
    """The dev set built once for the whole run: the folder of its tables."""
    out, _ = _build_once(
        tmp_path_factory,
        "dev",
        lambda out: pipeline.build(DEV / "articles", out, DEV / "manifest.csv", knowledge=knowledge),
    )
    return out


def make_article(text: str, cues, published: str | None = "2023-11-17", doc_id: str = "doc", **fields) -> Article:
    """An Article from inline text, as reading would make it (furniture found, no file)."""
    return Article(
        doc_id=doc_id,
        path=Path(f"{doc_id}.txt"),
        text=text,
        sha256=sha256(text),
        published=published,
        published_basis="manifest" if published else "none",
        body_end=furniture_start(text, cues.furniture_markers, cues.furniture_headings, cues.furniture_lines),
        **fields,
    )


@pytest.fixture
def extract(knowledge) -> Callable[..., Record]:
    """Every per-article stage over an inline text: extract("...", published="2023-11-17")."""

    def run(text: str, published: str | None = "2023-11-17", doc_id: str = "doc") -> Record:
        return pipeline.analyse_article(make_article(text, knowledge.cues, published, doc_id), knowledge)

    return run


@pytest.fixture
def through(knowledge) -> Callable[..., Record]:
    """The per-article stages up to and including `last`, over an inline text:
    through("resolve_names", "...") is the record a later stage receives."""

    def run(last: str, text: str, published: str | None = "2023-11-17", **fields) -> Record:
        names = [stage.__name__ for stage in pipeline.STAGES]
        record = Record(make_article(text, knowledge.cues, published, **fields))
        for stage in pipeline.STAGES[: names.index(last) + 1]:
            record = stage(record, knowledge)
        return record

    return run


def mention_rows(record: Record) -> list[dict]:
    """The record's mentions as rows of the `mentions` table would have them."""
    text = record.article.text
    return [
        {"entity_type": m.entity_type, "entity_id": m.entity_id, "char_start": m.start, "char_end": m.end}
        | {"text": text[m.start : m.end]}
        for sentence in record.mentions
        for m in sentence
    ]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The dev articles and their manifest, in a folder the test may change (the cache and summaries tests)."""
    folder = tmp_path / "in"
    shutil.copytree(DEV / "articles", folder)
    shutil.copy(DEV / "manifest.csv", folder / "manifest.csv")
    return folder
