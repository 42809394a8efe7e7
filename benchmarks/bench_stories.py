"""Benchmark: same-event stories on BASIL (300 articles, 100 events × Fox News, NYT, HuffPost).

Builds ../shared/corpora/basil/corpus with the suite's own build (which never sees the truth), then scores
the ``stories`` table against ../shared/corpora/basil/gold_events.csv: pairwise precision, recall and F1 over
all pairs of articles, and the adjusted Rand index (:func:`helpers.coverage.evaluation.pairwise_scores`).

The parameters were chosen on the **development half** (the 50 events whose id sorts first); the **held-out
half** (the other 50) was not looked at while choosing. Each half is also grouped on its own, from its own
tables, under harder conditions than BASIL's dates give (its events are mostly weeks apart, so the date
window alone separates most of them):

* ``no dates``: every article undated (text alone, the stricter undated threshold);
* ``30 % undated``: a seeded 30 % of the articles lose their date;
* ``events within 30 / 7 days``: each event moved (seeded) to a random day of a 30- or 7-day span, keeping
  the days between its articles, so that many events compete inside one date window;
* ``10-event samples``: 20 seeded samples of 10 events (30 articles), small corpora like a class's.

Then a sensitivity sweep of STORY_SIMILARITY × STORY_TIME_SIGMA_DAYS and of UNDATED_STORY_SIMILARITY on both
halves. Prints the figures; asserts nothing.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_stories.py [--out /tmp/basil-out] [--n-process 1]
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.build import build_corpus
from helpers.config import repo_root
from helpers.coverage.evaluation import pairwise_scores
from helpers.coverage.stories import StoryParameters, group_stories, story_features
from helpers.storage import read_table

DEFAULT_BASIL = repo_root().parent / "shared" / "corpora" / "basil"
SEED = 11


def line(name: str, scores: dict) -> str:
    return (f"  {name:<26} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}  "
            f"ARI {scores['ari']:.3f}  stories {scores['groups']}")


def half_features(tables: dict[str, pd.DataFrame], articles: pd.DataFrame):
    ids = set(articles["article_id"])
    return story_features(articles, *(tables[t][tables[t]["article_id"].isin(ids)]
                                      for t in ("tokens", "mentions", "headline_tokens")))


def scenarios(features, events: np.ndarray, rng: np.random.Generator) -> dict[str, object]:
    """The same features under the conditions of the module docstring."""
    undated = copy.copy(features)
    undated.days = np.full(len(features), np.nan)
    some = copy.copy(features)
    some.days = np.where(rng.random(len(features)) < 0.3, np.nan, features.days)
    out = {"as published": features, "no dates": undated, "30 % undated": some}
    first = pd.Series(features.days).groupby(events).transform("min").to_numpy()
    for span in (30, 7):
        moved = copy.copy(features)
        start = {e: rng.integers(0, span) for e in sorted(set(events))}
        moved.days = features.days - first + np.array([start[e] for e in events])
        out[f"events within {span} days"] = moved
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--out", type=Path, default=None, help="where to build (default: a temporary folder)")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-stories-"))
    started = time.perf_counter()
    report = build_corpus(args.basil / "corpus", out, n_process=args.n_process, progress=False)
    print(f"Built {report.n_built} BASIL articles into {out} in {time.perf_counter() - started:.0f} s")
    tables = {t: read_table(out, t) for t in ("articles", "stories", "tokens", "mentions", "headline_tokens")}
    gold = pd.read_csv(args.basil / "gold_events.csv", dtype=str)
    event_of = dict(zip(gold["file"].str.removesuffix(".txt"), gold["event"], strict=True))
    articles = tables["articles"].sort_values("article_id").reset_index(drop=True)
    truth = articles["article_id"].map(event_of)
    built = articles["article_id"].map(tables["stories"].set_index("article_id")["story_id"])
    print("\nAll 300 articles, the stories table as built (dev + held-out, so partly in sample):")
    print(line("as built", pairwise_scores(built, truth)))

    event_ids = sorted(set(truth))
    halves = {"development half": set(event_ids[: len(event_ids) // 2]),
              "held-out half": set(event_ids[len(event_ids) // 2:])}
    sweeps = {}
    for name, chosen in halves.items():
        part = articles[truth.isin(chosen)].reset_index(drop=True)
        events = part["article_id"].map(event_of).to_numpy()
        features = half_features(tables, part)
        rng = np.random.default_rng(SEED)
        print(f"\n{name} ({len(part)} articles, {len(chosen)} events), grouped on its own:")
        for scenario, variant in scenarios(features, events, rng).items():
            print(line(scenario, pairwise_scores(group_stories(variant)[0], events)))
        samples = []
        for _ in range(20):
            picked = set(rng.choice(sorted(chosen), size=10, replace=False))
            small = part[part["article_id"].map(event_of).isin(picked)].reset_index(drop=True)
            small_events = small["article_id"].map(event_of).to_numpy()
            samples.append(pairwise_scores(group_stories(half_features(tables, small))[0], small_events)["f1"])
        print(f"  {'10-event samples (20)':<26} F1 mean {np.mean(samples):.3f}  min {np.min(samples):.3f}")
        sweeps[name] = (features, events)

    print("\nSensitivity, pairwise F1 with dates as published / with the events moved within 7 days "
          "(rows: STORY_SIMILARITY; columns: σ in days):")
    sigmas = (1.0, 2.0, 3.0, 4.0, 6.0)
    for name, (features, events) in sweeps.items():
        crowded = scenarios(features, events, np.random.default_rng(SEED))["events within 7 days"]
        print(f"  {name}: " + "".join(f"{f'σ={s:g}':<14}" for s in sigmas))
        for threshold in (0.15, 0.18, 0.2, 0.22, 0.25, 0.3):
            cells = [[pairwise_scores(group_stories(variant, StoryParameters(threshold=threshold, sigma_days=s))[0],
                                      events)["f1"] for variant in (features, crowded)] for s in sigmas]
            print(f"    {threshold:.2f}  " + "".join(f"{a:.3f} / {b:.3f}  " for a, b in cells))
    print("\nSensitivity, no dates at all (text alone): pairwise P / R / F1 by UNDATED_STORY_SIMILARITY:")
    for name, (features, events) in sweeps.items():
        undated = copy.copy(features)
        undated.days = np.full(len(features), np.nan)
        cells = []
        for value in (0.2, 0.25, 0.3, 0.35):
            scores = pairwise_scores(group_stories(undated, replace(StoryParameters(), undated_threshold=value))[0],
                                     events)
            cells.append(f"{value:.2f}: {scores['precision']:.2f}/{scores['recall']:.2f}/{scores['f1']:.3f}")
        print(f"  {name:<18} " + "   ".join(cells))


if __name__ == "__main__":
    main()
