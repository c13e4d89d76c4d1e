"""The labelled sentences as spaCy training data (a DocBin), and the labels the model knows.

Every sentence is one Doc made by a blank English tokenizer (the build's own), with one
category per event type plus NONE, exactly one of them 1.0: the classes are exclusive.

    python -m data_prep.training.corpus SENTENCES.jsonl OUT.spacy [--sets SET ...]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from .sentences import NONE, Labelled, read_sentences

# The event types other than talks (cues.json `event_types`), and NONE: what the classifier says.
LABELS = (
    "statement",
    "accusation",
    "refusal",
    "call",
    "meeting",
    "agreement",
    "sanction",
    "military_action",
    "humanitarian",
    "report",
    NONE,
)


def doc_bin(items: list[Labelled]) -> DocBin:
    """One Doc per sentence, its gold category 1.0 and every other 0.0."""
    nlp = spacy.blank("en")
    out = DocBin(store_user_data=False)
    for item in items:
        doc = nlp.make_doc(item.text)
        doc.cats = {label: float(label == item.label) for label in LABELS}
        out.add(doc)
    return out


def write_corpus(sentences: Path, out: Path, sets: list[str] | None = None) -> int:
    """Write the sentences of `sets` (default: all) as a DocBin; returns how many."""
    items = [s for s in read_sentences(sentences) if sets is None or s.set in sets]
    out.parent.mkdir(parents=True, exist_ok=True)
    doc_bin(items).to_disk(out)
    return len(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Labelled sentences to a spaCy DocBin.")
    parser.add_argument("sentences", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sets", nargs="*", default=None, help="only these sets (default: all)")
    args = parser.parse_args(argv)
    print(f"{write_corpus(args.sentences, args.out, args.sets)} sentences written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
