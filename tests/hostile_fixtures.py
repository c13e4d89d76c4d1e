"""A hostile article, built with the seeds through the real build.

Article text and link parameters are untrusted: an outlet, a commenter or a
forwarded link can carry markup. The article below carries each kind at once:
script tags, event handlers, `javascript:` links, Markdown links and images, HTML
entities that decode to markup, spreadsheet formulas, and a very long unbroken
line. Every address it names is in a documentation range (203.0.113.0/24) or a
reserved name (*.example), and the browser test aborts any request that leaves the
test server anyway, so a failure cannot send traffic anywhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from data_prep import pipeline

ROOT = Path(__file__).resolve().parent.parent
DOC_ID = "900_hostile"
NAMED_ADDRESSES = ("203.0.113.7", "evil.example", "/x", "pixel", "leak", "frame.html")
LONG_TOKEN = "Azerbaijan" + "x" * 4000  # one "word" far wider than any screen
FORMULA_SENTENCE_START = '=HYPERLINK("http://evil.example/leak","Azerbaijan")'

HOSTILE_TEXT = f"""<script>alert('title')</script> Armenia and Azerbaijan meet in Brussels

BRUSSELS, 5 October 2023 — Nikol Pashinyan and Ilham Aliyev held talks in Brussels on 5 October 2023, mediated by the European Union <img src=x onerror="alert('img')"> as [the readout](javascript:alert('md')) showed ![pixel](http://203.0.113.7/pixel.png).

{FORMULA_SENTENCE_START} accused the European Union of a one-sided approach on 6 October 2023.

"<b onmouseover=alert('quote')>The European Union is biased</b> and cannot mediate," Ilham Aliyev said. &lt;script&gt;alert('entity')&lt;/script&gt; &#60;img src=x onerror=alert('numeric')&#62;

@SUM(1+1) Armenia said it was ready for a new round of talks in Granada in November 2023 <a href="javascript:alert('link')">read more</a> <iframe src="http://evil.example/frame.html"></iframe> <svg onload=alert('svg')></svg>

-2+3 Russia said it would host talks in Moscow. {LONG_TOKEN}

+1 Pashinyan said: "<style>body{{display:none}}</style>Moscow <u>remains</u> a venue <details open ontoggle=alert('toggle')>."
"""

MANIFEST_ROW = (
    f"{DOC_ID},2023-10-07,\"=cmd|' /C calc'!A0\",javascript:alert('url'),<img src=x onerror=alert('manifest')>\n"
)


def build_hostile_tables(tmp: Path) -> Path:
    """The seeds plus the hostile article (with a hostile manifest row), built by data_prep."""
    articles = tmp / "articles"
    shutil.copytree(ROOT / "seeds", articles)
    (articles / f"{DOC_ID}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    with (articles / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(MANIFEST_ROW)
    out = tmp / "tables"
    pipeline.build(articles, out)
    return out
