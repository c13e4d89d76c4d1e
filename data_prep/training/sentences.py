"""Labelled sentences from the development sets' gold: the classifier's training data.

Each article of a development set is read and analysed by the build itself (`pipeline.
analyse_article`), so the sentences are the build's own (its sentence splitting, the body
up to the page furniture it finds) and the rules' event for each sentence comes along.
Only documents whose gold has an `events` list are used; a sentence is labelled with the
type of the gold item whose first words it holds (matched as `evaluate` matches them),
else NONE: a talks-only sentence, background, a headline. Sentences at or after the gold's
`no_events_after` zone are left out (page furniture the reader did not cut).

    python -m data_prep.training.sentences OUT.jsonl [SET ...]

writes one JSON object a line, in a fixed order (set, document, sentence), so that two
runs give the same file.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..folding import words
from ..manifest import read_manifest
from ..matchers import Knowledge
from ..pipeline import analyse_article
from ..reading import doc_ids_for, iter_input_files, read_article

NONE = "NONE"

# The development sets (never a sealed one): name -> (articles folder, manifest, gold file).
DEV_SETS: dict[str, tuple[str, str | None, str]] = {
    "seeds": ("seeds", None, "eval/seeds/seeds_gold.json"),
    "dev": ("eval/dev/articles", "eval/dev/manifest.csv", "eval/dev/dev_gold.json"),
    "holdout": ("eval/holdout/articles", "eval/holdout/manifest.csv", "eval/holdout/holdout_gold.json"),
    "reporting": ("eval/reporting/articles", "eval/reporting/manifest.csv", "eval/reporting/reporting_gold.json"),
    "fresh": ("eval/fresh/articles", "eval/fresh/manifest.csv", "eval/fresh/fresh_gold.json"),
}


@dataclass(frozen=True)
class Labelled:
    """One sentence of the build with its gold label and the rules' reading of it."""

    set: str
    doc_id: str
    index: int  # the sentence's index in the record
    text: str
    label: str  # the gold type, or NONE
    alt_types: list[str]  # other types the gold accepts
    rules: str | None  # the type the rules give it (talks aside), or None
    talks: bool  # the rules read a round of talks from it


def label_of(sentence: str, items: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """The gold type and alt types of the first item whose first words the sentence holds.

    >>> label_of("Baku  rejected the offer on Monday.", [{"sentence": "Baku rejected", "type": "refusal"}])
    ('refusal', [])
    """
    folded = words(sentence)
    for item in items:
        if words(item["sentence"]) in folded:
            return item["type"], list(item.get("alt_types", []))
    return NONE, []


def set_sentences(name: str, root: Path, knowledge: Knowledge) -> Iterator[Labelled]:
    """The labelled sentences of one development set, documents in file order."""
    folder, manifest, gold_file = DEV_SETS[name]
    gold = {g["doc_id"]: g for g in json.loads((root / gold_file).read_text(encoding="utf-8"))}
    input_dir = root / folder
    rows, _ = read_manifest(root / manifest if manifest else input_dir / "manifest.csv")
    files = iter_input_files(input_dir)
    doc_ids = doc_ids_for(files, input_dir)
    for path in files:
        g = gold.get(doc_ids[path])
        if g is None or "events" not in g:
            continue
        article = read_article(path, input_dir, rows, knowledge.cues, doc_ids[path])
        record = analyse_article(article, knowledge)
        zone = article.text.find(g["no_events_after"]) if g.get("no_events_after") else -1
        rules = {e.sentence_index: e.event_type for e in record.other_events}
        for index, sentence in enumerate(record.sentences):
            if zone >= 0 and sentence.start >= zone:
                break
            label, alts = label_of(sentence.text, g["events"])
            yield Labelled(
                name,
                article.doc_id,
                index,
                sentence.text,
                label,
                alts,
                rules.get(index),
                index in record.round_sentences,
            )


def write_sentences(out: Path, sets: list[str], root: Path = Path(".")) -> int:
    """Write the labelled sentences of `sets` to `out` (JSON lines); returns how many."""
    knowledge = Knowledge.load()
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for name in sets:
            for item in set_sentences(name, root, knowledge):
                f.write(json.dumps(asdict(item), ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
    return n


def read_sentences(path: Path) -> list[Labelled]:
    """The sentences `write_sentences` wrote."""
    with path.open(encoding="utf-8") as f:
        return [Labelled(**json.loads(line)) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Label the build's sentences of the development sets with gold.")
    parser.add_argument("out", type=Path, help="JSON lines file to write")
    parser.add_argument("sets", nargs="*", default=list(DEV_SETS), help=f"sets (default: {' '.join(DEV_SETS)})")
    args = parser.parse_args(argv)
    unknown = [s for s in args.sets if s not in DEV_SETS]
    if unknown:
        parser.error(f"not a development set: {', '.join(unknown)}")
    print(f"{write_sentences(args.out, args.sets)} sentences written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
