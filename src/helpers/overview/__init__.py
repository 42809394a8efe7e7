"""Corpus overview: article tables, cleaning summaries, readability, and their charts."""
