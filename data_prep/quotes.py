"""Stage `find_quotes`: who said what about whom.

A quotation is a stretch in double quotes of at least a few words (`quotes.min_words`
in cues.json). Its speaker is the person or organisation named outside the quotes
next to a speech verb in the same sentence ("..., Markedonov said"). What a quote is
about is the actors named inside it; an accusation cue in its sentence ("biased",
"one-sided") makes it an accusation unless it is dismissed or negated ("rejected the
accusations of bias"), so an analyst can list who called which mediator biased.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from .codebook import Codebook
from .event_reading import accuses
from .matchers import Knowledge
from .record import Findings, Quote, Record

QUOTE_COLUMNS = list(Quote.__dataclass_fields__)
_SPEECH = ("event:statement", "event:accusation", "event:refusal")


def find_quotes(record: Record, knowledge: Knowledge) -> Record:
    """The article's quotations, each once, with speaker, subjects and mediators."""
    codebook = knowledge.codebook
    doc_id, text = record.article.doc_id, record.article.text
    findings = record.findings()
    quotes, seen = [], set()
    for item in findings:
        sentence = item.sentence
        for start, end in sentence.quotes:
            start, end = max(start, sentence.start), min(end, sentence.end)
            inner = text[start:end].strip(" \"'\u201c\u201d\u2018\u2019,.")
            if len(inner.split()) < codebook.cues.quotes.min_words or (start, end) in seen:
                continue
            seen.add((start, end))
            speaker = _speaker(item, start, end, codebook)
            about = sorted(
                {m.entity_id for m in item.mentions if m.entity_type == "actor" and start <= m.start < end} - {speaker}
            )
            mediators = {codebook.mediator_of(a) for a in about if codebook.side(a) is None}
            quotes.append(
                Quote(
                    quote_id=hashlib.sha1(f"{doc_id}|{start}|{end}".encode()).hexdigest()[:16],
                    doc_id=doc_id,
                    speaker_id=speaker,
                    text=text[start:end],
                    char_start=start,
                    char_end=end,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    about=about,
                    mediators=sorted(m for m in mediators if m),
                    accusation=accuses(sentence, codebook),
                )
            )
    return replace(record, quotes=tuple(quotes))


def _speaker(item: Findings, start: int, end: int, codebook: Codebook) -> str | None:
    """The actor credited with a quote: the one named outside the quote marks just
    before a speech (or accusation) verb in the same sentence ("Aliyev said",
    "Azerbaijan objected"), else the one named just after it ("said Markedonov")."""
    sentence = item.sentence
    outside = [
        m
        for m in item.mentions
        if m.entity_type == "actor"
        and not (start <= m.start < end)
        and sentence.quote_of(m.start) is None
        and codebook.kind(m.entity_id) != "media"
    ]
    verbs = [c for c in sentence.cues if c.key in _SPEECH and sentence.quote_of(c.start) is None]
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
