"""Speed figures, printed: `make benchmark` (or `python -m benchmarks.run`).

Figures are medians of repeated runs measured in one process, with ratios
against a baseline measured in the same run, because these machines are shared
and noisy. Nothing here is a test: no figure fails a build.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import dashboard_speed
from data_prep import pipeline
from data_prep.furniture import furniture_start
from data_prep.matchers import Knowledge
from data_prep.reading import sha256
from data_prep.record import Article

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "eval" / "dev" / "articles").glob("*.txt"))]


def _median_seconds(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def extraction(copies: int = 10, repeats: int = 3) -> None:
    """Articles per second through the whole extraction, against tokenising alone."""
    knowledge = Knowledge.load()
    markers = knowledge.cues.furniture_markers
    texts = [p.read_text(encoding="utf-8") for p in SOURCES] * copies
    articles = [
        Article(
            f"a{i}",
            Path(f"a{i}.txt"),
            t,
            sha256(t),
            published="2023-11-17",
            published_basis="manifest",
            body_end=furniture_start(t, markers),
        )
        for i, t in enumerate(texts)
    ]
    nlp = knowledge.matchers.nlp
    baseline = _median_seconds(
        lambda: [list(d.sents) for d in nlp.pipe(line for t in texts for line in t.split("\n") if line.strip())],
        repeats,
    )
    full = _median_seconds(lambda: [pipeline.analyse_article(a, knowledge) for a in articles], repeats)
    n = len(articles)
    print(f"extraction: {n} articles, median of {repeats}")
    print(f"  tokenizer + sentencizer only: {n / baseline:8.0f} articles/s")
    print(f"  full extraction:              {n / full:8.0f} articles/s  ({full / baseline:.1f}x the tokenizer's time)")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"a{i:04d}.txt").write_text(text + f"\n\n(copy {i})\n", encoding="utf-8")
        build = _median_seconds(lambda: pipeline.build(folder, Path(tmp) / "out", knowledge=knowledge), repeats)
        print(
            f"  whole build incl. reading, linking, validation and writing (codebook loaded once before): {n / build:6.0f} articles/s ({build:.2f} s)"
        )


if __name__ == "__main__":
    extraction()
    dashboard_speed.main()
