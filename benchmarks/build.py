"""Build speed, printed: articles/s, words/s and peak memory against spaCy's tokenizer.

    python -m benchmarks.build                       # N = 2,000; incremental rebuild in 2,000
    python -m benchmarks.build --sizes 2000 20000 --incremental 10000   # the full figures (long)

For each N the corpus is generated (benchmarks/corpus.py) and, in one run of this
script, each of these is measured `--repeats` times (median shown), alternating so
that a noisy neighbour hits them alike:

- the base: a blank spaCy English tokenizer + sentencizer over the same texts'
  non-blank lines (what any spaCy pipeline pays at least);
- the whole build (`data_prep.pipeline.build`: reading, analysis, linking, validation,
  writing), on 1 and on 2 worker processes, each in a fresh process so that its peak
  memory (resident set, the largest process) is its own; the codebook and gazetteer
  load is inside the build, Python's imports are not.

Then the incremental rebuild: a build with a cache, one article changed, the build
again, against the full build without cache (both on one process).

Ratios are taken within the run. Nothing here is a test: no figure fails anything.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent


def tokenizer_seconds(folder: Path) -> float:
    """Seconds for a blank English tokenizer + sentencizer over the corpus's non-blank lines."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    started = time.perf_counter()
    for doc in nlp.pipe(line for text in texts for line in text.split("\n") if line.strip()):
        for _ in doc.sents:
            pass
    return time.perf_counter() - started


def timed_build(folder: Path, out: Path, workers: int, cache: Path | None = None) -> dict[str, float]:
    """One build in a fresh Python process: its seconds (imports excluded) and peak memory."""
    code = (
        "import json, resource, sys, time\n"
        "from data_prep import pipeline\n"
        "started = time.perf_counter()\n"
        f"pipeline.build({str(folder)!r}, {str(out)!r}, workers={workers}, cache={str(cache) if cache else None!r})\n"
        "seconds = time.perf_counter() - started\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'seconds': seconds, 'peak_mb': max(own, workers) / 1024}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def words_in(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


def full_build(n: int, repeats: int, workers: tuple[int, ...]) -> dict[str, float]:
    """The build of n generated articles against the tokenizer pass; prints and returns the medians."""
    with tempfile.TemporaryDirectory(prefix="peacetrack-bench-") as tmp:
        folder = write_corpus(n, Path(tmp) / "in")
        words = words_in(folder)
        base: list[float] = []
        runs: dict[int, list[dict[str, float]]] = {w: [] for w in workers}
        for _ in range(repeats):
            base.append(tokenizer_seconds(folder))
            for w in workers:
                runs[w].append(timed_build(folder, Path(tmp) / f"out{w}", w))
        tok = statistics.median(base)
        print(f"build of {n:,} generated articles ({words:,} words), median of {repeats}:")
        print(f"  tokenizer + sentencizer:  {n / tok:8.0f} articles/s {words / tok:10,.0f} words/s  {tok:7.2f} s")
        figures: dict[str, float] = {"n": n, "tokenizer_s": tok}
        for w in workers:
            seconds = statistics.median(r["seconds"] for r in runs[w])
            peak = statistics.median(r["peak_mb"] for r in runs[w])
            figures[f"build{w}_s"], figures[f"peak{w}_mb"] = seconds, peak
            print(
                f"  whole build, {w} process{'es' if w > 1 else '  '}: {n / seconds:8.0f} articles/s "
                f"{words / seconds:10,.0f} words/s  {seconds:7.2f} s  {seconds / tok:5.1f}x the tokenizer  "
                f"peak {peak:6.0f} MB  ({1000 * seconds / n:.2f} ms/article)"
            )
        if 1 in workers and 2 in workers:
            print(f"  2 processes against 1: {figures['build1_s'] / figures['build2_s']:.2f}x faster")
        return figures


def incremental(n: int, repeats: int) -> dict[str, float]:
    """A rebuild after one changed article in n, against a full build (one process each)."""
    with tempfile.TemporaryDirectory(prefix="peacetrack-bench-") as tmp:
        folder = write_corpus(n, Path(tmp) / "in")
        cache = Path(tmp) / "cache"
        full = [timed_build(folder, Path(tmp) / "full", 1)["seconds"]]
        timed_build(folder, Path(tmp) / "out", 1, cache)  # fills the cache
        again = []
        for k in range(repeats):
            changed = sorted(folder.glob("*.txt"))[(k * 997) % n]
            changed.write_text(changed.read_text(encoding="utf-8") + f"\nCorrection {k}: a name was misspelt.\n")
            again.append(timed_build(folder, Path(tmp) / "out", 1, cache)["seconds"])
            if k + 1 < repeats:
                full.append(timed_build(folder, Path(tmp) / "full", 1)["seconds"])
        full_s, again_s = statistics.median(full), statistics.median(again)
        print(f"incremental rebuild, one article changed in {n:,} (one process), median of {repeats}:")
        print(f"  full build without cache: {full_s:7.2f} s")
        print(f"  rebuild with cache:       {again_s:7.2f} s  ({100 * again_s / full_s:.1f}% of the full build)")
        return {"n": n, "full_s": full_s, "rebuild_s": again_s}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000], help="corpus sizes (default: 2000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (median shown)")
    parser.add_argument("--incremental", type=int, default=2000, help="corpus size for the rebuild (0: skip)")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores; timings are medians, ratios taken in this run")
    results = [full_build(n, args.repeats if n <= 5000 else 1, (1, 2)) for n in args.sizes]
    if len(results) > 1:
        small, large = results[0], results[-1]
        growth = (large["build1_s"] / large["n"]) / (small["build1_s"] / small["n"])
        slope = (large["peak1_mb"] - small["peak1_mb"]) / (large["n"] - small["n"])
        at_100k = large["peak1_mb"] + slope * (100_000 - large["n"])
        print(f"linearity: time per article at {large['n']:,} is {growth:.2f}x that at {small['n']:,}")
        print(f"memory: {slope * 1000:.1f} MB per 1,000 articles; extrapolated peak at 100,000: {at_100k:,.0f} MB")
    if args.incremental:
        incremental(args.incremental, args.repeats)


if __name__ == "__main__":
    main()
