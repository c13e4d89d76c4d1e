"""The words and weights the benchmark generator draws from: event types, phrases, invented names.

Apart from the generator so that what the synthetic text sounds like, and how
skewed each choice is, can be read and tuned in one place without touching how
the tables are put together.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

TYPE_WEIGHTS = {
    "statement": 30,
    "talks": 18,
    "meeting": 10,
    "accusation": 8,
    "military_action": 8,
    "call": 6,
    "refusal": 4,
    "agreement": 4,
    "humanitarian": 4,
    "report": 5,
    "sanction": 3,
}
PLOVER = {
    "talks": "CONSULT",
    "meeting": "CONSULT",
    "call": "CONSULT",
    "statement": "STATEMENT",
    "accusation": "ACCUSE",
    "refusal": "REJECT",
    "sanction": "SANCTION",
    "agreement": "AGREE",
    "military_action": "FIGHT",
    "humanitarian": "AID",
    "report": "STATEMENT",
}
MEDIATOR_WEIGHTS = [30, 28, 22, 5, 4, 3, 2, 2, 1.5, 1, 1, 0.5]  # in the codebook's mediator order
SYLLABLES = [
    "ka",
    "ra",
    "lo",
    "mi",
    "ne",
    "sa",
    "ti",
    "vo",
    "ar",
    "an",
    "el",
    "ov",
    "yan",
    "li",
    "ze",
    "da",
    "gor",
    "mus",
    "ta",
    "fa",
    "ev",
    "ich",
]
PHRASES = [
    "said on {day} that",
    "told reporters in {place} that",
    "announced after a meeting in {place} that",
    "stressed in a statement that",
    "according to a readout published on {day},",
]
CLAUSES = [
    "the foreign ministers would meet again in {place} to continue work on the peace treaty",
    "the delimitation commission had agreed on a further section of the border",
    "the talks in {place} had been postponed at the request of one side",
    "the mediator's approach was one-sided and biased",
    "shelling near the border had damaged several houses overnight",
    "humanitarian convoys were waiting at the checkpoint for a second week",
    "the leaders discussed the opening of regional transport links",
    "a new round of negotiations was planned for the coming weeks in {place}",
]


def zipf_weights(n: int, s: float = 1.1) -> npt.NDArray[np.floating]:
    weights: npt.NDArray[np.floating] = 1.0 / np.arange(1, n + 1) ** s
    probabilities: npt.NDArray[np.floating] = weights / weights.sum()
    return probabilities


def invented_names(rng: np.random.Generator, n: int) -> list[str]:
    """Pronounceable invented names ('Kalomi Saneyan'), unique."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        first = "".join(rng.choice(SYLLABLES, rng.integers(2, 4))).capitalize()
        last = "".join(rng.choice(SYLLABLES, rng.integers(2, 4))).capitalize()
        name = f"{first} {last}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names
