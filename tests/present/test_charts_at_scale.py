"""Charts of a large corpus stay small: distributions instead of a point per sentence, per group instead of
per article, and the figure's size does not grow with the corpus."""

import json

import numpy as np
import pandas as pd

from helpers.coverage.charts import stories_timeline
from helpers.framing.charts import certainty_chart, frame_heatmap, headline_chart, tone_chart
from helpers.overview.charts import cleaning_chart, length_chart, readability_chart
from helpers.present.charts import distribution_figure
from helpers.wording.charts import distinctive_scatter, sentence_length_chart, spelling_chart

SENTENCE = "Officials said on Friday that an air strike near <b>Raqqa</b> killed four commanders of the group."
RNG = np.random.default_rng(7)


def _size(fig) -> int:
    return len(json.dumps(fig.to_plotly_json(), default=str))


def _sentences(n_articles: int, per_article: int = 30) -> pd.DataFrame:
    n = n_articles * per_article
    return pd.DataFrame({"article_id": np.repeat([f"a{i:05d}" for i in range(n_articles)], per_article),
                         "sentence_id": np.tile(range(per_article), n_articles),
                         "group": np.repeat(np.array(["left", "center", "right"])[np.arange(n_articles) % 3],
                                            per_article),
                         "text": [SENTENCE] * n, "compound": RNG.uniform(-1, 1, n),
                         "words": RNG.integers(3, 60, n)})


def test_a_distribution_box_is_computed_over_every_value():
    data = pd.DataFrame({"group": ["a"] * 101, "v": range(101)})
    box = distribution_figure(data, "v", {"a": "#000"}).data[0]
    assert (box.q1[0], box.median[0], box.q3[0], box.lowerfence[0], box.upperfence[0]) == (25, 50, 75, 0, 100)


def test_sentence_charts_of_5000_articles_are_distributions_of_bounded_size():
    small, large = _sentences(30), _sentences(5000)
    assert [t.type for t in tone_chart(small).data] == ["box"] * 3  # every sentence a point, as before
    for chart in (tone_chart, sentence_length_chart):
        fig = chart(large)
        assert {t.type for t in fig.data} == {"box", "scatter"}
        assert sum(len(t.y) for t in fig.data if t.type == "scatter") <= 3 * 10  # the extremes only
        assert _size(fig) < 30_000, chart.__name__
    hovers = " ".join(" ".join(t.hovertext) for t in tone_chart(large).data if t.type == "scatter")
    assert "&lt;b&gt;Raqqa&lt;/b&gt;" in hovers and "<b>Raqqa" not in hovers  # article text stays escaped


def test_article_charts_of_5000_articles_show_groups_or_the_articles_that_stand_out():
    n = 5000
    ids = [f"a{i:05d}" for i in range(n)]
    groups = np.array(["left", "center", "right"])[np.arange(n) % 3]
    articles = pd.DataFrame({"article_id": ids, "group": groups, "n_words": RNG.integers(100, 2000, n),
                             "headline": [SENTENCE] * n, "n_paragraphs": 10, "event": ""})
    assert _size(length_chart(articles)) < 30_000
    scores = articles.assign(flesch_reading_ease=RNG.uniform(0, 100, n), n_sentences=20, reliability="")
    assert _size(readability_chart(scores, "flesch_reading_ease")) < 30_000

    paragraphs = articles.assign(paragraph_id=0, kind="body", text=SENTENCE)
    removed = pd.DataFrame({"article_id": ids[:200], "rule": "share-buttons", "text": "Share this",
                            "n_words": range(200)})
    fig = cleaning_chart(articles, paragraphs, removed)
    shown = {y for t in fig.data for y in t.y}
    assert len(shown) == 60 and ids[199] in shown and ids[0] not in shown  # the 60 cut most

    profile = pd.DataFrame({"article_id": np.repeat(ids, 2), "group": np.repeat(groups, 2),
                            "frame": ["conflict", "economic"] * n, "questions_yes": 1, "questions": 4,
                            "share": 0.25, "terms": "attack", "evidence": [[SENTENCE]] * (2 * n)})
    heat = frame_heatmap(profile)
    assert list(heat.data[0].y) == ["center", "left", "right"] and _size(heat) < 20_000

    certainty = pd.DataFrame({"article_id": ids, "group": groups, "hedge": 1, "verification": 0, "booster": 2,
                              "claim_sentences": 4, "attributed": 0})
    bars = certainty_chart(certainty, pd.DataFrame(columns=["article_id", "markers", "sentence"]))
    assert [list(t.y) for t in bars.data] == [[0.25] * 3, [0.0] * 3, [0.5] * 3]

    variants = pd.DataFrame({"article_id": ids[:100], "entity": "Raqqa", "spellings": "Raqqa; Rakka"})
    assert len(spelling_chart(variants, articles).data[0].x) <= 60


def test_distinctive_words_keep_the_words_furthest_from_chance():
    words = pd.DataFrame({"group": "left", "lemma": [f"w{i}" for i in range(5000)], "count": 5, "count_rest": 5,
                          "z": np.linspace(-4, 4, 5000)})
    fig = distinctive_scatter(words, {})
    assert len(fig.data[0].y) == 1500 and max(abs(z) for z in fig.data[0].y) == 4
    assert min(abs(z) for z in fig.data[0].y) > 2


def test_headlines_and_stories_of_5000_articles_are_summarised_per_group_and_largest_story():
    n = 5000
    ids = [f"a{i:05d}" for i in range(n)]
    articles = pd.DataFrame({"article_id": ids, "group": np.array(["left", "center", "right"])[np.arange(n) % 3],
                             "headline": [SENTENCE] * n, "event": "", "date_precision": "day",
                             "published": pd.Timestamp("2019-10-27")})
    verdicts = np.where(np.arange(n) % 2 == 0, "headline states as fact what the body qualifies",
                        "neither qualifies the claim")
    table = pd.DataFrame({"article_id": ids, "headline": SENTENCE, "headline_markers": "", "body_sentences": [[]] * n,
                          "body_markers": "", "verdict": verdicts})
    fig = headline_chart(table, articles, "lean")
    assert _size(fig) < 20_000 and {t.orientation for t in fig.data} == {"h"}
    shares = pd.DataFrame({t.name: t.x for t in fig.data}, index=fig.data[0].y)
    assert np.allclose(shares.sum(axis=1), 1)  # each group's headlines split by verdict
    left = articles["group"] == "left"
    expected = (verdicts[left.to_numpy()] == "headline states as fact what the body qualifies").mean()
    assert shares.loc["left", "headline states as fact what the body qualifies"] == expected
    assert len(headline_chart(table.head(2), articles).data) == 2  # a few articles: one bar pair per article

    stories = pd.DataFrame({"article_id": ids, "story_id": [i // 2 if i < 200 else i for i in range(n)]})
    fig = stories_timeline(stories, articles, "lean")
    drawn = {label for t in fig.data for label in t.y}
    assert len(drawn) == 60 and "largest of 4,900 stories" in fig.layout.meta["caption"]
    assert all(int(label.split(":")[0]) < 100 for label in drawn)  # the two-article stories, not the singletons
    # articles of one story published the same day sit side by side, one lane per group, not on top of each other
    assert fig.layout.scattermode == "group" and {t.orientation for t in fig.data} == {"h"}
