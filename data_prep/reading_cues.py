"""The cue models for reading a sentence's own non-talks event (`event_reading` and
`other_events` in cues.json): which lines report nothing, which clauses are background,
what negates, dismisses or empties a predicate, and who an unnamed subject stands for.

Kept apart from cues.py (the rest of the vocabulary) because the event reader grows
on its own; cues.py re-exports these models, and its loader validates them with the rest.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

Words = frozenset[str]
Phrases = tuple[str, ...]


class StrictModel(BaseModel):
    """Unknown keys are refused, every field is required, nothing changes after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class EventReadingCues(StrictModel):
    """How a sentence is read for its own non-talks event (event_reading.py): which
    lines report nothing, which clauses are background, what negates or dismisses a
    predicate, and who can be its subject."""

    page_line_openers: Phrases
    sentence_end_marks: str
    credit_phrases: Phrases
    credit_line_max_words: int
    clause_breaks: Words
    background_openers: Phrases
    relative_openers: Words
    prepositional_openers: Words
    prepositional_phrase_tokens: int
    phrase_end_subjects: Words
    restrictive_openers: Words
    complementizers: Words
    complementizer_window_tokens: int
    counterfactual_openers: Words
    coordinators: Words
    negations: Phrases
    clause_negations: Words
    negation_window_tokens: int
    hypothetical_words: Phrases
    hypothetical_window_tokens: int
    passive_auxiliaries: Words
    standing_markers: Phrases
    standing_markers_after: Phrases
    standing_verbs: Phrases
    standing_window_tokens: int
    dismissed_objects: Phrases
    dismissals: Phrases
    dismissal_window_tokens: int
    baseless_words: Phrases
    reversals: Phrases
    accusatory_words: Phrases
    speech_sources: Phrases
    sourcing_words: Words
    unnamed_speakers: Words
    subject_pronouns: Words
    object_prepositions: Words
    attributions: Phrases
    agreement_frames: Phrases
    promise_verbs: Words
    non_events: Phrases
    determiners: Words
    document_nouns: Words
    back_references: Words
    separately_words: Phrases
    absence_words: Phrases
    absence_window_tokens: int
    gatherings: Phrases
    memorial_words: Phrases
    recall_verbs: Words
    reciprocal_words: Phrases
    mutual_predicates: Words
    gathering_window_tokens: int
    host_verbs: Words
    phone_verbs: Words
    partial_quote_max_words: int
    date_after_speech_chars: int

    def matched_phrases(self) -> dict[str, Phrases]:
        """The lists the cue matcher finds in the text, each under the key `reading:<name>`."""
        return {name: getattr(self, name) for name in _MATCHED_READING}


# Word lists of `event_reading` found by the phrase matcher (the others are looked up token by token).
_MATCHED_READING = (
    "background_openers",
    "negations",
    "hypothetical_words",
    "standing_markers",
    "standing_markers_after",
    "standing_verbs",
    "dismissed_objects",
    "dismissals",
    "baseless_words",
    "reversals",
    "accusatory_words",
    "speech_sources",
    "attributions",
    "agreement_frames",
    "non_events",
    "separately_words",
    "absence_words",
    "gatherings",
    "memorial_words",
    "reciprocal_words",
)


class OtherEventCues(StrictModel):
    """Who an unnamed subject ("he", "the ministry", "the leaders") stands for."""

    referring_subjects: dict[str, Words]  # person / organization / parties -> the words that refer so
    reference_sentences: int
