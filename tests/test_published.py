"""The publication date and dateline a page shows in its own text."""

from __future__ import annotations

from conftest import BODY, CUES

from data_prep.furniture import furniture_start
from data_prep.published import dateline_place, published_from_text

HEADLINE_LIST = (
    "Armenian FM to travel to Washington\n09 July 2024 / 13:33\n"
    "Reformist Pezeshkian wins Iran's presidential race\n08 July 2024 / 13:14\n"
    "Armenia-Azerbaijan talks a priority for U.S. \u2013 State Dept\n04 July 2024 / 13:37\n"
)

# --- publication date -----------------------------------------------------------------


def test_header_stamp_with_time_zone_is_the_publication_date():
    text = "November 18, 2023 - 13:12 AMT\nRussian expert: Azerbaijan doesn't mind Western mediation\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2023-11-18"


def test_dotted_header_stamp_with_bar_and_time_is_the_publication_date():
    text = "Talks resume in Washington\n10.05.2024 | 14:22\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2024-05-10"


def test_photo_caption_date_is_the_publication_date():
    text = (
        "Azerbaijan wants US to consider new realities\n"
        "Azerbaijani President Ilham Aliyev speaks at an event in Baku, Azerbaijan, Dec. 6, 2023. (AA Photo)\n\n" + BODY
    )
    assert published_from_text(text, CUES.page) == "2023-12-06"


def test_wire_dateline_without_a_year_is_placed_by_its_weekday():
    text = (
        "Armenia, Azerbaijan leaders to meet\n\n"
        "WASHINGTON, Nov 7 (Reuters) - Armenia and Azerbaijan said on Monday their foreign ministers would meet.\n\n"
        "The talks follow a meeting in Prague in October 2022, the State Department said in 2022.\n"
    )
    assert published_from_text(text, CUES.page) == "2022-11-07"  # 7 November was a Monday in 2022


def test_wire_dateline_without_year_or_weekday_takes_the_latest_year_the_article_mentions():
    text = (
        "Ceasefire\n\n"
        "MOSCOW, November 10. /Agency/. Armenia, Azerbaijan and Russia signed a statement ending the fighting.\n\n"
        "The fighting began on 27 September 2020.\n"
    )
    assert published_from_text(text, CUES.page) == "2020-11-10"


def test_wire_dateline_with_a_full_date_is_the_publication_date():
    text = "Talks\n\nYEREVAN, 18 November 2023 (ARKA) \u2014 Armenia's prime minister said talks would go on.\n"
    assert published_from_text(text, CUES.page) == "2023-11-18"


def test_a_date_in_the_body_is_not_the_publication_date():
    text = BODY + "\nThe previous round was held on March 3, 2021 in Moscow.\n"
    assert published_from_text(text, CUES.page) is None


def test_a_date_in_an_opening_sentence_that_is_not_a_dateline_is_not_the_publication_date():
    text = (
        "Talks resume\n\n"
        "Armenia, which last met Azerbaijan in Moscow on March 3, 2021, says the talks will resume in Washington.\n\n"
        + BODY
    )
    assert published_from_text(text, CUES.page) is None


def test_dates_in_trailing_furniture_are_not_used():
    text = BODY + "\n" + HEADLINE_LIST
    body_end = furniture_start(text, CUES.furniture_markers)
    assert published_from_text(text, CUES.page, body_end) is None


def test_a_short_article_with_only_a_stamp_list_takes_no_date_from_it():
    text = "Talks resume in Washington.\n" + HEADLINE_LIST
    assert published_from_text(text, CUES.page, furniture_start(text, CUES.furniture_markers)) is None


def test_a_caption_word_from_the_cues_marks_a_caption(knowledge):
    """`page.caption_words`: a line naming a photo agency is a caption, so its date is the article's."""
    text = "Talks resume\nFile picture: ministers in Almaty, 10 May 2024.\nThe ministers met again."
    assert published_from_text(text, CUES.page) == "2024-05-10"
    no_captions = CUES.page.model_copy(update={"caption_words": ("nothing-like-this",)})
    assert published_from_text(text, no_captions) is None


def test_the_dateline_place_and_the_end_of_its_paragraph():
    text = "Talks\nGRANADA, Spain, Oct 5 (Agency) – The leaders met.\nMore text."
    assert dateline_place(text, CUES.page) == ("Granada", text.index("\nMore"))
    assert dateline_place("Talks in Granada went on.", CUES.page) is None


def test_a_short_line_with_a_full_date_and_a_clock_time_is_a_stamp():
    text = "Regional digest | Item 2 of 7\nSource: a news agency, 14.03.2023, 09:05\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2023-03-14"
    filed = "Monitor\nItem filed 2 Feb 2022, 17:40 local time\n\n" + BODY
    assert published_from_text(filed, CUES.page) == "2022-02-02"


def test_a_long_sentence_with_a_date_and_a_time_is_not_a_stamp():
    text = (
        "Talks resume\n\n"
        "The ceasefire that the ministers agreed on 3 March 2021 was to hold from 12:00 on the following "
        "Saturday across the whole line of contact, officials in both capitals said.\n\n" + BODY
    )
    assert published_from_text(text, CUES.page) is None


def test_a_repost_note_gives_the_original_date_before_the_repost_stamp():
    text = (
        "Weekly review\n12.09.2024 | 10:00\n"
        "This article originally appeared in a regional daily on 9 September 2024.\n\n" + BODY
    )
    assert published_from_text(text, CUES.page) == "2024-09-09"


def test_a_capitals_dateline_below_the_masthead_and_menus_is_found():
    text = (
        "Agency name\nPolitics | World | Business\nSection title\n"
        "Ministers meet in the capital\nA one-line summary of the story\n\n"
        "BAKU, March 14. /Agency/. The ministers met on Tuesday, the ministry said.\n"
    )
    assert published_from_text(text, CUES.page) == "2023-03-14"  # 14 March was a Tuesday in 2023
    assert dateline_place(text, CUES.page) == ("Baku", text.index("\n", text.index("BAKU")))


def test_a_sentence_deep_in_the_page_that_opens_like_a_dateline_is_not_one():
    text = "Talks\nMenu\nMore\nAbout\nContact\n\nYesterday, 3 March 2021 was recalled by the minister.\n"
    assert published_from_text(text, CUES.page) is None
