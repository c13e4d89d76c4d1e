"""Realistic synthetic tables at any size, for the dashboard benchmark.

Deterministic (one seed gives the same tables) and shaped like a build of a whole
news feed: actors, venues and mediators come from the codebook plus invented
people and world cities, and every choice follows a skewed distribution, as in
real reporting: two parties and a handful of leaders and mediators dominate, the
outlets follow a Zipf law, talks cluster around a few hundred real rounds, and
events bunch around those rounds in time. About one talks mention in twenty is a
round of its own (undated, unlinked), as the linking stage leaves them today.
Each round carries the `status_history` the build writes (`linking.status_history`'s
rule over its mentions' publication days), and its latest report decides its status.

    python -m benchmarks.generate 100000 data/benchmark/100k    # writes Parquet tables

The display tables are derived by `data_prep.display.derive`, as the build does.
Article files are not written: the reader says the text is not available.

The pieces: `benchmarks.synthetic_vocab` (words and weights), `benchmarks.synthetic_world`
(actors, venues, real rounds) and `benchmarks.synthetic_reports` (documents, events,
their actors, mentions, quotes); this module draws them in order and derives the rounds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.synthetic_reports import (
    MISSING,
    documents_table,
    event_actors_table,
    events_table,
    mentions_table,
    quotes_table,
)
from benchmarks.synthetic_world import SIDES, make_world
from data_prep import display
from data_prep.codebook import load

GENERATOR_VERSION = "4"  # bump when the shape of the generated tables changes (4: rounds carry status_history)


def generate(n_events: int, seed: int = 0) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """(frames, extra) shaped like `pipeline.assemble`'s output, with `n_events` events.

    The draws come in a fixed order from one generator: world, documents, events,
    event actors, mentions, quotes, then the review list.
    """
    rng = np.random.default_rng(seed)
    codebook = load()
    world = make_world(rng, codebook, n_events)
    documents = documents_table(rng, n_events)
    events = events_table(rng, world, documents, n_events)
    event_actors = event_actors_table(rng, world, events)
    mentions = mentions_table(rng, world, events)
    quotes = quotes_table(rng, world, events)
    rounds = rounds_table(events, documents, codebook.cues.status_precedence)
    people, doc_ids = world.people, documents["doc_id"].to_numpy()
    n_people = len(people)
    review = people.head(min(200, n_people))[["actor_id", "name", "title", "country"]].assign(
        n_documents=rng.integers(1, 40, min(200, n_people)), first_doc_id=doc_ids[: min(200, n_people)]
    )
    frames = {
        "documents": documents,
        "actors": world.actors,
        "venues": world.venues,
        "events": events,
        "event_actors": event_actors.reset_index(drop=True),
        "mentions": mentions.reset_index(drop=True),
    }
    extra = {"rounds": rounds, "quotes": quotes, "review_names": review}
    for table in [*frames.values(), *extra.values()]:
        for column in table.columns:
            if table[column].dtype == object or str(table[column].dtype) == "str":
                table[column] = table[column].astype(object).where(table[column].notna(), None)
    return frames, extra


def rounds_table(events: pd.DataFrame, documents: pd.DataFrame, precedence: Sequence[str]) -> pd.DataFrame:
    """What linking writes, one row per round_id: the most precise explicit date, its sources, and
    what the reports said became of it (`status_history`), the latest report deciding its status."""
    talks = events[events["round_id"].notna()]
    explicit = talks[talks["date_basis"] != "publication"].dropna(subset=["date"])
    best_date = (
        explicit.assign(n=explicit["date"].str.len()).sort_values("n", ascending=False).drop_duplicates("round_id")
    )
    grouped = talks.groupby("round_id", sort=True)
    rounds = pd.DataFrame(
        {
            "round_id": grouped.size().index,
            "date": grouped.size().index.map(best_date.set_index("round_id")["date"].to_dict()),
            "venue_id": grouped["venue_id"].first().to_numpy(),
            "mediator_id": grouped["mediator_id"].first().to_numpy(),
            "n_sources": grouped["doc_id"].nunique().to_numpy(),
        }
    )
    said = reported_statuses(talks, documents, precedence)
    steps = said["day"].where(said["day"] != "", "undated") + " " + said["status"]
    history = steps.groupby(said["round_id"], sort=True).agg(list)
    rounds["status"] = rounds["round_id"].map(said.groupby("round_id")["status"].last()).to_numpy()
    rounds["status_history"] = [history[r] for r in rounds["round_id"]]
    statuses = grouped["status"].nunique().to_numpy()
    rounds["parties"] = [SIDES] * len(rounds)
    rounds["cancelled_by"] = [[SIDES[i % 2]] if s == "cancelled" else [] for i, s in enumerate(rounds["status"])]
    rounds["disagree"] = statuses > 1
    rounds["disagreement"] = np.where(statuses > 1, "status: cancelled, held, planned", MISSING)
    return rounds


def reported_statuses(talks: pd.DataFrame, documents: pd.DataFrame, precedence: Sequence[str]) -> pd.DataFrame:
    """Each round's reports as `linking.status_history` orders them: (round_id, day, status) rows.

    By publication day (undated first), reports of one day from the least firm status
    to the firmest (`precedence`, firmest first); a status the next report repeats is
    kept once. The last row of a round is its latest report, which decides its status.
    """
    published = documents.set_index("doc_id")["published"]
    said = pd.DataFrame(
        {
            "round_id": talks["round_id"].to_numpy(),
            "day": talks["doc_id"].map(published).fillna("").astype(str).str.slice(0, 10).to_numpy(),
            "status": talks["status"].fillna("").astype(str).to_numpy(),
        }
    ).drop_duplicates()
    firmness = said["status"].map({s: -i for i, s in enumerate(precedence)}).fillna(-len(precedence))
    said = said.assign(firmness=firmness).sort_values(["round_id", "day", "firmness", "status"], kind="stable")
    repeated = (said["round_id"] == said["round_id"].shift()) & (said["status"] == said["status"].shift())
    return said[~repeated].drop(columns="firmness").reset_index(drop=True)


def write(out_dir: Path | str, n_events: int, seed: int = 0) -> Path:
    """Generate and write Parquet tables (display tables included) to `out_dir`; returns it.

    Reuses tables already written there by the same generator version, size and seed.
    """
    out_dir = Path(out_dir)
    stamp = out_dir / "GENERATED"
    wanted = f"{GENERATOR_VERSION} {n_events} {seed}"
    if stamp.exists() and stamp.read_text() == wanted:
        return out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    frames, extra = generate(n_events, seed)
    started = time.perf_counter()
    extra |= display.derive(frames, extra, load())
    derive_seconds = time.perf_counter() - started
    for name, df in {**frames, **extra}.items():
        df.to_parquet(out_dir / f"{name}.parquet", index=False)
    (out_dir / "build_report.json").write_text(
        f'{{"documents_read": {len(frames["documents"])}, "skipped": [], "display_seconds": {derive_seconds:.2f}}}',
        encoding="utf-8",
    )
    stamp.write_text(wanted)
    return out_dir


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("data") / "benchmark" / f"{size}"
    began = time.perf_counter()
    write(target, size)
    print(f"{size:,} events written to {target} in {time.perf_counter() - began:.1f} s")
