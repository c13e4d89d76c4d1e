"""Speed and load benchmarks (`make benchmark`, `make loadtest`); not shipped with the package.

A regular package rather than a namespace one so that mypy names its modules
`benchmarks.*`, as the code imports them.
"""
