"""Lexicon terms are split as the model splits text, and lemmatised as the corpus was, without loading spaCy."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.config import LEXICONS_DIR
from helpers.lexicons import load_lexicon, match_terms, term_words
from helpers.nlp.model import load_model

TERMS = sorted({term for path in LEXICONS_DIR.glob("*.csv") for term in load_lexicon(path.stem)["term"]})


@pytest.mark.parametrize("term", TERMS)
def test_every_shipped_term_is_split_as_spacy_splits_it(term):
    assert term_words(term) == tuple(t.text.lower() for t in load_model().tokenizer(term) if not t.is_space)


def test_contractions_possessives_and_hyphens_are_tokens_of_their_own():
    assert term_words("didn't") == ("did", "n't")
    assert term_words("Syria's army") == ("syria", "'s", "army")
    assert term_words("so-called") == ("so", "-", "called")


def test_terms_match_on_the_corpus_lemmas():
    """'killed' in a lexicon finds 'kills' too: its lemma is read off the tokens where the word occurs."""
    tokens = pd.DataFrame({"article_id": "a", "sentence_id": [0, 0, 1, 1], "token_id": [0, 1, 0, 1],
                           "text": ["Gunmen", "killed", "Militia", "kills"],
                           "lemma": ["gunman", "kill", "militia", "kill"],
                           "pos": ["NOUN", "VERB", "NOUN", "VERB"], "is_stop": False, "start_char": [0, 7, 14, 22]})
    lexicon = pd.DataFrame({"term": ["killed"], "class": ["x"]})
    found = match_terms(tokens, lexicon)
    assert found[["sentence_id", "token_id"]].values.tolist() == [[0, 1], [1, 1]]
