"""Benchmarks: scripts that print figures (``make bench``; see README.md). Not tests."""
