"""Framing: quotes and speakers (built with the tables), sources, verbs, certainty, frames, tone.

Notebooks 05 (sources) and 06 (certainty, frames, tone, headlines).
"""
