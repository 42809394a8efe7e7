"""Cleaning: raw bytes → decoded text → article body, with every removed block and its rule."""
