"""People in a spaCy `Doc` beyond the codebook's exact names: namesakes to ignore,
people the codebook lacks (found from the title before their name), misspelt
codebook people, and later bare surnames of the people found.

Helpers of the `find_names` stage (language.py); they read the matchers and the
codebook and return spans, never changing either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz
from spacy.tokens import Token

from .codebook import Codebook, slug
from .matchers import Matchers
from .record import NewPerson, Sentence, Span
from .tokens import Line, is_name_text, longest_first


def is_name_token(token: Token) -> bool:
    """A capitalised word with a lower-case letter ("Pashinyan", "O'Brien"), or "O'Neil"-like."""
    return is_name_text(token.text)


def token_span(line: Line, start: int, end: int, label: str, key: str, how: str) -> Span:
    """A Span over tokens start..end-1 of the line, with character and token offsets."""
    first, last, text = line.char_span(start, end)
    return Span(first, last, text, label, key, how, start, end)


def covered_tokens(spans: Iterable[Span]) -> set[int]:
    return {i for sp in spans for i in range(sp.token_start, sp.token_end)}


def without_namesakes(line: Line, spans: list[Span], codebook: Codebook) -> list[Span]:
    """A bare surname after another first name ("Kamran Aliyev") is a namesake, not
    the codebook's person; a misspelt first name ("Nkil Pashinyan") still counts."""
    names = codebook.cues.names
    kept = []
    for span in spans:
        actor = codebook.actors.get(span.key) if span.label == "actor" else None
        if (
            actor is not None
            and actor.kind == "person"
            and span.token_end - span.token_start == 1
            and span.token_start > 0
        ):
            previous = span.token_start - 1
            word = line.words[previous]
            first_name = actor.name.split()[0]
            covered = any(o.token_start <= previous < o.token_end for o in spans)
            if (
                line.names[previous]
                and not covered
                and word not in codebook.cues.not_name_words
                and fuzz.ratio(word, first_name) < names.namesake_similarity
            ):
                continue
        kept.append(span)
    return kept


def title_people(
    line: Line,
    title_matches: list[tuple[int, int]],
    known: list[Span],
    people: dict[str, NewPerson],
    matchers: Matchers,
    codebook: Codebook,
) -> list[Span]:
    """People the codebook lacks, found from the title before their name:
    "Russian political scientist Sergei Markedonov", "EU Special Representative
    for the South Caucasus Toivo Klaar". New people go into `people` (the caller's).

    `title_matches` are the (start, end) tokens the title matcher found in the line."""
    covered = covered_tokens(known)
    found = []
    for title_start, title_end in longest_first(title_matches):
        name, domain_end = _name_after_title(line, title_end, codebook)
        if not name or any(i in covered for i in name):
            continue
        surname = matchers.misspelt_surname(line.words[name[-1]])
        if surname:
            # "Foreign Minister Ararat Mirzoyn": a misspelt codebook person, not a new one.
            found.append(token_span(line, name[0], name[-1] + 1, "actor", matchers.surnames[surname], "fuzzy"))
            covered.update(name)
            continue
        full_name = " ".join(line.words[i] for i in name)
        country = _country_before(title_start, known, codebook)
        title_text = line.char_span(title_start, domain_end)[2]
        person = people.setdefault(slug(full_name), NewPerson(full_name, title_text, country))
        found.append(token_span(line, name[0], name[-1] + 1, "actor", person.actor_id, "title"))
        covered.update(name)
    return found


def _name_after_title(line: Line, i: int, codebook: Codebook) -> tuple[list[int], int]:
    """The name's tokens after a title ending at token i, and where the title's domain ends."""
    cues, names = codebook.cues, codebook.cues.names
    n, lowers, is_name = len(line), line.lowers, line.names
    if i >= n:
        return [], i
    if lowers[i] in cues.title_domain_openers:
        # "Special Representative for the South Caucasus Toivo Klaar": the last two capitals.
        j = i + 1
        if j < n and lowers[j] in names.domain_articles:
            j += 1
        run: list[int] = []
        while j < n and (is_name[j] or (lowers[j] in names.connectors and run)) and len(run) < names.max_domain_words:
            run.append(j)
            j += 1
        while run and not is_name[run[-1]]:
            run.pop()
        capitalised = [t for t in run if is_name[t]]
        if len(capitalised) < names.min_domain_capitals:
            return [], i
        name = capitalised[-2:]
        domain_end = name[0]
    else:
        j = i
        name = []
        while j < n and (is_name[j] or (lowers[j] in names.particles and name)) and len(name) < names.max_name_words:
            name.append(j)
            j += 1
        while name and not is_name[name[-1]]:
            name.pop()
        domain_end = i
    if len(name) < 2 or any(line.words[t] in cues.not_name_words for t in name):
        return [], i
    return name, domain_end


def _country_before(token_index: int, known: list[Span], codebook: Codebook) -> str | None:
    """The state named just before a title: "Russian political scientist ..." -> russia."""
    for span in known:
        if span.label == "actor" and token_index - 2 <= span.token_end <= token_index:
            actor = codebook.actors.get(span.key)
            if actor and actor.kind in ("state", "organization") and actor.country is None:
                return actor.actor_id
    return None


def misspelt_people(line: Line, known: list[Span], matchers: Matchers, codebook: Codebook) -> list[Span]:
    """Misspelt surnames of codebook people ("Pashinian", "Aliev") by edit similarity."""
    names = codebook.cues.names
    covered = covered_tokens(known)
    not_names, surnames, shortest = codebook.cues.not_name_words, matchers.surnames, names.min_misspelt_chars
    found = []
    for i, word in enumerate(line.words):
        if len(word) < shortest or i in covered or not word.istitle() or word in not_names or word in surnames:
            continue
        hit = matchers.misspelt_surname(word)
        if hit:
            found.append(token_span(line, i, i + 1, "actor", surnames[hit], "fuzzy"))
    return found


def corefer(sentences: list[Sentence], people: dict[str, NewPerson]) -> list[Sentence]:
    """Later bare surnames of newly found people ("Markedonov said") point to them."""
    by_surname = {p.name.split()[-1]: p for p in people.values()}
    out = []
    for sentence in sentences:
        actors = list(sentence.actors)
        taken = [(a.start, a.end) for a in sentence.actors]
        for start, end, text in sentence.tokens:
            person = by_surname.get(text)
            if person and not any(s <= start < e for s, e in taken):
                actors.append(Span(start, end, text, "actor", person.actor_id, "coref"))
        actors.sort(key=lambda sp: sp.start)
        out.append(replace(sentence, actors=tuple(actors)))
    return out
