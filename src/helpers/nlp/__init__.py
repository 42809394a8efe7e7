"""The NLP layer: the spaCy model, the parse cache, entities and the per-article tables built from the parse."""
