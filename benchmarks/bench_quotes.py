"""Benchmark: quotes and speakers out of sample, scored with the Gender Gap Tracker's conventions.

The gold set is ``tests/gold/quotes_allsides.csv`` (517 hand-annotated attributions in 44 articles of
``../shared/corpora/allsides-5k``; guideline in ``quotes_allsides.md``), split into ``dev`` (the rules were
developed on it) and ``test`` (held aside: never tuned on). The 44 articles are copied, with a manifest,
into a temporary folder outside the repository and built by the suite (cleaning, spaCy, mentions, quotes);
the extracted quotes are then scored by :func:`helpers.framing.evaluation.score_ggt`: lenient (an
extracted quote covers more than 30 % of a gold quote's characters), strict (more than 80 %), exact,
one-to-one in reading order, and speakers by phrase and by canonical name on the lenient matches.

Prints dev and test beside the Gender Gap Tracker's published figures (its own test set), per kind,
and with ``--basil`` a speaker check on BASIL's ``gold_spans.csv`` (phrases inside quotes, with their
speaker). ``--write`` saves the scores to ``tests/gold/quotes_allsides_scores.csv`` for notebook 05.

    .venv/bin/python benchmarks/bench_quotes.py [--work DIR] [--errors dev] [--basil] [--write]
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from helpers.build import build_corpus
from helpers.config import GOLD_DIR, repo_root
from helpers.framing.evaluation import ggt_matches, ggt_table, load_gold, same_speaker, score_ggt
from helpers.framing.tables import quote_rows
from helpers.nlp.parse import parse_articles

SHARED = repo_root().parent / "shared" / "corpora"
SCORES_FILE = GOLD_DIR / "quotes_allsides_scores.csv"
ZERO_ARTICLES = {"zQDvDZ4rfbdIfyFY.txt": "test"}  # sampled, annotated, no attribution (see quotes_allsides.md)


def build_gold_articles(corpus: Path, files: list[str], work: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Copy ``files`` and their manifest rows into ``work/raw``, build them, return (articles, quotes)."""
    raw = work / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
    manifest = manifest[manifest["file"].isin(files)]
    for name in manifest["file"]:
        if not (raw / name).exists():
            shutil.copyfile(corpus / name, raw / name)
    manifest.to_csv(raw / "manifest.csv", index=False)
    build_corpus(raw, work / "processed", progress=False)
    return extract(work / "processed")


def extract(processed: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The built articles and their quotes, extracted again with the code as it is now (parses are cached)."""
    articles = pd.read_parquet(processed / "articles.parquet")
    mentions = pd.read_parquet(processed / "mentions.parquet")
    parsed = parse_articles(dict(zip(articles["article_id"], articles["text"], strict=True)), processed)
    return articles, quote_rows(parsed.docs(), mentions)


def print_errors(table: pd.DataFrame, texts: dict[str, str]) -> None:
    """Misses, false alarms and wrong speakers, for development (never run on the test split)."""
    for row in table.itertuples():
        if isinstance(row.quote, str) and pd.isna(row.found_index):
            print(f"MISS  [{row.kind}] {row.article_id}: {row.quote[:150]!r} ({row.cue} / {row.speaker})")
        elif not isinstance(row.quote, str):
            print(f"FALSE {row.article_id}: {row.found_quote[:150]!r} ({row.found_speaker})")
        elif row.coverage <= 0.8:
            print(f"PART  [{row.kind}] {row.article_id} {row.coverage:.2f}: gold {row.quote[:120]!r}\n"
                  f"{'':6}found {row.found_quote[:120]!r}")
        if isinstance(row.quote, str) and pd.notna(row.found_index) and not row.speaker_name_ok:
            print(f"SPKR  {row.article_id}: gold {row.speaker!r} ({row.speaker_text!r}) found "
                  f"{row.found_speaker!r} ({row.found_speaker_text!r}) in {row.quote[:80]!r}")


def basil_speakers(work: Path, errors: bool = False) -> dict[str, float]:
    """BASIL's phrases annotated as inside a quote, with a named speaker: is an extracted quote there, and
    is its speaker the annotated one (last names compared)?"""
    spans = pd.read_csv(SHARED / "basil" / "gold_spans.csv", dtype=str, keep_default_na=False)
    spans = spans[(spans["quote"] == "yes") & (spans["speaker"] != "") & ~spans["speaker"].str.startswith("other")]
    spans = spans.assign(speaker=spans["speaker"].str.replace("_", " "))
    corpus = SHARED / "basil" / "corpus"
    files = sorted(set(spans["file"]))
    _, quotes = build_gold_articles(corpus, files, work)
    articles = pd.read_parquet(work / "processed" / "articles.parquet")
    ids = dict(zip(articles["file"], articles["article_id"], strict=True))
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    covered = right = 0
    for row in spans.itertuples():
        article_id = ids.get(row.file)
        at = texts.get(article_id, "").find(row.txt) if article_id else -1
        if at < 0:
            continue
        mine = quotes[(quotes["article_id"] == article_id) & (quotes["start_char"] <= at)
                      & (quotes["end_char"] >= at + len(row.txt))]
        if len(mine):
            covered += 1
            right += any(same_speaker(row.speaker, s) for s in mine["speaker"])
            if errors and not any(same_speaker(row.speaker, s) for s in mine["speaker"]):
                print(f"BASIL {row.file}: {row.speaker!r} found {list(mine['speaker'])} in {row.txt[:80]!r}")
    return {"phrases": len(spans), "inside an extracted quote": covered,
            "speaker right": right / covered if covered else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SHARED / "allsides-5k")
    parser.add_argument("--work", type=Path, help="a folder to build in and keep (default: a temporary one)")
    parser.add_argument("--errors", choices=["dev"], help="list the dev split's errors (never the test split's)")
    parser.add_argument("--basil", action="store_true", help="also check speakers on BASIL's gold_spans.csv")
    parser.add_argument("--write", action="store_true", help=f"save the scores to {SCORES_FILE.name}")
    parser.add_argument("--splits", nargs="+", default=["dev", "test"], choices=["dev", "test"],
                        help="the splits to score (while developing: dev only)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-quotes-"))
    try:
        gold = load_gold(GOLD_DIR / "quotes_allsides.csv")
        articles, quotes = build_gold_articles(args.corpus, sorted(set(gold["file"]) | _zero_files()), work / "gold")
        ids = dict(zip(articles["file"], articles["article_id"], strict=True))
        gold["article_id"] = gold["file"].map(ids)
        texts = dict(zip(articles["article_id"], articles["text"], strict=True))
        scores = {}
        for split in args.splits:
            part_ids = set(gold.loc[gold["split"] == split, "article_id"]) | _zero_ids(split, ids)
            part = gold[gold["split"] == split]
            scores[split] = score_ggt(quotes, part, texts, articles=sorted(part_ids))
            s = scores[split]
            print(f"{split}: {s['articles']} articles, {s['gold']} gold quotes, {s['found']} extracted; recall by "
                  f"kind: direct {s['recall_direct']:.3f}, mixed {s['recall_mixed']:.3f}, "
                  f"indirect {s['recall_indirect']:.3f}; F1 exact {s['f1_exact']:.3f}")
        table = ggt_table(scores).rename(columns={"dev": "dev (tuned on: in sample)",
                                                  "test": "test (held aside: out of sample)"})
        print(table.to_string(index=False))
        if args.errors:
            part = gold[gold["split"] == args.errors]
            print_errors(ggt_matches(quotes[quotes["article_id"].isin(set(part["article_id"]))], part, texts), texts)
        if args.basil:
            print("BASIL speaker check (development data):", basil_speakers(work / "basil", bool(args.errors)))
        if args.write:
            table.insert(0, "measured", datetime.date.today().isoformat())
            table.to_csv(SCORES_FILE, index=False)
            print("written:", SCORES_FILE)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def _zero_files() -> set[str]:
    """Sampled gold articles with no attribution at all (quotes_allsides.md): they count, as articles where a
    tool should find nothing."""
    return set(ZERO_ARTICLES)


def _zero_ids(split: str, ids: dict[str, str]) -> set[str]:
    return {ids[f] for f, in_split in ZERO_ARTICLES.items() if f in ids and in_split == split}


if __name__ == "__main__":
    main()
