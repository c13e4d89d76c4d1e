"""Many users at once: `make loadtest` (or `python -m benchmarks.loadtest`).

Starts one `streamlit run dashboard/app.py` on loopback, opens 20 websocket sessions
that speak Streamlit's own protocol (benchmarks/streamlit_client.py) and has each
change the sidebar filters for a minute, waiting for every rerun to finish and
pausing a little between changes, as a person would. Then prints, per table set
(the seeds' build and a generated 100,000-event table):

- rerun latency (send to script_finished): median, 95th percentile, count;
- errors: exceptions or error messages on the page, failed runs, lost connections
  (must be 0); runs still unfinished at the time limit are listed apart;
- the server's memory: after one session loaded the data, and the peak (VmHWM)
  under load, against the size of one copy of the prepared data. The app keeps
  that data in `st.cache_resource`, one object for every session; copies per
  session would show as a peak of many times the data size.

Bounded: a fixed number of sessions, a fixed duration, a hard time limit per
table set; only 127.0.0.1 is contacted; the server is always stopped. Figures are
medians from one run; the machine is shared, so they are noisy.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from benchmarks.streamlit_client import Run, Session

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
SERVER_FLAGS: tuple[str, ...] = ("--server.address", "127.0.0.1", "--server.headless", "true")
SERVER_FLAGS += ("--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false")
SERVER_FLAGS += ("--server.runOnSave", "false")
FILTERS = ("Actor", "Mediator", "Venue", "Event type", "Talks status", "Outlet")


# ---------------------------------------------------------------- tables


def seed_tables(out: Path) -> Path:
    """The seeds' real build."""
    from data_prep import pipeline

    pipeline.build(ROOT / "seeds", out)
    return out


def large_tables(seed_dir: Path, out: Path, n_events: int = 100_000) -> Path:
    """A deterministic table set of `n_events` events: the seeds' build copied until
    it has that many, each copy with its own ids and its dates moved on by a day per
    copy (a month per 30 copies for month-dated rows), so filters and rounds still
    have something to separate. Written through data_prep's own validated writer."""
    from data_prep.tables import read_tables, write_tables

    names = ("documents", "actors", "venues", "events", "event_actors", "mentions", "rounds", "quotes", "review_names")
    seed = read_tables(seed_dir, names)
    per_copy = len(seed["events"])
    copies = -(-n_events // per_copy)
    keyed = {"documents": ["doc_id"], "events": ["event_id", "doc_id", "round_id"], "event_actors": ["event_id"]}
    keyed |= {"mentions": ["doc_id"], "rounds": ["round_id"], "quotes": ["quote_id", "doc_id"]}
    out_frames: dict[str, list[pd.DataFrame]] = {name: [] for name in keyed}
    for k in range(copies):
        for name, id_columns in keyed.items():
            df = seed[name].copy()
            for column in id_columns:
                df[column] = df[column].where(df[column].isna(), df[column].astype(str) + f"~{k:05d}")
            if "date" in df.columns:
                df["date"] = _shift(df["date"], k)
            out_frames[name].append(df)
    frames = {name: pd.concat(parts, ignore_index=True) for name, parts in out_frames.items()}
    frames["events"] = frames["events"].head(n_events)
    kept = set(frames["events"]["event_id"])
    frames["event_actors"] = frames["event_actors"][frames["event_actors"]["event_id"].isin(kept)]
    tables = {name: seed[name] for name in ("actors", "venues")} | {
        name: frames[name] for name in ("documents", "events", "event_actors", "mentions")
    }
    extra = {"rounds": frames["rounds"], "quotes": frames["quotes"], "review_names": seed["review_names"]}
    report = f'{{"input_dir": "generated", "documents_read": {len(frames["documents"])}, "skipped": []}}'
    write_tables(tables, out, extra=extra, files={"build_report.json": report})
    return out


def _shift(dates: pd.Series, k: int) -> pd.Series:
    """Dates moved on by k days (day dates) or k // 30 months (month dates); years stay."""
    out = dates.copy()
    day = dates.str.len().eq(10).fillna(False)
    month = dates.str.len().eq(7).fillna(False)
    if day.any():
        out[day] = (pd.to_datetime(dates[day]) + pd.Timedelta(days=k)).dt.strftime("%Y-%m-%d")
    if month.any() and k // 30:
        out[month] = (pd.PeriodIndex(dates[month], freq="M") + k // 30).strftime("%Y-%m")
    return out


def data_size_mb(table_dir: Path) -> float:
    """Memory of one copy of the prepared data, as the app holds it."""
    from dashboard import loading
    from dashboard.model import prepare

    data = prepare(loading.load(table_dir))
    frames = [v for v in vars(data).values() if isinstance(v, pd.DataFrame)]
    return sum(int(f.memory_usage(deep=True).sum()) for f in frames) / 2**20


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`streamlit run dashboard/app.py` on 127.0.0.1, stopped on exit whatever happens."""

    def __init__(self, tables: Path, log: Path, start_limit: float = 120) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = os.environ | {"PEACETRACK_TABLES": str(tables), "PEACETRACK_OFFLINE": "1"}
        self._log = log.open("w")
        secrets = ("--secrets.files", str(log.parent / "no-secrets.toml"))  # this clone's login would stop the load
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(APP),
                *SERVER_FLAGS,
                "--server.port",
                str(self.port),
                *secrets,
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + start_limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"streamlit did not answer within {start_limit} s")

    def memory_mb(self, field_name: str = "VmRSS") -> float:
        """A memory figure of the server process from /proc (VmRSS now, VmHWM peak)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


# ---------------------------------------------------------------- the load


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    first_runs: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unfinished: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def user(url: str, seed: int, stop_at: float, hard_stop: float, think: tuple[float, float], outcome: Outcome) -> None:
    """One analyst: open the app, then change a filter, wait for the page, pause, repeat."""
    rng = random.Random(seed)
    try:
        with Session(url) as session:
            first = session.run(timeout=max(1.0, hard_stop - time.perf_counter()))
            _record(outcome, first, first_run=True)
            filters = {label: w for label, w in session.multiselects().items() if label in FILTERS}
            while time.perf_counter() < stop_at and filters:
                label = rng.choice(sorted(filters))
                widget = filters[label]
                picked = rng.sample(list(widget.options), k=min(len(widget.options), rng.choice((0, 1, 1, 2))))
                session.set_multiselect(widget.id, picked)
                run = session.run(timeout=max(1.0, hard_stop - time.perf_counter()))
                if not _record(outcome, run):
                    return
                time.sleep(rng.uniform(*think))
    except Exception as error:  # a lost connection is an error of the test run, not a crash of it
        with outcome.lock:
            outcome.errors.append(f"session {seed}: {type(error).__name__}: {error}")


def _record(outcome: Outcome, run: Run, first_run: bool = False) -> bool:
    with outcome.lock:
        if run.status is None:
            outcome.unfinished += 1
            return False
        (outcome.first_runs if first_run else outcome.latencies).append(run.seconds)
        if not run.ok:
            outcome.errors.append(f"status {run.status}; {run.exceptions[:1]} {run.errors[:1]}")
    return True


def load(
    name: str,
    tables: Path,
    *,
    sessions: int,
    duration: float,
    limit: float,
    warm_limit: float,
    think: tuple[float, float],
    log_dir: Path,
) -> None:
    size = data_size_mb(tables)
    server = Server(tables, log_dir / f"server-{name}.log")
    peak_sampled = [0.0]
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.wait(0.2):
            peak_sampled[0] = max(peak_sampled[0], server.memory_mb())

    try:
        idle = server.memory_mb()
        started = time.perf_counter()
        alone: list[float] = []
        with Session(server.url) as warm:
            warm_run = warm.run(timeout=warm_limit)
            warm_seconds = time.perf_counter() - started
            if not warm_run.ok:
                print(f"\n{name}: the first run did not finish well within {warm_limit:.0f} s ", end="")
                print(f"(status {warm_run.status}, {warm_run.exceptions[:1]} {warm_run.errors[:1]}); no load applied")
                return
            mediator = warm.multiselects().get("Mediator")
            if mediator is not None:
                for picked in ([mediator.options[0]], []):
                    warm.set_multiselect(mediator.id, list(picked))
                    run = warm.run(timeout=warm_limit)
                    if run.ok:
                        alone.append(run.seconds)
        one_session = server.memory_mb()
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        outcome = Outcome()
        begin = time.perf_counter()
        stop_at, hard_stop = begin + duration, begin + limit
        threads = [
            threading.Thread(target=user, args=(server.url, i, stop_at, hard_stop, think, outcome), daemon=True)
            for i in range(sessions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, hard_stop - time.perf_counter()) + 30)
        elapsed = time.perf_counter() - begin
        sampling.set()
        peak = server.memory_mb("VmHWM")
    finally:
        server.stop()
    lat = sorted(outcome.latencies)
    print(f"\n{name}: {sessions} sessions changing filters for {duration:.0f} s (think time {think[0]}-{think[1]} s)")
    print(f"  one copy of the prepared data:  {size:8.1f} MB;  first run (loads it): {warm_seconds:6.2f} s")
    if alone:
        print(f"  one session alone, a mediator filter on and off: median rerun {statistics.median(alone):6.2f} s")
    if lat:
        p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
        print(f"  rerun latency:  p50 {statistics.median(lat):6.2f} s   p95 {p95:6.2f} s   max {lat[-1]:6.2f} s")
    print(f"  reruns finished: {len(lat)} (+ {len(outcome.first_runs)} first runs) in {elapsed:.0f} s")
    if outcome.first_runs:
        print(f"  first run of a new session: p50 {statistics.median(outcome.first_runs):6.2f} s")
    print(f"  errors: {len(outcome.errors)}   unfinished at the {limit:.0f} s limit: {outcome.unfinished}")
    for error in outcome.errors[:5]:
        print(f"    {error}")
    if outcome.errors or outcome.unfinished:
        tail = (log_dir / f"server-{name}.log").read_text(errors="replace").splitlines()[-15:]
        print("  server log, last lines:\n    " + "\n    ".join(tail))
    print(
        f"  server memory: {idle:7.1f} MB idle, {one_session:7.1f} MB with one session, "
        f"peak {max(peak, peak_sampled[0]):7.1f} MB under load"
    )
    grown = max(peak, peak_sampled[0]) - one_session
    print(
        f"  growth under load {grown:7.1f} MB = {grown / size:.1f}x one copy of the data "
        f"({sessions} copies would be {sessions * size:.0f} MB; the growth also holds each run's filtered frames and charts)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of filter changes per table set")
    parser.add_argument("--limit", type=float, default=240.0, help="hard time limit per table set, seconds")
    parser.add_argument("--warm-limit", type=float, default=600.0, help="time limit of the first run, seconds")
    parser.add_argument("--events", type=int, default=100_000, help="events in the generated table")
    parser.add_argument("--only", choices=("seeds", "large"), default=None)
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 1.5), help="pause between changes, seconds")
    args = parser.parse_args(argv)
    args.sessions = max(1, min(args.sessions, 100))  # bounded whatever is asked
    args.limit = max(args.duration, min(args.limit, 1800.0))
    with tempfile.TemporaryDirectory(prefix="peacetrack-load-") as tmp_name:
        tmp = Path(tmp_name)
        seeds = seed_tables(tmp / "seeds")
        for name in ("seeds", "large"):
            if args.only in (None, name):
                label = "seeds' tables" if name == "seeds" else f"generated table, {args.events:,} events"
                load(
                    label,
                    seeds if name == "seeds" else large_tables(seeds, tmp / "large", args.events),
                    sessions=args.sessions,
                    duration=args.duration,
                    limit=args.limit,
                    warm_limit=min(args.warm_limit, 1800.0),
                    think=(args.think[0], args.think[1]),
                    log_dir=tmp,
                )


if __name__ == "__main__":
    main()
