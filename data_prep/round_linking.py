"""Round linking scored as clustering: B-cubed over the talks events that match a keyed gold round.

Linking is what joins the reports of one round across documents, so it is scored over
the whole set: every extracted talks event that matches a gold round with a `round`
key is an item, its cluster is its `round_id` and its class the gold key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class LinkedEvent:
    """A matched talks event whose gold round has a key: one item of the linking score."""

    doc_id: str
    round_id: str | None
    key: str


@dataclass(frozen=True)
class Linking:
    """How the extracted `round_id`s group the reports of real rounds."""

    precision: float
    recall: float
    rows_per_real_round: float
    merged: int

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def b_cubed(clusters: Sequence[Hashable], classes: Sequence[Hashable]) -> tuple[float, float]:
    """B-cubed precision and recall of item clusters against their true classes.

    Each item's precision is the share of its cluster that is of its class, its
    recall the share of its class that is in its cluster; both are averaged over items.

    >>> b_cubed(["a", "a", "b"], ["x", "x", "x"])  # one real round split in two
    (1.0, 0.5555555555555555)
    """
    if len(clusters) != len(classes):
        raise ValueError("one class per item")
    if not clusters:
        raise ValueError("no items to score")
    pairs = list(zip(clusters, classes, strict=True))
    in_cluster, in_class, in_both = Counter(c for c, _ in pairs), Counter(k for _, k in pairs), Counter(pairs)
    precision = sum(in_both[p] / in_cluster[p[0]] for p in pairs) / len(pairs)
    recall = sum(in_both[p] / in_class[p[1]] for p in pairs) / len(pairs)
    return precision, recall


def round_linking(items: Sequence[LinkedEvent]) -> Linking | None:
    """Score how `round_id`s group the items; None when there is nothing to score.

    An event without a `round_id` is a row of its own.
    """
    if not items:
        return None
    clusters = [i.round_id if i.round_id is not None else ("no round_id", n) for n, i in enumerate(items)]
    precision, recall = b_cubed(clusters, [i.key for i in items])
    keys_per_cluster: dict[Hashable, set[str]] = defaultdict(set)
    for cluster, item in zip(clusters, items, strict=True):
        keys_per_cluster[cluster].add(item.key)
    return Linking(
        precision=precision,
        recall=recall,
        rows_per_real_round=len(keys_per_cluster) / len({i.key for i in items}),
        merged=sum(1 for keys in keys_per_cluster.values() if len(keys) > 1),
    )


def linking_misses(items: list[LinkedEvent]) -> dict[str, list[str]]:
    """Per document: the real rounds it reports that the tables split, and the
    round_ids that hold more than one real round, with where the other parts are."""
    docs_by_key_id: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    docs_by_id_key: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows_by_key: dict[str, int] = Counter()
    for item in items:
        if item.round_id is None:
            rows_by_key[item.key] += 1  # a row of its own
            continue
        if item.round_id not in docs_by_key_id[item.key]:
            rows_by_key[item.key] += 1
        docs_by_key_id[item.key][item.round_id].add(item.doc_id)
        docs_by_id_key[item.round_id][item.key].add(item.doc_id)
    out: dict[str, list[str]] = defaultdict(list)
    for item in dict.fromkeys(items):  # each (document, round_id, key) once, in order
        if rows_by_key[item.key] > 1:
            elsewhere = [
                f"{rid} in {', '.join(sorted(d))}"
                for rid, d in docs_by_key_id[item.key].items()
                if rid != item.round_id
            ]
            out[item.doc_id].append(
                f"round split: {item.key!r} is {item.round_id or 'a row without round_id'} here"
                + (f"; also {'; '.join(elsewhere)}" if elsewhere else "")
            )
        keys = docs_by_id_key[item.round_id] if item.round_id is not None else {}
        if len(keys) > 1:
            others = "; ".join(f"{k!r} from {', '.join(sorted(d))}" for k, d in keys.items() if k != item.key)
            out[item.doc_id].append(f"rounds merged: {item.round_id} holds {item.key!r} here and {others}")
    return out
