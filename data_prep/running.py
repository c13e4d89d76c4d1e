"""Where the per-article work runs: this process, worker processes, or a Dask cluster.

Every runner takes batches of tasks (`work.Task`) and hands back, for each batch, a
future of its outcomes; the build collects them in the files' order, with a bounded
number of batches in flight, so memory stays flat however many files there are and
the tables come out the same whatever runs the work.

- `SerialRunner`: here, one article after the other (small builds, tests).
- `ProcessRunner`: worker processes on this machine. Where the platform forks, the
  workers inherit the codebook and matchers already loaded; elsewhere each loads
  them once.
- `ClusterRunner`: the workers of a Dask distributed cluster, given the scheduler's
  address (`tcp://host:8786`). Each worker loads the codebook and matchers once
  (the codebook travels with the first batch it gets) and is sent only bytes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, Protocol

from .codebook import Codebook
from .errors import ClusterUnavailable
from .matchers import Knowledge
from .outcomes import Outcome, Task
from .tables import load_validation
from .work import Analyse, process_batch

CLUSTER_VARIABLE = "PEACETRACK_CLUSTER"  # a scheduler address, when no --cluster is given
CONNECT_TIMEOUT = "20s"  # how long to wait for the scheduler to answer


class Runner(Protocol):
    workers: int
    local: bool  # its workers share this machine's disk

    def submit(self, tasks: list[Task]) -> Future[list[Outcome]] | Any: ...

    def pool_for_writing(self) -> Executor | None:
        """Local worker processes already running, which can write the tables' runs too."""
        ...

    def close(self) -> None: ...


class SerialRunner:
    """The work done here and now, in this process."""

    workers = 1
    local = True

    def __init__(self, knowledge: Callable[[], Knowledge], analyse: Analyse):
        self.knowledge = knowledge  # loaded when there is work: a build served from the cache needs none
        self.analyse = analyse

    def submit(self, tasks: list[Task]) -> Future[list[Outcome]]:
        future: Future[list[Outcome]] = Future()
        future.set_result(process_batch(tasks, self.knowledge(), self.analyse))
        return future

    def pool_for_writing(self) -> Executor | None:
        return None

    def close(self) -> None:
        pass


# The knowledge a worker process reads: inherited from the parent where processes
# fork, else loaded once by the worker's initializer.
_worker_knowledge: Knowledge | None = None


def _start_worker(codebook: Codebook | None) -> None:
    global _worker_knowledge
    if _worker_knowledge is None:
        _worker_knowledge = Knowledge.load(codebook)


def _work_in_process(tasks: list[Task], analyse: Analyse) -> list[Outcome]:
    assert _worker_knowledge is not None, "the worker's initializer loads the knowledge"
    return process_batch(tasks, _worker_knowledge, analyse)


class ProcessRunner:
    """Worker processes on this machine, started when there is work for them."""

    local = True

    def __init__(self, knowledge: Callable[[], Knowledge], analyse: Analyse, workers: int):
        self.knowledge = knowledge
        self.analyse = analyse
        self.workers = workers
        self.pool: Executor | None = None

    def _start(self) -> Executor:
        global _worker_knowledge
        knowledge = self.knowledge()
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        if context.get_start_method() == "fork":
            _worker_knowledge = knowledge  # the forked workers find it already loaded
            load_validation()  # and the validation every run of tables needs
        return ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(knowledge.codebook,)
        )

    def submit(self, tasks: list[Task]) -> Future[list[Outcome]]:
        if self.pool is None:
            self.pool = self._start()
        return self.pool.submit(_work_in_process, tasks, self.analyse)

    def pool_for_writing(self) -> Executor | None:
        return self.pool  # None when every article came from the cache: not worth starting workers for

    def close(self) -> None:
        global _worker_knowledge
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        _worker_knowledge = None


# On a cluster worker: the knowledge loaded for each codebook it was sent, by fingerprint.
_cluster_knowledge: dict[str, Knowledge] = {}


def _work_on_cluster(tasks: list[Task], fingerprint: str, codebook: Codebook | None, analyse: Analyse) -> list[Outcome]:
    knowledge = _cluster_knowledge.get(fingerprint)
    if knowledge is None:
        knowledge = _cluster_knowledge[fingerprint] = Knowledge.load(codebook)
    return process_batch(tasks, knowledge, analyse)


class ClusterRunner:
    """The workers of a Dask distributed cluster (the `cluster` extra: pip install 'peacetrack[cluster]')."""

    local = False

    def __init__(self, address: str, codebook: Codebook, fingerprint: str, analyse: Analyse):
        self.analyse = analyse
        try:
            from distributed import Client
        except ImportError:
            raise ClusterUnavailable(
                "running on a cluster needs Dask distributed: pip install 'peacetrack[cluster]'"
            ) from None
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise ClusterUnavailable(f"no Dask scheduler answers at {address} ({error})") from None
        self.workers = max(1, sum(self.client.nthreads().values()))
        # The codebook goes to every worker once, not with every batch.
        self.codebook = self.client.scatter(codebook, broadcast=True, hash=False)
        self.fingerprint = fingerprint

    def submit(self, tasks: list[Task]) -> Any:
        return self.client.submit(_work_on_cluster, tasks, self.fingerprint, self.codebook, self.analyse, pure=False)

    def pool_for_writing(self) -> Executor | None:
        return None  # the tables are written here, where the output folder is

    def close(self) -> None:
        self.client.close()


def runner_for(
    knowledge: Callable[[], Knowledge],
    analyse: Analyse,
    codebook: Codebook,
    workers: int,
    cluster: str | None,
    fingerprint: str,
) -> Runner:
    """The runner a build asked for: a cluster when given an address, else `workers` processes.
    `knowledge` loads the codebook's matchers (here, when work comes); `analyse` runs the stages."""
    if cluster:
        return ClusterRunner(cluster, codebook, fingerprint, analyse)
    if workers > 1:
        return ProcessRunner(knowledge, analyse, workers)
    return SerialRunner(knowledge, analyse)


class Lazy:
    """Knowledge made on first use: a build served from the cache compiles no matchers."""

    def __init__(self, make: Callable[[], Knowledge]):
        self.make = make
        self.value: Knowledge | None = None

    def __call__(self) -> Knowledge:
        if self.value is None:
            self.value = self.make()
        return self.value


def default_workers(n_files: int) -> int:
    """Every core for a build big enough to gain from them (starting workers costs a moment)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, n_files // 100))
