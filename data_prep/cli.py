"""Command line: `python -m data_prep build|evaluate`. It parses, calls the library, reports."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .evaluate import ThresholdError, evaluate, format_report, thresholds_for, verdict
from .pipeline import NothingToBuild, build


def _progress_printer(stream=sys.stderr):
    """A one-line progress counter, redrawn at most a few times a second."""
    last = [0.0]

    def show(number: int, total: int, path: Path) -> None:
        now = time.monotonic()
        if number == total or now - last[0] > 0.25:
            last[0] = now
            end = "\n" if number == total else ""
            stream.write(f"\rreading {number}/{total} {path.name[:50]:<50}{end}")
            stream.flush()

    return show


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="data_prep", description="Turn news articles into tables of events, actors and venues."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="build the tables from a folder of articles")
    b.add_argument("input_dir", nargs="?", default="seeds", help="folder of .txt/.md/.html articles (default: seeds)")
    b.add_argument("--out", default="data/processed", help="where the tables go (default: data/processed)")
    b.add_argument("--manifest", default=None, help="publication metadata CSV (default: INPUT_DIR/manifest.csv)")
    b.add_argument("--quiet", action="store_true", help="no progress line")
    e = commands.add_parser("evaluate", help="score built tables against a gold annotation")
    e.add_argument("gold", help="gold JSON file")
    e.add_argument("--tables", default="data/processed", help="folder of built tables (default: data/processed)")
    e.add_argument("--strict", action="store_true", help="exit 1 when a threshold is not met")
    args = parser.parse_args(argv)

    if args.command == "build":
        try:
            report = build(
                args.input_dir, args.out, args.manifest, progress=None if args.quiet else _progress_printer()
            )
        except NothingToBuild as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(report.summary())
        print(f"tables written to {args.out}")
        return 0

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
