"""The errors data_prep raises on purpose, in one place.

Each says in its message what went wrong and, where it can, what to do. The
command line turns any `DataPrepError` into one line on stderr and a non-zero
exit (see `cli.py`); a library caller can catch the one it cares about.
"""

from __future__ import annotations


class DataPrepError(Exception):
    """Base of every error data_prep raises deliberately; `label` names the kind in messages."""

    label = "error"


class CodebookError(DataPrepError, ValueError):
    """The codebook files are missing, malformed or contradict themselves (an unknown id, a bad key)."""

    label = "codebook"


class UnreadableFile(DataPrepError, ValueError):
    """A file that cannot be turned into article text; the message says why."""

    label = "unreadable file"


class SchemaViolation(DataPrepError, ValueError):
    """A table breaks its declared schema (a column, a type, a value)."""

    label = "schema"


class IntegrityError(DataPrepError, ValueError):
    """Tables that each pass their schema but do not fit together (a dangling id)."""

    label = "integrity"


class NothingToBuild(DataPrepError, RuntimeError):
    """No document in the input could be read; the previous tables are left as they were."""

    label = "nothing to build"


class ClusterUnavailable(DataPrepError, RuntimeError):
    """A build was sent to a cluster that cannot be reached, or without Dask installed."""

    label = "cluster"
