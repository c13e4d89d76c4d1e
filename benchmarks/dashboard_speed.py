"""Dashboard speed and memory at 100,000 and 1,000,000 events: `make benchmark` prints the figures.

Each size runs in a fresh process on tables from `benchmarks.generate` (made once,
kept under data/benchmark/), and drives the real app with Streamlit's AppTest,
as the issue measured it:

- loading: reading and preparing the tables (what the app does once per build);
- first run: the app's first run in a new process, loading included;
- a new session: another visitor's first view, the tables already loaded;
- full rerun after a filter change: a new mediator / status choice each time,
  so nothing of it is cached yet;
- no-op rerun: the same view again;
- server memory: the process's peak resident memory after all of the above.

Figures are medians of several runs. The machine is shared: the load average at
the start of each size is printed with its figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100_000, 1_000_000)
REPEATS = 5
TARGETS: dict[str, dict[int, float]] = {  # from issue 9
    "load_s": {1_000_000: 2.0},
    "filter_rerun_s": {100_000: 0.5, 1_000_000: 1.5},
    "noop_rerun_s": {1_000_000: 0.3},
    "peak_memory_mb": {1_000_000: 2048},
}
FILTER_CHANGES = [  # (widget key, value): each a set of filters not seen before in the run
    ("mediator", ["european-union"]),
    ("mediator", ["united-states"]),
    ("status", ["cancelled"]),
    ("mediator", ["russia"]),
    ("status", []),
    ("mediator", ["european-union", "russia"]),
    ("mediator", []),
]


class Figures(TypedDict):
    """What `measure` prints for one size: seconds, megabytes, and the context they were taken in."""

    size: int
    load_average: float
    first_run_s: float
    new_session_s: float
    load_s: float
    noop_rerun_s: float
    filter_rerun_s: float
    filter_reruns: list[float]
    memory_mb: int
    peak_memory_mb: int
    events: int


def tables_for(size: int) -> Path:
    from benchmarks.generate import write

    return write(ROOT / "data" / "benchmark" / str(size), size)


def memory_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB, from /proc."""
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def measure(size: int) -> Figures:
    """All figures for one size, in this process (call it in a fresh one)."""
    table_dir = tables_for(size)
    os.environ["PEACETRACK_TABLES"] = str(table_dir)
    os.environ["PEACETRACK_OFFLINE"] = "1"
    load_average = os.getloadavg()[0]
    from streamlit.testing.v1 import AppTest

    from dashboard.loading import load
    from dashboard.model import prepare

    started = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600)
    at.run()
    first_run = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(at.exception[0].value)

    sessions = []
    for _ in range(REPEATS):  # a new visitor: a new session, the tables already loaded by the server
        started = time.perf_counter()
        AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600).run()
        sessions.append(time.perf_counter() - started)

    loads = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        prepare(load(table_dir))
        loads.append(time.perf_counter() - started)

    noops = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        at.run()
        noops.append(time.perf_counter() - started)

    changes = []
    for key, value in FILTER_CHANGES:
        started = time.perf_counter()
        at.multiselect(key=key).set_value(value).run()
        changes.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
    current, peak = memory_mb()
    return {
        "size": size,
        "load_average": round(load_average, 2),
        "first_run_s": round(first_run, 3),
        "new_session_s": round(statistics.median(sessions), 3),
        "load_s": round(statistics.median(loads), 3),
        "noop_rerun_s": round(statistics.median(noops), 3),
        "filter_rerun_s": round(statistics.median(changes), 3),
        "filter_reruns": [round(c, 3) for c in changes],
        "memory_mb": round(current),
        "peak_memory_mb": round(peak),
        "events": size,
    }


def report(figures: Figures) -> None:
    size = figures["size"]
    scalars = {key: value for key, value in figures.items() if isinstance(value, int | float)}
    print(f"dashboard at {size:,} events (AppTest; load average {figures['load_average']} on this shared machine)")
    rows = [
        ("loading (read + prepare), median", "load_s", "s"),
        ("first run of a new server, loading included", "first_run_s", "s"),
        ("first view of a new session, median", "new_session_s", "s"),
        ("full rerun after a filter change, median", "filter_rerun_s", "s"),
        ("no-op rerun, median", "noop_rerun_s", "s"),
        ("server memory, peak", "peak_memory_mb", "MB"),
    ]
    for label, key, unit in rows:
        target = TARGETS.get(key, {}).get(size)
        verdict = (
            "" if target is None else f"  target ≤ {target:g} {unit}: {'met' if scalars[key] <= target else 'NOT met'}"
        )
        print(f"  {label:45s} {scalars[key]:>9} {unit}{verdict}")
    print(f"  (filter reruns: {', '.join(map(str, figures['filter_reruns']))} s; memory now {figures['memory_mb']} MB)")


def main(sizes: Sequence[int] = SIZES) -> list[Figures]:
    """Generate the tables if needed, measure each size in a fresh process, print the figures."""
    results: list[Figures] = []
    for size in sizes:
        tables_for(size)  # generated here, not inside the timed process
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.dashboard_speed", "--measure", str(size)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            print(f"dashboard at {size:,} events: the measurement failed\n{done.stderr[-2000:]}")
            continue
        figures = json.loads(lines[-1])
        report(figures)
        results.append(figures)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", type=int, help="measure one size in this process and print JSON")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    arguments = parser.parse_args()
    if arguments.measure:
        print(json.dumps(measure(arguments.measure)))
    else:
        main(arguments.sizes)
