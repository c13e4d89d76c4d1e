"""The per-article work of a build as one pure function of data: `process(task, knowledge)`.

A `Task` carries everything about one file that the work needs: its bytes, its id
and path, its manifest row and the build's date. Reading, the per-article stages
and the article's rows happen wherever the task is sent (this process, a worker
process, a machine of a cluster) and no input file is opened there; the `Outcome`
says what became of the file. Both are small and picklable.

On this machine a task also says where the rows go (its cache entry, or the build's
spill folder): the worker puts them there and sends back only the article's summary,
so the rows never pass through the main process. A cluster's workers send them back.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

from .cache import write_entry
from .decoding import skip_reason
from .errors import UnreadableFile
from .matchers import Knowledge
from .outcomes import Outcome, Ref, Task
from .reading import article_from_bytes
from .record import Article, Record
from .rows import article_rows, summarise
from .spill import append_rows


class _Clock:
    """The build's date, noting whether anyone asked for it."""

    def __init__(self, today: date):
        self.value = today
        self.asked = False

    def __call__(self) -> date:
        self.asked = True
        return self.value


Analyse = Callable[[Article, Knowledge], Record]  # pipeline.analyse_article: the stages in order


def process(task: Task, knowledge: Knowledge, analyse_article: Analyse) -> Outcome:
    """Read and analyse one file's bytes: a pure function of its arguments.

    A file that cannot be read, or whose analysis fails, gives an outcome with the
    reason, so one bad file costs only itself."""
    clock = _Clock(task.as_of)
    try:
        article = article_from_bytes(task.raw, task.doc_id, task.path, task.meta, knowledge.cues, clock)
    except UnreadableFile as error:
        return _stored(task, Outcome(skipped=skip_reason(error), dated=clock.asked))
    try:
        rows = article_rows(analyse_article(article, knowledge), knowledge.codebook).at_path(str(task.path))
    except Exception as error:  # one article's fault costs only that article
        reason = f"analysis failed ({error.__class__.__name__}: {str(error)[:200]})"
        return _stored(task, Outcome(sha256=article.sha256, skipped=reason, dated=clock.asked))
    return _stored(task, Outcome(summarise(rows), rows, sha256=article.sha256, dated=clock.asked))


def _stored(task: Task, outcome: Outcome) -> Outcome:
    """The outcome with its rows put where the task says (the cache, the spill), if anywhere."""
    if task.entry is not None:
        write_entry(task.entry, outcome, task.as_of)
        ref: Ref | None = (task.entry, str(task.path)) if outcome.rows is not None else None
        return replace(outcome, rows=None, ref=ref)
    if task.spill is not None and outcome.rows is not None:
        return replace(outcome, rows=None, ref=append_rows(task.spill, outcome.rows))
    return outcome


def process_batch(tasks: list[Task], knowledge: Knowledge, analyse: Analyse) -> list[Outcome]:
    with _fewer_collections():
        return [process(task, knowledge, analyse) for task in tasks]


_YOUNG_THRESHOLD = 50_000  # allocations between the collector's young-generation scans while analysing


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Let the cyclic garbage collector run less often while articles are analysed.

    The stages allocate millions of small tuples, spans and lists that reference
    counting frees at once; hardly any form cycles (a few thousand in 500 articles).
    At Python's default threshold (700 allocations) the collector ran some 1,100 times
    per 500 articles, each time scanning what the stage at hand held: about 7% of a
    build's CPU time (timed with `gc.callbacks`). Nothing an article yields depends on when
    the collector runs; the threshold is put back when the batch is done."""
    before = gc.get_threshold()
    if before[0]:  # 0: whoever runs the build switched automatic collection off
        gc.set_threshold(max(before[0], _YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
