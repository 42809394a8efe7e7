"""Wording: names, loaded terms, distinctive words, voice, style and spelling (notebook 04)."""
