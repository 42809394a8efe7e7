"""Coverage tables, built with the NLP stage: which articles report the same story, and which facts.

* **Stories** group articles that report the same event: TF-IDF cosine
  similarity of their content lemmas and canonical entities, for articles
  published within a few days of each other, joined transitively.
* **Facts** align the sentences of a story's articles: two sentences from
  different articles state the same fact when each is the other's most
  similar sentence (content lemmas and entities, TF-IDF cosine) above a
  threshold. A sentence that matches nothing is a fact only its article reports.

The thresholds are in :mod:`helpers.config`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from helpers.config import FACT_SIMILARITY, STORY_SIMILARITY, STORY_WINDOW_DAYS, date_slack
from helpers.nlp.parse import ParsedCorpus


def story_tables(articles: pd.DataFrame, parsed: ParsedCorpus, mentions: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The ``stories`` and ``facts`` tables of the parsed articles."""
    stories = find_stories(articles, parsed, mentions)
    return {"stories": stories, "facts": align_facts(stories, articles, parsed, mentions)}


class _Groups:
    """Union-find over 0 … n-1: which items have been joined, directly or through others."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.root(j)] = self.root(i)


def _tfidf(token_lists: list[list[str]]):
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True, norm="l2")
    return vectorizer.fit_transform(token_lists)


def _entity_tokens(mentions: pd.DataFrame) -> dict[tuple[str, int], list[str]]:
    """(article_id, sentence_id) → the sentence's entities as extra tokens for similarity."""
    tokens: dict[tuple[str, int], list[str]] = {}
    for article_id, sentence_id, entity in zip(mentions["article_id"], mentions["sentence_id"], mentions["entity"],
                                               strict=True):
        tokens.setdefault((article_id, sentence_id), []).append(f"entity:{entity}")
    return tokens


def find_stories(
    articles: pd.DataFrame,
    parsed: ParsedCorpus,
    mentions: pd.DataFrame,
    *,
    threshold: float = STORY_SIMILARITY,
    window_days: int = STORY_WINDOW_DAYS,
) -> pd.DataFrame:
    """The ``stories`` table: each article's story, numbered from 1 in order of first publication.

    Two articles are linked when their cosine similarity is at least
    ``threshold`` and their dates are at most ``window_days`` apart, plus the
    slack of each date's precision (:func:`helpers.config.date_slack`); undated articles
    are linked on text alone.
    """
    ids = list(articles["article_id"])
    entity_tokens = _entity_tokens(mentions)
    documents = []
    for article_id in ids:
        content = parsed.features(article_id)["content"]
        tokens = [lemma for sentence in content for lemma in sentence]
        tokens += [t for number in range(len(content)) for t in entity_tokens.get((article_id, number), [])]
        documents.append(tokens)
    groups = _Groups(len(ids))
    if len(ids) > 1 and any(documents):
        matrix = _tfidf(documents)
        dates = pd.to_datetime(articles["published"]).to_numpy()
        precision = articles.get("date_precision", pd.Series("", index=articles.index))
        slack = precision.map(date_slack).to_numpy()
        for start in range(0, len(ids), 1000):
            block = (matrix[start:start + 1000] @ matrix.T).toarray()
            for offset, row in enumerate(block):
                i = start + offset
                for j in np.nonzero(row >= threshold)[0]:
                    if j > i and _within_window(dates[i], dates[j], window_days + slack[i] + slack[j]):
                        groups.join(i, j)

    order = articles.assign(_root=[groups.root(i) for i in range(len(ids))],
                            _date=pd.to_datetime(articles["published"]))
    first = order.sort_values(["_date", "article_id"], na_position="last").drop_duplicates("_root")
    numbers = {group: n for n, group in enumerate(first["_root"], start=1)}
    stories = pd.DataFrame({"article_id": ids, "story_id": [numbers[r] for r in order["_root"]]})
    return stories.sort_values(["story_id", "article_id"]).reset_index(drop=True)


def _within_window(a, b, days: float) -> bool:
    if pd.isna(a) or pd.isna(b):
        return True
    return abs((pd.Timestamp(a) - pd.Timestamp(b)).days) <= days


def align_facts(
    stories: pd.DataFrame,
    articles: pd.DataFrame,
    parsed: ParsedCorpus,
    mentions: pd.DataFrame,
    *,
    threshold: float = FACT_SIMILARITY,
) -> pd.DataFrame:
    """The ``facts`` table: every sentence of every story, grouped into facts.

    Within a story, sentences of two different articles that are each
    other's best match with cosine similarity ≥ ``threshold`` state the same
    fact; facts are numbered from 1 per story in reading order of the
    earliest article.
    """
    entity_tokens = _entity_tokens(mentions)
    dates = dict(zip(articles["article_id"], pd.to_datetime(articles["published"]), strict=True))
    rows = []
    for story_id, members in stories.groupby("story_id", sort=True):
        ordered = sorted(members["article_id"], key=lambda a: (pd.isna(dates[a]), dates[a], a))
        sentences = []  # (article_id, sentence_id, tokens)
        for article_id in ordered:
            for number, lemmas in enumerate(parsed.features(article_id)["content"]):
                sentences.append((article_id, number, lemmas + entity_tokens.get((article_id, number), [])))
        groups = _Groups(len(sentences))
        if len(ordered) > 1 and any(tokens for _, _, tokens in sentences):
            vectors = _tfidf([tokens for _, _, tokens in sentences])
            similarity = (vectors @ vectors.T).toarray()
            positions = {a: [i for i, s in enumerate(sentences) if s[0] == a] for a in ordered}
            for n, first in enumerate(ordered):
                for second in ordered[n + 1:]:
                    rows_a, rows_b = positions[first], positions[second]
                    block = similarity[np.ix_(rows_a, rows_b)]
                    if block.size == 0:
                        continue
                    best_b, best_a = block.argmax(axis=1), block.argmax(axis=0)
                    for i, j in enumerate(best_b):
                        if best_a[j] == i and block[i, j] >= threshold:
                            groups.join(rows_a[i], rows_b[j])
        numbers: dict[int, int] = {}
        for i, (article_id, sentence_id, _) in enumerate(sentences):
            fact = numbers.setdefault(groups.root(i), len(numbers) + 1)
            rows.append({"story_id": story_id, "fact_id": fact, "article_id": article_id, "sentence_id": sentence_id})
    facts = pd.DataFrame(rows, columns=["story_id", "fact_id", "article_id", "sentence_id"])
    return facts.sort_values(["story_id", "fact_id", "article_id", "sentence_id"]).reset_index(drop=True)




# --- summaries for the notebook ---------------------------------------------------------------












