"""A growing delay after failed login attempts, per account (no Streamlit).

Apart from the policy because it holds state: one `Throttle` is shared by every
session of the server (`dashboard.access` keeps it in a cache resource), so that
opening a new session does not reset the count.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from dashboard.access_policy import TEAM, Policy

FIRST_DELAY_S, MAX_DELAY_S = 1.0, 60.0


class Throttle:
    """A growing delay after failed attempts, per account, shared by all sessions.

    After n failures in a row an account takes no attempt for 1, 2, 4, ... seconds,
    up to a minute; a success clears it. Keyed by account rather than by session or
    address, so opening new sessions or addresses does not reset the count. Thread safe.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, key: str) -> float:
        """How long `key` must wait before its next attempt is checked (0: go ahead)."""
        with self._lock:
            count, last = self._failures.get(key, (0, 0.0))
        return max(0.0, last + delay_after(count) - self._clock()) if count else 0.0

    def failed(self, key: str) -> float:
        """Record a failure; returns the delay before the next attempt."""
        with self._lock:
            count = self._failures.get(key, (0, 0.0))[0] + 1
            self._failures[key] = (count, self._clock())
        return delay_after(count)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


UNKNOWN_NAME = "(unknown name)"


def throttle_key(policy: Policy, name: str) -> str:
    """The account a login attempt counts against. Names that are no account share one
    key, so guessing names is slowed too and the throttle's memory stays bounded."""
    key = name.strip().lower()
    if not key:
        return TEAM
    return key if key in policy.users else UNKNOWN_NAME


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` failures in a row: 0, 1, 2, 4, ... 60."""
    return 0.0 if failures <= 0 else min(FIRST_DELAY_S * 2 ** (failures - 1), MAX_DELAY_S)
