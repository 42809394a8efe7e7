"""Readability: textstat's counts on our sentences, the published formulas, honest caveats."""

import math

import nltk
import pandas as pd
import pytest
import textstat

from helpers.grouping import bind_group
from helpers.overview.readability import (
    SCORES,
    readability_by_group,
    readability_scores,
    readability_table,
    reliability_note,
)

SIMPLE = ["The cat sat on the mat.", "It was a sunny day in the organisation.", "Everybody celebrated loudly."]


def test_nothing_is_downloaded(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    assert readability_scores(SIMPLE)["n_syllables"] > 0


def test_scores_follow_the_published_formulas_by_hand():
    scores = readability_scores(SIMPLE)
    words, sentences, syllables = scores["n_words"], scores["n_sentences"], scores["n_syllables"]
    assert (words, sentences) == (17, 3)  # 6 + 8 + 3
    assert scores["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * words / 3 - 84.6 * syllables / words)
    assert scores["flesch_kincaid_grade"] == pytest.approx(0.39 * words / 3 + 11.8 * syllables / words - 15.59)


def test_scores_agree_with_textstat_when_the_sentences_agree():
    text = " ".join(SIMPLE)
    scores = readability_scores(SIMPLE)
    assert scores["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(text))
    assert scores["flesch_kincaid_grade"] == pytest.approx(textstat.flesch_kincaid_grade(text))
    assert scores["automated_readability_index"] == pytest.approx(textstat.automated_readability_index(text))


def test_sentence_count_is_ours_not_textstats():
    # textstat's regex drops the two-word "He agreed." piece; spaCy's sentences keep it.
    split = ["Officials said the strike killed four leaders.", "He agreed."]
    assert readability_scores(split)["n_sentences"] == 2
    assert readability_scores(split)["mean_sentence_words"] == pytest.approx(4.5)


def test_smog_is_left_empty_below_thirty_sentences():
    assert math.isnan(readability_scores(SIMPLE)["smog_index"])
    long_text = ["The extraordinary negotiations continued yesterday."] * 30
    assert readability_scores(long_text)["smog_index"] > 0


def test_empty_text_gives_nan_scores_not_an_error():
    scores = readability_scores([])
    assert scores["n_words"] == 0
    assert all(math.isnan(scores[name]) for name in SCORES)


def test_short_texts_are_flagged():
    assert "unreliable" in reliability_note(n_words=80, n_sentences=5)
    assert "no SMOG" in reliability_note(n_words=400, n_sentences=20)
    assert reliability_note(n_words=900, n_sentences=40) == ""


def test_tables_per_article_and_per_group():
    articles = bind_group(pd.DataFrame({"article_id": ["a", "b", "c"], "lean": ["left", "left", "right"]}), "lean")
    table = readability_table(articles, [SIMPLE, SIMPLE[:2], SIMPLE[1:]])
    assert list(table["article_id"]) == ["a", "b", "c"]
    assert table.loc[0, "reliability"].startswith("under 100 words")
    by_group = readability_by_group(table)
    assert list(by_group["group"]) == ["left", "right"]
    assert list(by_group["n_articles"]) == [2, 1]
    expected = table.loc[:1, "flesch_reading_ease"].mean()
    assert by_group.loc[0, "flesch_reading_ease"] == pytest.approx(expected)
