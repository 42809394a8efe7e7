"""Presentation: chart layout and palette, escaping, the offline report and the student edition."""
