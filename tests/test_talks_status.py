"""What became of a round: held, planned or cancelled, from the words of its sentence."""

import pytest

from data_prep.talks_status import status_of


def status(through, knowledge, text):
    sentence = through("find_names", text).sentences[0]
    nouns = sentence.cue("talks:nouns")
    return status_of(sentence, knowledge.cues, nouns[0], nouns, [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ministers held talks in Washington.", "held"),
        ("The ministers will hold talks in Washington.", "planned"),
        ("A meeting was slated for November 20.", "planned"),
        ("The meeting in Moscow was postponed.", "cancelled"),
        ("The talks, which were held last year, were then called off.", "cancelled"),
        ("The talks in Washington.", None),
    ],
)
def test_the_firmest_status_word_wins(through, knowledge, text, expected):
    assert status(through, knowledge, text) == expected


def test_each_status_word_goes_to_its_own_talks_word(through, knowledge):
    sentence = through("find_names", "The Brussels talks were held; the commissions are to meet in May.").sentences[0]
    nouns = sentence.cue("talks:nouns")
    first, second = sorted(nouns, key=lambda n: n.start)[:2]
    assert status_of(sentence, knowledge.cues, first, nouns, [first, second]) == "held"
    assert status_of(sentence, knowledge.cues, second, nouns, [first, second]) == "planned"
