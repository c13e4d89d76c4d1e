"""A built set's tables with the classifier's veto, re-typing or additions applied, for `evaluate`.

The leave-one-set-out comparison (loso.py) scores the variants sentence by sentence; this
module makes the same change to the tables a real build wrote, so that the project's own
`python -m data_prep evaluate GOLD --tables OUT` measures it. Only non-talks rows of
`events` change (and the `event_actors` rows of a dropped event go with it): no talks
figure can move.

    python -m data_prep.training.apply TABLES MODEL OUT [--veto P] [--retype P]
                                       [--add P --sentences SENTENCES.jsonl --set NAME]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pandas as pd
import spacy

from .sentences import NONE, read_sentences


def _best(cats: dict[str, float]) -> tuple[str, float]:
    label = max(cats, key=lambda k: cats[k])
    return label, cats[label]


def apply(
    tables: Path,
    model: Path,
    out: Path,
    veto: float | None = None,
    retype: float | None = None,
    add: float | None = None,
    sentences: Path | None = None,
    set_name: str | None = None,
) -> dict[str, int]:
    """Copy `tables` to `out` with the classifier's changes; returns how many rows each changed."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(tables, out)
    nlp = spacy.load(model)
    events = pd.read_parquet(out / "events.parquet")
    other = events["event_type"] != "talks"
    cats = [dict(d.cats) for d in nlp.pipe(events.loc[other, "sentence"].tolist())]
    dropped: set[str] = set()
    counts = {"vetoed": 0, "retyped": 0, "added": 0}
    for row, p in zip(events.index[other], cats):
        label, prob = _best(p)
        if veto is not None and p[NONE] >= veto:
            dropped.add(str(events.at[row, "event_id"]))
            counts["vetoed"] += 1
        elif retype is not None and label not in (NONE, events.at[row, "event_type"]) and prob >= retype:
            events.at[row, "event_type"] = label
            counts["retyped"] += 1
    events = events[~events["event_id"].isin(dropped)]
    if add is not None and sentences is not None:
        items = [s for s in read_sentences(sentences) if s.set == set_name and not s.rules]
        new: list[dict[str, str | int]] = []
        for item, doc in zip(items, nlp.pipe(s.text for s in items)):
            label, prob = _best(dict(doc.cats))
            if label != NONE and prob >= add:
                key: dict[str, str | int] = {"event_id": f"added-{item.doc_id}-{item.index}", "doc_id": item.doc_id}
                new.append({**key, "event_type": label, "sentence": item.text, "char_start": 0, "char_end": 0})
        counts["added"] = len(new)
        if new:
            events = pd.concat([events, pd.DataFrame(new)], ignore_index=True)
    events.to_parquet(out / "events.parquet")
    actors = pd.read_parquet(out / "event_actors.parquet")
    actors[~actors["event_id"].isin(dropped)].to_parquet(out / "event_actors.parquet")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Apply the sentence classifier to built tables.")
    parser.add_argument("tables", type=Path)
    parser.add_argument("model", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--veto", type=float, default=None)
    parser.add_argument("--retype", type=float, default=None)
    parser.add_argument("--add", type=float, default=None)
    parser.add_argument("--sentences", type=Path, default=None)
    parser.add_argument("--set", dest="set_name", default=None)
    args = parser.parse_args(argv)
    counts = apply(args.tables, args.model, args.out, args.veto, args.retype, args.add, args.sentences, args.set_name)
    print(", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
