"""Display tables made a run of articles at a time, so that a rebuild re-derives only what changed.

`display.derive` works on whole tables. A build writes its per-article tables a run
of articles at a time and keeps each run in its cache (writing.py); deriving the
display tables from the whole tables read back meant reading every event sentence
again and re-writing the largest display table, `event_actor_rows`, on every
rebuild (2.8 s of a rebuild at 10,000 articles, its largest part). So each run
gives, beside its own tables:

- its `event_actor_rows`, with row numbers counted within the run: the writer adds
  the number of events of the runs before it (the rows of `events` are the runs'
  rows in order), so the joined table is the one `derive` makes from the whole;
- the few rows the other display tables read (`RUN_INPUTS`): the events that support
  a round, are talks or are accusations, each with its row in the run; the actors of
  the accusation events; the quotes flagged as accusations against a mediator; the
  documents those accusations come from.

These are small (a few percent of the events, none of the other text), and
`DisplayTables.__call__` derives `round_events`, `rounds_display`, `accusations`,
`venue_tracks` and `conflict` from them with the same functions `derive` uses.
Every row `derive` reads for those tables is among them, so the result is the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cells import as_list
from .codebook import Codebook
from .display import derive_summaries
from .errors import IntegrityError

ROWS = "event_actor_rows"  # made per run, its rows counted within the run
RUN_INPUTS = ("display_events", "display_event_actors", "display_quotes", "display_documents")
INPUT_OF = {  # the table each run input is a subset of (read back with that table's types)
    "display_events": "events",
    "display_event_actors": "event_actors",
    "display_quotes": "quotes",
    "display_documents": "documents",
}
ROW_COLUMN = "event_row"  # of a display_events row: its row in the run's events (then in the whole table)
_KINDS = ("talks", "accusation")  # venue tracks read the talks, accusations the accusation events


def run_parts(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """A run's `event_actor_rows` (rows within the run) and its rows that the other display tables read.

    Raises IntegrityError when an event id repeats within the run (the writer's check
    across runs would say so too, but row numbers need unique ids first)."""
    events, event_actors = frames["events"], frames["event_actors"]
    index = pd.Index(events["event_id"].astype(object))
    if not index.is_unique:
        repeated = index[index.duplicated()][0]
        raise IntegrityError(f"table events: event_id {repeated!r} appears more than once")
    rows = index.get_indexer(event_actors["event_id"].astype(object)).astype("int32")
    actor_rows = pd.DataFrame(
        {
            ROW_COLUMN: rows,
            "actor_id": event_actors["actor_id"].astype(object),
            "role": event_actors["role"].astype(object),
        }
    )
    actor_rows = actor_rows[actor_rows[ROW_COLUMN] >= 0].sort_values(ROW_COLUMN, kind="stable").reset_index(drop=True)
    wanted = events["round_id"].notna().to_numpy() | events["event_type"].isin(_KINDS).to_numpy()
    kept = events[wanted].assign(**{ROW_COLUMN: np.flatnonzero(wanted).astype("int32")})
    accused = kept.loc[kept["event_type"] == "accusation", "event_id"]
    quotes = frames["quotes"]
    accusing = quotes[_accusing(quotes)] if len(quotes) else quotes
    documents = frames["documents"]
    docs = set(kept.loc[kept["event_type"] == "accusation", "doc_id"]) | set(accusing["doc_id"])
    return {
        ROWS: actor_rows,
        "display_events": kept.reset_index(drop=True),
        "display_event_actors": event_actors[event_actors["event_id"].isin(set(accused))].reset_index(drop=True),
        "display_quotes": accusing.reset_index(drop=True),
        "display_documents": documents[documents["doc_id"].isin(docs)].reset_index(drop=True),
    }


def _accusing(quotes: pd.DataFrame) -> pd.Series:
    """The quotes `accusations` reads: flagged as accusations, about at least one mediator."""
    return quotes["accusation"].fillna(False).astype(bool) & quotes["mediators"].map(as_list).map(len).gt(0)


@dataclass(frozen=True)
class DisplayTables:
    """The dashboard's tables as a build's writer makes them (writing.write_in_runs):
    `per_run` gives each run's parts (a plain function, so a worker process can
    run it), `__call__` the other display tables from the runs' inputs joined, with
    `event_row` counting rows of the whole `events` table."""

    codebook: Codebook
    per_run = staticmethod(run_parts)

    def __call__(
        self, small: Mapping[str, pd.DataFrame], inputs: Mapping[str, pd.DataFrame]
    ) -> dict[str, pd.DataFrame]:
        frames = {
            "events": inputs["display_events"],
            "event_actors": inputs["display_event_actors"],
            "quotes": inputs["display_quotes"],
            "documents": inputs["display_documents"],
            "venues": small["venues"],
        }
        return derive_summaries(frames, {"rounds": small["rounds"], "quotes": frames["quotes"]}, self.codebook)
