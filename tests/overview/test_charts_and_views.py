"""What people see: charts with titles and stable colours, evidence views that escape article text."""

import pandas as pd
import pytest

from helpers.grouping import bind_group
from helpers.overview.charts import cleaning_chart, length_chart, readability_chart, timeline_chart
from helpers.overview.views import cleaning_view, cleaning_views
from helpers.present.charts import MISSING_COLOR, OKABE_ITO, group_colors

HOSTILE = 'Officials said <script>alert("x")</script> and <img src=x onerror="alert(1)"> <a href="javascript:alert(2)">'


@pytest.fixture
def tables():
    articles = pd.DataFrame({
        "article_id": ["a1", "a2", "a3"],
        "outlet": ["Zeta News", "Alpha Times", ""],
        "published": pd.to_datetime(["2017-06-16", "2017-06-17", None]),
        "date_precision": ["approximate", "day", ""],
        "headline": ["Strike near Raqqa", "", ""],
        "event": ["Claim", "Claim", ""],
        "n_words": [300, 250, 90],
        "n_paragraphs": [5, 4, 2],
        "format": ["html", "text", "text"],
        "encoding": ["utf-8", "utf-8", "cp1252"],
        "dateline": ["", "AP, BEIRUT", ""],
    })
    articles = bind_group(articles, "outlet")
    paragraphs = pd.DataFrame({"article_id": ["a1", "a1", "a2", "a3"], "kind": ["body", "caption", "body", "body"],
                               "text": ["Body one.", "A caption", "Body two.", HOSTILE], "n_words": [280, 20, 250, 90]})
    removed = pd.DataFrame({"article_id": ["a1", "a2"], "rule": ["script", "headline"],
                            "text": ["window.x = 1;", "Headline"], "n_words": [40, 1]})
    return articles, paragraphs, removed


def test_group_colours_are_stable_colour_blind_safe_and_grey_for_missing():
    first = group_colors(["Zeta", "Alpha", "Mid", ""])
    second = group_colors(["Mid", "Zeta", "Alpha"])
    assert first["Alpha"] == second["Alpha"] == OKABE_ITO[0]
    assert first["Mid"] == OKABE_ITO[1] and first["Zeta"] == OKABE_ITO[2]
    assert first["(unknown)"] == MISSING_COLOR


def test_every_chart_has_a_title_and_labelled_axes(tables):
    articles, paragraphs, removed = tables
    scores = articles.assign(flesch_reading_ease=[50.0, 40.0, 30.0], n_sentences=[10, 9, 3],
                             reliability=["", "", "under 100 words: scores unreliable"])
    figures = [cleaning_chart(articles, paragraphs, removed), timeline_chart(articles), length_chart(articles),
               readability_chart(scores, "flesch_reading_ease", description="Flesch reading ease")]
    for figure in figures:
        assert figure.layout.title.text
        assert figure.layout.xaxis.title.text and figure.layout.yaxis.title.text


def test_cleaning_chart_adds_up_to_the_words_of_each_article(tables):
    articles, paragraphs, removed = tables
    figure = cleaning_chart(articles, paragraphs, removed)
    totals = {}
    for trace in figure.data:
        for article_id, words in zip(trace.y, trace.x, strict=True):
            totals[article_id] = totals.get(article_id, 0) + words
    assert totals == {"a1": 340, "a2": 251, "a3": 90}
    assert {trace.name for trace in figure.data} == {"body", "caption", "removed: script", "removed: headline"}


def test_timeline_marks_approximate_dates_and_keeps_outlet_colours(tables):
    articles, _, _ = tables
    figure = timeline_chart(articles)
    by_name = {trace.name: trace for trace in figure.data}
    assert by_name["Zeta News, approximate"].marker.symbol == "circle-open"
    assert by_name["Alpha Times, day"].marker.symbol == "circle"
    assert by_name["Alpha Times, day"].marker.color == group_colors(articles["outlet"])["Alpha Times"]
    assert sum(len(trace.x) for trace in figure.data) == 2  # the undated article is not plotted


def test_cleaning_view_shows_article_text_as_text(tables):
    articles, paragraphs, removed = tables
    article = articles.iloc[2]
    raw = f"<p>{HOSTILE}</p><script>steal()</script>"
    html = cleaning_view(article, raw, paragraphs[paragraphs.article_id == "a3"], removed.iloc[0:0])
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "Nothing was removed." in html


def test_cleaning_view_labels_kinds_and_lists_removed_blocks_with_their_rule(tables):
    articles, paragraphs, removed = tables
    html = cleaning_view(articles.iloc[0], "raw", paragraphs[paragraphs.article_id == "a1"],
                         removed[removed.article_id == "a1"])
    assert "[caption]</span> A caption" in html
    assert "<code>script</code>" in html and "window.x = 1;" in html
    assert "<b>Headline:</b> Strike near Raqqa" in html


def test_cleaning_views_of_a_large_corpus_show_the_articles_cleaning_cut_most(tables, tmp_path):
    articles, paragraphs, removed = tables
    for name in articles["article_id"]:
        (tmp_path / name).write_text("Raw text of the page.", encoding="utf-8")
    articles = articles.assign(file=articles["article_id"])
    shown = cleaning_views(articles, paragraphs, removed, tmp_path, limit=1)
    assert "Showing 1 of 3 articles" in shown and "removed.csv" in shown
    assert shown.count("<details") == 1 and "a1 · " in shown  # a1 lost 40 words, a2 one
    whole = cleaning_views(articles, paragraphs, removed, tmp_path)
    assert whole.count("<details") == 3 and "Showing" not in whole
    assert whole.index("a1 · ") < whole.index("a2 · ") < whole.index("a3 · ")  # id order, as before
