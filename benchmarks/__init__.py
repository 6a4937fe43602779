"""Benchmarks for emptychair (see ``benchmarks/README.md``); a package so tests can import them."""
