"""Coverage: which stories and facts each outlet reports (tables at build time, measures and charts for notebook 03)."""
