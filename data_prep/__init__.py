"""peacetrack's data preparation: news articles in, tidy source-linked tables out.

    from data_prep import build, evaluate
    report = build("seeds", "data/processed")          # -> BuildReport
    scores = evaluate("eval/seeds/seeds_gold.json", "data/processed")

The stages, in order: reading -> language -> resolution -> dates -> events ->
linking -> quotes -> tables; the codebook (data_prep/codebook/) drives them all.
"""

from .evaluate import evaluate
from .pipeline import BuildReport, NothingToBuild, build

__all__ = ["BuildReport", "NothingToBuild", "build", "evaluate"]
