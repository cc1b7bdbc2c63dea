"""Benchmarks: ratios and per-unit costs, measured against the local stand-ins."""
