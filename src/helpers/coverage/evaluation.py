"""Scoring stories and facts against hand-made truth (benchmarks and tests pass the truth in; nothing here
knows where it is kept).

* Stories, pairwise: over all pairs of articles, a pair is predicted when both articles are in one story and
  true when both report one event; precision, recall and F1 of those pairs, and the adjusted Rand index.
* Facts, pairwise on the gold set's own sentences (the BASIL fact alignment kept in ``tests/gold/``): the
  gold splits sentences with its own splitter, so each gold sentence is mapped to the parser's sentences it
  covers (by character offsets, at least half of the shorter one); a gold pair of sentences is predicted
  aligned when a parser sentence of the one shares a fact with a parser sentence of the other.
"""

from __future__ import annotations

import re
from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.cluster import pair_confusion_matrix


def pairwise_scores(predicted, truth) -> dict[str, float]:
    """Pairwise precision, recall, F1 and adjusted Rand index of a grouping (two label sequences)."""
    (_, fp), (fn, tp) = pair_confusion_matrix(list(truth), list(predicted)) // 2
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ari = adjusted_rand_score(list(truth), list(predicted))
    return {"precision": precision, "recall": recall, "f1": f1, "ari": ari,
            "true_pairs": int(tp + fn), "predicted_pairs": int(tp + fp), "groups": len(set(predicted))}


def _collapsed(text: str) -> tuple[str, np.ndarray]:
    """``text`` with every run of whitespace as one space, and the original offset of each kept character."""
    kept, offsets = [], []
    for match in re.finditer(r"\s+|\S+", text):
        if match.group().isspace():
            kept.append(" ")
            offsets.append(match.start())
        else:
            kept.append(match.group())
            offsets.extend(range(match.start(), match.end()))
    return "".join(kept), np.array(offsets, dtype=int)


def map_gold_sentences(gold_sentences: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame
                       ) -> pd.DataFrame:
    """Which parser sentences each gold sentence covers: ``article_id, gold_id, sentence_id``.

    ``gold_sentences`` has ``article_id, gold_id, text`` (in reading order); a gold sentence not found in the
    article's text (e.g. a line cleaning removed) maps to nothing.
    """
    texts = articles.set_index("article_id")["text"]
    rows = []
    for article_id, part in gold_sentences.groupby("article_id", sort=True):
        if article_id not in texts.index:
            continue
        collapsed, offsets = _collapsed(texts[article_id])
        mine = sentences[sentences["article_id"] == article_id]
        cursor = 0
        for gold_id, text in zip(part["gold_id"], part["text"], strict=True):
            where = collapsed.find(" ".join(str(text).split()), cursor)
            if where < 0:
                continue
            cursor = where + 1
            start, end = offsets[where], offsets[where + len(" ".join(str(text).split())) - 1] + 1
            overlap = np.minimum(end, mine["end_char"]) - np.maximum(start, mine["start_char"])
            shorter = np.minimum(end - start, mine["end_char"] - mine["start_char"])
            for sentence_id in mine.loc[overlap >= 0.5 * shorter, "sentence_id"]:
                rows.append({"article_id": article_id, "gold_id": int(gold_id), "sentence_id": int(sentence_id)})
    return pd.DataFrame(rows, columns=["article_id", "gold_id", "sentence_id"])


def alignment_pairs(facts: pd.DataFrame, mapping: pd.DataFrame, gold_pairs: pd.DataFrame, events: pd.DataFrame
                    ) -> pd.DataFrame:
    """Every cross-article pair of mapped gold sentences inside one event: whether gold aligns it and whether
    ``facts`` does.

    ``gold_pairs`` has ``article_a, gold_a, article_b, gold_b, relation``; ``events`` has ``article_id, event``.
    Returns ``event, article_a, gold_a, article_b, gold_b, gold, predicted, relation``.
    """
    fact_of = {(a, s): (st, f) for st, f, a, s in facts[["story_id", "fact_id", "article_id", "sentence_id"]]
               .itertuples(index=False)}
    covered = {key: {fact_of[(key[0], s)] for s in part["sentence_id"] if (key[0], s) in fact_of}
               for key, part in mapping.groupby(["article_id", "gold_id"])}
    relation = {}
    for row in gold_pairs.itertuples(index=False):
        key = tuple(sorted([(row.article_a, int(row.gold_a)), (row.article_b, int(row.gold_b))]))
        relation[key] = row.relation
    event_of = dict(zip(events["article_id"], events["event"], strict=True))
    by_event: dict[str, list[tuple[str, int]]] = {}
    for key in sorted(covered):
        by_event.setdefault(event_of.get(key[0], ""), []).append(key)
    rows = []
    for event, keys in sorted(by_event.items()):
        for first, second in combinations(keys, 2):
            if first[0] == second[0]:
                continue
            rows.append({"event": event, "article_a": first[0], "gold_a": first[1], "article_b": second[0],
                         "gold_b": second[1], "gold": (first, second) in relation,
                         "predicted": bool(covered[first] & covered[second]),
                         "relation": relation.get((first, second), "")})
    return pd.DataFrame(rows, columns=["event", "article_a", "gold_a", "article_b", "gold_b", "gold", "predicted",
                                       "relation"])


def alignment_scores(pairs: pd.DataFrame) -> dict[str, float]:
    """Precision, recall and F1 of :func:`alignment_pairs`, and the recall on each gold ``relation``."""
    tp = int((pairs["gold"] & pairs["predicted"]).sum())
    predicted, gold = int(pairs["predicted"].sum()), int(pairs["gold"].sum())
    precision = tp / predicted if predicted else 1.0
    recall = tp / gold if gold else 1.0
    scores = {"precision": precision, "recall": recall,
              "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
              "gold_pairs": gold, "predicted_pairs": predicted}
    for relation, part in pairs[pairs["gold"]].groupby("relation"):
        scores[f"recall_{relation}"] = float(part["predicted"].mean())
        scores[f"missed_{relation}"] = int((~part["predicted"]).sum())
        scores[f"gold_{relation}"] = len(part)
    return scores
