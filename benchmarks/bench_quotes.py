"""Benchmark: quotes and speakers out of sample, scored with the Gender Gap Tracker's conventions.

Four gold splits, all annotated by hand in articles of ``../shared/corpora/allsides-5k`` (read in place):

* ``dev``: 22 articles of ``tests/gold/quotes_allsides.csv`` (guideline ``quotes_allsides.md``); the rules were
  developed on it (in sample), and ``--errors dev`` lists its errors;
* ``test``: the other 22 articles of that file, held aside and never tuned on, but scored many times;
* ``fresh``: ``tests/gold/quotes_allsides_fresh.csv`` (``quotes_allsides_fresh.md``), 12 articles from 12 outlets
  not in the first file, drawn with seed 20261122 and annotated before the suite's output on them was seen.
  Its errors are never printed; ``test + fresh`` pools both held-out splits;
* ``fresh2``: ``tests/gold/quotes_allsides_fresh2.csv`` (``quotes_allsides_fresh2.md``), 12 articles from 12 outlets
  in neither file, drawn with seed 20261123 and annotated blind, to measure a finished change once; its errors are
  never printed either, it is scored only when named (``--splits ... fresh2``), and ``test + fresh + fresh2``
  pools the three held-out splits.

The articles are copied, with a manifest, into a temporary folder outside the repository and built by the
suite (cleaning, spaCy, mentions, quotes); the extracted quotes are then scored by
:func:`helpers.framing.evaluation.score_ggt`: lenient (an extracted quote covers more than 30 % of a gold
quote's characters), strict (more than 80 %), exact, one-to-one in reading order, and speakers by phrase and by
canonical name on the lenient matches.

Prints the splits beside the Gender Gap Tracker's published figures (its own test set), per kind, and with
``--basil`` a speaker check on BASIL's ``gold_spans.csv``: the phrases annotated as inside a quote, with their
speaker, that an extracted quote covers, and whether its speaker is the annotated one (last names compared).
BASIL's events are split in two halves by a hash: the dev half's errors may be listed (``--errors dev``), the
held half's never. ``--write`` saves the allsides scores to ``tests/gold/quotes_allsides_scores.csv`` for
notebook 05.

    .venv/bin/python benchmarks/bench_quotes.py [--work DIR] [--errors dev] [--basil] [--write]
        [--splits dev test fresh fresh2]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import re
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
FRESH_FILE = GOLD_DIR / "quotes_allsides_fresh.csv"
FRESH2_FILE = GOLD_DIR / "quotes_allsides_fresh2.csv"
SPLIT_NAMES = {"dev": "dev (tuned on: in sample)", "test": "test (held aside, scored many times: out of sample)",
               "fresh": "fresh test (12 new outlets, never tuned on)", "test+fresh": "test + fresh (out of sample)",
               "fresh2": "fresh2 test (12 more new outlets, blind)",
               "test+fresh+fresh2": "test + fresh + fresh2 (out of sample)"}
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


def basil_half(file: str) -> str:
    """BASIL's events split in two halves by a hash of the event (its three articles stay together): the
    ``dev`` half's errors may be read, the ``held`` half's never."""
    event = "_".join(Path(file).stem.split("_")[1:3])
    return "dev" if int(hashlib.sha1(event.encode()).hexdigest(), 16) % 2 == 0 else "held"


def basil_label(label: str, text: str) -> str:
    """BASIL's speaker label with the name it cut at its first non-ASCII letter completed from the article
    ("Felipe_Calder" → Felipe Calderón), underscores as spaces."""
    label = label.replace("_", " ")
    last = label.split()[-1] if label.split() else ""
    if last and last.isascii():
        found = re.search(rf"\b{re.escape(last)}[^\W\d_]\w*", text)  # a letter goes on: "Calderón"
        if found and not found.group(0)[len(last)].isascii():
            return label[: len(label) - len(last)] + found.group(0)
    return label


GROUP_WORDS = {"democrats", "republicans", "lawmakers", "members", "officials", "party", "campaign", "catholics",
               "companies", "plaintiffs", "protestors", "now", "department"}


def basil_person(label: str) -> bool:
    """A BASIL speaker label that names one person ("Felipe Calderón", "Donald Trump Jr."), not a group, a party's
    lawmakers, a campaign or an organisation ("Democratic lawmakers", "Obama campaign", "NAACP")."""
    words = label.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not {w.casefold() for w in words} & GROUP_WORDS


def basil_speakers(work: Path, errors: bool = False) -> pd.DataFrame:
    """BASIL's phrases annotated as inside a quote, with a named speaker: is an extracted quote there, and
    is its speaker the annotated one (last names compared)? One row per half of the events and for all."""
    spans = pd.read_csv(SHARED / "basil" / "gold_spans.csv", dtype=str, keep_default_na=False)
    spans = spans[(spans["quote"] == "yes") & (spans["speaker"] != "") & ~spans["speaker"].str.startswith("other")]
    corpus = SHARED / "basil" / "corpus"
    files = sorted(set(spans["file"]))
    _, quotes = build_gold_articles(corpus, files, work)
    articles = pd.read_parquet(work / "processed" / "articles.parquet")
    ids = dict(zip(articles["file"], articles["article_id"], strict=True))
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    rows = []
    for row in spans.itertuples():
        article_id = ids.get(row.file)
        text = texts.get(article_id, "") if article_id else ""
        at = text.find(row.txt)
        if at < 0:
            continue
        mine = quotes[(quotes["article_id"] == article_id) & (quotes["start_char"] <= at)
                      & (quotes["end_char"] >= at + len(row.txt))]
        speaker = basil_label(row.speaker, text)
        right = any(same_speaker(speaker, s) for s in mine["speaker"])
        rows.append({"half": basil_half(row.file), "covered": len(mine) > 0, "right": right,
                     "person": basil_person(speaker)})
        if errors and len(mine) and not right and basil_half(row.file) == "dev":
            print(f"BASIL {row.file}: {speaker!r} found {list(mine['speaker'])} in {row.txt[:80]!r}")
    found = pd.DataFrame(rows)
    table = []
    for half, part in [("dev half (errors read)", found[found["half"] == "dev"]),
                       ("held half (never read)", found[found["half"] == "held"]), ("all", found)]:
        covered = part[part["covered"]]
        people = covered[covered["person"]]
        table.append({"BASIL events": half, "phrases": len(part), "inside an extracted quote": len(covered),
                      "speaker right": round(float(covered["right"].mean()), 3) if len(covered) else 0.0,
                      "of them a named person": len(people),
                      "speaker right (named people)": round(float(people["right"].mean()), 3) if len(people) else 0.0})
    return pd.DataFrame(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SHARED / "allsides-5k")
    parser.add_argument("--work", type=Path, help="a folder to build in and keep (default: a temporary one)")
    parser.add_argument("--errors", choices=["dev"], help="list the dev split's errors (never the test split's)")
    parser.add_argument("--basil", action="store_true", help="also check speakers on BASIL's gold_spans.csv")
    parser.add_argument("--write", action="store_true", help=f"save the scores to {SCORES_FILE.name}")
    parser.add_argument("--splits", nargs="+", default=["dev", "test", "fresh"],
                        choices=["dev", "test", "fresh", "fresh2"],
                        help="the splits to score (while developing: dev only)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-quotes-"))
    try:
        gold = load_gold(GOLD_DIR / "quotes_allsides.csv")
        articles, quotes = build_gold_articles(args.corpus, sorted(set(gold["file"]) | _zero_files()), work / "gold")
        for name, path in (("fresh", FRESH_FILE), ("fresh2", FRESH2_FILE)):  # held-out splits, each built on its own
            if name in args.splits:  # (quotes_allsides_fresh.md, quotes_allsides_fresh2.md)
                fresh = load_gold(path)
                more, more_quotes = build_gold_articles(args.corpus, sorted(set(fresh["file"])), work / name)
                gold = pd.concat([gold, fresh], ignore_index=True)
                articles = pd.concat([articles, more], ignore_index=True)
                quotes = pd.concat([quotes, more_quotes], ignore_index=True)
        ids = dict(zip(articles["file"], articles["article_id"], strict=True))
        gold["article_id"] = gold["file"].map(ids)
        texts = dict(zip(articles["article_id"], articles["text"], strict=True))
        scores = {}
        splits = [[split] for split in args.splits]
        if {"test", "fresh"} <= set(args.splits):
            splits.append(["test", "fresh"])
        if {"test", "fresh", "fresh2"} <= set(args.splits):
            splits.append(["test", "fresh", "fresh2"])
        for names in splits:
            part_ids = set(gold.loc[gold["split"].isin(names), "article_id"])
            part_ids |= {i for split in names for i in _zero_ids(split, ids)}
            part = gold[gold["split"].isin(names)]
            split = "+".join(names)
            scores[split] = score_ggt(quotes, part, texts, articles=sorted(part_ids))
            s = scores[split]
            print(f"{split}: {s['articles']} articles, {s['gold']} gold quotes, {s['found']} extracted; recall by "
                  f"kind: direct {s['recall_direct']:.3f}, mixed {s['recall_mixed']:.3f}, "
                  f"indirect {s['recall_indirect']:.3f}; F1 exact {s['f1_exact']:.3f}")
        table = ggt_table(scores).rename(columns=SPLIT_NAMES)
        print(table.to_string(index=False))
        if args.errors:
            part = gold[gold["split"] == args.errors]
            print_errors(ggt_matches(quotes[quotes["article_id"].isin(set(part["article_id"]))], part, texts), texts)
        if args.basil:
            basil = basil_speakers(work / "basil", bool(args.errors))
            print("BASIL speaker check (phrases inside quotes, last names compared):")
            print(basil.to_string(index=False))
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
