"""Text reuse: which articles share passages, and which one most likely copied which.

Functions over the ``articles`` table. Words are normalised (lower case, no
punctuation, British spellings folded into American ones) so that "Defence"
and "Defense", curly and straight quotes do not break a match. Then:

- **containment** of a target article B in a source A: the share of B's word
  5-grams (shingles) that also occur in A, |S(A) ∩ S(B)| / |S(B)| (directional);
- **alignment**: the shared passages themselves, grown from shared 5-gram
  seeds and tolerating small changes (a word replaced, a few inserted or
  dropped), as character spans in each article's ``articles.text``;
- **derivation**: a METER-style label per article (Clough et al. 2002):
  wholly, partially or not derived from another article of the corpus, and
  which one it most likely derives from.

All pairs are compared in small corpora; above ``lsh_min_articles`` articles the
candidate pairs come from MinHash LSH over paragraph chunks (``datasketch``'s
MinHash permutations, banded with numpy), which finds copies, rewrites and
excerpts without comparing every pair, and only those are compared and
aligned. Outputs are sorted, so they are deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.config import LSH_MIN_ARTICLES, PARTIALLY_DERIVED, REUSE_SCREEN, WHOLLY_DERIVED, date_slack
from helpers.reuse.align import align_words, shared_word_count
from helpers.reuse.candidates import candidate_pairs
from helpers.reuse.text import ids_and_offsets, shingle_hashes

WIRE = re.compile(r"\b(AP|Associated Press|Reuters|AFP|Agence France[- ]Presse|PA|Press Association|UPI|dpa|"
                  r"ANSA|EFE|Xinhua|TASS|ANI|PTI|Kyodo|Yonhap)\b")


# --- alignment ---------------------------------------------------------------------------------










# --- candidate pairs ---------------------------------------------------------------------------








# --- the tables --------------------------------------------------------------------------------


def compare_pairs(articles: pd.DataFrame, *, lsh_min_articles: int = LSH_MIN_ARTICLES) -> tuple[pd.DataFrame,
                                                                                                pd.DataFrame]:
    """Containment and shared passages for every candidate pair of ``articles`` (needs article_id, text).

    Returns (``reuse`` rows without labels, ``reuse_passages``): one row per
    ordered pair (source, target) in both directions, with ``containment``
    of the target in the source, ``shared_words`` (target words inside the
    shared passages) and ``share`` (those words over the target's words).

    Exact copies (the same words after normalisation) are grouped first: each copy is compared with
    the group's earliest article, however many copies there are, and only that one takes part in the
    search for other candidate pairs (:func:`helpers.reuse.candidates.candidate_pairs`).
    """
    words = ReuseWords.of(articles)
    return reuse_frames([pair_rows(words, pairs_to_compare(articles, words, lsh_min_articles=lsh_min_articles))])


@dataclass
class ReuseWords:
    """The articles' ids and texts with their normalised word ids, word offsets and shingle hashes."""

    ids: list[str]
    texts: list[str]
    hashed: list[np.ndarray]
    offsets: list[tuple[np.ndarray, np.ndarray]]
    hashes: list[np.ndarray]

    @classmethod
    def of(cls, articles: pd.DataFrame) -> ReuseWords:
        ids, texts = list(articles["article_id"]), [str(t) for t in articles["text"]]
        hashed, offsets = zip(*(ids_and_offsets(t) for t in texts), strict=True) if texts else ((), ())
        return cls(ids, texts, list(hashed), list(offsets), [shingle_hashes(w) for w in hashed])


def pair_rows(words: ReuseWords, pairs: list[tuple[int, int]]) -> tuple[list[dict], list[dict]]:
    """The ``reuse`` and ``reuse_passages`` rows of the pairs (a, b) of positions in ``words`` (both
    directions of each pair)."""
    ids, texts, hashed, offsets = words.ids, words.texts, words.hashed, words.offsets
    unique: dict[int, np.ndarray] = {}
    rows, passage_rows = [], []
    for a, b in pairs:
        for i in (a, b):
            if i not in unique:
                unique[i] = np.unique(words.hashes[i])
        common = len(np.intersect1d(unique[a], unique[b], assume_unique=True))
        c_ba, c_ab = common / max(len(unique[b]), 1), common / max(len(unique[a]), 1)
        passages = (align_words([], [], source_ids=hashed[a], target_ids=hashed[b])
                    if max(c_ab, c_ba) >= REUSE_SCREEN or len(ids) < 50 else [])
        for (src, tgt, c, src_side, tgt_side) in ((a, b, c_ba, "source", "target"), (b, a, c_ab, "target", "source")):
            shared = shared_word_count(passages, tgt_side)
            rows.append({"source_id": ids[src], "target_id": ids[tgt], "containment": c, "shared_words": shared,
                         "share": shared / max(len(hashed[tgt]), 1), "n_passages": len(passages)})
            for number, p in enumerate(sorted(passages, key=lambda p: getattr(p, f"{tgt_side}_start"))):
                t0, t1 = getattr(p, f"{tgt_side}_start"), getattr(p, f"{tgt_side}_end")
                s0, s1 = getattr(p, f"{src_side}_start"), getattr(p, f"{src_side}_end")
                t_start, t_end = int(offsets[tgt][0][t0]), int(offsets[tgt][1][t1 - 1])
                passage_rows.append({
                    "source_id": ids[src], "target_id": ids[tgt], "passage_id": number,
                    "target_start": t_start, "target_end": t_end,
                    "source_start": int(offsets[src][0][s0]), "source_end": int(offsets[src][1][s1 - 1]),
                    "n_words": t1 - t0, "n_matched": p.n_matched, "text": texts[tgt][t_start:t_end],
                })
    return rows, passage_rows


def reuse_frames(parts: list[tuple[list[dict], list[dict]]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sorted ``reuse`` (without labels) and ``reuse_passages`` frames from parts of :func:`pair_rows`."""
    reuse = pd.DataFrame([row for rows, _ in parts for row in rows],
                         columns=["source_id", "target_id", "containment", "shared_words", "share", "n_passages"])
    passages = pd.DataFrame([row for _, rows in parts for row in rows],
                            columns=["source_id", "target_id", "passage_id", "target_start", "target_end",
                                     "source_start", "source_end", "n_words", "n_matched", "text"])
    return (reuse.sort_values(["source_id", "target_id"]).reset_index(drop=True),
            passages.sort_values(["source_id", "target_id", "passage_id"]).reset_index(drop=True))


def pairs_to_compare(articles: pd.DataFrame, words: ReuseWords, *,
                     lsh_min_articles: int = LSH_MIN_ARTICLES) -> list[tuple[int, int]]:
    """Positions (a, b) to compare: each exact copy with its group's earliest article, then candidate pairs of
    the distinct texts."""
    return _pairs_to_compare(articles, words.texts, words.hashed, words.hashes, words.offsets, lsh_min_articles)


def _pairs_to_compare(articles, texts, hashed, hashes, offsets, lsh_min_articles) -> list[tuple[int, int]]:
    """Positions (a, b) to compare: each exact copy with its group's earliest article, then candidate pairs of
    the distinct texts."""
    dates = pd.to_datetime(articles["published"]) if "published" in articles else pd.Series(pd.NaT, articles.index)
    order = sorted(range(len(texts)), key=lambda i: (pd.isna(dates.iloc[i]),
                                                      dates.iloc[i] if pd.notna(dates.iloc[i]) else 0,
                                                      str(articles["article_id"].iloc[i])))
    groups: dict[bytes, list[int]] = {}
    for i in order:
        groups.setdefault(hashed[i].tobytes(), []).append(i)
    firsts = sorted(group[0] for group in groups.values())
    pairs = [(firsts[a], firsts[b]) for a, b in candidate_pairs(
        [texts[i] for i in firsts], [hashes[i] for i in firsts], lsh_min_articles,
        starts=[offsets[i][0] for i in firsts])]
    pairs += [(group[0], copy) for group in groups.values() for copy in group[1:]]
    return sorted(pairs)


def label_for(share: float) -> str:
    """METER's three classes from the share of an article's words shared with its source."""
    if share >= WHOLLY_DERIVED:
        return "wholly derived"
    if share >= PARTIALLY_DERIVED:
        return "partially derived"
    return "not derived"


def is_wire_copy(article: pd.Series | dict) -> bool:
    """True when the article's dateline or outlet names a news agency (AP, Reuters, AFP …)."""
    return bool(WIRE.search(f"{article.get('dateline', '') or ''} | {article.get('outlet', '') or ''}"))


def earlier(a: dict, b: dict, share_a_in_b: float, share_b_in_a: float) -> tuple[bool, str]:
    """Whether article ``a`` is the original of ``b`` (rather than a copy of it), and the rule that decided.

    In order: publication dates, when they differ by more than their
    precision allows; wire copy (a dateline or outlet naming a news agency)
    before other outlets; the article less contained in the other (a copy
    usually cuts its source); the article id.
    """
    date_a, date_b = a.get("published"), b.get("published")
    if pd.notna(date_a) and pd.notna(date_b):
        slack = sum(date_slack(x.get("date_precision", "")) for x in (a, b))
        days = (pd.Timestamp(date_b) - pd.Timestamp(date_a)).days
        if abs(days) > slack:
            return days > 0, "earlier date"
    wire_a, wire_b = is_wire_copy(a), is_wire_copy(b)
    if wire_a != wire_b:
        return wire_a, "wire copy"
    if round(share_a_in_b, 6) != round(share_b_in_a, 6):
        return share_b_in_a > share_a_in_b, "less contained"
    return a["article_id"] < b["article_id"], "article id"


def derivation(articles: pd.DataFrame, reuse: pd.DataFrame) -> pd.DataFrame:
    """One row per article: its METER label, the article it most likely derives from, and why that one.

    A candidate source shares at least ``PARTIALLY_DERIVED`` of the article's words
    and is not itself judged a copy of the article (see :func:`earlier`);
    the most likely source shares the most words, earlier date first on ties.
    """
    info = {row["article_id"]: row for row in articles.to_dict("records")}
    share = {(r.source_id, r.target_id): r.share for r in reuse.itertuples()}
    found = []
    for article_id in sorted(info):
        candidates = []
        for r in reuse[(reuse["target_id"] == article_id) & (reuse["share"] >= PARTIALLY_DERIVED)].itertuples():
            original, rule = earlier(info[r.source_id], info[article_id], share.get((article_id, r.source_id), 0.0),
                                     r.share)
            if original:
                date = info[r.source_id].get("published")
                candidates.append((-r.share, pd.Timestamp(date) if pd.notna(date) else pd.Timestamp.max,
                                   r.source_id, r, rule))
        if candidates:
            _, _, source_id, r, rule = min(candidates)
            found.append({"article_id": article_id, "label": label_for(r.share), "source_id": source_id,
                          "share": r.share, "containment": r.containment, "shared_words": r.shared_words,
                          "decided_by": rule})
        else:
            found.append({"article_id": article_id, "label": "not derived", "source_id": "", "share": 0.0,
                          "containment": 0.0, "shared_words": 0, "decided_by": ""})
    return pd.DataFrame(found, columns=["article_id", "label", "source_id", "share", "containment", "shared_words",
                                        "decided_by"])


def reuse_tables(articles: pd.DataFrame, *, lsh_min_articles: int = LSH_MIN_ARTICLES) -> dict[str, pd.DataFrame]:
    """The ``reuse``, ``reuse_passages`` and ``derivation`` tables of ``articles``.

    ``reuse.label`` is the METER label of the target with respect to that
    source alone, and ``is_derivation`` marks the pair chosen in ``derivation``.
    """
    return labelled_tables(articles, *compare_pairs(articles, lsh_min_articles=lsh_min_articles))


def labelled_tables(articles: pd.DataFrame, reuse: pd.DataFrame, passages: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The three tables of :func:`reuse_tables` from the output of :func:`compare_pairs`."""
    derived = derivation(articles, reuse)
    reuse["label"] = reuse["share"].map(label_for)
    chosen = set(zip(derived["source_id"], derived["article_id"], strict=True))
    reuse["is_derivation"] = [(s, t) in chosen for s, t in zip(reuse["source_id"], reuse["target_id"], strict=True)]
    return {"reuse": reuse, "reuse_passages": passages, "derivation": derived}






