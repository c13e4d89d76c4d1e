"""Stages find_other_events, credit_cancellations and drop_repeated_events."""

import pytest

from data_prep.other_events import credit_cancellations, drop_repeated_events, find_other_events


@pytest.mark.parametrize(
    "text, event_type",
    [
        ('Azerbaijan objected to "one-sided and biased" comments by O\'Brien.', "accusation"),
        ("It said senior U.S. officials were unwelcome in Baku.", "refusal"),
        ("O'Brien said Washington had suspended military assistance to Azerbaijan.", "sanction"),
        ("Blinken spoke with President Aliyev on Sunday.", "call"),
        ("O'Brien visited Baku on Wednesday.", "meeting"),
        ("Pashinyan said he intended to intensify efforts.", "statement"),
        ("Azerbaijan recaptured Karabakh with a counterterrorism operation in September.", "military_action"),
    ],
)
def test_event_types_from_cue_words(extract, text, event_type):
    types = [e.event_type for e in extract(text).events if e.event_type != "talks"]
    assert types == [event_type]


def test_accusation_names_who_accused_which_mediator(extract):
    event = next(
        e
        for e in extract(
            'Azerbaijan objected to "one-sided and biased" comments on Wednesday by U.S. Assistant Secretary of State James O\'Brien.'
        ).events
    )
    assert event.roles["azerbaijan"] == "initiator"
    assert event.roles["james-obrien"] == "target"
    assert event.mediator_id == "united-states"
    assert event.date.value == "2023-11-15"


def test_a_person_speaks_rather_than_the_adjective_before_them(extract):
    event = extract(
        "Azerbaijani Prime Minister Ali Asadov told a forum in Tbilisi last month that peace was near."
    ).events[0]
    assert (
        event.event_type == "statement"
        and event.roles["ali-asadov"] == "speaker"
        and event.venue_id == "tbilisi"
        and event.date.value == "2023-10"
    )


def test_news_outlets_cited_are_not_participants(extract):
    event = extract("Pashinyan said he would sign a treaty, Russia\u2019s Tass news agency reported.").events[0]
    assert "tass" not in event.roles


def test_events_without_a_date_get_the_publication_date_and_say_so(extract):
    event = extract("Pashinyan said he intended to intensify efforts.", "2023-11-17").events[0]
    assert (event.date.value, event.date.basis) == ("2023-11-17", "publication")


def test_a_mediator_accusing_a_party_is_not_an_accusation_against_a_mediator(extract):
    event = extract("France accused Azerbaijan of blocking the talks.").events[0]
    assert event.event_type == "accusation" and event.roles["france"] == "initiator"
    assert event.mediator_id is None


def test_a_sentence_opening_with_it_continues_the_last_actor(extract):
    x = extract(
        "Azerbaijan objected to the one-sided comments by O'Brien. It complained that O'Brien did not mention Armenia's delays."
    )
    second = [e for e in x.events if e.event_type == "accusation"][-1]
    assert second.roles["azerbaijan"] == "initiator" and second.roles["james-obrien"] == "target"


def test_a_refusal_in_a_cancelled_rounds_evidence_names_who_called_it_off(through, knowledge):
    record = through(
        "find_other_events",
        "Azerbaijan said it would not participate in a November 20 meeting in Washington with Armenia.",
        "2023-11-17",
    )
    assert [r.roles.get("azerbaijan") for r in record.talks] == ["participant"]
    credited = credit_cancellations(record, knowledge)
    assert [r.roles["azerbaijan"] for r in credited.talks] == ["initiator"]
    assert record.talks[0].roles["azerbaijan"] == "participant", "the input record is left as it was"


def test_a_sentence_printed_twice_reports_one_event(through, knowledge):
    text = "Pashinyan said Armenia was ready to sign.\nPashinyan said Armenia was ready to sign."
    record = through("credit_cancellations", text)
    assert [e.event_type for e in record.other_events] == ["statement", "statement"]
    assert [e.sentence_index for e in drop_repeated_events(record, knowledge).other_events] == [0]


def test_a_named_speaker_of_a_round_makes_a_statement_besides_the_round(through, knowledge):
    record = through("find_talks", "Michel said the two leaders would meet again in Vienna in May.", "2023-03-20")
    assert record.round_sentences == {0}
    events = find_other_events(record, knowledge).other_events
    assert [(e.event_type, e.roles.get("charles-michel")) for e in events] == [("statement", "speaker")]


def test_an_unnamed_source_of_a_round_is_no_statement(through, knowledge):
    record = through(
        "find_talks", "Aliyev and Pashinyan held talks in Tbilisi on Monday, officials said.", "2022-07-20"
    )
    assert record.round_sentences == {0}
    assert find_other_events(record, knowledge).other_events == ()


def test_a_refusal_given_as_the_reason_a_round_collapsed_names_who_called_it_off(through, knowledge):
    record = through(
        "find_other_events",
        "The Granada meeting of Aliyev and Pashinyan collapsed on Thursday after Aliyev declined to travel to Spain.",
        "2023-10-06",
    )
    assert [t.status for t in record.talks] == ["cancelled"]
    assert record.other_events == (), "the refusal stands in a background clause: no event of its own"
    credited = credit_cancellations(record, knowledge)
    assert credited.talks[0].roles["ilham-aliyev"] == "initiator"
