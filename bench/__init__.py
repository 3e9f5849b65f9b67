"""Benchmarks of gazette_pub against plain WeasyPrint and Chromium: ``python bench/run.py``."""
