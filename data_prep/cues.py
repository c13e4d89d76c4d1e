"""The cue vocabulary (`codebook/cues.json`) as a typed, read-only model.

Every English word list, weight and window the stages use lives in cues.json, where an analyst
can read and change it (the codebook README says what each key means). Loading is strict: a key
the model does not know (a typo) or a key it needs but cannot find is refused with a
`CodebookError` naming it, so an edit can never be silently ignored. Word sets used only for
membership are frozensets; ordered lists (precedence, priority, phrases) stay tuples.

>>> cues = load_cues(Path(__file__).parent / "codebook" / "cues.json")
>>> cues.status_precedence
('cancelled', 'held', 'planned')
"""

from __future__ import annotations

from pathlib import Path
from typing import Self

from pydantic import ValidationError, model_validator

from .errors import CodebookError
from .reading_cues import EventReadingCues, OtherEventCues
from .reading_cues import StrictModel as _Strict

Words = frozenset[str]
Phrases = tuple[str, ...]


class EventType(_Strict):
    plover: str
    means: str


class TalksCues(_Strict):
    """What makes a sentence report a round of talks between the conflict parties."""

    nouns: Phrases
    strong: Phrases
    generic_parties: Phrases
    anaphora: Phrases
    new_round: Phrases
    not_talks_objects: Words
    party_window_chars: int
    party_pronouns: Words
    sequence_words: Words
    repetition_words: Words
    meet_verbs: Words
    participle_meet_words: Words
    participle_leads: Words
    round_nouns: Words
    separate_words: Words
    bilateral_words: Words
    proposal_words: Phrases
    acceptance_words: Words
    unrealised_plans: Words
    past_auxiliaries: Words
    news_offset_verbs: Words
    one_person_possessives: Words
    partner_words: Words
    same_format_phrases: Phrases
    border_venue: str
    border_phrases: Phrases
    commission_words: Words
    summit_nouns: Words
    organisation_link_words: Words
    organisation_before_summit_chars: int
    organisation_after_summit_chars: int
    organisation_holding_verbs: Words
    organisation_subject_words: int
    own_body_links: Phrases
    conditional_words: Words
    future_auxiliaries: Words
    offset_date_words: Phrases
    narrative_time_phrases: Phrases
    place_back_references: Words
    place_back_reference_tokens: int
    existential_followers: Words
    place_relative_words: Words
    place_relative_breaks: Words
    seat_nouns: Phrases
    seat_links: Phrases
    statement_place_prepositions: Phrases
    statement_place_articles: Phrases
    statement_place_max_words: int
    statement_to_place_chars: int
    attributive_place_chars: int
    event_to_place_chars: int
    document_nouns: Phrases
    lapse_phrases: Words
    lapse_since_words: Words
    background_words: Words
    since_words: Words
    reference_offset_words: Words
    list_stop_words: Words
    speech_beside_date_chars: int
    complementizers: Words
    offset_after_noun_chars: int
    negation_before_nouns: Words
    denial_phrases: Phrases
    definite_determiners: Words
    arrangement_passives: Phrases
    reference_sentences: int
    adjacent_sentences: int
    count_words: Words
    count_phrases: Phrases
    counted_nouns: Words
    count_modifiers: Words
    count_determiners: Words
    count_reach_tokens: int
    reception_verbs: Words
    reception_links: Words
    reception_object_tokens: int
    clause_conjunctions: Words
    signing_verbs: Words
    signer_words: Words
    signer_reach_chars: int
    passive_auxiliaries: Words
    refused_trips: Words
    purpose_words: Words


class MediatorCues(_Strict):
    """How a round's mediator is found, and how firmly each kind of evidence names it."""

    evidence_strength: dict[str, int]
    hosting_window_chars: int
    host_distance_chars: int
    agent_words: Phrases
    listed_before_parties_chars: int
    adjacent_chars: int
    guest_verbs: Words
    guest_distance_chars: int
    not_hosted_objects: Words
    with_words: Phrases
    with_max_words: int
    with_distance_chars: int
    subject_distance_chars: int
    gathering_verbs: Words
    no_mediator_phrases: Phrases
    abstention_phrases: Phrases
    bare_negation_words: int
    on_their_own_phrases: Phrases
    negation_words: Phrases
    negation_reach_words: int

    def strength(self, how: str | None) -> int:
        """How firmly a mediator found `how` names it; no evidence counts 0."""
        return self.evidence_strength.get(how, 0) if how else 0


class DatingCues(_Strict):
    """How dates are placed: the tense of their clause, the narrative's year, approximations."""

    future_cue_to_date_chars: int
    reference_offsets: Words
    narrative_year_words: Phrases
    narrative_month_words: Words
    more_than_words: Phrases
    less_than_words: Phrases
    last_weekday_words: Phrases
    report_verbs: Words


class NameCues(_Strict):
    """Finding people and places the codebook lacks, and telling names from words."""

    connectors: Words
    domain_articles: Words
    particles: Words
    world_place_prepositions: Words
    not_government_before: Words
    namesake_similarity: int
    misspelling_similarity: int
    min_surname_chars: int
    min_misspelt_chars: int
    max_name_words: int
    max_domain_words: int
    min_domain_capitals: int
    max_place_words: int


class PlaceCues(_Strict):
    """The words around a name that make it a place ("in the Black Sea resort of Sochi")."""

    attributive_nouns: Words
    edge_words: Words
    fillers: Words
    alias_prepositions: Words
    edge_preposition: str
    motion_preposition: str
    planning_preposition: str
    capital_phrases: Phrases
    host_verbs: Words
    venue_offer_verbs: Words
    host_fillers: Words
    lookback_words: int
    walk_back_words: int
    motion_lookback_words: int
    guest_motion_words: Words
    guest_lookback_words: int
    motion_list_links: Words
    planning_lookback_words: int


class PageCues(_Strict):
    """Where a news page puts its own date and place: photo captions and wire datelines."""

    caption_words: Phrases
    old_picture_words: Phrases
    repost_words: Phrases
    repost_stamp_words: Phrases
    publication_labels: Phrases
    source_labels: Phrases
    month_names: dict[str, str]
    update_words: Phrases
    masthead_words: Phrases
    dateline_date_chars: int
    dateline_place_date_chars: int
    stamp_lines: int
    stamp_window_max: int
    menu_line_words: int
    stamp_max_words: int
    dateline_lines: int


class FurnitureLineCues(_Strict):
    """What a line of trailing page furniture looks like: credits, notes, bios, notices."""

    credit_openers: Phrases
    credit_endings: Phrases
    reporter_phrases: Phrases
    note_openers: Phrases
    notice_phrases: Phrases
    bio_roles: Words
    bio_role_window: int
    max_line_words: int
    max_neutral_words: int
    max_absorbed_lines: int
    min_position: float
    link_markers: Phrases
    min_prose_words: int
    min_list_lines: int


class QuoteCues(_Strict):
    min_words: int


class LinkingCues(_Strict):
    same_round_days: int
    planned_slip_months: int
    undated_window_days: int
    same_venue_km: float


class TalksConfidence(_Strict):
    base: float
    no_status_word: float
    venue: float
    date: float
    both_sides: float
    mediator: float
    max: float


class OtherConfidence(_Strict):
    base: float
    actor_before_cue: float
    date: float
    venue: float
    max: float


class Confidence(_Strict):
    talks: TalksConfidence
    other: OtherConfidence


class Cues(_Strict):
    """Everything in cues.json; see the codebook README for the meaning of each key."""

    event_types: dict[str, EventType]
    event_priority: Phrases
    event_cues: dict[str, Phrases]
    event_predicates: dict[str, Phrases]
    event_reading: EventReadingCues
    talks: TalksCues
    status_cues: dict[str, Phrases]
    status_precedence: Phrases
    hosting_cues: Phrases
    locative_prepositions: Words
    motion_words: Words
    future_cues: Phrases
    titles: Phrases
    title_domain_openers: Words
    not_name_words: Words
    furniture_markers: Phrases
    furniture_headings: Phrases
    furniture_lines: FurnitureLineCues
    modal_cues: Phrases
    planning_words: Words
    ambiguous_country_names: Words
    mediators: MediatorCues
    other_events: OtherEventCues
    dating: DatingCues
    names: NameCues
    places: PlaceCues
    page: PageCues
    quotes: QuoteCues
    linking: LinkingCues
    confidence: Confidence

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """The lists that name event types and statuses name only known ones."""
        types = set(self.event_types)
        unknown = (set(self.event_priority) | set(self.event_cues) | set(self.event_predicates)) - types
        if unknown:
            raise ValueError(f"unknown event type(s) {sorted(unknown)}; event_types lists {sorted(types)}")
        if set(self.status_cues) != set(self.status_precedence):
            raise ValueError("status_cues and status_precedence must name the same statuses")
        return self


def load_cues(path: Path) -> Cues:
    """The cue vocabulary in `path`; raises CodebookError naming every bad or missing key."""
    try:
        return Cues.model_validate_json(Path(path).read_bytes())
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or '(top)'}: {problem['msg']}"
            for problem in error.errors()
        )
        raise CodebookError(f"{Path(path).name}: {problems}") from None
    except OSError as error:
        raise CodebookError(f"cannot read {path}: {error.strerror or error}") from None
