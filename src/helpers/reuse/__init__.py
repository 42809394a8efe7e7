"""Text reuse: shingles, alignment, candidate pairs, the reuse tables and their measures (notebook 07)."""
