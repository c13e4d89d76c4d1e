"""Speed figures, printed: `make benchmark` (or `python -m benchmarks.run [build flags]`).

Figures are medians of repeated runs measured in one process, with ratios
against a baseline measured in the same run, because these machines are shared
and noisy. Nothing here is a test: no figure fails a build.

- the build: benchmarks/build.py (flags: --sizes, --repeats, --incremental, ...)
- the dashboard: benchmarks/dashboard_speed.py (generated tables of 100,000 and 1,000,000 events)
- many users on one server: benchmarks/loadtest.py (`make loadtest`, a few minutes)
"""

from __future__ import annotations

import sys

from benchmarks import build as build_benchmark
from benchmarks import dashboard_speed

if __name__ == "__main__":
    build_benchmark.main(sys.argv[1:])
    dashboard_speed.main()
