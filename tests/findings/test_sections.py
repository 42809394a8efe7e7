"""What each notebook compares, per article: numerators and denominators from the processed tables."""

from __future__ import annotations

import pandas as pd

from helpers.findings import sections
from helpers.grouping import GROUP

ARTICLES = pd.DataFrame({"article_id": ["a1", "a2", "a3"], GROUP: ["left", "left", "right"],
                         "outlet": ["A", "B", "C"], "n_words": [100, 200, 300]})


def by_id(items, finding: str) -> pd.DataFrame:
    measure, data = next((m, d) for m, d in items if m.finding == finding)
    return data.set_index("article_id")[["num", "den"]]


def test_source_types_count_quotes_per_article_and_anonymous_is_always_compared():
    quotes = pd.DataFrame({"article_id": ["a1", "a1", "a1", "a2", "a3"],
                           "speaker_type": ["politician", "anonymous", "politician", "politician", "police/security"],
                           "verb_class": ["neutral", "distancing", "", "neutral", "distancing"]})
    people = pd.DataFrame({"article_id": ["a1", "a1", "a3"], "n_quotes": [2, 0, 1],
                           "gender": ["female", "female", "male"]})
    items = sections.sources(ARTICLES, quotes, people, top=1)
    assert by_id(items, "sources.type.politician").to_dict("index") == {
        "a1": {"num": 2.0, "den": 3.0}, "a2": {"num": 1.0, "den": 1.0}, "a3": {"num": 0.0, "den": 1.0}}
    assert by_id(items, "sources.type.anonymous")["num"].tolist() == [1.0, 0.0, 0.0]
    distancing = by_id(items, "sources.verbs.distancing")  # of quotes with a reporting verb
    assert distancing["den"].tolist() == [2.0, 1.0, 1.0] and distancing["num"].tolist() == [1.0, 0.0, 1.0]
    quoted = by_id(items, "sources.gender.quoted_women")
    assert quoted.loc["a1"].tolist() == [1.0, 1.0] and quoted.loc["a3"].tolist() == [0.0, 1.0]


def test_blindspots_and_shared_stories_per_article():
    stories = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "story_id": [1, 1, 2]})
    facts = pd.DataFrame({"story_id": [1, 1, 1], "fact_id": [1, 2, 2], "article_id": ["a1", "a1", "a2"],
                          "sentence_id": [0, 1, 3]})
    mentions = pd.DataFrame(columns=["article_id", "entity", "entity_type"])
    items = sections.coverage(ARTICLES, mentions, stories, facts)
    assert by_id(items, "coverage.stories.shared")["num"].tolist() == [1.0, 1.0, 0.0]  # story 1: outlets A and B
    blind = by_id(items, "coverage.blindspots")  # story 1 is only the left group's; a3's story is not shared
    assert blind["num"].tolist() == [1.0, 1.0, 0.0] and blind["den"].tolist() == [1.0, 1.0, 0.0]
    left_out = by_id(items, "coverage.facts.left_out")  # a2 lacks fact 1 of the story's 2 facts
    assert left_out.loc["a1"].tolist() == [0.0, 2.0] and left_out.loc["a2"].tolist() == [1.0, 2.0]


def test_derivation_shares_per_article():
    derivation = pd.DataFrame({"article_id": ["a1", "a2", "a3"],
                               "label": ["wholly derived", "partially derived", "not derived"],
                               "shared_words": [90, 50, 0]})
    items = sections.reuse(ARTICLES, derivation)
    assert by_id(items, "reuse.derived")["num"].tolist() == [1.0, 1.0, 0.0]
    assert by_id(items, "reuse.wholly")["num"].tolist() == [1.0, 0.0, 0.0]
    assert by_id(items, "reuse.shared_words").loc["a2"].tolist() == [50.0, 200.0]
