"""Benchmark: the NLP layer against bare ``nlp.pipe``, cold and warm.

Takes real articles from ../shared/corpora/allsides-5k (read from there,
never copied), cleans them with the suite's own build (no spaCy), then times:

1. bare spaCy: ``spacy.load`` of the same model package and ``nlp.pipe`` with the
   same ``n_process`` and ``batch_size``, every Doc consumed and dropped;
2. the NLP layer, cold: :func:`helpers.nlp.parse_articles` into an empty cache
   (parsing, DocBin and features written per text);
3. the NLP layer, warm: the same call again (nothing changed);
4. the coverage tables built on the warm cache (mentions, stories, facts …).

Prints words per second and the ratios; the targets are the layer at bare spaCy's
speed or better (ratio ≤ 1), and a warm re-run under 5 % of the cold time. The
layer runs the model's whole default pipeline on article bodies: sentences and
clauses need the parser, tokens and clauses the tagger, attribute ruler (POS) and
lemmatizer, mentions the entity recognizer; headlines skip the entity recognizer
(:data:`helpers.nlp.tables.HEADLINE_UNUSED`). Asserts nothing.

    .venv/bin/python benchmarks/bench_nlp.py [--limit 600] [--n-process 1] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
import spacy

from helpers.build import build_corpus
from helpers.config import repo_root
from helpers.nlp.entities import AliasTable
from helpers.nlp.model import load_model
from helpers.nlp.parse import parse_articles
from helpers.stage import nlp_tables
from helpers.text import count_words

DEFAULT_CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"


def cleaned_articles(corpus: Path, limit: int, work: Path) -> pd.DataFrame:
    """The first ``limit`` articles of the manifest, cleaned by the suite (hard links in a temporary folder: the
    build never follows a symlink out of the corpus folder)."""
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False).head(limit)
    raw = work / "raw"
    raw.mkdir()
    for name in manifest["file"]:
        try:
            os.link(corpus / name, raw / name)
        except OSError:
            shutil.copyfile(corpus / name, raw / name)
    manifest.to_csv(raw / "manifest.csv", index=False)
    build_corpus(raw, work / "clean", progress=False, nlp=False)
    return pd.read_parquet(work / "clean" / "articles.parquet")


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-nlp-"))
    try:
        articles = cleaned_articles(args.corpus, args.limit, work)
        texts = dict(zip(articles["article_id"], articles["text"], strict=True))
        words = sum(count_words(t) for t in texts.values())
        ours = load_model()
        bare = spacy.load(_package_of())

        def run_bare():
            for _ in bare.pipe(texts.values(), n_process=args.n_process, batch_size=args.batch_size):
                pass

        def run_layer():
            return parse_articles(texts, work / "processed", n_process=args.n_process, batch_size=args.batch_size)

        bare_seconds, _ = timed(run_bare)
        cold_seconds, cold = timed(run_layer)
        warm_seconds, warm = timed(run_layer)
        tables_seconds, _ = timed(lambda: nlp_tables(articles, work / "processed", AliasTable.for_corpus(None),
                                                     n_process=args.n_process))
        print(f"texts: {len(texts)} cleaned articles from {args.corpus.name}, {words:,} words; model "
              f"{ours.meta['name']} {ours.meta['version']}; n_process={args.n_process}, batch_size={args.batch_size}")
        print(f"bare nlp.pipe      {bare_seconds:8.1f} s  {words / bare_seconds:9,.0f} words/s")
        print(f"NLP layer, cold    {cold_seconds:8.1f} s  {words / cold_seconds:9,.0f} words/s  "
              f"({cold.n_parsed} parsed)  overhead {cold_seconds / bare_seconds - 1:+.1%}")
        print(f"ratio NLP layer / bare nlp.pipe (default pipeline, same run): {cold_seconds / bare_seconds:.3f} "
              "(target ≤ 1.000)")
        print(f"NLP layer, warm    {warm_seconds:8.2f} s  ({warm.n_parsed} parsed)  "
              f"{warm_seconds / cold_seconds:.2%} of cold (target < 5%)")
        print(f"every NLP table on the warm cache (sentences, mentions, tokens, stories, facts, reuse, quotes …): "
              f"{tables_seconds:.1f} s ({tables_seconds / cold_seconds:.1%} of the cold parse)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _package_of() -> str:
    """The installed package the suite's model came from, so bare spaCy loads exactly the same one."""
    from helpers.nlp.model import MODEL_PACKAGES

    for name in MODEL_PACKAGES:
        try:
            spacy.util.get_package_path(name)
            return name
        except (ModuleNotFoundError, OSError):
            continue
    raise RuntimeError("no model package found")


if __name__ == "__main__":
    main()
