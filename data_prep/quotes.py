"""Quotes: who said what about whom.

A quotation is a stretch in double quotes of at least a few words. Its speaker is
the person or organisation named outside the quotes next to a speech verb in the
same sentence ("..., Markedonov said"), or in the sentence right before or after a
quotation that fills its own sentences. What a quote is about is the actors named
inside it; an accusation cue inside or around it ("biased", "one-sided") makes it
an accusation, so an analyst can list who called which mediator biased.
"""

from __future__ import annotations

import hashlib

from .codebook import Codebook
from .events import DatedSentence

MIN_WORDS = 3


def extract_quotes(doc_id: str, text: str, dated: list[DatedSentence], codebook: Codebook) -> list[dict]:
    """Quote rows for one document (see QUOTE_COLUMNS)."""
    rows, seen = [], set()
    for index, item in enumerate(dated):
        for start, end in item.sentence.quotes:
            start, end = max(start, item.sentence.start), min(end, item.sentence.end)
            inner = text[start:end].strip(" \"'\u201c\u201d\u2018\u2019,.")
            if len(inner.split()) < MIN_WORDS or (start, end) in seen:
                continue
            seen.add((start, end))
            speaker = _speaker(dated, index, start, end, codebook)
            about = sorted(
                {m.entity_id for m in item.mentions if m.entity_type == "actor" and start <= m.start < end} - {speaker}
            )
            mediators = sorted(
                {codebook.mediator_of(a) for a in about if codebook.mediator_of(a) and codebook.side(a) is None}
            )
            accusation = any(c.key == "event:accusation" for c in item.sentence.cues)
            rows.append(
                {
                    "quote_id": hashlib.sha1(f"{doc_id}|{start}|{end}".encode()).hexdigest()[:16],
                    "doc_id": doc_id,
                    "speaker_id": speaker,
                    "text": text[start:end],
                    "char_start": start,
                    "char_end": end,
                    "sentence_start": item.sentence.start,
                    "sentence_end": item.sentence.end,
                    "about": about,
                    "mediators": mediators,
                    "accusation": accusation,
                }
            )
    return rows


QUOTE_COLUMNS = [
    "quote_id",
    "doc_id",
    "speaker_id",
    "text",
    "char_start",
    "char_end",
    "sentence_start",
    "sentence_end",
    "about",
    "mediators",
    "accusation",
]


def _speaker(dated: list[DatedSentence], index: int, start: int, end: int, codebook: Codebook) -> str | None:
    """The actor credited with a quote: the one named outside the quote marks just
    before a speech (or accusation) verb in the same sentence ("Aliyev said",
    "Azerbaijan objected"), else the one named just after it ("said Markedonov")."""
    item = dated[index]
    sentence = item.sentence
    outside = [
        m
        for m in item.mentions
        if m.entity_type == "actor"
        and not (start <= m.start < end)
        and sentence.quote_of(m.start) is None
        and (codebook.actors.get(m.entity_id) is None or codebook.actors[m.entity_id].kind != "media")
    ]
    verbs = [
        c
        for c in sentence.cues
        if c.key in ("event:statement", "event:accusation", "event:refusal") and sentence.quote_of(c.start) is None
    ]
    if not outside or not verbs:
        return None
    verb = min(verbs, key=lambda c: min(abs(c.start - end), abs(c.end - start)))
    before = [m for m in outside if m.end <= verb.start]
    if before:
        return before[-1].entity_id
    if verb.key != "event:statement":
        return None  # after "complained that", the next name is the target, not the speaker
    after = [m for m in outside if m.start >= verb.end]
    return after[0].entity_id if after else None
