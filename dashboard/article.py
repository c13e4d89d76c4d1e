"""An article as safe HTML: the evidence sentence highlighted, entities marked.

Article text comes from the web and is never trusted: every character of it
goes through `html.escape`, and the only markup in the result is the
<mark>/<span> tags built here.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

STYLE = """<style>
.pt-article{white-space:pre-wrap;line-height:1.6;font-size:0.95rem;max-height:32rem;overflow-y:auto;
  padding:0.75rem;border:1px solid #ddd;border-radius:6px;}
.pt-evidence{background:#ffe066;padding:0 1px;}
.pt-actor{border-bottom:2px solid #457b9d;background:#e3eef7;border-radius:2px;}
.pt-venue{border-bottom:2px solid #2a9d8f;background:#e0f2ef;border-radius:2px;}
.pt-legend{font-size:0.85rem;margin-bottom:0.4rem;}
.pt-before summary{cursor:pointer;color:#555;font-size:0.85rem;white-space:normal;}
</style>"""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str = "highlight"  # highlight | actor | venue
    label: str = ""


def locate(text: str, start: int | None, end: int | None, sentence: str | None) -> tuple[int, int] | None:
    """Where the evidence sentence is: the stored offsets if they hold the sentence, else a search.

    Returns None when the sentence cannot be found in the text at all.
    """
    if start is not None and end is not None:
        stored_fits = 0 <= start < end <= len(text)
        if stored_fits and (not sentence or _same(text[start:end], sentence)):
            return start, end
    if sentence:
        found = text.find(sentence)
        if found >= 0:
            return found, found + len(sentence)
    return None


FOLD_AFTER = 300  # characters of text before the first highlight that are folded away


def fold_point(text: str, highlights: list[tuple[int, int]]) -> int:
    """Where the reader should open: the start of the paragraph holding the first highlight
    (0 when that is near the top anyway)."""
    if not highlights:
        return 0
    first = min(s for s, _ in highlights)
    cut = text.rfind("\n", 0, max(first, 0)) + 1
    return cut if cut > FOLD_AFTER else 0


def render(
    text: str,
    highlights: Sequence[tuple[int, int]] = (),
    entities: Sequence[Span] = (),
    *,
    open_at_highlight: bool = False,
) -> str:
    """Escaped HTML of `text` with `highlights` in <mark> and `entities` underlined.

    Spans outside the text are dropped; overlapping entities keep the first. With
    `open_at_highlight`, the text before the paragraph of the first highlight is
    folded into a collapsed <details> at the top, so the reader opens at the
    evidence without any script; one click unfolds what came before.
    """
    cut = fold_point(text, list(highlights)) if open_at_highlight else 0
    if cut:
        before = _render_body(text[:cut], [(s, min(e, cut)) for s, e in highlights if s < cut], entities)
        after = _render_body(
            text[cut:],
            [(s - cut, e - cut) for s, e in highlights if e > cut],
            [Span(sp.start - cut, sp.end - cut, sp.kind, sp.label) for sp in entities if sp.start >= cut],
        )
        words = len(text[:cut].split())
        return (
            '<div class="pt-article"><details class="pt-before"><summary>'
            f"Earlier in the article ({words} words)</summary>{before}</details>"
            f'<div class="pt-from-highlight">{after}</div></div>'
        )
    return f'<div class="pt-article">{_render_body(text, highlights, entities)}</div>'


def _render_body(text: str, highlights: Sequence[tuple[int, int]], entities: Sequence[Span]) -> str:
    n = len(text)
    marks = [(max(0, s), min(n, e)) for s, e in highlights if s < e and s < n and e > 0]
    ents = []
    taken_until = -1
    for span in sorted(entities, key=lambda sp: (sp.start, -sp.end)):
        if span.start < span.end <= n and span.start >= 0 and span.start >= taken_until:
            ents.append(span)
            taken_until = span.end
    cuts = sorted({0, n, *(p for s, e in marks for p in (s, e)), *(p for sp in ents for p in (sp.start, sp.end))})
    out = []
    ent_i = 0
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        piece = html.escape(text[a:b])
        while ent_i < len(ents) and ents[ent_i].end <= a:
            ent_i += 1
        if ent_i < len(ents) and ents[ent_i].start <= a and b <= ents[ent_i].end:
            span = ents[ent_i]
            kind = span.kind if span.kind in ("actor", "venue") else "entity"
            piece = f'<span class="pt-{kind}" title="{html.escape(span.label or kind)}">{piece}</span>'
        if any(s <= a and b <= e for s, e in marks):
            piece = f'<mark class="pt-evidence">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def legend_html() -> str:
    """A one-line key to the marks used by `render`."""
    return (
        '<div class="pt-legend"><mark class="pt-evidence">evidence sentence</mark> · '
        '<span class="pt-actor">actor</span> · <span class="pt-venue">venue</span></div>'
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())
