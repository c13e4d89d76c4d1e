"""Stage find_names: sentences with the names, places, cue words and quotation marks in them."""

from data_prep.language import find_names
from data_prep.record import Record


def test_each_line_is_analysed_on_its_own_and_offsets_point_into_the_text(through):
    text = "Talks in Washington\nThe ministers met in Washington on Tuesday. They agreed to meet again."
    record = through("find_names", text)
    assert [s.text for s in record.sentences] == [
        "Talks in Washington",
        "The ministers met in Washington on Tuesday.",
        "They agreed to meet again.",
    ]
    for sentence in record.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for start, end, token in sentence.tokens:
            assert text[start:end] == token
        for span in (*sentence.actors, *sentence.places, *sentence.cues):
            assert text[span.start : span.end] == span.text


def test_curly_quotes_are_matched_as_straight_ones_and_offsets_hold(through):
    text = "Azerbaijan\u2019s Foreign Ministry said \u201cthe talks are off\u201d."
    sentence = through("find_names", text).sentences[0]
    (actor,) = sentence.actors
    assert (actor.key, actor.text) == ("azerbaijan-mfa", "Azerbaijan's Foreign Ministry")  # as matched
    assert text[actor.start : actor.end] == "Azerbaijan\u2019s Foreign Ministry"  # as written
    (start, end), *_ = sentence.quotes
    assert text[start:end] == "\u201cthe talks are off\u201d"


def test_a_name_can_be_both_an_actor_and_a_place_until_resolution(through):
    sentence = through("find_names", "Washington said talks in Washington were off.").sentences[0]
    assert {a.key for a in sentence.actors} >= {"united-states"}
    assert {p.key for p in sentence.places} == {"washington"}


def test_cue_words_are_found_case_insensitively(through):
    sentence = through("find_names", "The MEETING was POSTPONED.").sentences[0]
    assert {"talks:nouns", "status:cancelled"} <= {c.key for c in sentence.cues}


def test_nothing_after_the_page_furniture_is_read(through):
    text = (
        "Aliyev and Pashinyan met in Brussels on Friday, officials said.\n"
        "Related news\n"
        "Aliyev and Pashinyan to meet in Moscow\n"
    )
    record = through("find_names", text)
    assert record.article.body_end == text.index("Related news")
    assert all(s.end <= record.article.body_end for s in record.sentences)


def test_no_events_from_trailing_headline_lists(extract):
    text = (
        "Aliyev and Pashinyan met in Brussels on Friday, officials said.\n"
        "Editor\n"
        "Iranian envoy: Next meeting to be held in Turkey soon\n19 July 2024 / 14:01\n"
        "Armenian FM to travel to Washington\n15 July 2024 / 14:44\n"
        "Aliyev and Pashinyan to meet in Moscow\n10 July 2024 / 14:30\n"
    )
    x = extract(text, "2023-09-12")
    cut = text.index("Iranian envoy")
    assert all(e.end <= cut for e in x.events)
    assert all(m.start < cut for ms in x.mentions for m in ms)


def test_world_places_are_looked_up_only_after_a_place_preposition(through):
    assert "ljubljana" in through("find_names", "The envoys gathered in Ljubljana.").found_venues
    assert through("find_names", "Ljubljana sent its envoys.").found_venues == {}


def test_find_names_leaves_the_codebook_and_its_input_as_they_were(knowledge, through):
    venues_before = dict(knowledge.codebook.venues)
    empty = Record(through("find_names", "The envoys gathered in Ljubljana.").article)
    filled = find_names(empty, knowledge)
    assert empty.sentences == () and empty.found_venues == {}
    assert filled.found_venues and dict(knowledge.codebook.venues) == venues_before
