"""The publication date and the dateline a news page shows in its own text.

Used where the manifest gives no publication date. Only the places where news pages
put their date are read (a date stamp among the first lines, a wire dateline, a
photo caption); dates in the body are events, and dates in page furniture are the
dates of other articles. How stamps are written and which of them dates an edit, a
copy or the day the page was saved is page_stamps.py's business: those are used only
when the page shows nothing better, and a file picture's caption not at all.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from .cues import PageCues
from .dates import MONTHS, WEEKDAYS, find_dates, is_date_stamp
from .decoding import non_blank_lines
from .page_stamps import Stamp, beside_weather, full_dates, normalise, stamp_date, translate_months, url_date

_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,30},\s")
# A clock time beside a date makes a line a time stamp ("10.10.2020 08:17 (Moscow time)").
_CLOCK = re.compile(r"\b[0-2]?\d:[0-5]\d\b")
_DATELINE_PLACE = re.compile(r"^([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2}),\s")
_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One of `words` as a whole word or phrase, in any case."""
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def published_from_text(
    text: str, page: PageCues, body_end: int | None = None, today: Callable[[], date] = date.today
) -> str | None:
    """The publication date a reader would take from the text itself, or None.

    Looks only where news pages put it: a repost's note or a "Publication date:"
    label (at the top or in the tail), a date stamp among the first lines, a
    dateline opening the first paragraph, the page's address filed by date (at the
    top, or as a copy's source), or a photo caption. Dates in the body
    are events, and other dates after `body_end` are furniture: neither is used.
    `today` gives the build's date, which bounds the year of a dateline without one
    (a build passes its own, so that its output depends on its inputs alone).
    """
    head = text[: body_end if body_end is not None else len(text)]
    lines = [(offset, translate_months(line, page.month_names)) for offset, line in non_blank_lines(head)]
    top = _stamp_window([line for _, line in lines], page)
    # A repost's note gives the original's date, the one the article was written on; so
    # does a page's own "Publication date:" label. Notes stand at the top or in the tail.
    tail = [translate_months(line, page.month_names) for _, line in non_blank_lines(text[len(head) :])]
    notes = _any_word((*page.repost_words, *page.publication_labels))
    for line in top + tail:
        if notes.search(line):
            found = _first_full_date(line)
            if found:
                return found
    stamps: list[tuple[Stamp, bool]] = []
    for n, line in enumerate(top):
        if (is_date_stamp(normalise(line)) or _timed_stamp(line, page)) and not beside_weather(top, n):
            stamp = stamp_date(line, page)
            if stamp:
                stamps.append((stamp, bool(_CLOCK.search(normalise(line)))))
    found = _article_stamp(stamps)
    if found:
        return found
    following = {offset: line for (offset, _), (_, line) in itertools.pairwise(lines)}
    for line, offset in _dateline_candidates(lines, page):
        match = _DATELINE.match(line)
        if match:
            # A dateline's date follows its place ("YEREVAN, 18 November 2023 (ARKA) -");
            # a date further on ("Armenia, which met ... on March 3, 2021") is news.
            line = normalise(line)
            opening = line[: match.end() + page.dateline_date_chars]
            # A dateline alone on its line ("BAKU, Azerbaijan, March 12") leads the paragraph below.
            paragraph = line if len(line) > len(opening) else line + " " + following.get(offset, "")
            found = _first_full_date(opening) or _dateline_without_year(paragraph, head, len(opening), today)
            if found:
                return found
    # The page's own address, printed at its top or named as the source of a copy, filed by date.
    for line in top + [line for line in tail if notes.search(line) or line.lower().startswith(page.source_labels)]:
        found = url_date(line)
        if found:
            return found
    for line in top:
        # A photo's caption dates the photo: the article's date unless it is a file picture.
        caption = _any_word(page.caption_words).search(line) and len(line) < 400
        if caption and not any(word in line.lower() for word in page.old_picture_words):
            found = _first_full_date(line)
            if found:
                return found
    # An edit's or a copy's date, or an ambiguous one: only when nothing better is shown.
    return next((stamp.value for stamp, _ in stamps if stamp.fallback), None)


def _stamp_window(lines: list[str], page: PageCues) -> list[str]:
    """The first lines of a page, where its stamp stands: `page.stamp_lines` lines of text,
    not counting the short lines of menus, language switchers and section names above
    them ("AZ | EN | RU", "Politics"), at most `page.stamp_window_max` lines in all."""
    window: list[str] = []
    counted = 0
    for line in lines[: page.stamp_window_max]:
        if counted >= page.stamp_lines:
            break
        window.append(line)
        if len(_WORDS.findall(line)) > page.menu_line_words:
            counted += 1
    return window


def _article_stamp(stamps: list[tuple[Stamp, bool]]) -> str | None:
    """The article's date among the page's stamps (each with whether it shows a clock time):
    the first firm one, unless it is a bare date above a timed stamp of an earlier day; that
    bare date is the day a top bar shows as today, or the day a copy was made."""
    firm = [(stamp, timed) for stamp, timed in stamps if not stamp.fallback]
    if not firm:
        return None
    first, timed = firm[0]
    if not timed:
        earlier = [stamp.value for stamp, clock in firm[1:] if clock and stamp.value < first.value]
        if earlier:
            return earlier[0]
    return first.value


def _timed_stamp(line: str, page: PageCues) -> bool:
    """A short line with a full date and a clock time: "Item filed 24 Oct 2024, 21:10 Moscow time"."""
    line = normalise(line)
    return len(_WORDS.findall(line)) <= page.stamp_max_words and bool(_CLOCK.search(line)) and bool(full_dates(line))


def _dateline_candidates(lines: list[tuple[int, str]], page: PageCues) -> list[tuple[str, int]]:
    """Lines that may open with a dateline, with their offsets: any of the first four
    ("Yerevan, 18 November 2023 -"), and further down, after mastheads, menus and
    headlines, only a place in capitals ("MOSCOW, May 19. /Agency/.")."""
    return [
        (line, offset)
        for n, (offset, line) in enumerate(lines[: page.dateline_lines])
        if n < 4 or _DATELINE_PLACE.match(line)
    ]


def _dateline_without_year(
    paragraph: str, text: str, opening: int = 60, today: Callable[[], date] = date.today
) -> str | None:
    """'WASHINGTON, Nov 7 (Agency) – ... on Monday': wire datelines omit the year, so
    take the latest year, not after today nor before the year the article mentions
    most, in which that day fell on the weekday the paragraph names; without a weekday,
    the latest year the article mentions."""
    mentions = find_dates(paragraph[:opening])
    day_month = next((m for m in mentions if m.kind in ("month_day", "day_month")), None)
    weekday = next((m for m in find_dates(paragraph) if m.kind == "weekday"), None)
    if day_month is None:
        return None
    month, day = MONTHS[day_month.groups["month"].rstrip(".").lower()], int(day_month.groups["day"])
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text)]
    now = today()
    past_years = [y for y in years if y <= now.year]
    if weekday is None:
        # No weekday to check against: the latest year the article itself mentions.
        try:
            return date(max(past_years), month, day).isoformat() if past_years else None
        except ValueError:
            return None
    wanted = WEEKDAYS[weekday.groups["weekday"].lower()]
    earliest = max(set(past_years), key=lambda y: (past_years.count(y), y)) if past_years else 1990
    candidates = []
    for year in range(earliest, now.year + 1):
        try:
            if date(year, month, day).weekday() == wanted and date(year, month, day) <= now:
                candidates.append(year)
        except ValueError:
            continue
    if not candidates:
        return None
    year = candidates[-1]
    return date(year, month, day).isoformat()


def dateline_place(text: str, page: PageCues) -> tuple[str, int] | None:
    """The place of a dateline ("GRANADA, Spain, Oct 5 (Agency) –") and where its paragraph ends."""
    for line, offset in _dateline_candidates(non_blank_lines(text), page):
        match = _DATELINE_PLACE.match(line)
        if match and find_dates(normalise(line)[: match.end() + page.dateline_place_date_chars]):
            return match.group(1).title(), offset + len(line)
    return None


def _first_full_date(line: str) -> str | None:
    return next((value for _, value in full_dates(line)), None)
