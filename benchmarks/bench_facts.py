"""Benchmark: fact alignment against the hand-aligned BASIL sentences (tests/gold/facts_basil*).

The gold set (12 BASIL events × Fox News, NYT, HuffPost; tests/gold/facts_basil.md says how it was made)
lists every pair of sentences of two articles of one event that state the same fact, and marks the pairs
worded with no content word in common as ``paraphrase``. Its sentences come from its own regex splitter, so
each is mapped to the parser's sentences it covers (:func:`helpers.coverage.evaluation.map_gold_sentences`);
then every cross-article pair of gold sentences of an event is predicted aligned or not by the facts table.

Builds ../shared/corpora/basil/corpus (or reuses ``--out``), aligns each gold event's three articles as one
story (the alignment alone, whatever the grouping did) and prints precision, recall and F1 of the aligned
pairs, the recall of ``same`` and ``paraphrase`` pairs, on the **development** events (the 6 whose id sorts
first: FACT_SIMILARITY was chosen on them) and the **held-out** events (the other 6); then the same for the
facts table as built (stories as grouped), and a threshold sweep. Asserts nothing.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_facts.py [--out /tmp/basil-out]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pandas as pd

from helpers.build import build_corpus
from helpers.config import FACT_SIMILARITY, GOLD_DIR, repo_root
from helpers.coverage.evaluation import alignment_pairs, alignment_scores, map_gold_sentences
from helpers.coverage.facts import align_facts
from helpers.storage import read_table

DEFAULT_BASIL = repo_root().parent / "shared" / "corpora" / "basil"


def read_gold(folder: Path = GOLD_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gold sentences (``article_id, gold_id, text, event``) and pairs (``article_a, gold_a, article_b,
    gold_b, relation``) with the corpus's article ids."""
    sentences = pd.read_csv(folder / "facts_basil_sentences.csv", dtype={"text": str})
    sentences = sentences.assign(article_id=sentences["file"].str.removesuffix(".txt"),
                                 gold_id=sentences["sentence_id"])
    pairs = pd.read_csv(folder / "facts_basil.csv")
    pairs = pairs.assign(article_a=pairs["file_a"].str.removesuffix(".txt"), gold_a=pairs["sentence_a"],
                         article_b=pairs["file_b"].str.removesuffix(".txt"), gold_b=pairs["sentence_b"])
    return sentences, pairs


def line(name: str, scores: dict) -> str:
    return (f"  {name:<34} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}  "
            f"(gold pairs {scores['gold_pairs']}, predicted {scores['predicted_pairs']}; recall of 'same' "
            f"{scores.get('recall_same', 0):.2f}, of 'paraphrase' {scores.get('recall_paraphrase', 0):.2f}: "
            f"{scores.get('missed_paraphrase', 0)} of {scores.get('gold_paraphrase', 0)} paraphrase pairs missed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--out", type=Path, default=None, help="where to build (default: a temporary folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-facts-"))
    build_corpus(args.basil / "corpus", out, progress=False)
    tables = {t: read_table(out, t) for t in ("articles", "sentences", "tokens", "mentions", "stories", "facts")}
    gold_sentences, gold_pairs = read_gold()
    events = gold_sentences[["article_id", "event"]].drop_duplicates()
    mapping = map_gold_sentences(gold_sentences, tables["sentences"], tables["articles"])
    mapped = mapping[["article_id", "gold_id"]].drop_duplicates()
    print(f"{len(events)} articles of {events['event'].nunique()} events; {len(mapped)} of {len(gold_sentences)} "
          f"gold sentences found in the built texts (the others are lines cleaning removed)")
    event_ids = sorted(events["event"].unique())
    parts = {"development events (6)": set(event_ids[:6]), "held-out events (6)": set(event_ids[6:]),
             "all 12 events": set(event_ids)}
    gold_stories = events.assign(story_id=events["event"].map({e: n for n, e in enumerate(event_ids, 1)}))

    def scores(facts: pd.DataFrame, chosen: set[str]) -> dict:
        ids = set(events[events["event"].isin(chosen)]["article_id"])
        return alignment_scores(alignment_pairs(facts, mapping[mapping["article_id"].isin(ids)], gold_pairs,
                                                events))

    facts = align_facts(gold_stories[["article_id", "story_id"]], tables["articles"], tables["tokens"],
                        tables["mentions"])
    print(f"\nEach gold event aligned as one story, FACT_SIMILARITY = {FACT_SIMILARITY}:")
    for name, chosen in parts.items():
        print(line(name, scores(facts, chosen)))
    print("\nThe facts table as built (stories as the grouping found them):")
    print(line("all 12 events", scores(tables["facts"], parts["all 12 events"])))

    print("\nSensitivity: F1 (P / R) by FACT_SIMILARITY")
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
        facts = align_facts(gold_stories[["article_id", "story_id"]], tables["articles"], tables["tokens"],
                            tables["mentions"], threshold=threshold)
        cells = []
        for name in ("development events (6)", "held-out events (6)"):
            s = scores(facts, parts[name])
            cells.append(f"{name.split()[0]} {s['f1']:.3f} ({s['precision']:.2f} / {s['recall']:.2f})")
        print(f"  {threshold:.2f}   " + "   ".join(cells))


if __name__ == "__main__":
    main()
