"""Scoring extracted quotes against a hand-annotated gold set, as the Gender Gap Tracker scores its own.

The gold sets live in ``tests/gold/``; tests and the framing notebook's accuracy cells read them and pass
them in. Nothing here knows where they are.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.text import words

# Gender Gap Tracker (docs/methods.md): quotes at 0.3 span overlap, and speakers, on 98 hand-annotated articles.
GGT_FIGURES = {"precision": 0.846, "recall": 0.827, "f1": 0.837, "speaker_accuracy": (0.865, 0.874)}


def _words(text: str) -> list[str]:
    return [w.casefold() for w in words(str(text))]


def overlap(a: str, b: str) -> float:
    """Shared words of two quotes over the longer one's words (0 to 1)."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    common = sum((pd.Series(words_a).value_counts().combine(pd.Series(words_b).value_counts(), min,
                                                             fill_value=0)).clip(lower=0))
    return float(common) / max(len(words_a), len(words_b))


def match_gold(found: pd.DataFrame, gold: pd.DataFrame, threshold: float = 0.3) -> pd.DataFrame:
    """One-to-one matches of extracted quotes to gold quotes in the same article, best overlap first.

    Returns one row per gold quote and per unmatched extracted quote: ``gold``,
    ``found``, ``overlap``, ``gold_speaker``, ``found_speaker``, ``speaker_ok``.
    """
    pairs = []
    for article_id, part in gold.groupby("article_id"):
        mine = found[found["article_id"] == article_id]
        for g, gold_row in part.iterrows():
            for f, found_row in mine.iterrows():
                score = overlap(gold_row["quote"], found_row["quote"])
                if score >= threshold:
                    pairs.append((score, g, f))
    used_g, used_f, rows = set(), set(), []
    for score, g, f in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if g in used_g or f in used_f:
            continue
        used_g.add(g)
        used_f.add(f)
        rows.append({"article_id": gold.at[g, "article_id"], "gold": gold.at[g, "quote"], "found": found.at[f, "quote"],
                     "overlap": score, "gold_speaker": gold.at[g, "speaker"], "found_speaker": found.at[f, "speaker"],
                     "speaker_ok": _same(gold.at[g, "speaker"], found.at[f, "speaker"])})
    for g in gold.index.difference(list(used_g)):
        rows.append({"article_id": gold.at[g, "article_id"], "gold": gold.at[g, "quote"], "found": "", "overlap": 0.0,
                     "gold_speaker": gold.at[g, "speaker"], "found_speaker": "", "speaker_ok": False})
    for f in found.index.difference(list(used_f)):
        if found.at[f, "article_id"] in set(gold["article_id"]):
            rows.append({"article_id": found.at[f, "article_id"], "gold": "", "found": found.at[f, "quote"],
                         "overlap": 0.0, "gold_speaker": "", "found_speaker": found.at[f, "speaker"],
                         "speaker_ok": False})
    return pd.DataFrame(rows, columns=["article_id", "gold", "found", "overlap", "gold_speaker", "found_speaker",
                                       "speaker_ok"])


def _same(a, b) -> bool:
    return str(a or "").strip().casefold() == str(b or "").strip().casefold()


def evaluate(found: pd.DataFrame, gold: pd.DataFrame, threshold: float = 0.3) -> dict[str, float]:
    """Precision, recall and F1 of quote spans at ``threshold`` word overlap, and speaker accuracy on matches."""
    matches = match_gold(found, gold, threshold)
    matched = matches[(matches["gold"] != "") & (matches["found"] != "")]
    n_found = int(found["article_id"].isin(set(gold["article_id"])).sum())
    precision = len(matched) / n_found if n_found else 0.0
    recall = len(matched) / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = float(matched["speaker_ok"].mean()) if len(matched) else 0.0
    return {"quotes_gold": len(gold), "quotes_found": n_found, "matched": len(matched), "precision": precision,
            "recall": recall, "f1": f1, "speaker_accuracy": speaker}


def load_gold(path: str | Path) -> pd.DataFrame:
    """The hand-annotated gold quotes (article_id, kind, quote, speaker, verb, note)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def compare_with_ggt(scores: dict[str, float]) -> pd.DataFrame:
    """Our scores beside the Gender Gap Tracker's published ones (quotes at 0.3 overlap; speakers)."""
    rows = []
    for measure in ("precision", "recall", "f1", "speaker_accuracy"):
        published = GGT_FIGURES[measure]
        shown = (f"{published[0]:.1%} to {published[1]:.1%}" if isinstance(published, tuple)
                 else f"{published:.1%}")
        rows.append({"measure": measure, "this suite": f"{scores[measure]:.1%}", "Gender Gap Tracker": shown})
    return pd.DataFrame(rows)
