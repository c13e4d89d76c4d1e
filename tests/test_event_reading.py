"""What non-talks event a sentence reports: a specification in invented sentences.

Each case is a sentence (or a few) an article could print, and the event type the
build must draw from the sentence named last; None means no event. The sentences
are written for these tests; none comes from an evaluation set.
"""

import pytest

from data_prep.event_reading import read_event, reports_nothing


def other_types(record, last_only=True):
    """The non-talks event types of the record, of its last sentence only by default."""
    last = len(record.sentences) - 1
    return [e.event_type for e in record.other_events if not last_only or e.sentence_index == last]


def typed(extract, text, published="2024-03-14"):
    types = other_types(extract(text, published))
    assert len(types) <= 1, "one event per sentence at most"
    return types[0] if types else None


@pytest.mark.parametrize(
    "text, expected",
    [
        # A speech outranks the deeds it mentions: a meeting word does not make a meeting.
        ("Michel announced that the two leaders had scheduled a next meeting in Brussels.", "statement"),
        ("Speaking to reporters in Baku, Bayramov described the meeting as constructive.", "statement"),
        ("Aliyev told a forum in Tbilisi that peace was within reach.", "statement"),
        ("On a visit to Yerevan, Lavrov said Russia remained ready to help.", "statement"),
        ("Pashinyan said the articles already agreed could be signed at once.", "statement"),
        # What a speech reports can outrank it: an accusation, a refusal, a sanction, a call.
        ("Baku said the French approach was biased and one-sided.", "accusation"),
        ("Hajiyev argued that Paris had forfeited its role as an honest broker.", "accusation"),
        ("The ministry said Azerbaijan would not take part in the Vienna meeting.", "refusal"),
        ("O'Brien said Washington had suspended military assistance to Azerbaijan.", "sanction"),
        ("Aliyev told Blinken in a telephone conversation that Baku was ready.", "call"),
        ("Putin on Friday called Prime Minister Nikol Pashinyan to brief him on his trip.", "call"),
        # Deeds with their doer in the sentence's own clause.
        ("Mirzoyan and Bayramov signed a protocol on the northern section of the border.", "agreement"),
        ("Putin, Aliyev and Pashinyan put their names to a joint statement on transport links.", "agreement"),
        ("Under the declaration, Armenia and Azerbaijan commit to opening their border.", "agreement"),
        ("Lavrov received Mirzoyan and Bayramov separately before the joint session.", "meeting"),
        ("Azerbaijani troops shelled Armenian positions near Sotk, Yerevan said.", "statement"),
        ("Azerbaijani troops shelled Armenian positions near Sotk overnight.", "military_action"),
    ],
)
def test_the_type_comes_from_the_predicate_that_survives(extract, text, expected):
    assert typed(extract, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Polarity: negation, dismissal, reversal, counterfactual.
        ("Armenia and Azerbaijan have not agreed on the status of the enclaves.", None),
        ("Neither Aliyev nor Pashinyan spoke to the press after the Minsk summit.", None),
        ("Had Moscow said as much, Baku would have protested.", None),
        ("Armenia rejected the accusations of bias levelled by Azerbaijan.", "statement"),
        ("Pashinyan dismissed the accusation that Yerevan stalled the talks.", "statement"),
        ("Michel declined to comment on Aliyev's absence.", None),
        ("Washington lifted the sanctions on Azerbaijan in March.", None),
        ("Trump said he was easing restrictions on defence cooperation with Azerbaijan.", "statement"),
        ("Russia and Azerbaijan pledged to halt the shelling along the border.", "agreement"),
        # Wrong words for the type: no sense of fighting in a pledge or in a title.
        ("Pashinyan urged the release of prisoners of war held in Baku.", "statement"),
        ("Armenia and Azerbaijan agreed to stay in contact.", "statement"),
        ("Aliyev and Pashinyan agreed to continue the negotiations.", "statement"),
    ],
)
def test_polarity_decides_whether_and_what(extract, text, expected):
    assert typed(extract, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Background clauses and standing positions report nothing new.
        "The summit followed deadly clashes on the border in Tavush.",
        "The meeting comes three weeks after Azerbaijan pulled out of the Washington round.",
        "Baku continues to insist that Yerevan change its constitution.",
        "Baku says it will sign only once Armenia amends its constitution.",
        "The talks took place while the road to Karabakh remained blocked by Azerbaijan.",
        # A meeting of the two parties together is their round, and "last met" looks back.
        "Aliyev and Pashinyan met in Abu Dhabi on Thursday.",
        "Mirzoyan and Bayramov last met in Almaty in May.",
        # Nobody of this peace process takes part.
        "Israel's president told the conference that the hostages must come first.",
    ],
)
def test_background_standing_positions_and_rounds_give_no_other_event(extract, text):
    assert typed(extract, text) is None


@pytest.mark.parametrize(
    "line, nothing",
    [
        ("Aliyev and Pashinyan meet in Abu Dhabi", True),  # a headline: no sentence ends it
        ("18:12  Putin holds separate meetings with Aliyev and Pashinyan", True),  # a live blog's time stamp
        ("Photo: Aliyev and Michel at the Brussels meeting of 6 April 2022.", True),  # a caption
        ("[Photo: Aliyev and Michel in Brussels.]", True),
        ("- Armenian speaker says peace deal is close.", True),  # a list of other stories
        ("Original headline: Baku and Yerevan agree on a ceasefire.", True),
        ("Aliyev and Pashinyan met in Abu Dhabi on Thursday.", False),
        ('"We are ready," Pashinyan said.', False),
    ],
)
def test_headlines_captions_and_list_items_report_nothing(codebook, line, nothing):
    assert reports_nothing(line, codebook.cues.event_reading) is nothing


def test_a_headline_line_gives_no_event_but_the_body_does(extract):
    record = extract("Lavrov meets Mirzoyan in Moscow\n\nLavrov received Mirzoyan in Moscow on Friday.")
    assert [(e.sentence_index, e.event_type) for e in record.other_events] == [(1, "meeting")]


def test_quoted_commentary_with_no_speaker_outside_reports_nothing(extract):
    assert typed(extract, '"The report is yet another example of double standards," ') is None
    assert typed(extract, '"The report is one-sided and biased against Azerbaijan," Hajiyev said.') == "accusation"


def test_roles_come_from_the_events_own_clause(extract):
    record = extract("Lavrov, who met Aliyev in Baku last week, accused Armenia of stalling the talks.")
    (event,) = record.other_events
    assert event.event_type == "accusation"
    assert event.roles == {"sergey-lavrov": "initiator", "armenia": "target"}, "Aliyev is in a background clause"


def test_a_date_in_a_clause_that_says_which_place_is_not_the_events(extract):
    text = (
        "Opening the session in the hall where the Lisbon Protocol was signed in 1992, "
        "Bayramov said the delegations had made progress."
    )
    (event,) = extract(text, "2024-05-10").other_events
    assert (event.event_type, event.date.value, event.date.basis) == ("statement", "2024-05-10", "publication")


def test_the_date_of_a_statement_is_when_it_was_said_not_what_it_said(extract):
    record = extract("Klaar said on Tuesday that the leaders would meet in Brussels on 20 March.", "2024-03-14")
    (event,) = record.other_events
    assert (event.event_type, event.date.value) == ("statement", "2024-03-12")


def test_the_speaker_is_the_one_outside_the_quotation(extract):
    record = extract('"Armenia and Azerbaijan have made progress on the treaty text," said Matthew Miller.')
    (event,) = record.other_events
    assert event.roles["matthew-miller"] == "speaker"
    assert event.roles["armenia"] == "participant"


@pytest.mark.parametrize(
    "text, lead",
    [
        (
            "Blinken met Mirzoyan in Washington. The Secretary encouraged the two ministers to meet again.",
            "antony-blinken",
        ),
        ("Zakharova spoke in Moscow on Thursday. She warned Armenia against leaving the CSTO.", "maria-zakharova"),
        ("Azerbaijan's Foreign Ministry issued a statement. It said Paris was biased.", "azerbaijan-mfa"),
    ],
)
def test_an_unnamed_subject_stands_for_who_acted_just_before(extract, text, lead):
    record = extract(text)
    last = [e for e in record.other_events if e.sentence_index == len(record.sentences) - 1]
    assert [a for a, r in last[0].roles.items() if r in ("speaker", "initiator")] == [lead]


def test_an_event_with_nobody_of_the_process_named_or_referred_to_is_dropped(extract):
    assert typed(extract, "The three leaders put their names to a joint statement.") is None


def test_they_after_a_round_are_its_parties(extract):
    record = extract(
        "Aliyev and Pashinyan held talks in Brussels on Monday under Michel's chairmanship. "
        "They agreed to convene the border commissions by the end of April.",
        "2022-04-08",
    )
    (event,) = [e for e in record.other_events if e.sentence_index == 1]
    assert event.event_type == "agreement"
    assert {"ilham-aliyev", "nikol-pashinyan"} <= {a for a, r in event.roles.items() if r == "initiator"}


def test_read_event_names_the_predicate_and_its_subject(through, codebook):
    record = through("date_sentences", "Pashinyan accused Baku of walking away from the talks.")
    reading = read_event(record.sentences[0], record.mentions[0], codebook)
    assert reading is not None
    assert (reading.event_type, reading.cue.text, reading.subject.entity_id) == (
        "accusation",
        "accused",
        "nikol-pashinyan",
    )
    assert reading.holds(reading.cue.start)


def test_a_title_refers_only_to_someone_who_holds_it(extract):
    record = extract(
        "Spokesperson Matthew Miller said Blinken had spoken to Aliyev on Sunday. "
        "The Secretary urged Aliyev to keep up the momentum."
    )
    (event,) = [e for e in record.other_events if e.sentence_index == 1]
    assert event.roles.get("matthew-miller") != "speaker", "the spokesperson is not 'the Secretary'"
    assert event.roles.get("antony-blinken") == "speaker"


def test_a_possessive_after_welcomed_is_no_guest(extract):
    assert typed(extract, "Bayramov welcomed Putin's offer to host the next round.") == "statement"
    assert typed(extract, "Trump welcomed Aliyev to the White House on Friday.") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # A participle after a background clause goes on with it.
        ("The Vienna round was dropped after Baku refused to attend, accusing Paris of bias.", None),
        ("Aliyev refused to attend the Vienna round, accusing Paris of bias.", "accusation"),
        # "that" after a noun opens a relative clause; after a speech verb, what was said.
        ("Pashinyan met Blinken in a format that Azerbaijan had denounced as one-sided.", "meeting"),
        ("O'Brien told the committee that Azerbaijan had been one-sided.", "accusation"),
        # "where" without a comma says which place; what happened there is background.
        ("Nurtleu greeted the delegations in the hall where the Lisbon Protocol was signed in May 1992.", None),
        # After a comma it goes on with the story.
        ("Bayramov flew to Brussels, where he met Michel on Tuesday.", "meeting"),
        # A word that names is no act: "the initialled agreement".
        ("On Monday Armenia and Azerbaijan published the initialled agreement.", None),
        # Where the news came from is no statement; a trailing "according to" is sourcing.
        ("Azerbaijan's APA news agency reported that Scholz left the room early.", None),
        ("Azerbaijani troops attacked Armenian positions near Sotk, according to Yerevan.", "military_action"),
        ("According to Lavrov, Armenia and Azerbaijan have moved closer on the treaty.", "statement"),
        # Standing positions: after the verb too, and a government's present tense.
        ("Armenia and Azerbaijan have said several times that they recognise each other's borders.", None),
        ("The Armenian government argues that the 1991 declaration guides delimitation.", None),
        ("The joint statement says Armenia and Azerbaijan will open their border.", "statement"),
    ],
)
def test_clause_roles_decide_between_event_and_background(extract, text, expected):
    assert typed(extract, text) == expected


def test_quoted_recounting_with_a_named_doer_counts_but_quoted_opinion_does_not(extract):
    text = '"A trend is emerging. In October, Aliyev complained about French bias. The report is one-sided."'
    record = extract(text)
    assert [(e.sentence_index, e.event_type) for e in record.other_events] == [(1, "accusation")]


def test_fighting_in_the_parties_land_needs_no_actor_named(extract):
    assert (
        typed(extract, "Heavy fighting broke out along the line of contact in Karabakh on Sunday.") == "military_action"
    )
    assert typed(extract, "Heavy fighting broke out in Gaza on Sunday.") is None


def test_an_adverb_is_no_background_opener(extract):
    assert typed(extract, "Almost all of Karabakh's Armenians have since fled to Armenia.") == "humanitarian"


@pytest.mark.parametrize(
    "text, kind, lead",
    [
        # A wire dateline's capital is where the story was filed, not who acted.
        ("Yerevan /Newswire/. Baku refused to take part in the Vienna meeting.", "refusal", "azerbaijan"),
        ("BAKU, Nov 16 (Agency) - Armenia said it would not attend the Vienna meeting.", "refusal", "armenia"),
        # What a speech reports is done by the speaker.
        ("Baku, which hosted the forum, said it would not attend the Vienna round.", "refusal", "azerbaijan"),
        # "the following morning" is no background clause.
        (
            "The Azerbaijani Foreign Ministry responded the following morning by accusing Pashinyan of lying.",
            "accusation",
            "azerbaijan-mfa",
        ),
        # One party alone promises; it takes two to agree.
        ("Pashinyan has pledged to hold a referendum on a new constitution.", "statement", "nikol-pashinyan"),
        ("Aliyev and Pashinyan pledged to refrain from the use of force.", "agreement", "ilham-aliyev"),
        (
            "The Azerbaijani authorities do not consider it possible to attend the Vienna meeting.",
            "refusal",
            "azerbaijan",
        ),
    ],
)
def test_who_did_it_and_what(extract, text, kind, lead):
    (event,) = extract(text).other_events
    assert event.event_type == kind
    assert [a for a, r in event.roles.items() if r in ("speaker", "initiator")][:1] == [lead]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Commentary by nobody named is no event; nor is the source of a round's report.
        ("Analysts say Moscow's offer reflects its waning role in the region.", None),
        ("Diplomats say the Kremlin wants the next round in Minsk.", None),
        ("Aliyev and Pashinyan met in Abu Dhabi on Thursday, officials said.", None),
        ("Pashinyan and Aliyev held talks in Kazan on Friday, aides said.", None),
        # Habits are standing positions.
        ("Lavrov has often said Russia supports a peace deal between Baku and Yerevan.", None),
        ("Russian diplomats routinely accuse the West of meddling in the South Caucasus.", None),
        # A gathering attended is no meeting.
        ("Aliyev attended the funeral of the former Turkish president in Ankara.", None),
        ("Pashinyan attended the inauguration of the Georgian president in Tbilisi.", None),
        # Agreement without substance: agreeing to go on talking is what the sides said.
        ("Aliyev and Pashinyan agreed to advance discussions on the peace treaty.", "statement"),
        ("Armenia and Azerbaijan agreed to set the date of the next session later.", "statement"),
        # A frame that names the deal is no attribution to a speaker.
        ("According to the protocol, Armenia and Azerbaijan agreed on the line near Kirants.", "agreement"),
        # Words that name: "more agreed text"; a clause opened by "what" is background.
        ("The sessions in Arlington produced more agreed text than the Brussels summits.", None),
        ("If Brussels fails again, the EU will have confirmed what its critics say about it.", None),
    ],
)
def test_unnamed_speakers_habits_gatherings_and_empty_agreements(extract, text, expected):
    assert typed(extract, text) == expected


def test_welcoming_the_parties_hosts_their_round_but_a_further_remark_is_a_statement(extract):
    assert typed(extract, "Blinken welcomed the foreign ministers of Armenia and Azerbaijan to Blair House.") is None
    (event,) = extract(
        "Blinken welcomed the two ministers to Washington and expressed his hope for a lasting peace."
    ).other_events
    assert (event.event_type, event.roles.get("antony-blinken")) == ("statement", "speaker")


@pytest.mark.parametrize(
    "text, not_lead",
    [
        # The object of a preposition is never the subject a participle falls back on.
        ("Villagers blocked the road to Georgia on Sunday, arguing that Baku had gained too much.", "georgia"),
        # A name before the verb that the codebook lacks is the subject, not the place after it.
        ("Aliyev met Michel in Brussels. Huseynova reported from Baku, Azerbaijan.", "azerbaijan"),
    ],
)
def test_the_speaker_is_never_an_object_or_a_place(extract, text, not_lead):
    record = extract(text)
    last = len(record.sentences) - 1
    leads = [a for e in record.other_events if e.sentence_index == last for a, r in e.roles.items() if r == "speaker"]
    assert not_lead not in leads


def test_a_speech_verb_after_an_opening_frame_has_the_subject(extract):
    (event,) = extract(
        "In a statement released in Baku, the Azerbaijani foreign ministry said the talks had been useful."
    ).other_events
    assert event.roles.get("azerbaijan-mfa") == "speaker"


@pytest.mark.parametrize(
    "text, expected",
    [
        # A participle after a document's noun says which document: no new signing.
        ("The document, signed by Armenia and Azerbaijan in May, sets out the next steps.", None),
        ("Mirzoyan recalled the protocol signed by Armenia and Azerbaijan in Kazan.", "statement"),
        ("Armenia and Azerbaijan signed the protocol in Kazan on 2 May.", "agreement"),
        # A present-tense stance of the parties is a standing position.
        ("The road from Armenia to Karabakh stayed shut, a situation both sides blame on each other.", None),
    ],
)
def test_documents_named_and_standing_blame(extract, text, expected):
    assert typed(extract, text) == expected


def test_a_pronoun_stands_for_the_person_named_earlier_in_its_sentence(extract):
    record = extract(
        "Aliyev met Michel in Brussels. Turkey's President Erdogan is absent: he announced that illness kept him home."
    )
    leads = [a for e in record.other_events if e.sentence_index == 1 for a, r in e.roles.items() if r == "speaker"]
    assert leads == ["recep-tayyip-erdogan"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Fighting remembered is no fighting now.
        ("Pashinyan laid a wreath at the memorial to the soldiers killed in the 2020 war.", None),
        ("Aliyev attended a ceremony commemorating the soldiers killed in the 2020 war.", None),
        ("Azerbaijani troops killed two Armenian soldiers near Sotk on Tuesday.", "military_action"),
        # After "recalled that", deeds are the past recalled: the speech is the event, or nothing.
        ("Lavrov recalled that Aliyev had refused to attend the Granada summit.", "statement"),
        ("The paper recalled that Aliyev had refused to attend the Granada summit.", None),
    ],
)
def test_memorials_and_recalled_deeds_are_no_new_deeds(extract, text, expected):
    assert typed(extract, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Baku and Yerevan traded blame for the clashes on the border.",
        "Azerbaijan and Armenia accused each other of opening fire overnight.",
    ],
)
def test_a_mutual_accusation_has_every_party_accusing(extract, text):
    (event,) = extract(text).other_events
    assert event.event_type == "accusation"
    assert {a for a, r in event.roles.items() if r == "initiator"} == {"azerbaijan", "armenia"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Taking a region by force is fighting; fighting with no actor and no place named
        # belongs to the process the article is about.
        ("In October, Azerbaijan regained control of the districts around Karabakh.", "military_action"),
        ("Clashes along the border last week left nearly 100 soldiers dead.", "military_action"),
        ("Heavy fighting broke out in Gaza on Sunday.", None),
        # Speech in other words.
        ("Assistant Secretary O'Brien laid out the U.S. position on the corridor.", "statement"),
    ],
)
def test_more_ways_to_report_fighting_and_speech(extract, text, expected):
    assert typed(extract, text) == expected


def test_a_deed_after_an_opening_frame_has_the_subject(extract):
    record = extract(
        "Michel hosted Aliyev and Pashinyan in Brussels on Sunday. "
        "Under the statement, the two leaders initialled a protocol on border crossings."
    )
    (event,) = [e for e in record.other_events if e.sentence_index == 1]
    assert event.event_type == "agreement"
    assert {"ilham-aliyev", "nikol-pashinyan"} <= {a for a, r in event.roles.items() if r == "initiator"}


def test_signatures_put_to_a_document_are_an_agreement(extract):
    text = "Aliyev and Pashinyan stood beside Michel as all three put their signatures to the declaration."
    assert typed(extract, text) == "agreement"


@pytest.mark.parametrize(
    "text, expected",
    [
        # A document as the subject of a verb is no participle naming it.
        ("The declaration carries the signatures of Aliyev, Pashinyan and Michel.", "agreement"),
        # "I'd say" hedges: nothing is said yet.
        ("Blinken met Aliyev in Munich. I'd say that Armenia and Azerbaijan are close.", None),
    ],
)
def test_documents_as_subjects_and_hedged_speech(extract, text, expected):
    assert typed(extract, text) == expected
