"""peacetrack's data preparation: news articles in, tidy source-linked tables out.

    from data_prep import build, evaluate
    report = build("seeds", "data/processed")          # -> BuildReport
    scores = evaluate("eval/seeds/seeds_gold.json", "data/processed")

`pipeline.py` lists the stages in order: reading, then the per-article stages
(`STAGES`: find_names -> resolve_names -> date_sentences -> find_talks ->
find_other_events -> credit_cancellations -> drop_repeated_events -> find_quotes
-> check_offsets), then the cross-article steps (rounds linked, tables made,
validated and written). The codebook (data_prep/codebook/) drives them all.
"""

from .codebook import Codebook, load
from .compare import Comparison, compare_builds
from .errors import CodebookError, DataPrepError, IntegrityError, NothingToBuild, SchemaViolation, UnreadableFile
from .evaluate import evaluate
from .matchers import Knowledge
from .pipeline import STAGES, BuildReport, analyse_article, build
from .record import Article, Record

__all__ = [
    "STAGES",
    "Article",
    "BuildReport",
    "Codebook",
    "CodebookError",
    "Comparison",
    "DataPrepError",
    "IntegrityError",
    "Knowledge",
    "NothingToBuild",
    "Record",
    "SchemaViolation",
    "UnreadableFile",
    "analyse_article",
    "build",
    "compare_builds",
    "evaluate",
    "load",
]
