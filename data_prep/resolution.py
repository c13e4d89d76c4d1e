"""Stage `resolve_names`: decide what each matched name means in its sentence.

"Washington" is a government in "Washington said" and a place in "a meeting in
Washington"; "Spain" in "talks in Spain" is a venue, not an actor. This stage
reads the words around each name and settles it, giving each sentence its actor
and venue mentions. It also finds the venue of the article's dateline.
"""

from __future__ import annotations

from dataclasses import replace

from .codebook import Codebook, Places, Venue
from .dates import MONTHS, WEEKDAYS
from .matchers import Knowledge
from .record import Mention, Record, Sentence, Span

# Month and weekday names: capitalised like the names a place's description walks back over.
_CALENDAR_WORDS = frozenset({name for name in MONTHS if len(name) > 3} | {"may"} | set(WEEKDAYS))


def resolve_names(record: Record, knowledge: Knowledge) -> Record:
    """Mentions for every sentence, and the dateline's venue."""
    codebook = knowledge.codebook
    found = dict(record.found_venues)
    dateline_venue = None
    if record.article.dateline:
        venue = codebook.find_venue(record.article.dateline[0])
        if venue is not None:
            if venue.venue_id not in codebook.venues:
                found.setdefault(venue.venue_id, venue)
            dateline_venue = venue.venue_id
    places = codebook.places(found)
    mentions = tuple(tuple(resolve(sentence, codebook, places)) for sentence in record.sentences)
    return replace(record, mentions=mentions, dateline_venue=dateline_venue, found_venues=found)


def resolve(sentence: Sentence, codebook: Codebook, places: Places) -> list[Mention]:
    """The sentence's actor and venue mentions, one reading per stretch of text."""
    mentions: list[Mention] = []
    places_at = {(p.start, p.end): p for p in sentence.places}
    place_reading: set[tuple[int, int]] = set()
    for place in sentence.places:
        context = place_context(sentence, place, codebook)
        if context is None and places[place.key].kind == "city" and _hosts(sentence, place, codebook):
            context = "locative"  # "Moscow hosted the two sides": the city is where they met
        if context is None:
            continue
        venue = capital_of(places[place.key], sentence, place, codebook)
        if venue.kind == "country" and context == "attributive":
            continue
        mentions.append(Mention("venue", venue.venue_id, place.start, place.end, context))
        place_reading.add((place.start, place.end))
    not_government_before = codebook.cues.names.not_government_before
    for actor in sentence.actors:
        if any(start <= actor.start and actor.end <= end for start, end in place_reading):
            continue  # "in Spain", "in the Belgian capital": a place, not an actor
        if actor.how == "metonym":
            if (actor.start, actor.end) in places_at and _hyphen_joined(sentence, actor):
                continue  # "the Baku-Tbilisi-Kars railway" names a route, not a government
            if any(word in not_government_before for word in sentence.token_after(actor.end, 1)):
                continue  # "Baku-based": a place, not a government
            if any(word in codebook.cues.talks.document_nouns for word in sentence.token_after(actor.end, 1)):
                continue  # "the Prague statement": a document named after a city, not that state
        mentions.append(Mention("actor", actor.key, actor.start, actor.end, actor.how))
    return sorted(mentions, key=lambda m: m.start)


def place_context(sentence: Sentence, span: Span, codebook: Codebook) -> str | None:
    """'locative' ("in Baku", "in the Black Sea resort of Sochi", "return to
    Washington"), 'attributive' ("a Brussels meeting"), or None when the words
    around a name do not make it a place."""
    cues, words = codebook.cues, codebook.cues.places
    locative = cues.locative_prepositions
    if _hyphen_joined(sentence, span):
        return None
    if span.text.split()[0].lower() in locative | words.alias_prepositions:
        return "locative"  # an alias that carries its preposition: "on the inter-state border"
    tokens = [t for t in sentence.tokens if t[1] <= span.start][-words.lookback_words :]
    before = [t[2] for t in tokens]
    # "President Ilham Aliyev of Azerbaijan": a person's name is no description of a place.
    people = [a for a in sentence.actors if codebook.kind(a.key) == "person"]
    named = [any(a.start <= t[0] < a.end for a in people) for t in tokens]
    after = sentence.token_after(span.end, 2)
    i, edge = len(before) - 1, False
    not_filler = (words.edge_preposition, words.motion_preposition)
    # Walk back over "the", "capital", "edge of", and names ("the Russian city of").
    while i >= 0 and len(before) - i <= words.walk_back_words:
        word = before[i]
        low = word.lower()
        if low in _CALENDAR_WORDS or named[i]:
            break  # "In March, Baku and Yerevan announced": the month is what "in" places
        if low in locative:
            return "locative"
        if low in words.fillers or low in words.edge_words or (word[:1].isupper() and low not in not_filler):
            edge = edge or low in words.edge_words
            i -= 1
            continue
        break
    if i >= 0:
        low = before[i].lower()
        if low == words.edge_preposition and edge:
            return "locative"  # "on the sidelines of the Munich Security Conference"
        guests = words.guest_motion_words
        if low == words.motion_preposition and any(
            before[j].lower() in cues.motion_words or (before[j].lower() in guests and any(named[j:i]))
            for j in range(max(0, i - words.motion_lookback_words), i)
        ):
            return "locative"  # "return to Washington", "bring Pashinyan and Aliyev to Brussels"
        if low == words.motion_preposition and _listed_after_motion(sentence, tokens, i, codebook):
            return "locative"  # "brought the ministers to Blair House in November and to Arlington in May"
        if low == words.motion_preposition and _receives_both(sentence, tokens, i, codebook):
            return "locative"  # "welcomed the leaders of Armenia and Azerbaijan to the White House", "bring both leaders back to Brussels"
        if low == words.planning_preposition and any(
            w.lower() in cues.planning_words for w in before[max(0, i - words.planning_lookback_words) : i]
        ):
            return "locative"  # "a meeting floated for Moscow"
    if i >= 0 and before[i].lower() in words.venue_offer_verbs and after[:1] in (["for"], ["as"]):
        return "locative"  # "Georgia lent Tbilisi for the follow-up round"
    if after and after[0] in words.attributive_nouns:
        return "attributive"
    return None


def _listed_after_motion(sentence: Sentence, tokens: list[tuple[int, int, str]], to: int, codebook: Codebook) -> bool:
    """ "... to Blair House in November 2022 and to Arlington": a "to" right after a list
    link (`places.motion_list_links`) continues the motion of the place before it in the
    sentence, when that place was reached by motion ("to" right before it, a place)."""
    words = codebook.cues.places
    if to == 0 or tokens[to - 1][2].lower() not in words.motion_list_links:
        return False
    earlier = [p for p in sentence.places if p.end <= tokens[to - 1][0]]
    if not earlier:
        return False
    previous = earlier[-1]
    before = [t[2].lower() for t in sentence.tokens if t[1] <= previous.start][-1:]
    return before == [words.motion_preposition] and place_context(sentence, previous, codebook) == "locative"


def _receives_both(sentence: Sentence, tokens: list[tuple[int, int, str]], to: int, codebook: Codebook) -> bool:
    """A welcome or guest motion word (`talks.reception_verbs`, `places.guest_motion_words`)
    within `places.guest_lookback_words` before "to" (token `to`), with both parties, or a
    plural party phrase ("both leaders"), named between: a host receiving them at a place."""
    guests = codebook.cues.talks.reception_verbs | codebook.cues.places.guest_motion_words
    for j in range(max(0, to - codebook.cues.places.guest_lookback_words), to):
        if tokens[j][2].lower() not in guests:
            continue
        start, end = tokens[j][1], tokens[to][0]
        sides = {codebook.side(a.key) for a in sentence.actors if start <= a.start and a.end <= end}
        generic = any(start <= g.start and g.end <= end for g in sentence.cue("talks:generic_parties"))
        return len(sides - {None}) >= 2 or generic
    return False


def _hosts(sentence: Sentence, span: Span, codebook: Codebook) -> bool:
    """A city as the subject of a hosting verb ("Washington itself hosted three rounds")."""
    words = codebook.cues.places
    for word in sentence.token_after(span.end, 4):
        if word in words.host_verbs:
            return True
        if word not in words.host_fillers:
            return False
    return False


def capital_of(venue: Venue, sentence: Sentence, span: Span, codebook: Codebook) -> Venue:
    """ "the capital of the United Arab Emirates" is the city, not the country."""
    before = " ".join(sentence.token_before(span.start, 3))
    if venue.kind != "country" or not before.endswith(codebook.cues.places.capital_phrases):
        return venue
    actor = codebook.actors.get(venue.country or "")
    for capital in actor.metonyms if actor else ():
        match = next((v for v in codebook.venues.values() if v.name == capital), None)
        if match:
            return match
    return venue


def _hyphen_joined(sentence: Sentence, span: Span) -> bool:
    """Names joined by hyphens to other capitalised names ("Baku-Tbilisi-Kars") form a compound."""
    text = sentence.text
    local_start, local_end = span.start - sentence.start, span.end - sentence.start
    after = text[local_end : local_end + 2]
    if after[:1] == "-" and after[1:2].isupper():
        return True
    if local_start >= 2 and text[local_start - 1] == "-":
        previous_word = text[: local_start - 1].split()[-1:] or [""]
        return previous_word[0][:1].isupper()
    return False
