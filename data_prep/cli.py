"""Command line: `python -m data_prep build|evaluate|compare`. It parses, calls the library, reports.

Every error data_prep raises on purpose (errors.py) becomes one line on stderr,
`error: <kind>: <what went wrong>`, and exit status 1; nothing else is caught
here, so a bug still shows its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .cache import default_cache_dir
from .compare import compare_builds
from .errors import DataPrepError
from .evaluate import evaluate, format_report
from .figures import ThresholdError, thresholds_for, verdict
from .pipeline import build
from .progress import progress_for
from .running import CLUSTER_VARIABLE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="data_prep", description="Turn news articles into tables of events, actors and venues."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="build the tables from a folder of articles")
    b.add_argument("input_dir", nargs="?", default="seeds", help="folder of .txt/.md/.html articles (default: seeds)")
    b.add_argument("--out", default="data/processed", help="where the tables go (default: data/processed)")
    b.add_argument("--manifest", default=None, help="publication metadata CSV (default: INPUT_DIR/manifest.csv)")
    b.add_argument("--quiet", action="store_true", help="no progress")
    b.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes for the per-article work (default: every core for a large build)",
    )
    b.add_argument(
        "--cluster",
        default=None,
        help=f"Dask scheduler address (tcp://host:8786) to run the per-article work on (default: ${CLUSTER_VARIABLE})",
    )
    b.add_argument("--cache", default=None, help="per-article cache folder (default: beside OUT, .OUT_NAME.cache)")
    b.add_argument("--no-cache", action="store_true", help="analyse every article, keep no cache")
    b.add_argument(
        "--as-of", type=date.fromisoformat, default=None, help="the build's date, YYYY-MM-DD (default: today)"
    )
    e = commands.add_parser("evaluate", help="score built tables against a gold annotation")
    e.add_argument("gold", help="gold JSON file")
    e.add_argument("--tables", default="data/processed", help="folder of built tables (default: data/processed)")
    e.add_argument("--strict", action="store_true", help="exit 1 when a threshold is not met")
    c = commands.add_parser("compare", help="compare the tables of two builds")
    c.add_argument("a", help="folder of one build's tables")
    c.add_argument("b", help="folder of the other build's tables")
    c.add_argument("--include-paths", action="store_true", help="also compare the documents' file paths")
    args = parser.parse_args(argv)
    commands_by_name: dict[str, Callable[[argparse.Namespace], int]] = {
        "build": _build,
        "evaluate": _evaluate,
        "compare": _compare,
    }
    try:
        return commands_by_name[args.command](args)
    except DataPrepError as error:
        headline, *details = str(error).splitlines() or [""]
        print(f"error: {error.label}: {headline}", file=sys.stderr)
        for line in details:
            print(line, file=sys.stderr)
        return 1
    except OSError as error:  # a folder that cannot be written, a disk that is full
        where = f" ({error.filename})" if error.filename else ""
        print(f"error: {error.strerror or error}{where}", file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    cache = None if args.no_cache else Path(args.cache) if args.cache else default_cache_dir(Path(args.out))
    report = build(
        args.input_dir,
        args.out,
        args.manifest,
        progress=None if args.quiet else progress_for(),
        workers=args.workers,
        cluster=args.cluster,
        cache=cache,
        as_of=args.as_of,
    )
    print(report.summary())
    print(f"tables written to {args.out}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    comparison = compare_builds(args.a, args.b, ignore_columns=() if args.include_paths else ("path",))
    print(comparison.summary())
    return 0 if comparison.identical else 1


def _evaluate(args: argparse.Namespace) -> int:
    if not Path(args.gold).exists():
        print(f"error: gold file not found: {args.gold}", file=sys.stderr)
        return 2
    if not (Path(args.tables) / "events.parquet").exists():
        print(f"error: no tables in {args.tables}; run `python -m data_prep build` first", file=sys.stderr)
        return 2
    try:
        thresholds = thresholds_for(args.gold)
    except ThresholdError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    scores = evaluate(args.gold, args.tables)
    result = verdict(scores.figures(), thresholds)
    print(format_report(scores, result))
    return 1 if args.strict and not result.met else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
