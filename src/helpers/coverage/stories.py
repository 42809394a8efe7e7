"""Stories: which articles report the same event, with the reasons kept per pair of articles.

After the online news-clustering literature (Miranda et al., EMNLP 2018): each pair of articles gets
separate similarities on its **lemmas** (content words of the body), its **entities** (canonical actors and
places, see the ``mentions`` table) and its **headline** (content words), each a TF-IDF cosine; their mean is
the pair's text similarity. A **time factor** discounts it by how far apart the two articles were published,
beyond what their dates' precision allows: a Gaussian of the gap, ``exp(-gap² / 2σ²)``, so a day or two
costs little and a week almost everything. An undated pair is judged on text alone with a stricter
threshold: its time factor is ``STORY_SIMILARITY / UNDATED_STORY_SIMILARITY``.

Articles are then grouped by **average linkage** (agglomerative clustering): the two groups with the highest
mean pair score merge, as long as that mean reaches ``STORY_SIMILARITY``. Unlike single-link chains, one
bridging pair cannot join two stories: every article of a story must resemble the others on average.

Scale: no dense all-pairs matrix. Articles are sorted by date and each block of rows is compared only with
the articles inside its date window (sparse products of the TF-IDF matrices); each article keeps its
``STORY_NEIGHBOURS`` best-scoring neighbours above ``STORY_LINK_FLOOR``, and pairs outside that sparse graph
count as 0 in the averages. Undated and imprecisely dated articles are compared with every article.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from helpers.config import (
    STORY_LEAD_SENTENCES,
    STORY_LINK_FLOOR,
    STORY_NEIGHBOURS,
    STORY_SIMILARITY,
    STORY_TIME_SIGMA_DAYS,
    STORY_WINDOW_DAYS,
    UNDATED_STORY_SIMILARITY,
    date_slack,
)

CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")  # as helpers.nlp.parse.CONTENT_POS
PARTS = ("lemmas", "entities", "lead")
BLOCK = 512  # rows per block of the sparse products


@dataclass
class StoryFeatures:
    """What the grouping compares, one row per article (in ``ids`` order): three L2-normed TF-IDF matrices,
    dates as days (NaN when undated) and the slack of each date's precision."""

    ids: list[str]
    lemmas: sparse.csr_matrix
    entities: sparse.csr_matrix
    lead: sparse.csr_matrix
    days: np.ndarray
    slack: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def tfidf(documents: list[list[str]], *, binary: bool = False) -> sparse.csr_matrix:
    """Rows of L2-normed TF-IDF weights (sublinear term frequency, or 0/1 when ``binary``; smoothed IDF)."""
    if not any(documents):
        return sparse.csr_matrix((len(documents), 1))
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True, binary=binary, norm="l2")
    return vectorizer.fit_transform(documents).astype(np.float32).tocsr()


def content_lemmas(tokens: pd.DataFrame, ids: list[str]) -> list[list[str]]:
    """Each article's content lemmas (nouns, proper nouns, verbs, adjectives, numbers; no stop words)."""
    kept = tokens[tokens["pos"].isin(CONTENT_POS) & ~tokens["is_stop"].astype(bool)
                  & tokens["text"].astype(str).str.isalpha()]
    lemmas = kept.groupby("article_id", sort=False)["lemma"].agg(list)
    return [lemmas.get(article_id, []) for article_id in ids]


def story_features(articles: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame,
                   headline_tokens: pd.DataFrame, *, lead_sentences: int = STORY_LEAD_SENTENCES) -> StoryFeatures:
    """The features of :func:`group_stories` from the ``articles``, ``tokens``, ``mentions`` and
    ``headline_tokens`` tables."""
    ids = list(articles["article_id"])
    entities = mentions.groupby("article_id", sort=False)["entity"].agg(list)
    lead = content_lemmas(tokens[tokens["sentence_id"] < lead_sentences], ids)
    published = pd.to_datetime(articles["published"])
    days = ((published - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    precision = articles["date_precision"] if "date_precision" in articles else pd.Series("", index=articles.index)
    return StoryFeatures(
        ids=ids, lemmas=tfidf(content_lemmas(tokens, ids)),
        entities=tfidf([entities.get(article_id, []) for article_id in ids], binary=True),
        lead=tfidf([h + b for h, b in zip(content_lemmas(headline_tokens, ids), lead, strict=True)]), days=days,
        slack=precision.map(date_slack).to_numpy(dtype=float),
    )


@dataclass(frozen=True)
class StoryParameters:
    """The grouping's parameters (defaults from :mod:`helpers.config`)."""

    threshold: float = STORY_SIMILARITY
    undated_threshold: float = UNDATED_STORY_SIMILARITY
    sigma_days: float = STORY_TIME_SIGMA_DAYS
    window_days: float = STORY_WINDOW_DAYS
    neighbours: int = STORY_NEIGHBOURS
    floor: float = STORY_LINK_FLOOR
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0)  # lemmas, entities, headline


DEFAULT_PARAMETERS = StoryParameters()


def pair_parts(features: StoryFeatures, rows: np.ndarray, cols: np.ndarray,
               parameters: StoryParameters = DEFAULT_PARAMETERS) -> pd.DataFrame:
    """The similarity parts, text score, time factor and score of the pairs (rows[k], cols[k])."""
    rows, cols = np.asarray(rows, dtype=int), np.asarray(cols, dtype=int)
    parts = {name: np.asarray(getattr(features, name)[rows].multiply(getattr(features, name)[cols]).sum(axis=1))
             .ravel() for name in PARTS}
    has = _has_rows(features)
    text = _combine(parts, {n: has[n][rows] & has[n][cols] for n in PARTS}, parameters.weights)
    gap, factor = _time(features, rows, cols, parameters)
    return pd.DataFrame({"a": rows, "b": cols, "days_apart": np.abs(features.days[rows] - features.days[cols]),
                         **parts, "text_score": text, "time_factor": factor, "score": text * factor,
                         "in_window": ~(gap > parameters.window_days)})


def _has_rows(features: StoryFeatures) -> dict[str, np.ndarray]:
    return {name: np.diff(getattr(features, name).indptr) > 0 for name in PARTS}


def _combine(parts: dict[str, np.ndarray], present: dict[str, np.ndarray], weights) -> np.ndarray:
    """Weighted mean of the parts both articles have (a missing headline does not count as dissimilar)."""
    total = sum(w * parts[n] * present[n] for n, w in zip(PARTS, weights, strict=True))
    weight = sum(w * present[n] for n, w in zip(PARTS, weights, strict=True))
    return np.divide(total, weight, out=np.zeros_like(total, dtype=float), where=weight > 0)


def _time(features: StoryFeatures, rows, cols, parameters: StoryParameters):
    """The gap beyond the dates' slack (NaN when undated) and the time factor."""
    gap = np.maximum(0.0, np.abs(features.days[rows] - features.days[cols])
                     - features.slack[rows] - features.slack[cols])
    undated = np.isnan(gap)
    factor = np.where(undated, parameters.threshold / parameters.undated_threshold,
                      np.exp(-0.5 * (np.nan_to_num(gap) / parameters.sigma_days) ** 2))
    return gap, factor


def candidate_pairs(features: StoryFeatures, parameters: StoryParameters = DEFAULT_PARAMETERS) -> pd.DataFrame:
    """The sparse graph of scored pairs: for each article, its best ``neighbours`` within the date window whose
    score reaches ``floor`` (rows of :func:`pair_parts`, ``a < b``, each pair once)."""
    n = len(features)
    if n < 2:
        return pair_parts(features, np.array([], dtype=int), np.array([], dtype=int), parameters)
    has = _has_rows(features)
    precise = ~np.isnan(features.days) & (features.slack <= 1)
    order = np.flatnonzero(precise)[np.argsort(features.days[precise], kind="stable")]
    sorted_days = features.days[order]
    margin = parameters.window_days + 2 * max(float(features.slack[precise].max(initial=0)), 0)
    found_rows, found_cols = [], []
    blocks = [order[s:s + BLOCK] for s in range(0, len(order), BLOCK)]
    everything = np.arange(n)
    blocks += [np.flatnonzero(~precise)[s:s + BLOCK] for s in range(0, int((~precise).sum()), BLOCK)]
    for block in blocks:
        if precise[block[0]]:
            lo = np.searchsorted(sorted_days, features.days[block].min() - margin, side="left")
            hi = np.searchsorted(sorted_days, features.days[block].max() + margin, side="right")
            cols = np.concatenate([order[lo:hi], np.flatnonzero(~precise)])
        else:
            cols = everything
        score = _block_scores(features, block, cols, has, parameters)
        score[block[:, None] == cols[None, :]] = 0.0
        keep = min(parameters.neighbours, len(cols))
        best = np.argpartition(-score, keep - 1, axis=1)[:, :keep] if keep < len(cols) else \
            np.tile(np.arange(len(cols)), (len(block), 1))
        chosen = np.take_along_axis(score, best, axis=1) >= parameters.floor
        found_rows.append(np.repeat(block, chosen.sum(axis=1)))
        found_cols.append(cols[best[chosen]])
    rows, cols = np.concatenate(found_rows), np.concatenate(found_cols)
    pairs = np.unique(np.stack([np.minimum(rows, cols), np.maximum(rows, cols)], axis=1), axis=0)
    return pair_parts(features, pairs[:, 0], pairs[:, 1], parameters)


def _block_scores(features: StoryFeatures, block, cols, has, parameters: StoryParameters) -> np.ndarray:
    """Dense scores of one block of rows against its window's columns (0 outside the window)."""
    parts = {name: (getattr(features, name)[block] @ getattr(features, name)[cols].T).toarray() for name in PARTS}
    present = {name: has[name][block][:, None] & has[name][cols][None, :] for name in PARTS}
    text = _combine(parts, present, parameters.weights)
    rows_grid, cols_grid = np.meshgrid(block, cols, indexing="ij")
    gap, factor = _time(features, rows_grid, cols_grid, parameters)
    return np.where(gap > parameters.window_days, 0.0, text * factor)


def average_linkage(n: int, a: np.ndarray, b: np.ndarray, weight: np.ndarray) -> list[tuple[float, int, int]]:
    """Agglomerative clustering of ``n`` items over a sparse graph (pairs ``a``–``b`` with ``weight``; absent
    pairs weigh 0): every merge as (mean weight between the two groups, group, group), best first.

    Groups are numbered as in scipy's linkage: items 0 … n-1, then n, n+1 … for each merge in order.
    """
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, w in zip(a.tolist(), b.tolist(), weight.tolist(), strict=True):
        if w > 0 and i != j:
            links[i][j] = links[i].get(j, 0.0) + w
            links[j][i] = links[j].get(i, 0.0) + w
    size = [1] * n
    alive = [True] * n
    heap = [(-w / 1.0, i, j) for i in range(n) for j, w in links[i].items() if i < j]
    heapq.heapify(heap)
    merges = []
    while heap:
        negative, i, j = heapq.heappop(heap)
        if not (alive[i] and alive[j]) or links[i].get(j) is None or -negative != links[i][j] / (size[i] * size[j]):
            continue
        new = len(size)
        merges.append((-negative, i, j))
        alive[i] = alive[j] = False
        merged: dict[int, float] = {}
        for old in (i, j):
            for k, w in links[old].items():
                if k not in (i, j):
                    merged[k] = merged.get(k, 0.0) + w
                    del links[k][old]
        links.append(merged)
        size.append(size[i] + size[j])
        alive.append(True)
        links[i], links[j] = {}, {}
        for k, w in merged.items():
            links[k][new] = w
            heapq.heappush(heap, (-w / (size[new] * size[k]), min(k, new), max(k, new)))
    return merges


def cut(n: int, merges: list[tuple[float, int, int]], threshold: float) -> np.ndarray:
    """Group labels (0 … n-1 for the first item of each group) of the merges whose mean weight ≥ ``threshold``."""
    parent = list(range(n + len(merges)))
    for step, (weight, i, j) in enumerate(merges):
        if weight >= threshold:
            parent[i] = parent[j] = n + step

    def root(k: int) -> int:
        while parent[k] != k:
            k = parent[k]
        return k

    roots = [root(k) for k in range(n)]
    first = {}
    return np.array([first.setdefault(r, k) for k, r in enumerate(roots)])


def group_stories(features: StoryFeatures, parameters: StoryParameters = DEFAULT_PARAMETERS
                  ) -> tuple[np.ndarray, pd.DataFrame]:
    """Each article's group label (its group's first article) and the scored pairs of the sparse graph.

    Groups merge while the mean ``score`` of their pairs reaches ``threshold`` (an undated pair's time factor
    already asks more of its text).
    """
    pairs = candidate_pairs(features, parameters)
    weight = pairs["score"].where(pairs["in_window"], 0.0).to_numpy()
    merges = average_linkage(len(features), pairs["a"].to_numpy(), pairs["b"].to_numpy(), weight)
    return cut(len(features), merges, parameters.threshold), pairs
