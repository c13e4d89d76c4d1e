"""Stage `find_names`: an article's sentences with the names, places and cue words in them.

The codebook's matchers (matchers.py) find codebook names and cue words; people the
codebook lacks are found from their titles (people.py) and places it lacks from the
world gazetteer. Each line is analysed on its own (headlines and captions have no
full stop), and every offset is into the article's text, so the stages after this
one never touch spaCy objects.

Speed: spaCy tokenises each line and its phrase matchers run once per line; from
then on the line is plain lists read from the Doc's arrays (`tokens.Line`), never
Python `Token` objects, and spans are sorted into their sentences by position.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc

from .codebook import Codebook, Venue
from .matchers import Knowledge, Matchers, normalise
from .people import corefer, covered_tokens, misspelt_people, title_people, token_span, without_namesakes
from .record import NewPerson, Record, Sentence, Span
from .tokens import Line, longest_first


def find_names(record: Record, knowledge: Knowledge) -> Record:
    """Sentences of the article's body (up to its page furniture), new people, and the
    places found in the world gazetteer."""
    text = record.article.text
    sentences, people, found = analyse(text, record.article.body_end, knowledge)
    return replace(
        record, sentences=tuple(sentences), people=tuple(people), found_venues={**record.found_venues, **found}
    )


def analyse(
    text: str, end: int | None, knowledge: Knowledge
) -> tuple[list[Sentence], list[NewPerson], dict[str, Venue]]:
    """Sentences of text[:end] with their names, places and cues; the people found from
    titles; the world places found (by venue_id)."""
    matchers, codebook = knowledge.matchers, knowledge.codebook
    end = len(text) if end is None else end
    clean = normalise(text[:end])
    paragraphs = []
    offset = 0
    for raw in clean.split("\n"):
        if raw.strip():
            paragraphs.append((offset, raw))
        offset += len(raw) + 1
    sentences: list[Sentence] = []
    people: dict[str, NewPerson] = {}
    found: dict[str, Venue] = {}
    for (offset, raw), doc in zip(paragraphs, matchers.pipe(p for _, p in paragraphs)):
        line = Line.of(doc, raw, offset, matchers.punct_chars)
        names = without_namesakes(line, _name_spans(doc, line, matchers), codebook)
        names += title_people(line, [(s, e) for _, s, e in matchers.titles(doc)], names, people, matchers, codebook)
        names += misspelt_people(line, names, matchers, codebook)
        names += _world_places(line, names, codebook, found)
        cues = [_span(line, s, e, m, matchers) for m, s, e in matchers.cues(doc)]
        sentences.extend(_sentences(line, text, names, cues))
    if people:
        sentences = corefer(sentences, people)
    return sentences, list(people.values()), found


def _sentences(line: Line, original: str, names: list[Span], cues: list[Span]) -> list[Sentence]:
    """The sentences of one line, offsets into the whole text.

    Each span goes to the sentence it lies inside (one that crosses a sentence
    boundary goes nowhere), keeping the order of `names` and `cues`."""
    offset = line.offset
    sentences = line.sentences()
    bounds = [(offset + line.starts[first], offset + line.ends[end - 1]) for first, end in sentences]
    sentence_starts = [start for start, _ in bounds]
    actors: list[list[Span]] = [[] for _ in bounds]
    places: list[list[Span]] = [[] for _ in bounds]
    cue_spans: list[list[Span]] = [[] for _ in bounds]
    for spans, kind in ((names, None), (cues, cue_spans)):
        for sp in spans:
            k = bisect_right(sentence_starts, sp.start) - 1
            if k < 0 or sp.end > bounds[k][1]:
                continue
            if kind is not None:
                kind[k].append(sp)
            elif sp.label == "actor":
                actors[k].append(sp)
            elif sp.label == "venue":
                places[k].append(sp)
    quotes = [(offset + a, offset + b) for a, b in _quote_regions(line.text)]
    starts = [offset + s for s in line.starts]
    ends = [offset + e for e in line.ends]
    words = line.words
    out = []
    for k, (first, end) in enumerate(sentences):
        s_start, s_end = bounds[k]
        out.append(
            Sentence(
                start=s_start,
                end=s_end,
                text=original[s_start:s_end],
                tokens=tuple(zip(starts[first:end], ends[first:end], words[first:end])),
                actors=tuple(actors[k]),
                places=tuple(places[k]),
                cues=tuple(cue_spans[k]),
                quotes=tuple((a, b) for a, b in quotes if a < s_end and b > s_start),
            )
        )
    return out


def _span(line: Line, start: int, end: int, match_id: int, matchers: Matchers) -> Span:
    label, key, how = matchers.entry(match_id)
    return token_span(line, start, end, label, key, how)


def _name_spans(doc: Doc, line: Line, matchers: Matchers) -> list[Span]:
    """Codebook names, longest first: "Azerbaijan's Foreign Ministry" beats "Azerbaijan".

    Actor and venue readings of one word (Washington) are both kept; resolution
    decides by context which one the sentence means.
    """
    matches = matchers.names(doc)
    actor = [(m, s, e) for m, s, e in matches if matchers.entry(m)[0] == "actor"]
    venue = [(m, s, e) for m, s, e in matches if matchers.entry(m)[0] == "venue"]
    out = []
    for group in (actor, venue):
        ids = {(s, e): m for m, s, e in group}
        for start, end in longest_first([(s, e) for _, s, e in group]):
            out.append(_span(line, start, end, ids[(start, end)], matchers))
    return out


def _world_places(line: Line, known: list[Span], codebook: Codebook, found: dict[str, Venue]) -> list[Span]:
    """Places the codebook lacks ("in Dushanbe", "in Malta"), from the world gazetteer.

    Only capitalised names right after a place preposition are looked up, so
    ordinary capitalised words are never taken for towns. A place found is added to
    `found` (the article's), unless the codebook has a venue of that id.
    """
    names = codebook.cues.names
    covered = covered_tokens(known)
    prepositions = names.world_place_prepositions
    lowers, words, n = line.lowers, line.words, len(line)
    spans = []
    for i in range(1, n):
        if i in covered or lowers[i - 1] not in prepositions or not line.names[i]:
            continue
        run = [i]
        while (
            len(run) < names.max_place_words
            and run[-1] + 1 < n
            and line.names[run[-1] + 1]
            and run[-1] + 1 not in covered
        ):
            run.append(run[-1] + 1)
        for size in range(len(run), 0, -1):
            chosen = run[:size]
            if any(words[t] in codebook.cues.not_name_words for t in chosen):
                continue
            venue = codebook.world_place(" ".join(words[t] for t in chosen))
            if venue is not None:
                if venue.venue_id not in codebook.venues:
                    found.setdefault(venue.venue_id, venue)
                spans.append(token_span(line, chosen[0], chosen[-1] + 1, "venue", venue.venue_id, venue.kind))
                covered.update(chosen)
                break
    return spans


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Stretches inside double quotes; an unclosed quote runs to the end of the line."""
    marks = []
    at = text.find('"')
    while at != -1:
        marks.append(at)
        at = text.find('"', at + 1)
    regions = []
    for k in range(0, len(marks), 2):
        start = marks[k]
        end = marks[k + 1] + 1 if k + 1 < len(marks) else len(text)
        regions.append((start, end))
    return regions
