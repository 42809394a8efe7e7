"""Story grouping: average linkage, the sparse neighbour search, story_links, blindspots and the evaluation helpers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from helpers.config import STORY_SIMILARITY, UNDATED_STORY_SIMILARITY
from helpers.coverage.evaluation import alignment_pairs, alignment_scores, map_gold_sentences, pairwise_scores
from helpers.coverage.measures import (
    blindspots,
    shared_entities,
    single_reporter_first,
    story_sizes,
    worked_pair,
)
from helpers.coverage.stories import StoryFeatures, StoryParameters, average_linkage, candidate_pairs, cut
from helpers.grouping import bind_group
from helpers.schema import TABLES

A000, A001 = "000_2f528448200b9161", "001_f74d515aac572341"


def test_one_bridging_pair_does_not_join_two_stories():
    """Single link would chain A-B and C-D through the loose B-C pair; average linkage keeps two stories."""
    a, b, w = np.array([0, 2, 1]), np.array([1, 3, 2]), np.array([0.9, 0.8, 0.3])
    labels = cut(4, average_linkage(4, a, b, w), 0.2)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    # a third article close to both of a story's articles joins it
    labels = cut(3, average_linkage(3, np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([0.9, 0.3, 0.25])), 0.2)
    assert len(set(labels)) == 1


def test_merges_come_best_first_and_stop_below_the_threshold():
    merges = average_linkage(3, np.array([0, 1]), np.array([1, 2]), np.array([0.5, 0.3]))
    assert [round(m[0], 3) for m in merges] == [0.5, 0.15]  # (0.3 + 0) / 2 for the second merge
    assert list(cut(3, merges, 0.2)) == [0, 0, 2]


def _features(days: list[float], rows: list[list[float]]) -> StoryFeatures:
    matrix = sparse.csr_matrix(np.array(rows, dtype=np.float32))
    return StoryFeatures(ids=[f"a{i}" for i in range(len(days))], lemmas=matrix, entities=matrix, lead=matrix,
                         days=np.array(days, dtype=float), slack=np.zeros(len(days)))


def test_the_neighbour_search_scores_only_pairs_inside_the_date_window():
    same = [1.0, 0.0]
    features = _features([0, 1, 400, 401, 800], [same, same, same, same, same])
    pairs = candidate_pairs(features)
    assert sorted(zip(pairs["a"], pairs["b"], strict=True)) == [(0, 1), (2, 3)]
    assert pairs["time_factor"].between(0.9, 1).all()


def test_an_undated_pair_needs_the_stricter_text_threshold():
    cosine = (STORY_SIMILARITY + UNDATED_STORY_SIMILARITY) / 2  # between the two thresholds
    texts = [[1.0, 0.0], [cosine, math.sqrt(1 - cosine**2)]]
    dated, undated = _features([0, 0], texts), _features([np.nan, np.nan], texts)
    parameters = StoryParameters()
    assert (cut(2, average_linkage(2, *_graph(dated, parameters)), STORY_SIMILARITY) == [0, 0]).all()
    assert (cut(2, average_linkage(2, *_graph(undated, parameters)), STORY_SIMILARITY) == [0, 1]).all()
    assert candidate_pairs(undated)["time_factor"].iloc[0] == pytest.approx(STORY_SIMILARITY
                                                                            / UNDATED_STORY_SIMILARITY)


def _graph(features, parameters):
    pairs = candidate_pairs(features, parameters)
    return pairs["a"].to_numpy(), pairs["b"].to_numpy(), pairs["score"].to_numpy()


@pytest.fixture(scope="module")
def seed(seed_build) -> dict[str, pd.DataFrame]:
    return seed_build[1]


def test_story_links_explain_why_000_and_001_are_one_story(seed):
    links = seed["story_links"]
    assert list(links.columns) == TABLES["story_links"].column_names
    pair = links[(links["article_a"] == A000) & (links["article_b"] == A001)].iloc[0]
    assert pair["same_story"] and pair["rule"].startswith("linked")
    assert pair["score"] >= STORY_SIMILARITY
    assert pair["score"] == pytest.approx(pair["text_score"] * pair["time_factor"], abs=1e-3)
    assert pair["text_score"] == pytest.approx((pair["lemmas"] + pair["entities"] + pair["lead"]) / 3, abs=1e-3)
    assert pair["days_apart"] == 1
    best = worked_pair(links)
    assert (best["article_a"], best["article_b"]) == (A000, A001)
    # every other scored pair is apart, below the threshold
    others = links[~((links["article_a"] == A000) & (links["article_b"] == A001))]
    assert not others["same_story"].any() and (others["score"] < STORY_SIMILARITY).all()


def test_shared_entities_of_the_worked_pair(seed):
    table = shared_entities(seed["mentions"], A000, A001)
    assert list(table.columns) == ["entity", A000, A001]
    assert {"Sergey Lavrov", "Abu Bakr al-Baghdadi", "Islamic State"} <= set(table["entity"])
    assert (table[[A000, A001]] > 0).all().all()


def test_story_sizes_of_the_example_corpus(seed):
    sizes = story_sizes(seed["stories"])
    assert sizes.to_dict("list") == {"articles_in_story": [1, 2], "stories": [3, 1], "articles": [3, 2]}


def test_blindspots_list_the_stories_only_one_group_covered(seed):
    articles = bind_group(seed["articles"], "outlet")
    table = blindspots(seed["stories"], articles).set_index("story_id")
    stories = seed["stories"].set_index("article_id")["story_id"]
    # 002 (London Glossy Post) is a story nobody else covered; the 000/001 story has two outlets
    assert table.loc[stories["002_be06c18b9430b084"], "group"] == "London Glossy Post"
    assert "Associated Press" in table.loc[stories["002_be06c18b9430b084"], "missed_by"]
    assert stories[A000] not in table.index
    assert len(table) == 3
    assert blindspots(seed["stories"], articles, min_articles=2).empty
    assert blindspots(seed["stories"], bind_group(seed["articles"].assign(one="x"), "one")).empty


def test_blindspots_by_lean():
    articles = bind_group(pd.DataFrame({
        "article_id": ["fox", "nyt", "hpo", "fox2", "nyt2"], "lean": ["right", "left", "left", "right", "left"],
        "published": pd.to_datetime(["2019-01-19", "2019-01-18", "2019-01-18", "2018-08-29", "2016-06-13"]),
        "headline": ["Trump appreciates Mueller statement", "Mueller's office disputes BuzzFeed report",
                     "Mueller disputes BuzzFeed", "Trump slams Huma Abedin", "Trump criticizes Obama"]}), "lean")
    stories = pd.DataFrame({"article_id": ["fox", "nyt", "hpo", "fox2", "nyt2"], "story_id": [1, 1, 1, 2, 3]})
    table = blindspots(stories, articles)
    assert table[["group", "story_id", "missed_by"]].to_dict("list") == {
        "group": ["left", "right"], "story_id": [3, 2], "missed_by": ["right", "left"]}
    assert table.loc[1, "headline"] == "Trump slams Huma Abedin"


def test_facts_only_one_article_reports_come_first():
    table = pd.DataFrame({"fact_id": [1, 2, 3, 4, 5], "reported_by": [3, 1, 2, 1, 1],
                          "a": ["x", "", "x", "", "x"], "b": ["x", "x", "x", "", ""], "c": ["x", "", "", "x", ""]})
    ordered = single_reporter_first(table)
    assert list(ordered["fact_id"]) == [5, 2, 4, 1, 3]


def test_pairwise_scores():
    scores = pairwise_scores([1, 1, 2, 2, 3], ["e", "e", "e", "f", "f"])
    # true pairs: 01 02 12 34; predicted: 01 23 → one true positive
    assert (scores["precision"], scores["recall"]) == (0.5, 0.25)
    assert scores["f1"] == pytest.approx(1 / 3)
    assert pairwise_scores([1, 1, 2], ["a", "a", "b"])["ari"] == 1.0


def test_gold_sentences_map_to_the_parser_sentences_they_cover():
    text = ("Gov. Jan Brewer vetoed the bill on Wednesday. She said it was broadly worded.\n\n"
            "Supporters   said the bill protected religious freedom.")
    articles = pd.DataFrame({"article_id": ["a"], "text": [text]})
    starts = [0, text.index("She"), text.index("Supporters")]
    ends = [text.index(" She"), text.index("\n"), len(text)]
    sentences = pd.DataFrame({"article_id": "a", "sentence_id": [0, 1, 2], "start_char": starts, "end_char": ends})
    gold = pd.DataFrame({"article_id": "a", "gold_id": [0, 1, 2], "text": [
        "Gov. Jan Brewer vetoed the bill on Wednesday. She said it was broadly worded.",  # merged by the gold splitter
        "Supporters said the bill protected religious freedom.",  # whitespace collapsed
        "A line cleaning removed."]})
    mapping = map_gold_sentences(gold, sentences, articles)
    assert mapping[["gold_id", "sentence_id"]].values.tolist() == [[0, 0], [0, 1], [1, 2]]


def test_alignment_scores_count_pairs_of_gold_sentences():
    mapping = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "gold_id": [0, 1, 0, 1],
                            "sentence_id": [0, 1, 0, 1]})
    events = pd.DataFrame({"article_id": ["a", "b"], "event": ["e", "e"]})
    gold = pd.DataFrame({"article_a": ["a", "a"], "gold_a": [0, 1], "article_b": ["b", "b"], "gold_b": [0, 1],
                         "relation": ["same", "paraphrase"]})
    facts = pd.DataFrame({"story_id": 1, "fact_id": [1, 2, 1, 3], "article_id": ["a", "a", "b", "b"],
                          "sentence_id": [0, 1, 0, 1]})
    pairs = alignment_pairs(facts, mapping, gold, events)
    assert len(pairs) == 4 and pairs["gold"].sum() == 2
    scores = alignment_scores(pairs)
    assert (scores["precision"], scores["recall"]) == (1.0, 0.5)
    assert (scores["missed_paraphrase"], scores["recall_same"]) == (1, 1.0)
