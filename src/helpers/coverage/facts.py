"""Facts: the sentences of a story's articles aligned into the facts they state.

Each sentence is a bag of its content lemmas, its canonical entities (``entity:…``) and its numbers, weighted
by TF-IDF with the IDF of the whole corpus's sentences (a word rare in the corpus counts, even when every
article of the story uses it). Within a story, sentences are grouped into facts by average linkage (as
stories are, :mod:`helpers.coverage.stories`): two groups merge while the mean cosine between their sentences
of different articles reaches ``FACT_SIMILARITY`` (two sentences of one article count 0: an article rarely
states a fact twice). So a fact may hold one sentence of each article, or two of a long article that a short
one states in one sentence; one loose match cannot chain two facts together. A sentence that matches nothing
is a fact only its article reports.

Lexical overlap is the method's limit: two sentences that state one fact in different words (a paraphrase)
are mostly missed (measured on the hand-aligned BASIL sentences: ``benchmarks/bench_facts.py``).
Sentence embeddings (all-MiniLM-L6-v2) were measured as a remedy and left out: they lift pairwise F1 by 0.02 to
0.03 on held-out events, and not at all as facts (``benchmarks/bench_facts_embeddings.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from helpers.config import FACT_LINK_FLOOR, FACT_SIMILARITY
from helpers.coverage.stories import average_linkage, cut

CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
FACT_COLUMNS = ["story_id", "fact_id", "article_id", "sentence_id"]


def sentence_bags(tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence (``article_id``, ``sentence_id``) with its ``bag``: content lemmas, ``entity:…``
    tokens for its canonical entities, and its numbers (``num:…``) as written."""
    sentences = tokens[["article_id", "sentence_id"]].drop_duplicates()
    tokens = tokens.assign(text=tokens["text"].astype(str))
    mentions = mentions.assign(entity=mentions["entity"].astype(str))
    kept = tokens[tokens["pos"].isin(CONTENT_POS) & ~tokens["is_stop"].astype(bool) & tokens["text"].str.isalpha()]
    numbers = tokens[tokens["pos"].eq("NUM") & tokens["text"].str.contains(r"\d", regex=True)]
    bags = pd.concat([kept[["article_id", "sentence_id", "lemma"]].rename(columns={"lemma": "token"}),
                      numbers.assign(token="num:" + numbers["text"].str.replace(",", ""))[
                          ["article_id", "sentence_id", "token"]],
                      mentions.assign(token="entity:" + mentions["entity"])[["article_id", "sentence_id", "token"]]])
    grouped = bags.groupby(["article_id", "sentence_id"])["token"].agg(list)
    sentences = sentences.merge(grouped.rename("bag").reset_index(), on=["article_id", "sentence_id"], how="left")
    sentences["bag"] = [b if isinstance(b, list) else [] for b in sentences["bag"]]
    return sentences.sort_values(["article_id", "sentence_id"]).reset_index(drop=True)


def align_facts(stories: pd.DataFrame, articles: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame, *,
                threshold: float = FACT_SIMILARITY) -> pd.DataFrame:
    """The ``facts`` table: every sentence of every story, grouped into facts (see the module docstring).

    Facts are numbered from 1 per story in reading order of the earliest article, then of the next one.
    """
    if tokens.empty or stories.empty:
        return pd.DataFrame(columns=FACT_COLUMNS)
    bags = sentence_bags(tokens, mentions)
    if bags.empty:
        return pd.DataFrame(columns=FACT_COLUMNS)
    vectors = (TfidfVectorizer(analyzer=lambda tokens_: tokens_, sublinear_tf=True, norm="l2")
               .fit_transform(bags["bag"]) if any(len(b) for b in bags["bag"]) else None)
    keys_of: dict[str, list[int]] = {}
    for row, article_id in enumerate(bags["article_id"]):
        keys_of.setdefault(article_id, []).append(row)
    dates = dict(zip(articles["article_id"], pd.to_datetime(articles["published"]), strict=True))
    frames = []
    for story_id, members in stories.groupby("story_id", sort=True):
        ordered = sorted(members["article_id"], key=lambda a: (pd.isna(dates[a]), dates[a], a))
        rows = [r for a in ordered for r in keys_of.get(a, [])]
        labels = _facts_of(vectors[rows], bags["article_id"].to_numpy()[rows], threshold) \
            if vectors is not None and len(ordered) > 1 else np.arange(len(rows))
        numbers: dict[int, int] = {}
        frames.append(pd.DataFrame({"story_id": story_id, "fact_id": [numbers.setdefault(int(x), len(numbers) + 1)
                                                                       for x in labels],
                                    "article_id": bags["article_id"].to_numpy()[rows],
                                    "sentence_id": bags["sentence_id"].to_numpy()[rows].astype(int)}))
    facts = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FACT_COLUMNS)
    return facts[FACT_COLUMNS].sort_values(["story_id", "fact_id", "article_id", "sentence_id"]).reset_index(drop=True)


def _facts_of(vectors, article: np.ndarray, threshold: float) -> np.ndarray:
    """Average linkage of one story's sentences on the cosine of sentences of different articles (0 within one)."""
    similarity = (vectors @ vectors.T).tocoo()
    keep = (similarity.row < similarity.col) & (article[similarity.row] != article[similarity.col]) \
        & (similarity.data >= FACT_LINK_FLOOR)
    merges = average_linkage(len(article), similarity.row[keep], similarity.col[keep], similarity.data[keep])
    return cut(len(article), merges, threshold)
