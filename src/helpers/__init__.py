"""Helpers for the news-coverage notebooks: ingest, clean, tabulate, analyse, chart."""

__version__ = "0.1.0"
