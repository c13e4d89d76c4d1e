"""More ways news text reports a non-talks event: a specification in invented sentences.

Each case is a sentence an article could print and the event type the build must draw
from it (None: no event). The words are codebook data (`event_predicates`,
`event_reading.promise_verbs`); these cases say what they must and must not do.
"""

import pytest

from data_prep.event_reading import reports_nothing


def typed(extract, text, published="2024-03-14"):
    record = extract(text, published)
    last = len(record.sentences) - 1
    types = [e.event_type for e in record.other_events if e.sentence_index == last]
    assert len(types) <= 1, "one event per sentence at most"
    return types[0] if types else None


@pytest.mark.parametrize(
    "text, expected",
    [
        # Speech verbs beyond "said": affirming, appealing, suggesting, reading a text out.
        ("Lavrov affirmed Russia's support for a settlement between Armenia and Azerbaijan.", "statement"),
        ("Aliyev and Pashinyan appealed to the OSCE to dissolve the Minsk Group.", "statement"),
        ("Michel intervened, suggesting that Aliyev and Pashinyan drop the disputed wording.", "statement"),
        ("At the end, Lavrov read out a joint statement of Mirzoyan and Bayramov.", "statement"),
        ("Pashinyan accepted that Armenia would have to amend its constitution.", "statement"),
        # "was the first to announce" announces: the infinitive is no hypothesis here.
        ("Macron was the first to announce the Armenian-Azerbaijani deal, on social media.", "statement"),
        # A promise: by one party a statement, by both sides together an agreement.
        ("Pashinyan promised to put the constitution to a referendum.", "statement"),
        ("Armenia and Azerbaijan promised to open their railways to each other's trains.", "agreement"),
        ("Aliyev vowed to keep the Zangezur route on the agenda.", "statement"),
        # Exchanging ideas or opinions with a mediator is a meeting, not a round.
        ("Bayramov and O'Brien exchanged ideas on regional transport links.", "meeting"),
    ],
)
def test_more_predicates_report_an_event(extract, text, expected):
    assert typed(extract, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Negated or hypothetical, the new predicates report nothing, as the old ones do.
        "Neither Aliyev nor Pashinyan affirmed the draft.",
        "Aliyev would not promise Pashinyan anything.",
        # A document's promise in the present tense is nobody's act.
        "Each Armenian-Azerbaijani communique promises progress on the peace treaty.",
    ],
)
def test_the_new_predicates_keep_their_polarity_checks(extract, text):
    assert typed(extract, text) is None


@pytest.mark.parametrize(
    "line, nothing",
    [
        ("Huseynova reported from Baku, Azerbaijan.", True),
        ("AP writer Demourian in Yerevan, Armenia, contributed to this report.", True),
        ("Tass reported from Moscow that Lavrov met Bayramov and Mirzoyan.", False),
    ],
)
def test_a_short_line_crediting_the_reporters_is_the_byline(codebook, line, nothing):
    assert reports_nothing(line, codebook.cues.event_reading) is nothing


@pytest.mark.parametrize(
    "text, expected",
    [
        # "after the talks" with no comma is a phrase, not a clause: the main clause after it is read.
        ("After the talks Bayramov wrote on social media that progress had been made.", "statement"),
        ("After four hours of talks Aliyev, Pashinyan and Putin put their names to a joint statement.", "agreement"),
        ("Since the Prague summit Baku has refused to meet in Brussels.", "refusal"),
        # A real clause after the opener stays background up to its comma.
        ("After talks between Aliyev and Pashinyan ended, Michel said progress was made.", "statement"),
        ("The meeting came after talks in Brussels stalled.", None),
    ],
)
def test_a_prepositional_phrase_ending_in_a_talks_word_is_no_background_clause(extract, text, expected):
    assert typed(extract, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A document that says something is quoted, whoever issued it: a statement.
        ("A statement from the Armenian government says Aliyev and Pashinyan agreed to keep talking.", "statement"),
        # A government's own present-tense saying is its standing position: no event.
        ("The Azerbaijani government says it will not sign the treaty.", None),
    ],
)
def test_a_document_as_subject_is_quoted_not_a_standing_position(extract, text, expected):
    assert typed(extract, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A deal reached, in the passive: an agreement of the parties named with it.
        (
            "The deal was reached on Friday at a meeting of the border commissions chaired by Mher Grigoryan and Shahin Mustafayev.",
            "agreement",
        ),
        ("An agreement between Armenia and Azerbaijan has been reached in Washington.", "agreement"),
        # Negated, nothing was reached: the speaker's statement remains.
        ("No agreement was reached on the enclaves, Pashinyan said.", "statement"),
    ],
)
def test_a_deal_reached_in_the_passive_is_an_agreement(extract, text, expected):
    assert typed(extract, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A party named as missing is not at the table: one party meeting mediators is a meeting.
        ("In the end Pashinyan met Macron, Scholz and Michel without his Azerbaijani counterpart.", "meeting"),
        ("Pashinyan met Michel in the absence of Aliyev.", "meeting"),
        # Both parties present together are a round, not a meeting.
        ("Pashinyan met Aliyev and Michel in Granada.", None),
    ],
)
def test_a_party_named_as_missing_is_not_present(extract, text, expected):
    assert typed(extract, text) == expected
