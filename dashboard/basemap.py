"""Decide whether the venue map can have web-map tiles under it.

Tiles need the network (and WebGL in the browser). The test machines have
neither network nor GPU, so the map falls back to placing venues by their
coordinates on a plain plane; that decision is made here, once, cheaply.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlparse

from dashboard.charts import BASEMAP_TILES

OFFLINE_ENV = "PEACETRACK_OFFLINE"


def tiles_reachable(timeout: float = 1.0) -> bool:
    """True if the tile server answers a TCP connection; False offline or when forced off.

    Set PEACETRACK_OFFLINE=1 to skip the probe (e.g. behind a firewall that hangs).
    """
    if os.environ.get(OFFLINE_ENV, "").strip() not in ("", "0", "false", "no"):
        return False
    host = urlparse(BASEMAP_TILES.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")).hostname
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False
