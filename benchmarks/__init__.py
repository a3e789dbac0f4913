"""Benchmarks: scripts that print figures (`make bench`). Never asserts, never part of `make test`."""
