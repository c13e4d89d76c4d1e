"""The article reader: sentence highlighted, entities marked, and the text never trusted."""

import html
import re

import pytest

from dashboard.article import Span, locate, render

TEXT = "Aliyev met Pashinyan in Moscow.\nThey agreed <b>nothing</b> & left."


def test_evidence_sentence_is_wrapped_in_mark():
    markup = render(TEXT, [(0, 31)])
    assert '<mark class="pt-evidence">Aliyev met Pashinyan in Moscow.</mark>' in markup


def test_entities_inside_the_sentence_are_marked_and_stay_highlighted():
    markup = render(TEXT, [(0, 31)], [Span(11, 20, "actor", "Nikol Pashinyan"), Span(24, 30, "venue", "Moscow")])
    assert '<mark class="pt-evidence"><span class="pt-actor" title="Nikol Pashinyan">Pashinyan</span></mark>' in markup
    assert '<span class="pt-venue" title="Moscow">Moscow</span>' in markup
    assert visible_text(markup) == TEXT


def visible_text(markup: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def tags(markup: str) -> set[str]:
    return set(re.findall(r"</?([a-zA-Z]+)", markup))


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<b>bold</b>",
        "</div><div>",
        "&amp; &lt;",
        "[link](javascript:alert(1)) **bold**",
    ],
)
def test_article_markup_is_escaped_never_rendered(hostile):
    text = f"Before {hostile} after."
    markup = render(text, [(0, len(text))], [Span(7, 7 + len(hostile), "actor", hostile)])
    assert tags(markup) <= {"div", "mark", "span"}
    assert visible_text(markup) == text


def test_titles_of_entities_are_escaped_too():
    markup = render("X", [], [Span(0, 1, "actor", '"><script>')])
    assert 'title="&quot;&gt;&lt;script&gt;"' in markup


@pytest.mark.parametrize("spans", [[(-5, 3)], [(10, 5)], [(0, 10_000)], [(500, 600)]])
def test_spans_outside_the_text_do_not_break_rendering(spans):
    markup = render(TEXT, spans, [Span(5, 9999, "actor"), Span(-1, 3, "venue")])
    assert visible_text(markup) == TEXT
    assert "pt-actor" not in markup and "pt-venue" not in markup


def test_overlapping_entities_keep_the_first_longest():
    markup = render(
        "Azerbaijani ministers", [], [Span(0, 11, "actor", "Azerbaijan (adj)"), Span(0, 10, "actor", "Azerbaijan")]
    )
    assert markup.count("pt-actor") == 1 and 'title="Azerbaijan (adj)"' in markup


@pytest.mark.parametrize(
    "start, end, sentence, expected",
    [
        (0, 31, "Aliyev met Pashinyan in Moscow.", (0, 31)),  # offsets hold the sentence
        (3, 9, "Aliyev met Pashinyan in Moscow.", (0, 31)),  # stale offsets: found by search
        (0, 31, "Aliyev  met Pashinyan\nin Moscow.", (0, 31)),  # whitespace differences are tolerated
        (0, 4, None, (0, 4)),  # no sentence to check against
        (0, 4, "not in the text", None),
        (50, 40, "", None),
    ],
)
def test_locate_the_evidence_sentence(start, end, sentence, expected):
    assert locate(TEXT, start, end, sentence) == expected


def test_the_reader_opens_at_the_paragraph_of_the_evidence():
    """Text far above the evidence is folded away, so the highlight is in view when the reader opens."""
    text = "Intro paragraph. " * 40 + "\n" + "Aliyev met Pashinyan in Moscow." + "\nAfter."
    start = text.index("Aliyev")
    markup = render(text, [(start, start + 31)], open_at_highlight=True)
    before, _, after = markup.partition("</details>")
    assert "<details" in before and "Earlier in the article (80 words)" in before
    assert '<mark class="pt-evidence">Aliyev met Pashinyan in Moscow.</mark>' in after
    assert "Intro paragraph" not in after
    assert visible_text(markup).replace("Earlier in the article (80 words)", "") == text


def test_a_highlight_near_the_top_is_not_folded():
    markup = render(TEXT, [(0, 31)], open_at_highlight=True)
    assert "<details" not in markup


def test_folding_keeps_the_text_escaped():
    text = "<script>alert(1)</script> " * 30 + "\nThe evidence."
    start = text.index("The evidence")
    markup = render(text, [(start, len(text))], open_at_highlight=True)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
