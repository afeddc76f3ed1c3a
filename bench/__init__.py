"""Benchmarks and the synthetic corpus they run on (bench data, not part of the product)."""
