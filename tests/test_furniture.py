"""Page furniture: where the article ends and the page around it begins."""

from __future__ import annotations

import pytest
from conftest import BODY, CUES

from data_prep.furniture import furniture_start

# --- furniture ----------------------------------------------------------------------

HEADLINE_LIST = (
    "Armenian FM to travel to Washington\n09 July 2024 / 13:33\n"
    "Reformist Pezeshkian wins Iran's presidential race\n08 July 2024 / 13:14\n"
    "Armenia-Azerbaijan talks a priority for U.S. \u2013 State Dept\n04 July 2024 / 13:37\n"
)


def test_trailing_list_of_headlines_with_stamps_is_furniture():
    text = BODY + "\n" + HEADLINE_LIST
    assert furniture_start(text, CUES.furniture_markers) == len(BODY) + 1


def test_related_news_marker_starts_the_furniture():
    text = BODY + "\nRelated news\nPashinyan meets Macron\nAliyev visits Ankara\n"
    assert text[furniture_start(text, CUES.furniture_markers) :].startswith("Related news")


def test_related_marker_in_the_first_part_of_the_text_is_not_furniture():
    text = "Read more about the talks below.\n\n" + BODY
    assert furniture_start(text, CUES.furniture_markers) == len(text)


def test_article_without_furniture_keeps_everything():
    assert furniture_start(BODY, CUES.furniture_markers) == len(BODY)


def test_article_ending_in_a_quote_keeps_everything():
    text = BODY + '\n"We are ready for the next round," he said.\n'
    assert furniture_start(text, CUES.furniture_markers) == len(text)


def test_a_heading_alone_on_its_line_starts_the_furniture():
    text = BODY + "\nLatest\nMinisters meet in Astana\nLeaders talk in Tirana\n"
    start = furniture_start(text, CUES.furniture_markers, CUES.furniture_headings)
    assert text[start:].startswith("Latest")


def test_a_heading_word_opening_a_longer_line_is_not_a_heading():
    text = BODY + "\nLatest talks ended without a deal.\n"
    assert furniture_start(text, CUES.furniture_markers, CUES.furniture_headings) == len(text)


@pytest.mark.parametrize(
    "marker", ["RELATED COVERAGE", "Related press releases", "Read Next", "Also on The Daily Paper", "More from us"]
)
def test_related_headline_lists_under_their_own_wording_are_furniture(marker):
    text = BODY + f"\n{marker}\nLeaders to meet in Vienna\nMinisters meet in Tbilisi\n"
    assert text[furniture_start(text, CUES.furniture_markers) :].startswith(marker)


def test_a_list_of_headlines_led_by_time_or_date_stamps_is_furniture():
    listing = "18:12  Leaders meet in Vienna\n17:40  Ministers to meet in Tbilisi\n02.11.2022  A round ends\n"
    text = BODY + "\n" + listing
    assert furniture_start(text, CUES.furniture_markers) == len(BODY) + 1


# --- credit, note and bio lines closing a story ----------------------------------------


def _cut(text: str) -> int:
    return furniture_start(text, CUES.furniture_markers, CUES.furniture_headings, CUES.furniture_lines)


@pytest.mark.parametrize(
    "tail",
    [
        "___\n\nPetrosyan reported from Yerevan, Armenia. Agency writer Lena Brandt in Tbilisi contributed to this report.",
        "(Reporting by Ani Vardanyan in Yerevan; additional reporting by Kamal Aliyev in Baku; Editing by Tom Hale)",
        "This story has been updated to include a statement by the Azerbaijani foreign ministry.",
        "Editor's note: An earlier version of this story gave the wrong date for the Brussels meeting.",
        "Marta Keller is a senior fellow at an institute in Vienna who writes on the South Caucasus.",
        "The views expressed in this column are the author's own.",
        "Press contacts\nJane Roe, Spokesperson of the Presidency\nTel.: +32 2 000 00 00",
        "Support independent reporting from the Caucasus: become a member today, or sign up for our newsletter.",
        "-- Gulf Agency --",
        "(The briefing ended at 3:05 p.m.)",
    ],
)
def test_a_credit_note_bio_or_notice_closing_the_story_is_furniture(tail):
    text = BODY + "\n" + tail + "\n"
    assert _cut(text) == len(BODY) + 1


def test_the_run_of_furniture_lines_joins_the_related_list_below_it():
    text = BODY + "\nDoe reported from Baku.\n\nRelated news\nLeaders to meet in Vienna\nMinisters meet in Tbilisi\n"
    assert text[_cut(text) :].startswith("Doe reported from Baku.")


def test_a_parenthesised_credit_closing_the_last_paragraph_starts_the_furniture():
    last = "Both sides will meet again next month, diplomats said. (Reporting by Ani Vardanyan; Editing by Tom Hale)\n"
    text = BODY + last
    assert text[_cut(text) :].startswith("(Reporting by")


def test_an_authors_name_over_the_bio_goes_with_it():
    text = BODY + "\nMarta Keller\n\nMarta Keller is a journalist based in Tbilisi.\n"
    assert text[_cut(text) :].startswith("Marta Keller\n")


@pytest.mark.parametrize(
    "last",
    [
        "Aliyev is a veteran of such talks and is due to brief reporters on Friday.",
        "The foreign ministry reported from its own sources that the talks would resume.",
        "Mirzoyan told reporters in Yerevan that a new round would follow in Brussels.",
        "Pashinyan said the talks had been hard, and that both sides would meet again.",
    ],
)
def test_a_body_sentence_that_mentions_reporters_or_reporting_is_kept(last):
    text = BODY + last + "\n"
    assert _cut(text) == len(text)


def test_a_credit_line_followed_by_more_story_is_not_furniture():
    text = BODY + "Doe reported from Baku.\nThe ministers will meet again in Brussels next month, officials said.\n"
    assert _cut(text) == len(text)


def test_furniture_lines_in_the_first_half_of_the_text_are_not_a_tail():
    text = "Talks\nDoe reported from Baku.\n"
    assert _cut(text) == len(text)


@pytest.mark.parametrize("heading", ["3 comments", "12 thoughts on \u201cLeaders to meet again\u201d", "Check Also"])
def test_a_comment_section_or_teaser_heading_starts_the_furniture(heading):
    text = BODY + f"\n{heading}\nA reader: the minister lied again about the talks.\n"
    assert text[_cut(text) :].startswith(heading)


@pytest.mark.parametrize(
    "tail",
    [
        "This text available in Armenian and Russian",
        "Publication status\nPublished in sections: News\nDirect link: example.org/d/1",
        "Stay up to date: follow our Telegram channel for more news.",
    ],
)
def test_language_switchers_publication_blocks_and_appeals_closing_the_story_are_furniture(tail):
    text = BODY + "\n" + tail + "\n"
    assert _cut(text) == len(BODY) + 1


@pytest.mark.parametrize(
    "heading", ["About the author", "Other news", "Previous article", "Similar news", "Don't miss", "Topics:"]
)
def test_an_author_box_or_a_list_of_other_stories_starts_the_furniture(heading):
    text = BODY + f"\n{heading}\nLeaders to meet in Vienna\nMinisters meet in Tbilisi\n"
    assert text[_cut(text) :].startswith(heading)


@pytest.mark.parametrize(
    "tail",
    [
        "The Caucasus Ledger is an independent news outlet based in Tbilisi.",
        "Note: Names are spelled as in the agency's English service.",
        "Translated from Russian by the digest's editors.",
        "Got a tip? Write to the newsroom, or download our app.",
    ],
)
def test_an_outlets_own_line_or_a_translators_note_closing_the_story_is_furniture(tail):
    text = BODY + "\n" + tail + "\n"
    assert _cut(text) == len(BODY) + 1


def test_footnotes_under_their_heading_are_furniture():
    text = BODY + "\nNotes\n[1] The foreign minister said on 3 May 2023 that the talks would resume.\n"
    assert text[_cut(text) :].startswith("Notes")


STORY_GOES_ON = (
    "The two ministers then met again in the afternoon for a session that lasted three hours, officials said.\n\n"
    "A joint statement issued after the talks said both sides had agreed to continue work on the treaty text.\n"
)


@pytest.mark.parametrize("link", ["Read also\nLeaders to meet in Vienna next month\n", "Read also: Leaders meet\n"])
def test_a_read_also_link_inside_the_story_is_passed_over(link):
    text = BODY + link + STORY_GOES_ON
    assert _cut(text) == len(text)


def test_a_read_also_heading_over_a_list_of_headlines_is_still_furniture():
    text = BODY + STORY_GOES_ON + "Read also\nLeaders to meet in Vienna\nMinisters meet in Tbilisi\nA round ends\n"
    assert text[_cut(text) :].startswith("Read also")


def test_a_comment_section_of_long_comments_is_still_furniture():
    comments = "Comments\n" + STORY_GOES_ON
    text = BODY + STORY_GOES_ON + comments
    assert text[_cut(text) :].startswith("Comments")


def test_a_short_list_of_headlines_under_an_unknown_heading_closing_the_page_is_furniture():
    listing = "Caucasus coverage\nLeaders to meet in Vienna\nMinisters meet in Tbilisi\nA border round ends\n"
    text = BODY + listing
    assert text[_cut(text) :].startswith("Caucasus coverage")


def test_two_short_lines_closing_the_story_are_kept():
    text = BODY + "Both sides will meet again\nNo date was given\n"
    assert _cut(text) == len(text)
