"""Benchmark: story grouping at 10,000 articles (sparse neighbours in a date window, average linkage).

Reads the 5,000 real articles of ../shared/corpora/allsides-5k (read in place, never copied) and doubles them
into 10,000: each article again as a copy published one day later under another id (so every article has a
near-duplicate inside its window, the densest case for the neighbour graph), undated articles (12 % of
allsides) staying undated, which makes them compared with every article.

To keep the run short it does NOT parse the texts with spaCy: the features the grouping compares are made
with regular expressions instead (lower-cased words without stop words for the lemmas, runs of capitalised
words for the entities, the headline and the first three sentences for the lead), then weighted and normed by
the suite's own :func:`helpers.coverage.stories.tfidf`. The grouping itself (:func:`group_stories`, what the
build runs) is timed on them, with the process's peak memory. Prints the figures, the story sizes and how many
copies landed in their original's story; asserts nothing.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_stories_scale.py [--copies 2]
"""

from __future__ import annotations

import argparse
import re
import resource
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from helpers.config import STORY_LEAD_SENTENCES, date_slack, repo_root
from helpers.coverage.stories import StoryFeatures, StoryParameters, group_stories, tfidf

DEFAULT_CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def cheap_features(texts: list[str], headlines: list[str]) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Lemma-like words, entity-like names and lead words of each text, without a parser."""
    words, names, leads = [], [], []
    for text, headline in zip(texts, headlines, strict=True):
        body = [w.lower() for w in WORD.findall(text)]
        words.append([w for w in body if w not in ENGLISH_STOP_WORDS])
        names.append(sorted(set(NAME.findall(text))))
        lead = " ".join(SENTENCE.split(text)[:STORY_LEAD_SENTENCES])
        leads.append([w.lower() for w in WORD.findall(f"{headline} {lead}") if w.lower() not in ENGLISH_STOP_WORDS])
    return words, names, leads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=2, help="how many times the corpus is repeated (2: 10,000)")
    args = parser.parse_args()
    manifest = pd.read_csv(args.corpus / "manifest.csv", dtype=str, keep_default_na=False)
    texts = [(args.corpus / name).read_text(encoding="utf-8", errors="replace").partition("\n")[2]
             for name in manifest["file"]]
    published = pd.to_datetime(manifest["published"], errors="coerce", format="%Y-%m-%d")
    started = time.perf_counter()
    words, names, leads = cheap_features(texts, list(manifest["headline"]))
    n = len(texts) * args.copies
    days = ((published - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    features = StoryFeatures(
        ids=[f"{copy}-{name}" for copy in range(args.copies) for name in manifest["file"]],
        lemmas=tfidf(words * args.copies), entities=tfidf(names * args.copies, binary=True),
        lead=tfidf(leads * args.copies), days=np.concatenate([days + copy for copy in range(args.copies)]),
        slack=np.full(n, float(date_slack("day"))),
    )
    prepared = time.perf_counter() - started
    print(f"{n:,} articles ({int(np.isnan(features.days).sum()):,} undated); features without spaCy in "
          f"{prepared:.1f} s")
    tracemalloc.start()
    started = time.perf_counter()
    labels, pairs = group_stories(features, StoryParameters())
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"group_stories: {elapsed:.1f} s, peak memory allocated during grouping {peak / 2**20:,.0f} MiB, "
          f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB")
    print(f"scored pairs in the sparse graph: {len(pairs):,} (all pairs would be {n * (n - 1) // 2:,})")
    sizes = pd.Series(labels).value_counts()
    print(f"stories: {len(sizes):,}; sizes: {sizes.value_counts().sort_index().to_dict()}")
    base = len(texts)
    together = np.mean([labels[i] == labels[i + base] for i in range(base)]) if args.copies > 1 else float("nan")
    print(f"copies in their original's story: {together:.1%}")


if __name__ == "__main__":
    main()
