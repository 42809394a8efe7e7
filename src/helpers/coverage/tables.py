"""Coverage tables, built with the NLP stage: which articles report the same story, why, and which facts.

* **stories** and **story_links**: articles grouped by the event they report (:mod:`helpers.coverage.stories`:
  lemma, entity and headline-and-lead similarities, a time factor, average linkage), with every scored pair
  kept so that the notebook can show why two articles are, or are not, one story.
* **facts**: the sentences of each story's articles aligned into facts (:mod:`helpers.coverage.facts`).

The thresholds are in :mod:`helpers.config`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.coverage.facts import align_facts
from helpers.coverage.stories import (
    DEFAULT_PARAMETERS,
    PARTS,
    StoryParameters,
    group_stories,
    pair_parts,
    story_features,
)

LINK_COLUMNS = ["article_a", "article_b", "days_apart", *PARTS, "text_score", "time_factor", "score", "same_story",
                "rule"]
RULES = {
    (True, True): "linked: score ≥ threshold",
    (True, False): "same story through the others: the groups' mean score ≥ threshold",
    (False, True): "kept apart: mean score with the other story's articles < threshold",
    (False, False): "apart: score < threshold",
}


def story_tables(articles: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame,
                 headline_tokens: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The ``stories``, ``story_links`` and ``facts`` tables from the articles and their NLP tables."""
    stories, links = find_stories(articles, tokens, mentions, headline_tokens)
    return {"stories": stories, "story_links": links, "facts": align_facts(stories, articles, tokens, mentions)}


def find_stories(articles: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame,
                 headline_tokens: pd.DataFrame, *, parameters: StoryParameters = DEFAULT_PARAMETERS
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``stories`` table (each article's story, numbered from 1 in order of first publication, undated
    last) and the ``story_links`` table (the scored pairs: the sparse graph, plus every pair inside a story)."""
    articles = articles.reset_index(drop=True)
    features = story_features(articles, tokens, mentions, headline_tokens)
    labels, pairs = group_stories(features, parameters)
    order = articles.assign(_label=labels, _date=pd.to_datetime(articles["published"]))
    first = order.sort_values(["_date", "article_id"], na_position="last").drop_duplicates("_label")
    numbers = {label: n for n, label in enumerate(first["_label"], start=1)}
    story = np.array([numbers[label] for label in labels], dtype=int)
    stories = pd.DataFrame({"article_id": features.ids, "story_id": story})
    stories = stories.sort_values(["story_id", "article_id"]).reset_index(drop=True)
    return stories, _links(features, story, pairs, parameters)


def _links(features, story: np.ndarray, pairs: pd.DataFrame, parameters: StoryParameters) -> pd.DataFrame:
    """Every scored pair, and every pair inside a story not scored yet, with its parts and its rule."""
    scored = set(zip(pairs["a"], pairs["b"], strict=True))
    inside = [(i, j) for members in pd.Series(range(len(story))).groupby(story).agg(list)
              for n, i in enumerate(members) for j in members[n + 1:] if (i, j) not in scored]
    if inside:
        extra = pair_parts(features, np.array([p[0] for p in inside]), np.array([p[1] for p in inside]), parameters)
        pairs = pd.concat([pairs, extra], ignore_index=True)
    ids = np.array(features.ids, dtype=object)
    a, b = pairs["a"].to_numpy(), pairs["b"].to_numpy()
    swap = ids[a] > ids[b]
    same = story[a] == story[b]
    links = pairs.assign(article_a=np.where(swap, ids[b], ids[a]), article_b=np.where(swap, ids[a], ids[b]),
                         same_story=same)
    links["score"] = links["score"].where(links["in_window"], 0.0)
    above = links["score"].to_numpy() >= parameters.threshold
    links["rule"] = [RULES[(bool(s), bool(t))] for s, t in zip(same, above, strict=True)]
    for column in (*PARTS, "text_score", "time_factor", "score"):
        links[column] = links[column].astype(float).round(4)
    return links[LINK_COLUMNS].sort_values(["article_a", "article_b"]).reset_index(drop=True)
