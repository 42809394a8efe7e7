"""The corpus card that heads the report of another corpus, and the per-corpus report folder."""

import re

import pandas as pd

from helpers.config import CORPUS_ENV, REPORTS_DIR, corpus_slug, report_dir
from helpers.grouping import bind_group
from helpers.present.card import corpus_card, group_summary


def _articles(rows):
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "published", "n_words", "lean"])
    return bind_group(frame, "lean")


ARTICLES = _articles(
    [(f"l{i}", "Daily Planet" if i % 2 else "Gazette", f"2020-03-0{i + 1}", 500, "left") for i in range(6)]
    + [(f"r{i}", "Sentinel", "2020-03-02", 400, "right") for i in range(3)]
    + [("x0", "Unrated <b>Weekly</b>", None, 300, "")]
)


def test_group_summary_counts_articles_outlets_words_and_says_which_groups_are_too_small():
    summary = group_summary(ARTICLES).set_index("group")
    assert summary.loc["left", "articles"] == 6 and summary.loc["left", "outlets"] == 2
    assert summary.loc["left", "words"] == 3000
    assert summary.loc["left", "compared"] == "yes"
    assert summary.loc["right", "compared"].startswith("no: too few articles")
    assert summary.loc["(unknown)", "undated"] == 1


def test_the_card_explains_that_an_outlet_rating_is_not_an_article_rating_and_escapes_corpus_text():
    card = corpus_card(ARTICLES, "lean", source="corpora/<mine>")
    assert "10 articles" in card and "4 outlets" in card
    assert "01 Mar 2020 to 06 Mar 2020 (1 undated)" in card
    assert "not to the article" in card
    assert "2 of 3 groups have fewer than 5 articles" in card
    assert "&lt;mine&gt;" in card and "<mine>" not in card
    assert "<b>" not in card
    assert re.search(r"<td>right</td><td>3</td>", card)


def test_a_column_the_card_does_not_know_asks_the_analyst_to_say_what_it_means():
    card = corpus_card(bind_group(ARTICLES.drop(columns="group"), "outlet"), "outlet")
    assert "publication" in card
    other = ARTICLES.assign(region=["north"] * 10)
    assert "Say what this column means" in corpus_card(bind_group(other.drop(columns="group"), "region"), "region")


def test_another_corpus_reports_to_its_own_folder_and_never_to_the_examples(tmp_path, monkeypatch):
    monkeypatch.delenv(CORPUS_ENV, raising=False)
    assert report_dir() == REPORTS_DIR
    one, two = tmp_path / "a" / "corpus", tmp_path / "b" / "corpus"
    assert report_dir(one) == REPORTS_DIR / corpus_slug(one)
    assert report_dir(one) != report_dir(two)  # two folders called "corpus" stay apart
    assert report_dir(one).name.startswith("corpus-")


def test_the_card_names_each_groups_largest_outlets_with_their_articles():
    summary = group_summary(ARTICLES).set_index("group")
    assert summary.loc["left", "largest_outlets"] == "Daily Planet (3), Gazette (3)"
    assert "Unrated &lt;b&gt;Weekly&lt;/b&gt; (1)" in corpus_card(ARTICLES, "lean")
