"""One event per round per article: references and repeated mentions fold into one event."""

from data_prep.dates import ResolvedDate
from data_prep.record import Event
from data_prep.talks_merge import absorb, fill_publication_date, merge_rounds, recent_round


def talks(start, venue=None, status="held", date=None, mediator=None, how=None, sentence=0, fresh=False):
    when = ResolvedDate(date, "day" if len(date) == 10 else "month", "explicit", date, start, start) if date else None
    return Event("d", "talks", start, start + 10, sentence, 0.5, status, when, venue, mediator, how, {}, fresh=fresh)


def test_mentions_of_one_round_become_one_event_the_most_specific_absorbing_the_rest(knowledge, codebook):
    places = codebook.places({})
    merged = merge_rounds([talks(0, "washington"), talks(20, "washington", date="2023-11-20")], knowledge.cues, places)
    assert [(e.start, e.venue_id, e.date.value) for e in merged] == [(20, "washington", "2023-11-20")]


def test_planned_and_cancelled_are_one_round_when_both_are_dated_and_cancelled_wins(knowledge, codebook):
    places = codebook.places({})
    dated = [talks(0, "washington", "planned", "2023-11-20"), talks(20, "washington", "cancelled", "2023-11-20")]
    assert [e.status for e in merge_rounds(dated, knowledge.cues, places)] == ["cancelled"]
    undated = [talks(0, "washington", "planned", "2023-11-20"), talks(20, "washington", "cancelled")]
    assert len(merge_rounds(undated, knowledge.cues, places)) == 2


def test_a_city_and_the_country_it_lies_in_are_one_round(knowledge, codebook):
    merged = merge_rounds([talks(0, "kazakhstan"), talks(20, "almaty")], knowledge.cues, codebook.places({}))
    assert [e.venue_id for e in merged] == ["almaty"]


def test_different_months_or_mediators_are_different_rounds(knowledge, codebook):
    places = codebook.places({})
    months = [talks(0, "brussels", date="2023-05-14"), talks(20, "brussels", date="2023-07-15")]
    assert len(merge_rounds(months, knowledge.cues, places)) == 2
    mediators = [talks(0, "geneva", mediator="russia"), talks(20, "geneva", mediator="united-states")]
    assert len(merge_rounds(mediators, knowledge.cues, places)) == 2


def test_a_round_announced_as_another_stays_apart(knowledge, codebook):
    rounds = [talks(0, "brussels", "planned"), talks(20, "brussels", "planned", sentence=1, fresh=True)]
    assert len(merge_rounds(rounds, knowledge.cues, codebook.places({}))) == 2


def test_a_round_with_neither_place_nor_day_is_a_process_not_a_round(knowledge, codebook):
    assert merge_rounds([talks(0, None, date="2023-05")], knowledge.cues, codebook.places({})) == []


def test_a_reference_adds_its_status_and_a_firmer_mediator(knowledge):
    target = talks(0, "washington", "planned", mediator="united-states", how="venue")
    absorb(target, talks(30, None, "cancelled", mediator="european-union", how="host"), True, knowledge.cues)
    assert (target.status, target.mediator_id, target.end) == ("cancelled", "european-union", 40)
    assert target.roles == {"european-union": "mediator"}


def test_the_recent_round_is_within_the_window():
    rounds = [talks(0, sentence=2)]
    assert (
        recent_round(rounds, 5, 3) is rounds[0]
        and recent_round(rounds, 6, 3) is None
        and recent_round([], 1, 3) is None
    )


def test_undated_events_take_the_publication_date_and_say_so():
    events = [talks(0), talks(20, date="2023-05-05")]
    fill_publication_date(events, "2023-11")
    assert [(e.date.value, e.date.precision, e.date.basis) for e in events] == [
        ("2023-11", "month", "publication"),
        ("2023-05-05", "day", "explicit"),
    ]
    undated = [talks(0)]
    fill_publication_date(undated, None)
    assert undated[0].date is None
