"""Leave one set out: does the sentence classifier improve on the rules on a set it never saw?

For each development set, a model is trained (`textcat.cfg`, fixed seed) on the other sets'
labelled sentences, and the held-out set's sentences are scored by it. The rules' events of
that set (as the build gives them, `sentences.py`) are then changed by the classifier:

- veto: a rule event is dropped when the classifier gives NONE at least `veto`;
- retype: a rule event takes the classifier's type when that type is not NONE, differs from
  the rule's and has at least `retype`;
- add: a sentence the rules give nothing gets the classifier's type when it is not NONE and
  has at least `add`.

and scored as `evaluate` scores event types: an event is right when its type is the gold
item's type or one of its alt types; a gold item is found when an event of a right type is
drawn from it. The thresholds are fixed before looking (`PLANNED`); `--grid` prints the
others too, as a sensitivity check, never to pick one.

    python -m data_prep.training.loso SENTENCES.jsonl WORKDIR [--grid]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import spacy

from ..evaluate import Tally
from .corpus import write_corpus
from .sentences import DEV_SETS, NONE, Labelled, read_sentences

CONFIG = Path(__file__).with_name("textcat.cfg")
PLANNED = {"veto": 0.9, "retype": 0.9, "add": 0.95}

Probs = dict[str, float]
Variant = Callable[[Labelled, Probs], str | None]  # the event type a sentence ends up with, or None


def train(train_file: Path, out: Path, config: Path = CONFIG) -> Path:
    """Train with spaCy's own command; the last model is the one kept (no early stopping)."""
    command = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(out)]
    command += ["--paths.train", str(train_file), "--paths.dev", str(train_file)]
    subprocess.run(command, check=True, capture_output=True)
    return out / "model-last"


def fold_predictions(sentences: Path, work: Path, held_out: str, config: Path = CONFIG) -> list[Probs]:
    """The held-out set's sentences scored by a model trained on the other sets."""
    folder = work / held_out
    others = [s for s in DEV_SETS if s != held_out]
    write_corpus(sentences, folder / "train.spacy", others)
    nlp = spacy.load(train(folder / "train.spacy", folder / "model", config))
    items = [s for s in read_sentences(sentences) if s.set == held_out]
    return [dict(doc.cats) for doc in nlp.pipe(s.text for s in items)]


def line(t: Tally) -> str:
    """Precision / recall as the table prints them."""
    return f"{t.precision:.3f} / {t.recall:.3f}"


def tally(items: list[Labelled], probs: list[Probs], variant: Variant) -> Tally:
    """Event-type precision and recall of one variant, sentence by sentence."""
    t = Tally()
    for item, p in zip(items, probs):
        kind = variant(item, p)
        if item.label != NONE:
            t.required += 1
        if kind is None:
            continue
        t.extracted += 1
        if kind == item.label or kind in item.alt_types:
            t.hits += 1
            t.found += 1
    return t


def best(p: Probs) -> tuple[str, float]:
    label = max(p, key=lambda k: p[k])
    return label, p[label]


def rules(item: Labelled, p: Probs) -> str | None:
    return item.rules


def veto(at: float) -> Variant:
    return lambda item, p: None if item.rules and p[NONE] >= at else item.rules


def retype(at: float) -> Variant:
    def variant(item: Labelled, p: Probs) -> str | None:
        label, prob = best(p)
        return label if item.rules and label not in (NONE, item.rules) and prob >= at else item.rules

    return variant


def add(at: float) -> Variant:
    def variant(item: Labelled, p: Probs) -> str | None:
        label, prob = best(p)
        return label if not item.rules and label != NONE and prob >= at else item.rules

    return variant


def classifier_alone(item: Labelled, p: Probs) -> str | None:
    label, _ = best(p)
    return None if label == NONE else label


def variants(grid: bool) -> dict[str, Variant]:
    out: dict[str, Variant] = {
        "rules": rules,
        f"veto {PLANNED['veto']}": veto(PLANNED["veto"]),
        f"retype {PLANNED['retype']}": retype(PLANNED["retype"]),
        f"add {PLANNED['add']}": add(PLANNED["add"]),
        "classifier alone": classifier_alone,
    }
    if grid:
        for at in (0.5, 0.6, 0.7, 0.8, 0.95, 0.99):
            out[f"veto {at}"] = veto(at)
            out[f"retype {at}"] = retype(at)
        for at in (0.8, 0.9, 0.99):
            out[f"add {at}"] = add(at)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Leave-one-set-out comparison of rules and classifier.")
    parser.add_argument("sentences", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--grid", action="store_true", help="also print thresholds other than the planned ones")
    parser.add_argument("--config", type=Path, default=CONFIG)
    args = parser.parse_args(argv)
    everything = read_sentences(args.sentences)
    kept = args.work / "predictions.json"
    predictions: dict[str, list[Probs]] = json.loads(kept.read_text()) if kept.exists() else {}
    for held_out in DEV_SETS:
        if held_out not in predictions:
            predictions[held_out] = fold_predictions(args.sentences, args.work, held_out, args.config)
            args.work.mkdir(parents=True, exist_ok=True)
            kept.write_text(json.dumps(predictions))
    chosen = variants(args.grid)
    print("| variant | " + " | ".join(DEV_SETS) + " | all |")
    print("| --- |" + " --- |" * (len(DEV_SETS) + 1))
    for name, variant in chosen.items():
        cells, total = [], Tally()
        for held_out in DEV_SETS:
            items = [s for s in everything if s.set == held_out]
            t = tally(items, predictions[held_out], variant)
            cells.append(line(t))
            total = Tally(*(a + b for a, b in zip(vars(total).values(), vars(t).values())))
        print(f"| {name} | " + " | ".join(cells) + f" | {line(total)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
