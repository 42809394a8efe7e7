"""Benchmark: text reuse at scale, MinHash LSH candidates against all-pairs comparison.

Reads the 5,000 real articles of ../shared/corpora/allsides-5k (plain text
files; nothing is copied into the repository) and plants one derivative of
each in memory (seeded): verbatim copies, light rewrites (word substitutions,
British spellings, curly quotes, a sentence dropped, a few words inserted),
excerpts (a run of paragraphs) and reordered paragraphs. Then:

1. the reuse pipeline (``helpers.compare_pairs``: MinHash LSH over paragraph chunks
   candidates, exact containment and alignment of the candidates only) on all
   10,000 articles, timed, with the recall of the 5,000 planted pairs: a pair
   is found when the derivative's row says at least partially derived;
2. every pair of a subsample (half planted pairs, half other articles):
   ``compare_pairs`` with LSH switched off, for the recall of all-pairs on
   the planted pairs inside it; and the containment of every pair with
   Python sets (faster per pair than the pipeline's numpy intersection),
   timed and extrapolated quadratically to all articles. The all-pairs time
   adds the preparation of every text and the alignments the LSH run did, so
   it is a lower bound: all-pairs would align those pairs and maybe more.

Prints the figures; asserts nothing.

    .venv/bin/python benchmarks/bench_reuse.py [--sample 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

import pandas as pd

from helpers.config import PARTIALLY_DERIVED as PARTIALLY
from helpers.config import REUSE_SCREEN as SCREEN
from helpers.config import repo_root
from helpers.reuse.align import align_words
from helpers.reuse.tables import compare_pairs
from helpers.reuse.text import ids_and_offsets, shingle_hashes
from helpers.text import normalize_text

DEFAULT_CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"
KINDS = ("verbatim copy", "light rewrite", "excerpt", "reordered paragraphs")
SYNONYMS = {"said": "stated", "says": "states", "also": "as well", "big": "large", "but": "however",
            "told": "informed", "people": "individuals", "new": "fresh", "show": "indicate", "help": "assist",
            "many": "numerous", "about": "around", "before": "prior to", "after": "following", "get": "obtain",
            "make": "create", "very": "extremely", "start": "begin", "asked": "questioned", "used": "employed"}
BRITISH = [(re.compile(r"\b(\w{3,})ize(s|d)?\b"), r"\1ise\2"), (re.compile(r"\b(col|fav|lab|hon|behavi|neighb)or"),
                                                                   r"\1our"),
           (re.compile(r"\bdefense\b", re.I), "defence"), (re.compile(r"\bcenter"), "centre"),
           (re.compile(r"\bprogram\b"), "programme")]


def read_corpus(folder: Path) -> pd.DataFrame:
    """The corpus's articles: article_id, outlet, published and the normalised text of each file."""
    manifest = pd.read_csv(folder / "manifest.csv", dtype=str, keep_default_na=False)
    texts = [normalize_text((folder / name).read_text(encoding="utf-8", errors="replace"))
             for name in manifest["file"]]
    return pd.DataFrame({"article_id": manifest["file"].str.replace(".txt", "", regex=False),
                         "outlet": manifest["outlet"], "dateline": "",
                         "published": pd.to_datetime(manifest["published"], errors="coerce"),
                         "date_precision": "day", "text": texts})


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def light_rewrite(text: str, rng: random.Random) -> str:
    """Synonyms for about half the listed words, British spellings, curly quotes, one sentence dropped, a few
    words inserted."""
    words = text.split(" ")
    out = []
    for word in words:
        core = word.strip(".,;:\"'")
        if core in SYNONYMS and rng.random() < 0.5:
            word = word.replace(core, SYNONYMS[core])
        out.append(word)
        if rng.random() < 0.01:
            out.append(rng.choice(["reportedly", "indeed", "now", "however,"]))
    text = " ".join(out)
    for pattern, replacement in BRITISH:
        text = pattern.sub(replacement, text)
    text = re.sub(r'"([^"\n]*)"', "“\\1”", text)
    sentences = re.split(r"(?<=[.!?]) (?=[A-Z])", text)
    if len(sentences) > 4:
        del sentences[rng.randrange(1, len(sentences))]
    return " ".join(sentences)


def excerpt(text: str, rng: random.Random) -> str:
    """A run of paragraphs, about a third to two thirds of the article (wire copy cut to fit)."""
    parts = paragraphs(text)
    if len(parts) < 3:
        words = text.split(" ")
        keep = max(40, int(len(words) * rng.uniform(0.35, 0.65)))
        start = rng.randrange(0, max(1, len(words) - keep))
        return " ".join(words[start:start + keep])
    keep = max(2, round(len(parts) * rng.uniform(0.35, 0.65)))
    start = rng.randrange(0, len(parts) - keep + 1)
    return "\n\n".join(parts[start:start + keep])


def reorder(text: str, rng: random.Random) -> str:
    parts = paragraphs(text)
    shuffled = parts[:]
    while len(parts) > 1 and shuffled == parts:
        rng.shuffle(shuffled)
    return "\n\n".join(shuffled)


def plant(articles: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One derivative per article, the kinds in turn: (all articles, planted pairs source_id/target_id/kind)."""
    rng = random.Random(seed)
    rows, pairs = [], []
    for number, article in enumerate(articles.to_dict("records")):
        kind = KINDS[number % len(KINDS)]
        text = article["text"]
        derived = {"verbatim copy": lambda t: t, "light rewrite": lambda t: light_rewrite(t, rng),
                   "excerpt": lambda t: excerpt(t, rng), "reordered paragraphs": lambda t: reorder(t, rng)}[kind](text)
        target_id = f"planted-{number:05d}"
        rows.append({**article, "article_id": target_id, "outlet": "planted", "text": derived,
                     "published": article["published"] + pd.Timedelta(days=1)})
        pairs.append({"source_id": article["article_id"], "target_id": target_id, "kind": kind})
    return pd.concat([articles, pd.DataFrame(rows)], ignore_index=True), pd.DataFrame(pairs)


def recall(table: pd.DataFrame, planted: pd.DataFrame) -> pd.Series:
    """Share of planted pairs whose derivative the table labels at least partially derived from its source, by kind."""
    found = table[table["share"] >= PARTIALLY][["source_id", "target_id"]].assign(found=True)
    merged = planted.merge(found, on=["source_id", "target_id"], how="left")
    merged["found"] = merged["found"].fillna(False).astype(bool)
    by_kind = merged.groupby("kind")["found"].mean()
    by_kind["all"] = merged["found"].mean()
    return by_kind


def prepare_seconds(articles: pd.DataFrame) -> float:
    """Time of the per-article work (words, offsets, shingles) that both methods do once per article."""
    start = time.perf_counter()
    for text in articles["text"]:
        ids, _ = ids_and_offsets(text)
        set(shingle_hashes(ids).tolist())
    return time.perf_counter() - start


def pair_seconds(articles: pd.DataFrame) -> float:
    """Time to compute the containment of every pair of ``articles`` both ways (the all-pairs comparison)."""
    sets = [set(shingle_hashes(ids_and_offsets(t)[0]).tolist()) for t in articles["text"]]
    start = time.perf_counter()
    for a in range(len(sets)):
        for b in range(a + 1, len(sets)):
            common = len(sets[a] & sets[b])
            max(common / max(len(sets[a]), 1), common / max(len(sets[b]), 1)) >= SCREEN  # noqa: B015
    return time.perf_counter() - start


def align_seconds(articles: pd.DataFrame, table: pd.DataFrame) -> float:
    """Time to align the pairs the LSH run aligned (those with passages or above the screening containment)."""
    ids = {a: ids_and_offsets(t)[0] for a, t in zip(articles["article_id"], articles["text"], strict=True)}
    done = table[table["source_id"] < table["target_id"]]
    done = done[(done["n_passages"] > 0) | (done["containment"] >= SCREEN)]
    start = time.perf_counter()
    for a, b in zip(done["source_id"], done["target_id"], strict=True):
        align_words([], [], source_ids=ids[a], target_ids=ids[b])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sample", type=int, default=1000, help="articles in the all-pairs subsample")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    real = read_corpus(args.corpus)
    articles, planted = plant(real, args.seed)
    n = len(articles)
    print(f"{len(real):,} real articles + {len(planted):,} planted derivatives = {n:,} articles "
          "(" + ", ".join(f"{(planted['kind'] == k).sum():,} {k}" for k in KINDS) + ")")

    start = time.perf_counter()
    table, passages = compare_pairs(articles)
    lsh_seconds = time.perf_counter() - start
    lsh_recall = recall(table, planted)
    print(f"LSH pipeline on {n:,} articles: {lsh_seconds:.1f} s; {len(table) // 2:,} candidate pairs compared "
          f"and aligned ({n * (n - 1) // 2:,} pairs in all), {len(passages) // 2:,} shared passages")

    rng = random.Random(args.seed)
    half = args.sample // 2  # half planted pairs (both ends), half other articles: recall needs planted pairs
    chosen = planted.iloc[sorted(rng.sample(range(len(planted)), half // 2))]
    members = set(chosen["source_id"]) | set(chosen["target_id"])
    others = [a for a in articles["article_id"] if a not in members]
    members |= set(rng.sample(others, args.sample - len(members)))
    sample = articles[articles["article_id"].isin(members)].reset_index(drop=True)
    k = len(sample)
    start = time.perf_counter()
    sample_table, _ = compare_pairs(sample, lsh_min_articles=k + 1)  # every pair, same comparison
    sample_seconds = time.perf_counter() - start
    compare_seconds = pair_seconds(sample)
    prepare = prepare_seconds(articles)
    align = align_seconds(articles, table)
    # Lower bound for all-pairs on the n articles: the same preparation, every pair's containment (quadratic
    # in n), and at least the alignments the LSH run did (all-pairs aligns those pairs and maybe a few more).
    all_pairs_seconds = prepare + compare_seconds * (n * (n - 1)) / (k * (k - 1)) + align
    inside = planted[planted["source_id"].isin(members) & planted["target_id"].isin(members)]
    all_pairs_recall = recall(sample_table, inside)
    lsh_on_sample = recall(table, inside)
    print(f"all-pairs on a subsample of {k:,} articles ({k * (k - 1) // 2:,} pairs, {len(inside):,} planted "
          f"pairs inside): {sample_seconds:.1f} s in all, {compare_seconds:.1f} s comparing the pairs; "
          f"on the {n:,}: preparing the texts {prepare:.1f} s, aligning the LSH run's pairs {align:.1f} s")
    print()
    print(f"LSH time (10,000 articles):              {lsh_seconds:8.1f} s")
    print(f"all-pairs time (extrapolated to {n:,}): {all_pairs_seconds:8.1f} s")
    print(f"speed-up:                                {all_pairs_seconds / lsh_seconds:8.1f}x  (target >= 50x)")
    print(f"recall of planted pairs, LSH (all {len(planted):,}):   {lsh_recall['all']:.1%}  (target >= 95 %)")
    print(f"recall on the subsample's {len(inside):,} planted pairs: LSH {lsh_on_sample['all']:.1%}, "
          f"all-pairs {all_pairs_recall['all']:.1%}")
    print("LSH recall by kind: " + ", ".join(f"{kind} {lsh_recall[kind]:.1%}" for kind in KINDS))


if __name__ == "__main__":
    main()
